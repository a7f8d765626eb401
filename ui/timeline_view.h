#pragma once

#include "verification_result.h"

#include <QColor>
#include <QHash>
#include <QListView>

class QPainter;
class QStandardItemModel;

namespace dkimi::ui {

// The times of one message on a vertical axis, time flowing downward: one row per event of
// MessageResult::timeline, in core's order. The scale is ordinal, not linear (a message can hold times
// seconds and years apart): events are evenly spaced, the real gap between two times is written between
// them, and longer gaps get a little more room (logarithmically; a break mark on the axis for gaps over
// a day). Contradictions are brackets beside the axis from the first to the last event concerned, amber
// for notes and warnings, red for errors, numbered as in the pane's list. The evaluation time used for
// x= and t= is a dashed line at its place among the events. A list view underneath: arrows, Home/End
// and clicks select events, and each row is an accessible item with its time and words.
class TimelineView : public QListView {
    Q_OBJECT
public:
    static constexpr int EventRole = Qt::UserRole + 1; // int: index into Timeline::events

    explicit TimelineView(QWidget *parent = nullptr);

    // r must stay alive while shown (the pane holds its evidence); nullptr clears.
    void setResult(const MessageResult *r);
    const MessageResult *result() const { return m_result; }

    int currentEvent() const;             // -1: none
    void setCurrentEvent(int event);      // -1 clears; does not emit eventActivated
    int eventAt(const QPoint &pos) const; // viewport coordinates; -1: none
    QRect eventRect(int event) const;     // the event's row, viewport coordinates

    // Where the evaluation-time line is drawn: before row `evaluationRow()` (== events: after the last).
    int evaluationRow() const { return m_evalRow; }
    QString evaluationText() const { return m_evalText; }
    // The lane (0 = nearest the axis) of each contradiction's bracket.
    int laneOf(int contradiction) const { return m_lanes.value(contradiction, -1); }
    static QColor severityColor(Severity s);

Q_SIGNALS:
    void eventActivated(int event); // by the user (click, keys)

protected:
    void resizeEvent(QResizeEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    friend class TimelineDelegate;
    struct Row {
        int gapHeight = 0; // room above the event: the gap to the one before, the evaluation line
        QString gapText;   // "+4 s"; empty when not known
        bool scaleBreak = false;
        bool evalBefore = false;
        bool evalAfter = false; // the last row: the evaluation line below it
        QString time1, time2;   // left of the axis
        QString title, subtitle, chip;
        bool chipWarn = false;
        QList<int> contradictions;
    };
    void rebuild();
    int rowHeight(int row) const;
    int bodyHeight() const;
    int evalBand() const;
    int axisX() const;
    int timeColumnWidth() const;
    void paintRow(QPainter *p, const QStyleOptionViewItem &opt, int row) const;
    void paintMark(QPainter *p, const QPointF &c, const TimelineEvent &e, const QColor &fill) const;

    QStandardItemModel *m_model = nullptr;
    const MessageResult *m_result = nullptr;
    QList<Row> m_rows;
    QHash<int, int> m_lanes; // contradiction -> lane
    int m_laneCount = 0;
    int m_evalRow = -1;
    QString m_evalText, m_evalTime;
    bool m_silent = false;
};

} // namespace dkimi::ui
