#include "arc_pane.h"

#include "copy_support.h"
#include "surrounding_words.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

QString oneLine(const QString &s, int max = 200)
{
    QString t = s.simplified();
    return t.size() > max ? t.left(max) + QStringLiteral("…") : t;
}

// Only raw-message ranges: an ARC check's canonical forms and key records are not those the
// canonical and key panes show (they belong to the DKIM signature on show).
QList<ByteRange> rawOnly(const QList<ByteRange> &ranges)
{
    QList<ByteRange> out;
    for (const ByteRange &r : ranges) {
        if (r.source == SourceId::RawMessage && r.offset >= 0 && r.length > 0)
            out.append(r);
    }
    return out;
}

} // namespace

ArcPane::ArcPane(QWidget *parent) : InspectorPane(tr("ARC"), parent)
{
    setObjectName(QStringLiteral("arcPane"));
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);

    auto *head = new QWidget(box);
    auto *h = new QHBoxLayout(head);
    h->setContentsMargins(6, 4, 6, 4);
    h->setSpacing(8);
    m_icon = new QLabel(head);
    m_icon->setAlignment(Qt::AlignTop);
    h->addWidget(m_icon, 0, Qt::AlignTop);
    auto *words = new QVBoxLayout;
    words->setSpacing(1);
    m_verdict = new QLabel(head);
    m_verdict->setObjectName(QStringLiteral("arcVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    words->addWidget(m_verdict);
    m_detail = new QLabel(head);
    m_detail->setObjectName(QStringLiteral("arcDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    words->addWidget(m_detail);
    h->addLayout(words, 1);
    v->addWidget(head);

    m_stack = new QStackedWidget(box);
    m_tree = new QTreeWidget(m_stack);
    m_tree->setObjectName(QStringLiteral("arcTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Instance"), tr("Sealed by"), tr("cv="), tr("Message signature (AMS)"), tr("Seal (AS)"),
                             tr("Results recorded by")});
    m_tree->headerItem()->setToolTip(HopColumn, tr("i=: the order in which forwarders sealed the message, 1 first"));
    m_tree->headerItem()->setToolTip(SealerColumn, tr("d= of the ARC-Seal: the domain that sealed this hop"));
    m_tree->headerItem()->setToolTip(CvColumn, tr("Chain validation status: what this forwarder found when the "
                                                  "message reached it (none for the first hop, then pass)"));
    m_tree->headerItem()->setToolTip(AmsColumn, tr("The ARC-Message-Signature: a DKIM-like signature of the message "
                                                   "as this forwarder passed it on"));
    m_tree->headerItem()->setToolTip(SealColumn, tr("The ARC-Seal: a signature over the ARC headers of this hop and "
                                                    "every earlier one"));
    m_tree->headerItem()->setToolTip(RecordedByColumn, tr("The server named in this hop's ARC-Authentication-Results"));
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("ARC chain"));
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(HopColumn, 200);
    m_tree->setColumnWidth(SealerColumn, 170);
    m_tree->setColumnWidth(CvColumn, 50);
    m_tree->setColumnWidth(AmsColumn, 310);
    m_tree->setColumnWidth(SealColumn, 310);
    CopySupport::install(m_tree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *cur) {
        if (!m_silent)
            onCurrent(cur);
    });
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("arcEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_empty);
    v->addWidget(m_stack, 1);
    setContent(box);
    rebuild();
}

bool ArcPane::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

ArcPane::Node ArcPane::nodeOf(const QTreeWidgetItem *item) const
{
    return m_nodes.value(item, Node::None);
}

QTreeWidgetItem *ArcPane::hopItem(int instance) const
{
    return m_hops.value(instance);
}

QTreeWidgetItem *ArcPane::headerItem(int instance, const QByteArray &name) const
{
    const EvidencePtr &e = evidence();
    if (!e || e->isError())
        return nullptr;
    const ArcHop *h = e->result.arc.hop(instance);
    if (!h)
        return nullptr;
    const QByteArray n = name.toLower();
    const ArcHeader &hd = n == "arc-seal" ? h->seal : n == "arc-message-signature" ? h->ams : h->aar;
    return m_byHeader.value(hd.headerIndex);
}

void ArcPane::evidenceChanged()
{
    // Switching signatures reloads every pane; the chain is the same, so keep the tree (and its selection).
    if (evidence() == m_shown)
        return;
    m_shown = evidence();
    rebuild();
}

QTreeWidgetItem *ArcPane::addItem(QTreeWidgetItem *parent, Node node, const QString &text, const FieldSelection &sel)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(HopColumn, text);
    item->setToolTip(HopColumn, text);
    item->setData(HopColumn, Qt::UserRole, text); // what Copy puts on the clipboard
    m_selections.insert(item, sel);
    m_nodes.insert(item, node);
    return item;
}

