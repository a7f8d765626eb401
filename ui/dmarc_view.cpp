#include "dmarc_view.h"

#include "copy_support.h"
#include "surrounding_words.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

#include "message.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

FieldSelection headerSelection(const Message *m, int headerIndex, const QString &label)
{
    FieldSelection sel;
    sel.label = label;
    if (!m || headerIndex < 0 || headerIndex >= m->headers().size())
        return sel;
    const HeaderField &hf = m->headers().at(headerIndex);
    sel.headerIndex = headerIndex;
    sel.ranges << m->rawRange(hf.offset, hf.length);
    return sel;
}

// QTreeView measures rows without their column's width, so wrapped text would stay on one line:
// give the delegate the width to wrap in.
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeWidget *tree) : QStyledItemDelegate(tree), m_tree(tree) {}
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        int width = m_tree->columnWidth(index.column());
        if (index.column() == 0) {
            int depth = 1;
            for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
                ++depth;
            width -= depth * m_tree->indentation();
        }
        opt.rect.setWidth(qMax(40, width));
        opt.rect.setHeight(1);
        return QStyledItemDelegate::sizeHint(opt, index);
    }

private:
    QTreeWidget *m_tree;
};

} // namespace

DmarcView::DmarcView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dmarcView"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto *head = new QHBoxLayout;
    head->setContentsMargins(6, 4, 6, 0);
    head->setSpacing(8);
    m_icon = new QLabel(this);
    head->addWidget(m_icon, 0, Qt::AlignTop);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("dmarcHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    head->addWidget(m_headline, 1);
    v->addLayout(head);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("dmarcTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("DMARC, computed today"), tr("Value")});
    m_tree->headerItem()->setToolTip(0, tr("DMARC (RFC 7489): whether a signature by a domain aligned with the From "
                                           "address passes, and what that domain asks receivers to do otherwise"));
    m_tree->setAccessibleName(tr("DMARC result in detail"));
    m_tree->setColumnWidth(0, 175);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setWordWrap(true);
    m_tree->setItemDelegate(new WrappingDelegate(m_tree));
    // Long values (the record, the caveats) wrap: rows are measured again when the column changes width,
    // which QTreeView does not do by itself.
    connect(m_tree->header(), &QHeaderView::sectionResized, m_tree, [this](int section) {
        if (section == 1)
            QMetaObject::invokeMethod(m_tree, &QTreeWidget::doItemsLayout, Qt::QueuedConnection);
    });
    CopySupport::install(m_tree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *cur) {
        if (!m_silent && cur && m_selections.contains(cur))
            Q_EMIT fieldSelected(m_selections.value(cur));
    });
    v->addWidget(m_tree, 1);
    setResult(nullptr, nullptr);
}

QTreeWidgetItem *DmarcView::add(QTreeWidgetItem *parent, Row row, const QString &what, const QString &value,
                                const FieldSelection &sel)
{
    auto *it = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    it->setText(0, what);
    it->setText(1, value);
    it->setToolTip(1, value);
    it->setData(0, Qt::UserRole, value); // what Copy puts on the clipboard
    m_rows.insert(it, row);
    if (!sel.label.isEmpty())
        m_selections.insert(it, sel);
    return it;
}

QTreeWidgetItem *DmarcView::item(Row row) const
{
    const QList<QTreeWidgetItem *> all = items(row);
    return all.isEmpty() ? nullptr : all.first();
}

QList<QTreeWidgetItem *> DmarcView::items(Row row) const
{
    QList<QTreeWidgetItem *> out, todo;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        todo << m_tree->topLevelItem(i);
    while (!todo.isEmpty()) {
        QTreeWidgetItem *it = todo.takeFirst();
        if (m_rows.value(it) == row)
            out << it;
        for (int c = 0; c < it->childCount(); ++c)
            todo << it->child(c);
    }
    return out;
}

void DmarcView::clearCurrent()
{
    m_silent = true;
    m_tree->setCurrentItem(nullptr);
    m_tree->clearSelection();
    m_silent = false;
}

