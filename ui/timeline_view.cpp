#include "timeline_view.h"

#include "verdict_icons.h"
#include "verdict_presenter.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTimer>

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace dkimi::ui {

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

// A gap in the largest two units that matter: "4 s", "2 h 13 min", "3 d 4 h", "2 y 40 d".
QString durationWords(qint64 secs)
{
    const qint64 s = secs < 0 ? -secs : secs;
    auto two = [](qint64 a, const QString &ua, qint64 b, const QString &ub) {
        return b == 0 ? QStringLiteral("%1 %2").arg(a).arg(ua)
                      : QStringLiteral("%1 %2 %3 %4").arg(a).arg(ua).arg(b).arg(ub);
    };
    if (s < 60)
        return TimelineView::tr("%1 s").arg(s);
    if (s < 3600)
        return two(s / 60, TimelineView::tr("min"), s % 60, TimelineView::tr("s"));
    if (s < 86400)
        return two(s / 3600, TimelineView::tr("h"), (s % 3600) / 60, TimelineView::tr("min"));
    if (s < 365 * 86400)
        return two(s / 86400, TimelineView::tr("d"), (s % 86400) / 3600, TimelineView::tr("h"));
    return two(s / (365 * 86400), TimelineView::tr("y"), (s % (365 * 86400)) / 86400, TimelineView::tr("d"));
}

QString signedDuration(qint64 secs)
{
    return (secs < 0 ? QStringLiteral("−") : QStringLiteral("+")) + durationWords(secs);
}

QString hopWords(const ReceivedHeader &h)
{
    const QString by = h.value("by"), from = h.value("from");
    if (!by.isEmpty() && !from.isEmpty())
        return TimelineView::tr("%1 received it from %2").arg(by, from);
    if (!by.isEmpty())
        return TimelineView::tr("%1 received it").arg(by);
    if (!from.isEmpty())
        return TimelineView::tr("received from %1").arg(from);
    return TimelineView::tr("a server received it");
}

QString domainOf(const MessageResult &r, int signature)
{
    return signature >= 0 && signature < r.signatures.size() ? latin(r.signatures.at(signature).signature.domain)
                                                             : QString();
}

QString title(const TimelineEvent &e, const MessageResult &r)
{
    switch (e.kind) {
    case TimelineEventKind::Date:
        return e.time.isValid() ? TimelineView::tr("The author's program dated the message")
                                : TimelineView::tr("The Date header, which is not a readable time");
    case TimelineEventKind::SignatureTimestamp:
        return TimelineView::tr("%1 says it signed the message (signature %2)")
            .arg(domainOf(r, e.signatureIndex))
            .arg(e.signatureIndex + 1);
    case TimelineEventKind::SignatureExpiry:
        return TimelineView::tr("Signature %1 by %2 expires")
            .arg(e.signatureIndex + 1)
            .arg(domainOf(r, e.signatureIndex));
    case TimelineEventKind::Received:
        return TimelineView::tr("Hop %1: %2").arg(e.hop).arg(e.received ? hopWords(*e.received) : QString());
    case TimelineEventKind::ArcSeal: {
        const ArcHop *h = r.arc.hop(e.arcInstance);
        return TimelineView::tr("Forwarder %1 sealed the message (ARC set %2)")
            .arg(h ? latin(h->sealDomain) : QString())
            .arg(e.arcInstance);
    }
    case TimelineEventKind::AuthenticationResults: {
        QString server;
        for (const AuthenticationResults &ar : r.authenticationResults) {
            if (!ar.arc && ar.headerIndex == e.headerIndex)
                server = latin(ar.authservId);
        }
        return server.isEmpty() ? TimelineView::tr("A server recorded its checks (no server named)")
                                : TimelineView::tr("%1 recorded its checks").arg(server);
    }
    case TimelineEventKind::KeyFirstSeen:
        return TimelineView::tr("The key store first saw the key of signature %1").arg(e.signatureIndex + 1);
    case TimelineEventKind::KeyLastSeen:
        return TimelineView::tr("The key store last saw the key of signature %1").arg(e.signatureIndex + 1);
    case TimelineEventKind::KeyReplaced:
        return TimelineView::tr("The key store first saw a different key at the selector of signature %1")
            .arg(e.signatureIndex + 1);
    }
    return e.label;
}

QString subtitle(const TimelineEvent &e)
{
    QStringList parts{e.source};
    switch (e.kind) {
    case TimelineEventKind::Received:
        if (e.received) {
            if (!e.received->leadingComment.isEmpty())
                parts << e.received->leadingComment; // qmail's "(qmail 4721 invoked from network)"
            for (const char *c : {"with", "id", "for"}) {
                const QString v = e.received->value(c);
                if (!v.isEmpty())
                    parts << QStringLiteral("%1 %2").arg(QLatin1String(c), v);
            }
        }
        parts << (e.timeText.isEmpty() ? TimelineView::tr("no time stamp")
                                       : TimelineView::tr("stamped “%1”").arg(e.timeText));
        break;
    case TimelineEventKind::Date:
        parts << TimelineView::tr("written “%1”").arg(e.timeText);
        break;
    case TimelineEventKind::SignatureTimestamp:
        parts << QStringLiteral("t=%1").arg(e.timeText);
        break;
    case TimelineEventKind::SignatureExpiry:
        parts << QStringLiteral("x=%1").arg(e.timeText);
        break;
    case TimelineEventKind::ArcSeal:
        parts << QStringLiteral("t=%1").arg(e.timeText);
        break;
    case TimelineEventKind::AuthenticationResults:
        parts << TimelineView::tr("no time of its own: placed by its position among the Received headers");
        break;
    case TimelineEventKind::KeyFirstSeen:
    case TimelineEventKind::KeyLastSeen:
    case TimelineEventKind::KeyReplaced:
        parts << e.label;
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

QString basisWords(const QString &basis)
{
    if (basis == QLatin1String("now"))
        return TimelineView::tr("judged now (the time of this check)");
    if (basis == QLatin1String("date_header"))
        return TimelineView::tr("judged at the Date header");
    if (basis == QLatin1String("first_received"))
        return TimelineView::tr("judged at the first Received hop");
    return TimelineView::tr("judged at a chosen time");
}

} // namespace

// Paints one row of the axis; the view holds the layout.
class TimelineDelegate : public QStyledItemDelegate {
public:
    explicit TimelineDelegate(TimelineView *view) : QStyledItemDelegate(view), m_view(view) {}
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        return {m_view->viewport()->width(), m_view->rowHeight(index.row())};
    }
    void paint(QPainter *p, const QStyleOptionViewItem &opt, const QModelIndex &index) const override
    {
        m_view->paintRow(p, opt, index.row());
    }

private:
    TimelineView *m_view;
};

TimelineView::TimelineView(QWidget *parent) : QListView(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    m_model = new QStandardItemModel(this);
    setModel(m_model);
    setItemDelegate(new TimelineDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformItemSizes(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMouseTracking(true);
    setAccessibleName(tr("Timeline: every time in the message, earliest first"));
    setAccessibleDescription(tr("Use the up and down arrows to move from one time to the next; the selected "
                                "event's header is marked in the raw message."));
    setToolTip(QString());
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        if (!m_silent && cur.isValid())
            Q_EMIT eventActivated(cur.data(EventRole).toInt());
    });
}

QColor TimelineView::severityColor(Severity s)
{
    return VerdictIcons::color(s == Severity::Error ? VerdictIcons::Kind::Fail : VerdictIcons::Kind::Caveat);
}

void TimelineView::setResult(const MessageResult *r)
{
    m_result = r;
    rebuild();
}

int TimelineView::currentEvent() const
{
    const QModelIndex cur = currentIndex();
    return cur.isValid() && selectionModel()->isSelected(cur) ? cur.data(EventRole).toInt() : -1;
}

void TimelineView::setCurrentEvent(int event)
{
    m_silent = true;
    if (event >= 0 && event < m_model->rowCount()) {
        const QModelIndex idx = m_model->index(event, 0);
        setCurrentIndex(idx);
        scrollTo(idx);
        // Once more when pending layouts are done (the dock may just have been given its room).
        QTimer::singleShot(0, this, [this, p = QPersistentModelIndex(idx)] {
            if (p.isValid())
                scrollTo(p);
        });
    } else {
        selectionModel()->clearCurrentIndex();
        clearSelection();
    }
    m_silent = false;
}

int TimelineView::eventAt(const QPoint &pos) const
{
    const QModelIndex idx = indexAt(pos);
    return idx.isValid() ? idx.data(EventRole).toInt() : -1;
}

QRect TimelineView::eventRect(int event) const
{
    return event >= 0 && event < m_model->rowCount() ? visualRect(m_model->index(event, 0)) : QRect();
}

int TimelineView::bodyHeight() const
{
    return 2 * fontMetrics().height() + 10;
}

int TimelineView::evalBand() const
{
    return fontMetrics().height() + 10;
}

int TimelineView::timeColumnWidth() const
{
    // Wide enough for the bold evaluation time ("2026-11-29 19:14:45 UTC") written on its line.
    QFont bold = font();
    bold.setBold(true);
    return qMax(fontMetrics().horizontalAdvance(QStringLiteral("2025-06-01 (Wed) 00:00")),
                QFontMetrics(bold).horizontalAdvance(QStringLiteral("2026-11-29 19:14:45 UTC"))) +
           16;
}

int TimelineView::axisX() const
{
    return 8 + timeColumnWidth() + 12 + m_laneCount * 14 + 10;
}

int TimelineView::rowHeight(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return bodyHeight();
    const Row &r = m_rows.at(row);
    return r.gapHeight + bodyHeight() + (r.evalAfter ? evalBand() + 6 : 0);
}

void TimelineView::rebuild()
{
    m_silent = true;
    m_model->clear();
    m_rows.clear();
    m_lanes.clear();
    m_laneCount = 0;
    m_evalRow = -1;
    m_evalText.clear();
    m_evalTime.clear();
    if (!m_result) {
        m_silent = false;
        return;
    }
    const Timeline &t = m_result->timeline;
    const int n = int(t.events.size());
    const int line = fontMetrics().height();

    // Contradiction brackets: lanes so that no two overlapping spans share one.
    QList<QPair<int, int>> laneEnds; // per lane: the last row taken
    for (int c = 0; c < t.contradictions.size(); ++c) {
        const QList<int> &evs = t.contradictions.at(c).events;
        if (evs.isEmpty())
            continue;
        const int a = *std::min_element(evs.begin(), evs.end());
        const int b = *std::max_element(evs.begin(), evs.end());
        int lane = 0;
        while (lane < laneEnds.size() && laneEnds.at(lane).second >= a)
            ++lane;
        if (lane == laneEnds.size())
            laneEnds.append({a, b});
        else
            laneEnds[lane] = {a, b};
        m_lanes.insert(c, lane);
    }
    m_laneCount = int(laneEnds.size());

    // The evaluation line goes after the last event with a time at or before it.
    if (m_result->evaluatedAt.isValid()) {
        m_evalRow = 0;
        for (int i = 0; i < n; ++i) {
            if (t.events.at(i).time.isValid() && t.events.at(i).time <= m_result->evaluatedAt)
                m_evalRow = i + 1;
        }
        m_evalTime = m_result->evaluatedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        m_evalText = tr("x= and t= %1: %2").arg(basisWords(m_result->evaluatedAtBasis), m_evalTime);
    }

    for (int i = 0; i < n; ++i) {
        const TimelineEvent &e = t.events.at(i);
        Row r;
        r.gapHeight = i == 0 ? 6 : line + 6;
        if (i > 0) {
            const TimelineEvent &prev = t.events.at(i - 1);
            if (prev.time.isValid() && e.time.isValid()) {
                const qint64 gap = prev.time.secsTo(e.time);
                r.gapText = gap == 0 ? tr("same second") : signedDuration(gap);
                // Longer gaps get a little more room: about 6 px per factor of ten, at most 36.
                r.gapHeight += int(qMin(36.0, 6.0 * std::log10(1.0 + double(qAbs(gap)))));
                r.scaleBreak = qAbs(gap) > 86400;
            }
        }
        if (m_evalRow == i) {
            r.evalBefore = true;
            r.gapHeight += evalBand();
        }
        r.evalAfter = i == n - 1 && m_evalRow == n;
        if (e.time.isValid()) {
            const QDateTime u = e.time.toUTC();
            r.time1 = u.toString(QStringLiteral("HH:mm:ss 'UTC'"));
            r.time2 = QLocale::c().toString(u, QStringLiteral("yyyy-MM-dd (ddd)"));
        } else {
            r.time1 = tr("no time");
            r.time2 = tr("placed by position");
        }
        r.title = title(e, *m_result);
        r.subtitle = subtitle(e);
        if (e.kind == TimelineEventKind::Received && e.delaySeconds && e.delayFromEvent >= 0) {
            const int from = t.events.at(e.delayFromEvent).hop;
            r.chip = *e.delaySeconds < 0 ? tr("%1 before hop %2").arg(durationWords(*e.delaySeconds)).arg(from)
                                         : tr("+%1 after hop %2").arg(durationWords(*e.delaySeconds)).arg(from);
            r.chipWarn = *e.delaySeconds < 0;
        }
        QStringList tip{e.label, e.source};
        if (!e.timeText.isEmpty())
            tip << tr("As written: %1").arg(e.timeText);
        if (e.time.isValid())
            tip << tr("Read as: %1").arg(VerdictPresenter::formatUtc(e.time));
        else
            tip << tr("No time of its own: placed by its position among the Received headers.");
        if (!r.chip.isEmpty())
            tip << tr("Delay from the hop below: %1").arg(r.chip);
        for (int c = 0; c < t.contradictions.size(); ++c) {
            if (t.contradictions.at(c).events.contains(i)) {
                r.contradictions << c;
                tip << tr("Contradiction %1: %2").arg(c + 1).arg(t.contradictions.at(c).detail);
            }
        }
        auto *item = new QStandardItem;
        // What a screen reader says for the row: time, words, delay.
        QString spoken = e.time.isValid() ? tr("%1 %2: %3").arg(r.time2, r.time1, r.title)
                                          : tr("No time of its own: %1").arg(r.title);
        if (!r.chip.isEmpty())
            spoken += QStringLiteral(", ") + r.chip;
        if (!r.contradictions.isEmpty())
            spoken += r.contradictions.size() == 1 ? tr(", part of contradiction %1").arg(r.contradictions.first() + 1)
                                                   : tr(", part of %1 contradictions").arg(r.contradictions.size());
        item->setText(spoken);
        item->setToolTip(tip.join(QLatin1Char('\n')));
        item->setData(i, EventRole);
        item->setEditable(false);
        m_model->appendRow(item);
        m_rows.append(r);
    }
    doItemsLayout();
    m_silent = false;
}

void TimelineView::paintMark(QPainter *p, const QPointF &c, const TimelineEvent &e, const QColor &fill) const
{
    // A shape per kind, so that the mark does not rely on colour: circle hop, square Date, diamond
    // t=, hollow diamond x=, triangle ARC seal, small ring key store; no time: hollow, dashed.
    const qreal r = 6.5;
    QPen pen(palette().color(QPalette::Text), 1.5);
    if (!e.time.isValid())
        pen.setStyle(Qt::DashLine);
    p->setPen(pen);
    const bool hollow = !e.time.isValid() || e.kind == TimelineEventKind::SignatureExpiry;
    p->setBrush(hollow ? palette().color(QPalette::Base) : fill);
    QPainterPath path;
    switch (e.kind) {
    case TimelineEventKind::Date:
        path.addRect(QRectF(c.x() - r + 1, c.y() - r + 1, 2 * r - 2, 2 * r - 2));
        break;
    case TimelineEventKind::SignatureTimestamp:
    case TimelineEventKind::SignatureExpiry:
        path.moveTo(c.x(), c.y() - r - 1);
        path.lineTo(c.x() + r + 1, c.y());
        path.lineTo(c.x(), c.y() + r + 1);
        path.lineTo(c.x() - r - 1, c.y());
        path.closeSubpath();
        break;
    case TimelineEventKind::ArcSeal:
        path.moveTo(c.x(), c.y() - r);
        path.lineTo(c.x() + r, c.y() + r - 1);
        path.lineTo(c.x() - r, c.y() + r - 1);
        path.closeSubpath();
        break;
    case TimelineEventKind::KeyFirstSeen:
    case TimelineEventKind::KeyLastSeen:
    case TimelineEventKind::KeyReplaced:
        path.addEllipse(c, r - 2, r - 2);
        break;
    default:
        path.addEllipse(c, r, r);
        break;
    }
    p->drawPath(path);
}

void TimelineView::paintRow(QPainter *p, const QStyleOptionViewItem &opt, int row) const
{
    if (!m_result || row < 0 || row >= m_rows.size())
        return;
    const Timeline &t = m_result->timeline;
    const Row &r = m_rows.at(row);
    const TimelineEvent &e = t.events.at(row);
    const QRect rect = opt.rect;
    const QFontMetrics fm(opt.font);
    const int line = fm.height();
    const int ax = axisX();
    const int body = rect.top() + r.gapHeight;
    const int markY = body + bodyHeight() / 2;
    const QColor text = palette().color(QPalette::Text);
    QColor muted = palette().color(QPalette::PlaceholderText);
    if (muted.alpha() < 255 || qAbs(muted.lightness() - palette().color(QPalette::Base).lightness()) < 90)
        muted = palette().color(QPalette::Dark); // keep secondary words readable on every palette
    const QColor axis = palette().color(QPalette::Mid);
    const QColor info = VerdictIcons::color(VerdictIcons::Kind::Info);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    // Selection: the event's band.
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected) {
        QColor hl = palette().color(QPalette::Highlight);
        hl.setAlpha(50);
        p->fillRect(QRect(rect.left(), body, rect.width(), bodyHeight()), hl);
        if (opt.state & QStyle::State_HasFocus) {
            p->setPen(QPen(palette().color(QPalette::Highlight), 1));
            p->setBrush(Qt::NoBrush);
            p->drawRect(QRectF(rect.left() + 0.5, body + 0.5, rect.width() - 1, bodyHeight() - 1));
        }
    }

    // The axis: from the top of the first mark to an arrow below the last one.
    const int last = int(m_rows.size()) - 1;
    const int top = row == 0 ? markY : rect.top();
    const int bottom = row == last ? rect.bottom() - 4 : rect.bottom() + 1;
    p->setPen(QPen(axis, 2));
    if (r.scaleBreak) {
        // A break in the scale: more time passed here than the room suggests.
        const int mid = rect.top() + (r.gapHeight - (r.evalBefore ? evalBand() : 0)) / 2;
        p->drawLine(ax, top, ax, mid - 4);
        p->drawLine(ax, mid + 4, ax, bottom);
        p->drawLine(ax - 6, mid - 1, ax + 6, mid - 7);
        p->drawLine(ax - 6, mid + 7, ax + 6, mid + 1);
    } else {
        p->drawLine(ax, top, ax, bottom);
    }
    if (row == last) {
        QPainterPath arrow;
        arrow.moveTo(ax - 5, bottom - 7);
        arrow.lineTo(ax, bottom);
        arrow.lineTo(ax + 5, bottom - 7);
        p->setBrush(Qt::NoBrush);
        p->drawPath(arrow);
    }

    // The gap to the event above, written beside the axis.
    const int timeRight = 8 + timeColumnWidth();
    if (!r.gapText.isEmpty()) {
        const int gapBand = r.gapHeight - (r.evalBefore ? evalBand() : 0);
        p->setPen(muted);
        QFont f = opt.font;
        f.setItalic(true);
        p->setFont(f);
        p->drawText(QRect(8, rect.top(), timeRight - 8, gapBand), Qt::AlignRight | Qt::AlignVCenter, r.gapText);
        p->setFont(opt.font);
    }

    // The evaluation time: a dashed line across, with its basis.
    auto evalLine = [&](int y0) {
        const int y = y0 + evalBand() / 2;
        p->setPen(QPen(info, 1.5, Qt::DashLine));
        p->drawLine(8, y, rect.right() - 8, y);
        QFont f = opt.font;
        f.setBold(true);
        p->setFont(f);
        const QFontMetrics bfm(f);
        const QString left = m_evalTime;
        const int lw = bfm.horizontalAdvance(left) + 8;
        const QRect lr(timeRight - lw, y - line / 2 - 1, lw, line + 2);
        p->fillRect(lr, palette().color(QPalette::Base));
        p->setPen(info);
        p->drawText(lr, Qt::AlignCenter, left);
        const QString words = tr("Evaluation time: %1").arg(basisWords(m_result->evaluatedAtBasis));
        const int ww = qMin(bfm.horizontalAdvance(words) + 12, rect.right() - ax - 24);
        const QRect wr(ax + 16, y - line / 2 - 1, ww, line + 2);
        p->fillRect(wr, palette().color(QPalette::Base));
        p->drawText(wr, Qt::AlignCenter, bfm.elidedText(words, Qt::ElideRight, ww - 4));
        p->setFont(opt.font);
    };
    if (r.evalBefore)
        evalLine(rect.top() + r.gapHeight - evalBand());
    if (r.evalAfter)
        evalLine(body + bodyHeight() + 3);

    // Contradiction brackets, from the first to the last event concerned.
    for (auto it = m_lanes.cbegin(); it != m_lanes.cend(); ++it) {
        const TimelineContradiction &c = t.contradictions.at(it.key());
        const int a = *std::min_element(c.events.begin(), c.events.end());
        const int b = *std::max_element(c.events.begin(), c.events.end());
        if (row < a || row > b)
            continue;
        const int x = ax - 16 - it.value() * 14;
        const QColor col = severityColor(c.severity);
        QPen pen(col, 2.5);
        pen.setStyle(c.severity == Severity::Note || c.severity == Severity::Info ? Qt::DashLine : Qt::SolidLine);
        p->setPen(pen);
        const int y1 = row == a ? markY : rect.top();
        const int y2 = row == b ? markY : rect.bottom() + 1;
        p->drawLine(x, y1, x, y2);
        if (c.events.contains(row))
            p->drawLine(x, markY, ax - 8, markY);
        if (row == a) {
            // The number, as in the list above the axis.
            const QRectF bubble(x - 8, markY - 8, 16, 16);
            p->setPen(Qt::NoPen);
            p->setBrush(col);
            p->drawEllipse(bubble);
            p->setPen(Qt::white);
            QFont f = opt.font;
            f.setBold(true);
            f.setPointSizeF(f.pointSizeF() * 0.8);
            p->setFont(f);
            p->drawText(bubble, Qt::AlignCenter, QString::number(it.key() + 1));
            p->setFont(opt.font);
        }
    }

    // The mark: filled in the colour of the worst contradiction it is part of.
    QColor fill = text;
    Severity worst = Severity::Info;
    for (int c : r.contradictions) {
        if (t.contradictions.at(c).severity >= worst) {
            worst = t.contradictions.at(c).severity;
            fill = severityColor(worst);
        }
    }
    paintMark(p, QPointF(ax, markY), e, fill);

    // The time, left of the axis.
    p->setPen(e.time.isValid() ? text : muted);
    QFont tf = opt.font;
    tf.setBold(e.time.isValid());
    p->setFont(tf);
    p->drawText(QRect(8, body + 4, timeRight - 8, line), Qt::AlignRight | Qt::AlignVCenter, r.time1);
    p->setFont(opt.font);
    p->setPen(muted);
    p->drawText(QRect(8, body + 4 + line, timeRight - 8, line), Qt::AlignRight | Qt::AlignVCenter, r.time2);

    // The words, right of the axis: delay chip, title; then where it is written.
    int x = ax + 16;
    const int right = rect.right() - 8;
    if (!r.chip.isEmpty()) {
        const QColor cc = r.chipWarn ? severityColor(Severity::Warning) : axis;
        const int cw = fm.horizontalAdvance(r.chip) + 14;
        const QRectF chip(x, body + 4, cw, line);
        QColor bg = cc;
        bg.setAlpha(r.chipWarn ? 50 : 40);
        p->setPen(QPen(cc, 1));
        p->setBrush(bg);
        p->drawRoundedRect(chip, line / 2.0, line / 2.0);
        p->setPen(text);
        p->drawText(chip, Qt::AlignCenter, r.chip);
        x += cw + 8;
    }
    QFont bf = opt.font;
    bf.setBold(selected);
    p->setFont(bf);
    p->setPen(text);
    p->drawText(QRect(x, body + 4, right - x, line), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(bf).elidedText(r.title, Qt::ElideRight, right - x));
    p->setFont(opt.font);
    p->setPen(muted);
    p->drawText(QRect(ax + 16, body + 4 + line, right - ax - 16, line), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(r.subtitle, Qt::ElideRight, right - ax - 16));
    p->restore();
}

void TimelineView::resizeEvent(QResizeEvent *e)
{
    QListView::resizeEvent(e);
    doItemsLayout(); // rows are as wide as the view
    if (currentIndex().isValid())
        scrollTo(currentIndex()); // keep the selected event in sight when the dock changes size
}

void TimelineView::changeEvent(QEvent *e)
{
    QListView::changeEvent(e);
    if (e->type() == QEvent::FontChange || e->type() == QEvent::PaletteChange)
        rebuild();
}

} // namespace dkimi::ui