void ArcPane::addSteps(QTreeWidgetItem *parent, const QList<Step> &steps, const QString &prefix)
{
    for (const Step &st : steps) {
        const QString title = QCoreApplication::translate("dkimi::Step", st.title.toUtf8().constData());
        FieldSelection sel;
        sel.label = tr("%1: %2").arg(prefix, title);
        QList<ByteRange> ranges;
        for (const Field &f : st.inputs)
            ranges << f.range;
        for (const Finding &f : st.findings)
            ranges += f.where;
        sel.ranges = rawOnly(ranges);
        QTreeWidgetItem *it =
            addItem(parent, Node::Step, tr("%1 — %2").arg(title, VerdictPresenter::verdictWord(st.verdict)), sel);
        it->setIcon(HopColumn, VerdictIcons::icon(VerdictIcons::forVerdict(st.verdict)));
        it->setFirstColumnSpanned(true);
        it->setToolTip(HopColumn, VerdictPresenter::stepExplanation(st.kind));
        for (const Field &f : st.inputs) {
            FieldSelection fs;
            fs.label = tr("%1: %2").arg(prefix, f.name);
            fs.ranges = rawOnly({f.range});
            QTreeWidgetItem *in = addItem(it, Node::Detail, tr("%1: %2").arg(f.name, oneLine(f.value)), fs);
            in->setFirstColumnSpanned(true);
            in->setToolTip(HopColumn, QStringLiteral("%1: %2").arg(f.name, f.value));
            in->setData(HopColumn, Qt::UserRole, f.value);
        }
        for (const Finding &f : st.findings) {
            FieldSelection fs;
            fs.label = f.message;
            fs.ranges = rawOnly(f.where);
            QTreeWidgetItem *fi =
                addItem(it, Node::Detail,
                        tr("%1: %2").arg(VerdictPresenter::severityWord(f.severity), oneLine(f.message, 400)), fs);
            fi->setIcon(HopColumn, VerdictIcons::icon(VerdictIcons::forSeverity(f.severity)));
            fi->setFirstColumnSpanned(true);
            fi->setToolTip(HopColumn, QStringLiteral("%1 (%2)").arg(f.message, f.code));
        }
    }
}

