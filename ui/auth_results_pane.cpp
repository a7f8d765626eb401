#include "auth_results_pane.h"

#include "copy_support.h"
#include "dmarc_view.h"
#include "surrounding_words.h"
#include "verdict_icons.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

QString propertiesText(const ArMethodResult &r)
{
    QStringList parts;
    if (!r.reason.isEmpty())
        parts << QStringLiteral("reason=\"%1\"").arg(latin(r.reason));
    for (const ArProperty &p : r.properties) {
        parts << (p.ptype.isEmpty()
                      ? QStringLiteral("%1=%2").arg(latin(p.property), latin(p.value))
                      : QStringLiteral("%1.%2=%3").arg(latin(p.ptype), latin(p.property), latin(p.value)));
    }
    return parts.join(QLatin1Char(' '));
}

// Parse remarks worth a reader's attention, in the UI's words (docs/arc.md codes).
QString remarkWords(const Finding &f)
{
    if (f.code == QLatin1String("ar_no_authserv_id"))
        return AuthResultsPane::tr("This header does not name the server that wrote it.");
    if (f.code == QLatin1String("ar_no_results"))
        return AuthResultsPane::tr("The server recorded no results.");
    if (f.code == QLatin1String("ar_empty_property"))
        return AuthResultsPane::tr("A property has no value.");
    if (f.code == QLatin1String("ar_syntax"))
        return AuthResultsPane::tr("Part of this header could not be read: %1").arg(f.message);
    return f.message;
}

} // namespace

