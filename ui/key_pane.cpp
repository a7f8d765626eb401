#include "key_pane.h"

#include "byte_view.h"
#include "copy_support.h"
#include "key_provenance.h"
#include "tag_meanings.h"
#include "tag_table_model.h"
#include "verdict_presenter.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dkimi::ui {

KeyPane::KeyPane(QWidget *parent) : InspectorPane(tr("Key"), parent)
{
    setObjectName(QStringLiteral("keyPane"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("keySplitter"));
    m_summary = new QLabel(split);
    m_summary->setObjectName(QStringLiteral("keySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_summary->setToolTip(TagMeanings::glossary("key"));
    m_summary->setTextInteractionFlags(m_summary->textInteractionFlags() | Qt::LinksAccessibleByMouse);
    connect(m_summary, &QLabel::linkActivated, this, [this](const QString &link) {
        const EvidencePtr &e = evidence();
        if (link != QLatin1String("import") || !e || signature() < 0 || signature() >= e->result.signatures.size())
            return;
        const DkimSignature &sig = e->result.signatures.at(signature()).signature;
        Q_EMIT importKeyRequested(QString::fromLatin1(sig.domain), QString::fromLatin1(sig.selector));
    });
    m_record = new ByteView(SourceId::KeyRecord, split);
    m_record->setObjectName(QStringLiteral("keyRecordView"));
    m_record->setSyntax(MessageHighlighter::Syntax::TagList);
    m_record->setAccessibleName(tr("Key record text"));
    m_model = new TagTableModel(this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("keyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(TagTableModel::TagColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(TagTableModel::ValueColumn, 150);
    m_table->setColumnWidth(TagTableModel::MeaningColumn, 240);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);
    m_table->setAccessibleName(tr("Key record tags"));
    CopySupport::install(m_table);
    split->addWidget(m_summary);
    split->addWidget(m_record);
    split->addWidget(m_table);
    split->setSizes({190, 70, 110});
    setContent(split);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (m_silent || !cur.isValid())
            return;
        const TagTableModel::Row &row = m_model->rows().at(cur.row());
        FieldSelection sel;
        sel.keyTag = row.tag;
        sel.ranges.append(row.range);
        sel.label = tr("%1= of the key record").arg(QString::fromLatin1(row.tag));
        select(sel);
    });
}

void KeyPane::evidenceChanged()
{
    const EvidencePtr &e = evidence();
    const int s = signature();
    QList<TagTableModel::Row> rows;
    if (!e || e->isError() || s < 0 || s >= e->result.signatures.size()) {
        m_summary->setText(tr("No signature, so no key."));
        m_record->setBytes({});
        m_model->setRows(rows);
        setTitleDetail(QString());
        return;
    }
    const SignatureResult &r = e->result.signatures.at(s);
    const KeyLookup &k = r.keyLookup;
    setTitleDetail(QString::fromLatin1(k.queryName));
    QStringList lines;
    auto line = [&lines](const QString &label, const QString &value) {
        lines << QStringLiteral("<tr><td style=\"padding-right:8px\"><b>%1</b></td><td>%2</td></tr>")
                     .arg(label.toHtmlEscaped(), value);
    };
    line(tr("Looked up"), QStringLiteral("<tt>%1</tt>").arg(QString::fromLatin1(k.queryName).toHtmlEscaped()));
    QString source;
    if (k.sourceKind == QLatin1String("zone_file"))
        source = tr("zone file %1").arg(k.sourceName);
    else if (k.sourceKind == QLatin1String("none") || k.sourceKind.isEmpty())
        source = tr("none: no key file is loaded and live DNS is off");
    else
        source = k.sourceName.isEmpty() ? k.sourceKind : k.sourceKind + QLatin1Char(' ') + k.sourceName;
    line(tr("Source"), source.toHtmlEscaped());
    if (k.fetchedAt.isValid())
        line(tr("Read at"), VerdictPresenter::formatUtc(k.fetchedAt));
    line(tr("DNSSEC"), KeyProvenance::dnssecWords(k.dnssec).toHtmlEscaped());
    if (!k.cnameChain.isEmpty()) {
        QStringList names;
        for (const QByteArray &n : k.cnameChain)
            names << QString::fromLatin1(n);
        line(tr("CNAME chain"), names.join(QStringLiteral(" → ")).toHtmlEscaped());
    }
    if (k.status == KeyLookup::Status::NotFound) {
        line(tr("Result"), tr("<b>no key record</b> (%1). Often the domain rotated the key away; an archived copy "
                              "of the key can still be loaded with Keys › Load key file.")
                               .arg(k.detail.toHtmlEscaped()));
        // Issue 5: a clear "key not available" state that offers import, at the top of the pane.
        line(tr("Key not available"), tr("<a href=\"import\">Import or paste the key for %1…</a> (stored as "
                                         "entered by hand, flagged as not from DNS)")
                                          .arg(QString::fromLatin1(k.queryName).toHtmlEscaped()));
        lines.prepend(lines.takeLast());
    } else if (k.status == KeyLookup::Status::TempError) {
        line(tr("Result"), tr("<b>temporary failure</b>: %1").arg(k.detail.toHtmlEscaped()));
    }
    if (r.key) {
        const KeyRecord &key = *r.key;
        if (!key.key.isNull()) {
            line(tr("Key"),
                 key.key.type() == KeyType::Rsa ? tr("RSA, %1 bits").arg(r.keyBits) : tr("Ed25519 (256 bits)"));
            line(tr("SHA-256"), QStringLiteral("<tt>%1</tt>").arg(QString::fromLatin1(key.sha256Fingerprint())));
        }
        if (key.revoked)
            line(tr("Status"), tr("<b>revoked</b> (empty p=)"));
        if (key.testing)
            line(tr("Status"), tr("<b>testing</b> (t=y): treat as unsigned"));
        if (!key.reason.isEmpty())
            line(tr("Problem"), key.detail.toHtmlEscaped());
        m_record->setBytes(key.text);
        for (const Tag &t : key.tags.tags()) {
            TagTableModel::Row row;
            row.tag = t.name;
            row.value = QString::fromLatin1(t.value);
            row.meaning = TagMeanings::keyTag(t.name, t.value);
            row.range = ByteRange{SourceId::KeyRecord, t.valueOffset, t.valueLength};
            if (row.range.length == 0)
                row.range = ByteRange{SourceId::KeyRecord, t.specOffset, t.specLength};
            rows.append(row);
        }
    } else {
        m_record->setBytes({});
    }
    lines << KeyProvenance::rows(r);
    m_summary->setText(QStringLiteral("<table>%1</table>").arg(lines.join(QString())));
    m_model->setRows(rows);
}

void KeyPane::applySelection(const FieldSelection &sel)
{
    m_record->setHighlights(sel.rangesIn(SourceId::KeyRecord));
    m_silent = true;
    const int row = sel.keyTag.isEmpty() ? -1 : m_model->rowOfTag(sel.keyTag);
    if (row >= 0) {
        m_table->selectRow(row);
    } else {
        m_table->selectionModel()->clearCurrentIndex();
        m_table->clearSelection();
    }
    m_silent = false;
}

} // namespace dkimi::ui
