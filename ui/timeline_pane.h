#pragma once

#include "inspector_pane.h"

class QLabel;
class QStackedWidget;

namespace dkimi::ui {

class TimelineView;

// Every time in the message on a vertical axis (MessageResult::timeline): the Date header, each
// signature's t= and x=, every Received hop with its delay, ARC seals, where Authentication-Results
// were written, the key store's history of each key; the contradictions between them listed in plain
// words above the axis and drawn on it; the evaluation time used for x= and t=. Selecting an event
// marks its header (for t= and x=: the time's own bytes) in the raw message, and a click on a
// Received, Date or DKIM-Signature header in the raw message selects its event.
class TimelinePane : public InspectorPane {
    Q_OBJECT
public:
    explicit TimelinePane(QWidget *parent = nullptr);

    TimelineView *view() const { return m_view; }
    QLabel *contradictionsLabel() const { return m_contradictions; }
    QLabel *emptyLabel() const { return m_empty; }
    bool showsEmptyState() const;

    // The plain words of a contradiction code (docs/codes.md, "Timeline").
    static QString contradictionWords(const QString &code);
    // What selecting an event marks: its header field, or for t= and x= the time's own bytes.
    static FieldSelection selectionFor(const MessageResult &r, int event);
    // The event a selection made elsewhere points at; -1: none.
    static int eventFor(const MessageResult &r, const FieldSelection &sel);

    // Selects an event (index into Timeline::events) as a click on it would.
    void selectEvent(int event);
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void rebuild();
    void selectEvents(const QList<int> &events, const QString &label);

    QLabel *m_legend = nullptr;
    QLabel *m_contradictions = nullptr;
    QLabel *m_empty = nullptr;
    QStackedWidget *m_stack = nullptr;
    TimelineView *m_view = nullptr;
    EvidencePtr m_shown;
};

} // namespace dkimi::ui