AuthResultsPane::AuthResultsPane(QWidget *parent) : InspectorPane(tr("Authentication-Results"), parent)
{
    setObjectName(QStringLiteral("authResultsPane"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("authResultsSplit"));
    split->setChildrenCollapsible(false);
    auto *box = new QWidget(split);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    auto *top = new QWidget(box);
    auto *h = new QHBoxLayout(top);
    h->setContentsMargins(6, 4, 6, 4);
    h->setSpacing(8);
    m_note = new QLabel(top);
    m_note->setObjectName(QStringLiteral("authResultsNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    h->addWidget(m_note, 1);
    m_trust = new QToolButton(top);
    m_trust->setObjectName(QStringLiteral("trustedServersButton"));
    m_trust->setText(tr("Trusted servers…"));
    m_trust->setToolTip(tr("Name the receiving servers (authserv-ids) you trust: your own mail servers. Their "
                           "recorded results count as evidence; any other server's could be forged."));
    connect(m_trust, &QToolButton::clicked, this, &AuthResultsPane::editTrustedServers);
    h->addWidget(m_trust, 0, Qt::AlignTop);
    v->addWidget(top);

    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("authResultsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setContentsMargins(6, 0, 6, 4);
    v->addWidget(m_summary);

    m_stack = new QStackedWidget(box);
    m_tree = new QTreeWidget(m_stack);
    m_tree->setObjectName(QStringLiteral("authResultsTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Server / result"), tr("Header / properties"), tr("Position"), tr("Trusted"), tr("Our check now")});
    m_tree->headerItem()->setToolTip(ServerColumn, tr("authserv-id: the server that says it wrote the header"));
    m_tree->headerItem()->setToolTip(
        PositionColumn, tr("Where the header sits among the Received headers, counted from the bottom: hop 1 is the "
                           "first server that received the message. The position is not proof of who added it."));
    m_tree->headerItem()->setToolTip(TrustColumn, tr("Trusted: a server you named (Trusted servers…)"));
    m_tree->headerItem()->setToolTip(CheckColumn,
                                     tr("For dkim= results: the signature of this message the result speaks about, "
                                        "and whether our check today agrees"));
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setAccessibleName(tr("Authentication-Results headers"));
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(ServerColumn, 190);
    m_tree->setColumnWidth(HeaderColumn, 470);
    m_tree->setColumnWidth(PositionColumn, 260);
    m_tree->setColumnWidth(TrustColumn, 90);
    CopySupport::install(m_tree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *cur) {
        if (!m_silent && cur && m_selections.contains(cur))
            select(m_selections.value(cur));
    });
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("authResultsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_empty);
    v->addWidget(m_stack, 1);
    m_dmarc = new DmarcView(split);
    connect(m_dmarc, &DmarcView::fieldSelected, this, [this](const FieldSelection &sel) { select(sel); });
    split->addWidget(box);
    split->addWidget(m_dmarc);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({900, 600});
    setContent(split);
    updateNote();
    rebuild();
}

bool AuthResultsPane::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void AuthResultsPane::setTrustedServers(const QStringList &ids)
{
    m_trusted = ids;
    updateNote();
    m_shown.reset(); // the trust column changes
    rebuild();
}

void AuthResultsPane::updateNote()
{
    const QString trusted = m_trusted.isEmpty() ? tr("You have named no trusted servers.")
                                                : tr("Trusted servers: %1.").arg(m_trusted.join(QStringLiteral(", ")));
    m_note->setText(SurroundingWords::forgeableNote() + QLatin1Char(' ') + trusted);
}

bool AuthResultsPane::isTrusted(const QByteArray &authservId) const
{
    return !authservId.isEmpty() && m_trusted.contains(latin(authservId), Qt::CaseInsensitive);
}

AuthResultsPane::Node AuthResultsPane::nodeOf(const QTreeWidgetItem *item) const
{
    return m_nodes.value(item, Node::None);
}

QTreeWidgetItem *AuthResultsPane::headerItem(int arIndex) const
{
    return m_headers.value(arIndex);
}

void AuthResultsPane::evidenceChanged()
{
    if (evidence() == m_shown)
        return;
    m_shown = evidence();
    rebuild();
}

QTreeWidgetItem *AuthResultsPane::addItem(QTreeWidgetItem *parent, Node node, const FieldSelection &sel)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    m_selections.insert(item, sel);
    m_nodes.insert(item, node);
    return item;
}

void AuthResultsPane::rebuild()
{
    m_silent = true;
    m_tree->clear();
    m_selections.clear();
    m_nodes.clear();
    m_headers.clear();
    m_byHeader.clear();
    m_summary->clear();
    m_summary->hide();
    const EvidencePtr &e = evidence();
    if (e && !e->isError() && e->message)
        m_dmarc->setResult(&e->result, e->message.get());
    else
        m_dmarc->setResult(nullptr, nullptr);
    if (!e || e->isError() || !e->message || e->result.authenticationResults.isEmpty()) {
        m_empty->setText(e && !e->isError() ? tr("No Authentication-Results headers: no receiving server recorded "
                                                 "its checks in this message.")
                                            : QString());
        m_stack->setCurrentWidget(m_empty);
        setTitleDetail(e && !e->isError() ? tr("none") : QString());
        m_silent = false;
        return;
    }
    const MessageResult &r = e->result;
    const Message &m = *e->message;
    const int received = int(m.headerIndexes("Received").size());
    QStringList disagreements;
    for (int i = 0; i < r.authenticationResults.size(); ++i) {
        const AuthenticationResults &ar = r.authenticationResults.at(i);
        const QString name =
            ar.arc ? QStringLiteral("ARC-Authentication-Results") : QStringLiteral("Authentication-Results");
        FieldSelection sel;
        sel.label = tr("%1 by %2").arg(name, ar.authservId.isEmpty() ? tr("(no server named)") : latin(ar.authservId));
        if (ar.headerIndex >= 0) {
            const HeaderField &hf = m.headers().at(ar.headerIndex);
            sel.ranges << m.rawRange(hf.offset, hf.length);
            sel.headerIndex = ar.headerIndex;
        }
        QTreeWidgetItem *row = addItem(nullptr, Node::Header, sel);
        row->setText(ServerColumn, ar.authservId.isEmpty() ? tr("(no server named)") : latin(ar.authservId));
        QFont bold = row->font(ServerColumn);
        bold.setBold(true);
        row->setFont(ServerColumn, bold);
        row->setText(HeaderColumn, ar.arc ? tr("ARC-Authentication-Results i=%1").arg(ar.instance) : name);
        if (ar.arc) {
            const ArcHop *hop = r.arc.hop(ar.instance);
            row->setText(PositionColumn,
                         hop ? tr("ARC set %1, sealed by %2").arg(ar.instance).arg(latin(hop->sealDomain))
                             : tr("ARC set %1").arg(ar.instance));
        } else {
            row->setText(PositionColumn, SurroundingWords::arPosition(ar, received));
        }
        const bool trusted = isTrusted(ar.authservId);
        row->setText(TrustColumn, trusted ? tr("trusted") : tr("not trusted"));
        row->setToolTip(TrustColumn, trusted ? tr("You named this server as trusted.")
                                             : tr("Not a server you named: anyone upstream of it could have written "
                                                  "this header."));
        if (ar.none)
            row->setText(CheckColumn, tr("the server evaluated nothing (none)"));
        m_headers.append(row);
        if (ar.headerIndex >= 0)
            m_byHeader.insert(ar.headerIndex, row);

        for (const Finding &f : ar.findings) {
            if (f.severity < Severity::Note || f.code == QLatin1String("ar_forgeable"))
                continue;
            FieldSelection fs;
            fs.label = remarkWords(f);
            fs.headerIndex = ar.headerIndex;
            fs.ranges = f.where;
            fs.ranges.removeIf([](const ByteRange &b) { return b.offset < 0 || b.length <= 0; });
            if (fs.ranges.isEmpty())
                fs.ranges = sel.ranges;
            QTreeWidgetItem *it = addItem(row, Node::Remark, fs);
            it->setText(ServerColumn, remarkWords(f));
            it->setIcon(ServerColumn, VerdictIcons::icon(VerdictIcons::forSeverity(f.severity)));
            it->setToolTip(ServerColumn, QStringLiteral("%1 (%2)").arg(f.message, f.code));
            it->setFirstColumnSpanned(true);
        }
        int agree = 0, disagree = 0;
        for (int j = 0; j < ar.results.size(); ++j) {
            const ArMethodResult &mr = ar.results.at(j);
            FieldSelection ms;
            ms.label = tr("%1=%2 recorded by %3")
                           .arg(latin(mr.method), latin(mr.result),
                                ar.authservId.isEmpty() ? tr("(no server named)") : latin(ar.authservId));
            ms.headerIndex = ar.headerIndex;
            if (ar.headerIndex >= 0 && mr.length > 0)
                ms.ranges << m.rawRange(ar.valueOffset + mr.offset, mr.length);
            const ArDkimMatch *match = nullptr;
            for (const ArDkimMatch &dm : r.arDkimMatches) {
                if (dm.arIndex == i && dm.resultIndex == j)
                    match = &dm;
            }
            QTreeWidgetItem *it = addItem(row, Node::Method, ms);
            it->setText(ServerColumn, QStringLiteral("%1=%2").arg(latin(mr.method), latin(mr.result)));
            it->setText(HeaderColumn, propertiesText(mr));
            QStringList comments;
            for (const QByteArray &c : mr.comments)
                comments << QStringLiteral("(%1)").arg(latin(c));
            it->setToolTip(HeaderColumn,
                           (propertiesText(mr) + QLatin1Char(' ') + comments.join(QLatin1Char(' '))).trimmed());
            it->setData(ServerColumn, DisagreesRole, false);
            if (!match)
                continue;
            it->setText(CheckColumn, SurroundingWords::matchWords(*match, r));
            // Selecting a recorded dkim= result shows the signature it speaks about in the other panes.
            if (match->signatureIndex >= 0) {
                FieldSelection &stored = m_selections[it];
                stored.signature = match->signatureIndex;
                ms.signature = match->signatureIndex;
            }
            if (match->agrees.has_value()) {
                it->setIcon(CheckColumn, VerdictIcons::icon(*match->agrees ? VerdictIcons::Kind::Pass
                                                            : trusted      ? VerdictIcons::Kind::Fail
                                                                           : VerdictIcons::Kind::Caveat));
                ++(*match->agrees ? agree : disagree);
            }
            const QString sentence = SurroundingWords::disagreement(*match, r);
            if (sentence.isEmpty())
                continue;
            it->setData(ServerColumn, DisagreesRole, true);
            FieldSelection ds = ms;
            ds.label = sentence;
            QTreeWidgetItem *d = addItem(it, Node::Disagreement, ds);
            d->setText(ServerColumn, sentence);
            d->setIcon(ServerColumn,
                       VerdictIcons::icon(trusted ? VerdictIcons::Kind::Fail : VerdictIcons::Kind::Caveat));
            d->setData(ServerColumn, DisagreesRole, true);
            d->setFirstColumnSpanned(true);
            QFont f = d->font(ServerColumn);
            f.setBold(true);
            d->setFont(ServerColumn, f);
            d->setToolTip(ServerColumn,
                          trusted ? tr("A server you trust recorded a different result: the message changed after it "
                                       "was received, or the key changed.")
                                  : tr("This server is not one you trust, so the recorded result is only a clue."));
            disagreements << sentence;
        }
        if (disagree > 0)
            row->setText(CheckColumn, tr("disagrees with today's check"));
        else if (agree > 0)
            row->setText(CheckColumn, tr("agrees with today's check"));
        if (disagree > 0)
            row->setIcon(CheckColumn,
                         VerdictIcons::icon(trusted ? VerdictIcons::Kind::Fail : VerdictIcons::Kind::Caveat));
        row->setExpanded(true);
        for (int c = 0; c < row->childCount(); ++c)
            row->child(c)->setExpanded(true);
    }
    disagreements.removeDuplicates();
    if (!disagreements.isEmpty()) {
        QStringList html;
        for (const QString &s : std::as_const(disagreements))
            html << QStringLiteral("⚠ ") + s.toHtmlEscaped();
        m_summary->setText(html.join(QStringLiteral("<br>")));
        m_summary->show();
    }
    m_stack->setCurrentWidget(m_tree);
    setTitleDetail(tr("%n headers, what servers recorded on receipt", nullptr, int(r.authenticationResults.size())));
    m_silent = false;
}

void AuthResultsPane::applySelection(const FieldSelection &sel)
{
    if (sel.origin == this)
        return;
    m_dmarc->clearCurrent();
    m_silent = true;
    showTreeItem(m_tree, sel.headerIndex >= 0 ? m_byHeader.value(sel.headerIndex) : nullptr);
    m_silent = false;
}

} // namespace dkimi::ui
