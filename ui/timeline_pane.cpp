#include "timeline_pane.h"

#include "timeline_view.h"
#include "verdict_presenter.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace dkimi::ui {

TimelinePane::TimelinePane(QWidget *parent) : InspectorPane(tr("Timeline"), parent)
{
    setObjectName(QStringLiteral("timelinePane"));
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    m_legend = new QLabel(box);
    m_legend->setObjectName(QStringLiteral("timelineLegend"));
    m_legend->setWordWrap(true);
    m_legend->setContentsMargins(6, 4, 6, 2);
    m_legend->setText(tr("Time flows downward ↓. Not to scale: events are in order, evenly spaced, with the real "
                         "gap written between them. ○ hop · □ Date · ◇ signature t= (hollow: x=) · △ ARC seal; a "
                         "dashed mark has no time of its own."));
    m_legend->setToolTip(
        tr("A message can hold times seconds and years apart, so the axis is ordinal: each event gets a row in "
           "time order, and the gap to the event above is written beside the axis (+4 s, +2 h 13 min). Longer gaps "
           "get a little more room (logarithmically), and ⫽ on the axis marks a gap of more than a day.\n"
           "Events without a time of their own (Authentication-Results, a Received header without a readable "
           "stamp) are placed by their position among the Received headers.\n"
           "Coloured brackets beside the axis join the events of a contradiction, numbered as in the list above: "
           "amber for warnings and notes (dashed), red for errors.\n"
           "The dashed blue line is the time at which x= (expiry) and t= (timestamp) were judged."));
    v->addWidget(m_legend);

    m_contradictions = new QLabel(box);
    m_contradictions->setObjectName(QStringLiteral("timelineContradictions"));
    m_contradictions->setWordWrap(true);
    m_contradictions->setTextFormat(Qt::RichText);
    m_contradictions->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                              Qt::LinksAccessibleByKeyboard);
    m_contradictions->setContentsMargins(6, 2, 6, 4);
    m_contradictions->setAccessibleName(tr("Contradictions between the times"));
    connect(m_contradictions, &QLabel::linkActivated, this, [this](const QString &link) {
        const EvidencePtr &e = evidence();
        bool ok = false;
        const int c = link.mid(2).toInt(&ok);
        if (!e || !ok || c < 0 || c >= e->result.timeline.contradictions.size())
            return;
        const TimelineContradiction &tc = e->result.timeline.contradictions.at(c);
        selectEvents(tc.events, tr("Contradiction %1: %2").arg(c + 1).arg(contradictionWords(tc.code)));
    });
    v->addWidget(m_contradictions);

    m_stack = new QStackedWidget(box);
    m_view = new TimelineView(m_stack);
    connect(m_view, &TimelineView::eventActivated, this, [this](int event) {
        if (evidence() && !evidence()->isError())
            select(selectionFor(evidence()->result, event));
    });
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("timelineEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    v->addWidget(m_stack, 1);
    setContent(box);
    rebuild();
}

bool TimelinePane::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString TimelinePane::contradictionWords(const QString &code)
{
    if (code == QLatin1String("hop_back_in_time"))
        return tr("A hop is stamped before the hop below it");
    if (code == QLatin1String("date_after_first_hop"))
        return tr("Dated after the first server received it");
    if (code == QLatin1String("signed_after_receipt"))
        return tr("Signed after it was received");
    if (code == QLatin1String("expired_before_receipt"))
        return tr("The signature had expired when the message arrived");
    if (code == QLatin1String("date_far_from_signature"))
        return tr("The Date header is far from the signing time");
    if (code == QLatin1String("signed_after_key_replaced"))
        return tr("Signed after the key had been replaced");
    if (code == QLatin1String("arc_sealed_before_signature"))
        return tr("A forwarder sealed it before it was signed");
    return code;
}

FieldSelection TimelinePane::selectionFor(const MessageResult &r, int event)
{
    FieldSelection sel;
    if (event < 0 || event >= r.timeline.events.size())
        return sel;
    const TimelineEvent &e = r.timeline.events.at(event);
    sel.headerIndex = e.headerIndex;
    sel.label = tr("Timeline: %1 (%2)").arg(e.label, e.source);
    const bool dkim = e.kind == TimelineEventKind::SignatureTimestamp || e.kind == TimelineEventKind::SignatureExpiry;
    if (dkim && e.timeRange.offset >= 0 && e.timeRange.length > 0) {
        // A DKIM-Signature is long: mark the time's own bytes, and the tag in the Signature pane.
        sel.ranges << e.timeRange;
        sel.tag = e.kind == TimelineEventKind::SignatureTimestamp ? QByteArray("t") : QByteArray("x");
        sel.signature = e.signatureIndex;
    } else if (e.range.offset >= 0 && e.range.length > 0) {
        sel.ranges << e.range;
    }
    if (e.kind == TimelineEventKind::KeyFirstSeen || e.kind == TimelineEventKind::KeyLastSeen ||
        e.kind == TimelineEventKind::KeyReplaced)
        sel.signature = e.signatureIndex; // no bytes: the key store's history of this signature's key
    return sel;
}

