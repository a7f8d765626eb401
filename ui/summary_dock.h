#pragma once

#include "batch_summary.h"

#include <QDockWidget>

class QTimer;

namespace dkimi::ui {

class MessageListModel;
class SummaryView;

// The summary view as a dock beside the inspector: totals and charts over everything in the list,
// brought up to date (at most a few times a second) as results arrive.
class SummaryDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SummaryDock(MessageListModel *model, QWidget *parent = nullptr);

    SummaryView *view() const { return m_view; }
    const BatchSummary &summary() const { return m_summary; }
    // Brings the totals up to date now (normally throttled): rows appended since the last time are
    // added; any other change (a row re-verified, removed, the list reset) recounts the whole list.
    void refresh();
    // Archives read to their end, each with its SHA-256 (a file read again replaces its entry);
    // forgotten when the list is emptied.
    void addArchives(const QList<ArchiveDigest> &archives);
    // How many times the whole list was counted again (an append only adds its rows).
    int recounts() const { return m_recounts; }

private:
    void schedule();
    void scheduleRecount();

    MessageListModel *m_model;
    SummaryView *m_view;
    QTimer *m_timer;
    BatchSummary m_summary;
    QList<ArchiveDigest> m_archives;
    int m_counted = 0;     // model rows already in m_summary (rows are only ever appended)
    bool m_recount = true; // something other than an append happened: count everything again
    int m_recounts = 0;
};

} // namespace dkimi::ui