void ArcPane::rebuild()
{
    m_silent = true;
    m_tree->clear();
    m_selections.clear();
    m_nodes.clear();
    m_byHeader.clear();
    m_hops.clear();
    const EvidencePtr &e = evidence();
    const qreal dpr = devicePixelRatioF();
    if (!e || e->isError() || !e->message) {
        m_icon->clear();
        m_verdict->setText(e ? tr("The ARC chain of this file cannot be shown.") : tr("No message open."));
        m_detail->clear();
        m_detail->hide();
        m_empty->setText(QString());
        m_stack->setCurrentWidget(m_empty);
        setTitleDetail(QString());
        m_silent = false;
        return;
    }
    const ArcResult &arc = e->result.arc;
    const Message &m = *e->message;
    m_icon->setPixmap(VerdictIcons::pixmap(SurroundingWords::arcIcon(arc), 20, dpr));
    if (arc.result == ArcChainResult::None) {
        m_verdict->setText(SurroundingWords::arcEmpty());
        m_detail->setText(tr("ARC is added by mailing lists and forwarders that change a message, so that later "
                             "servers can see what the message looked like when it reached them."));
        m_detail->show();
        m_empty->setText(tr("Nothing to show: this message carries no ARC-Seal, ARC-Message-Signature or "
                            "ARC-Authentication-Results header."));
        m_stack->setCurrentWidget(m_empty);
        setTitleDetail(tr("none"));
        m_silent = false;
        return;
    }
    m_verdict->setText(SurroundingWords::arcHeadline(arc));
    m_verdict->setToolTip(arc.detail);
    m_detail->setText(SurroundingWords::arcDetail(arc));
    m_detail->setToolTip(arc.detail);
    m_detail->show();
    m_stack->setCurrentWidget(m_tree);
    setTitleDetail(tr("%n sets, sealed by forwarders", nullptr, int(arc.hops.size())));

    const int broken = SurroundingWords::arcBrokenAt(arc);
    auto headerSel = [&](const ArcHeader &h, const QString &label) {
        FieldSelection sel;
        sel.label = label;
        sel.ranges = rawOnly({h.range});
        sel.headerIndex = h.headerIndex;
        return sel;
    };
    for (const ArcHop &hop : arc.hops) {
        FieldSelection sel;
        sel.label = tr("ARC set i=%1 (sealed by %2)").arg(hop.instance).arg(latin(hop.sealDomain));
        sel.ranges = rawOnly({hop.seal.range, hop.ams.range, hop.aar.range});
        QTreeWidgetItem *row = addItem(nullptr, Node::Hop, tr("i=%1").arg(hop.instance), sel);
        if (hop.instance == broken) {
            row->setText(HopColumn, tr("i=%1 — broken here").arg(hop.instance));
            row->setIcon(HopColumn, VerdictIcons::icon(VerdictIcons::Kind::Fail));
        } else {
            const bool amsOk = hop.amsCheck.valid.value_or(false);
            const bool ok = amsOk && hop.sealCheck.valid.value_or(false);
            row->setIcon(HopColumn, VerdictIcons::icon(ok      ? VerdictIcons::Kind::Pass
                                                       : amsOk ? SurroundingWords::checkIcon(hop.sealCheck)
                                                       // An older hop's AMS may fail in an intact chain (a list
                                                       // changed the message later): a caveat, not a failure.
                                                       : arc.result == ArcChainResult::Pass
                                                           ? VerdictIcons::Kind::Caveat
                                                           : SurroundingWords::checkIcon(hop.amsCheck)));
        }
        row->setText(SealerColumn, latin(hop.sealDomain));
        row->setText(CvColumn, latin(hop.cv));
        row->setText(AmsColumn, SurroundingWords::checkWords(hop.amsCheck));
        row->setIcon(AmsColumn, VerdictIcons::icon(SurroundingWords::checkIcon(hop.amsCheck)));
        row->setToolTip(AmsColumn, hop.amsCheck.detail);
        row->setText(SealColumn, SurroundingWords::checkWords(hop.sealCheck));
        row->setIcon(SealColumn, VerdictIcons::icon(SurroundingWords::checkIcon(hop.sealCheck)));
        row->setToolTip(SealColumn, hop.sealCheck.detail);
        row->setText(RecordedByColumn, hop.authservId.isEmpty() ? tr("(not named)") : latin(hop.authservId));
        QFont f = row->font(HopColumn);
        f.setBold(true);
        row->setFont(HopColumn, f);
        m_hops.insert(hop.instance, row);

        struct H {
            const ArcHeader *header;
            QString name, text;
        };
        const QList<H> headers{
            {&hop.seal, QStringLiteral("ARC-Seal"),
             tr("d=%1 s=%2 cv=%3").arg(latin(hop.sealDomain), latin(hop.sealCheck.selector), latin(hop.cv))},
            {&hop.ams, QStringLiteral("ARC-Message-Signature"),
             tr("d=%1 s=%2 h=%3")
                 .arg(latin(hop.amsCheck.domain), latin(hop.amsCheck.selector),
                      oneLine(latin(hop.ams.tags.value("h")), 80))},
            {&hop.aar, QStringLiteral("ARC-Authentication-Results"),
             tr("results recorded by %1")
                 .arg(hop.authservId.isEmpty() ? tr("(server not named)") : latin(hop.authservId))}};
        for (const H &hd : headers) {
            if (hd.header->headerIndex < 0)
                continue;
            QTreeWidgetItem *it =
                addItem(row, Node::Header, QStringLiteral("%1  %2").arg(hd.name, hd.text),
                        headerSel(*hd.header, tr("%1 of ARC set i=%2").arg(hd.name).arg(hop.instance)));
            it->setFirstColumnSpanned(true);
            it->setToolTip(HopColumn, oneLine(latin(m.data().mid(m.headers().at(hd.header->headerIndex).offset,
                                                                 m.headers().at(hd.header->headerIndex).length)),
                                              1000));
            m_byHeader.insert(hd.header->headerIndex, it);
        }
        const QString amsPrefix = tr("ARC-Message-Signature i=%1").arg(hop.instance);
        QTreeWidgetItem *ams =
            addItem(row, Node::Check,
                    tr("Check of the ARC-Message-Signature: %1").arg(SurroundingWords::checkWords(hop.amsCheck)),
                    headerSel(hop.ams, amsPrefix));
        ams->setIcon(HopColumn, VerdictIcons::icon(SurroundingWords::checkIcon(hop.amsCheck)));
        ams->setFirstColumnSpanned(true);
        addSteps(ams, hop.amsCheck.steps, amsPrefix);
        const QString sealPrefix = tr("ARC-Seal i=%1").arg(hop.instance);
        QTreeWidgetItem *seal =
            addItem(row, Node::Check, tr("Check of the ARC-Seal: %1").arg(SurroundingWords::checkWords(hop.sealCheck)),
                    headerSel(hop.seal, sealPrefix));
        seal->setIcon(HopColumn, VerdictIcons::icon(SurroundingWords::checkIcon(hop.sealCheck)));
        seal->setFirstColumnSpanned(true);
        addSteps(seal, hop.sealCheck.steps, sealPrefix);
    }
    if (!arc.steps.isEmpty()) {
        FieldSelection sel;
        sel.label = tr("ARC chain checks");
        QTreeWidgetItem *chain = addItem(nullptr, Node::Chain, tr("Chain checks (structure, cv=, verdict)"), sel);
        chain->setIcon(HopColumn, VerdictIcons::icon(SurroundingWords::arcIcon(arc)));
        chain->setFirstColumnSpanned(true);
        addSteps(chain, arc.steps, tr("ARC chain"));
    }
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (nodeOf(m_tree->topLevelItem(i)) == Node::Hop)
            m_tree->topLevelItem(i)->setExpanded(true);
    }
    m_silent = false;
}

void ArcPane::onCurrent(QTreeWidgetItem *item)
{
    if (!item || !m_selections.contains(item))
        return;
    select(m_selections.value(item));
}

void ArcPane::applySelection(const FieldSelection &sel)
{
    // A header selected elsewhere (a click in the raw message): select its row here.
    if (sel.origin == this)
        return;
    m_silent = true;
    showTreeItem(m_tree, sel.headerIndex >= 0 ? m_byHeader.value(sel.headerIndex) : nullptr);
    m_silent = false;
}

} // namespace dkimi::ui