int TimelinePane::eventFor(const MessageResult &r, const FieldSelection &sel)
{
    const QList<TimelineEvent> &evs = r.timeline.events;
    // A tag of a DKIM-Signature (a click on its bytes): x= goes to the expiry, anything else to t=.
    if (!sel.tag.isEmpty() && sel.signature >= 0) {
        const int x = r.timeline.indexOf(TimelineEventKind::SignatureExpiry, sel.signature);
        if (sel.tag == "x" && x >= 0)
            return x;
        const int t = r.timeline.indexOf(TimelineEventKind::SignatureTimestamp, sel.signature);
        return t >= 0 ? t : x;
    }
    if (sel.headerIndex < 0)
        return -1;
    for (int i = 0; i < evs.size(); ++i) {
        if (evs.at(i).headerIndex == sel.headerIndex)
            return i;
    }
    return -1;
}

void TimelinePane::selectEvents(const QList<int> &events, const QString &label)
{
    const EvidencePtr &e = evidence();
    if (!e || events.isEmpty())
        return;
    FieldSelection sel;
    sel.label = label;
    for (int i : events) {
        for (const ByteRange &b : selectionFor(e->result, i).ranges) {
            if (!sel.ranges.contains(b))
                sel.ranges << b;
        }
    }
    m_view->setCurrentEvent(events.first());
    select(sel);
}

void TimelinePane::evidenceChanged()
{
    // Switching signatures reloads every pane; the timeline is the message's: keep it and its selection.
    if (evidence() == m_shown)
        return;
    m_shown = evidence();
    rebuild();
}

void TimelinePane::rebuild()
{
    const EvidencePtr &e = evidence();
    m_view->setResult(nullptr);
    m_contradictions->clear();
    m_contradictions->hide();
    if (!e || e->isError() || !e->message) {
        m_empty->setText(e ? tr("The times of this file cannot be shown.") : QString());
        m_stack->setCurrentWidget(m_empty);
        setTitleDetail(QString());
        return;
    }
    const Timeline &t = e->result.timeline;
    int timed = 0;
    for (const TimelineEvent &ev : t.events)
        timed += ev.time.isValid() ? 1 : 0;

    // The contradictions and unreadable times, in plain words, numbered as on the axis.
    QStringList html;
    for (int c = 0; c < t.contradictions.size(); ++c) {
        const TimelineContradiction &tc = t.contradictions.at(c);
        const QColor col = TimelineView::severityColor(tc.severity);
        const QString sign = tc.severity == Severity::Error ? QStringLiteral("✘") : QStringLiteral("⚠");
        html << tr("<span style=\"color:%1\">%2 <b>%3</b></span> <a href=\"c:%4\"><b>%5</b></a> (%6): %7")
                    .arg(col.name(), sign)
                    .arg(c + 1)
                    .arg(c)
                    .arg(contradictionWords(tc.code).toHtmlEscaped(), VerdictPresenter::severityWord(tc.severity),
                         tc.detail.toHtmlEscaped());
    }
    for (const Finding &f : t.findings) {
        if (f.severity < Severity::Warning)
            continue;
        html << QStringLiteral("⚠ %1").arg(f.message.toHtmlEscaped());
    }
    if (!html.isEmpty()) {
        m_contradictions->setText(html.join(QStringLiteral("<br>")));
        m_contradictions->show();
    }

    if (timed == 0) {
        QString text = tr("No times in this message: no Date header, no Received time stamp, no t= or x= in a "
                          "signature, no ARC seal.");
        if (!t.events.isEmpty())
            text += QLatin1Char(' ') + (t.events.size() == 1
                                            ? tr("One header has no time of its own.")
                                            : tr("%1 headers have no time of their own.").arg(t.events.size()));
        m_empty->setText(text);
        m_stack->setCurrentWidget(m_empty);
        m_legend->hide();
        setTitleDetail(tr("no times"));
        return;
    }
    m_legend->show();
    m_view->setResult(&e->result);
    m_stack->setCurrentWidget(m_view);
    const int n = int(t.events.size()), c = int(t.contradictions.size());
    const QString times = n == 1 ? tr("1 time") : tr("%1 times, in order").arg(n);
    setTitleDetail(c == 0   ? tr("%1; no contradiction").arg(times)
                   : c == 1 ? tr("%1 · 1 contradiction").arg(times)
                            : tr("%1 · %2 contradictions").arg(times).arg(c));
}

void TimelinePane::selectEvent(int event)
{
    const EvidencePtr &e = evidence();
    if (!e || e->isError() || showsEmptyState() || event < 0 || event >= e->result.timeline.events.size())
        return;
    m_view->setCurrentEvent(event);
    select(selectionFor(e->result, event));
}

void TimelinePane::applySelection(const FieldSelection &sel)
{
    // A header selected elsewhere (a click in the raw message): select its event here.
    if (sel.origin == this)
        return;
    const EvidencePtr &e = evidence();
    m_view->setCurrentEvent(e && !e->isError() && !showsEmptyState() ? eventFor(e->result, sel) : -1);
}

} // namespace dkimi::ui