void DmarcView::setResult(const MessageResult *r, const Message *m)
{
    m_silent = true;
    m_tree->clear();
    m_rows.clear();
    m_selections.clear();
    const qreal dpr = devicePixelRatioF();
    if (!r || !r->dmarc) {
        m_icon->clear();
        m_headline->setText(r ? tr("DMARC was not evaluated for this message.") : tr("DMARC: no message open."));
        m_silent = false;
        return;
    }
    const DmarcEvaluation &e = *r->dmarc;
    const DmarcDiscovery &d = e.discovery;
    m_icon->setPixmap(VerdictIcons::pixmap(SurroundingWords::dmarcIcon(e), 18, dpr));
    m_headline->setText(SurroundingWords::dmarcHeadline(e));
    m_headline->setToolTip(e.detail);

    QTreeWidgetItem *res =
        add(nullptr, Row::Result, tr("Result"), tr("%1 (%2)").arg(SurroundingWords::dmarcResultWord(e.result), e.code));
    res->setIcon(0, VerdictIcons::icon(SurroundingWords::dmarcIcon(e)));
    if (!e.detail.isEmpty())
        add(res, Row::Result, tr("Why"), e.detail);
    res->setExpanded(true);

    const QList<int> froms = m ? m->headerIndexes("From") : QList<int>();
    const QString fromText = e.fromDomain.isEmpty() ? tr("(none)")
                             : e.orgDomain.isEmpty() || e.orgDomain == e.fromDomain
                                 ? latin(e.fromDomain)
                                 : tr("%1 (organizational domain %2)").arg(latin(e.fromDomain), latin(e.orgDomain));
    add(nullptr, Row::FromDomain, tr("From domain"), fromText,
        headerSelection(m, froms.isEmpty() ? -1 : froms.last(), tr("The From header DMARC checks")));

    if (d.status == DmarcDiscovery::Status::Found) {
        add(nullptr, Row::Record, tr("Record"), latin(d.record.text));
        add(nullptr, Row::FoundAt, tr("Found at"), latin(d.foundAt));
    } else {
        add(nullptr, Row::Record, tr("Record"), d.detail.isEmpty() ? tr("none found") : d.detail);
    }
    if (!d.lookups.isEmpty()) {
        const KeyLookup &p = d.provenance;
        QString src = SurroundingWords::dmarcSource(p);
        if (p.fetchedAt.isValid())
            src += tr(", read %1").arg(VerdictPresenter::formatUtc(p.fetchedAt));
        QTreeWidgetItem *s = add(nullptr, Row::Source, tr("Where from"), src);
        s->setToolTip(1, tr("%1\nDMARC records change over time: this is the record now, not necessarily the one "
                            "published when the message was received.")
                             .arg(src));
    }
    if (!e.policy.isEmpty()) {
        add(nullptr, Row::Policy, tr("Policy applied"),
            tr("%1 (from %2=) · adkim=%3 · aspf=%4 · pct=%5")
                .arg(latin(e.policy), e.policyTag, QString(QChar::fromLatin1(e.adkim)),
                     QString(QChar::fromLatin1(e.aspf)))
                .arg(e.pct));
    }
    if (!e.dkimResult.isEmpty()) {
        QStringList sigs;
        for (int i : e.alignedSignatures)
            sigs << tr("signature %1").arg(i + 1);
        QTreeWidgetItem *dk = add(
            nullptr, Row::Dkim, tr("DKIM side"),
            sigs.isEmpty() ? e.dkimResult : tr("%1: %2 aligned").arg(e.dkimResult, sigs.join(QStringLiteral(", "))));
        for (int i : e.notCountedSignatures)
            add(dk, Row::Dkim, tr("Not counted"),
                tr("signature %1: aligned and valid, but its result is policy (e.g. a weak key)").arg(i + 1));
        dk->setExpanded(true);
    }
    {
        const QString spf =
            e.spfResult == QLatin1String("not_known")
                ? tr("not known: SPF cannot be re-checked after delivery (%1)").arg(e.spfDetail)
                : tr("%1, as %2 recorded it at receipt: %3").arg(e.spfResult, latin(e.spfAuthservId), e.spfDetail);
        FieldSelection sel;
        if (e.spfArIndex >= 0 && e.spfArIndex < r->authenticationResults.size())
            sel = headerSelection(m, r->authenticationResults.at(e.spfArIndex).headerIndex,
                                  tr("The Authentication-Results header the SPF side comes from"));
        add(nullptr, Row::Spf, tr("SPF side"), spf, sel);
    }
    if (!d.lookups.isEmpty()) {
        QTreeWidgetItem *lk =
            add(nullptr, Row::Lookup, tr("Names asked"),
                d.lookups.size() == 1 ? tr("1 name") : tr("%1 names, in order").arg(d.lookups.size()));
        for (const DmarcQuery &q : d.lookups) {
            QString v = SurroundingWords::dmarcOutcomeWords(q.outcome);
            if (!q.ignoredTxt.isEmpty())
                v += tr(" (other TXT records ignored: %1)").arg(q.ignoredTxt.size());
            add(lk, Row::Lookup, tr("asked"), tr("%1: %2").arg(latin(q.name), v));
        }
        lk->setExpanded(true);
    }
    if (!d.record.remarks.isEmpty()) {
        QTreeWidgetItem *rm = add(nullptr, Row::Remark, tr("Record remarks"), QString::number(d.record.remarks.size()));
        for (const DmarcRemark &x : d.record.remarks)
            add(rm, Row::Remark, x.code, x.detail);
        rm->setExpanded(true);
    }
    QTreeWidgetItem *cv =
        add(nullptr, Row::Caveat, tr("Does not prove"), tr("the record is today's; SPF cannot be re-checked"));
    cv->setIcon(0, VerdictIcons::icon(VerdictIcons::Kind::Caveat));
    for (const QString &c : e.caveats) {
        QTreeWidgetItem *it = add(cv, Row::Caveat, QStringLiteral("⚠"), c);
        it->setTextAlignment(0, Qt::AlignRight | Qt::AlignTop);
    }
    cv->setExpanded(true);
    m_silent = false;
}

} // namespace dkimi::ui
