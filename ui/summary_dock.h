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
    // Recomputes now (normally throttled).
    void refresh();

private:
    void schedule();

    MessageListModel *m_model;
    SummaryView *m_view;
    QTimer *m_timer;
    BatchSummary m_summary;
};

} // namespace dkimi::ui
