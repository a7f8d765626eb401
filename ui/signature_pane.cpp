#include "signature_pane.h"

#include "copy_support.h"
#include "field_locator.h"
#include "surrounding_words.h"
#include "tag_meanings.h"
#include "tag_table_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

void setupTable(QTableView *t)
{
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    t->setTabKeyNavigation(false);
    CopySupport::install(t);
}

} // namespace

SignaturePane::SignaturePane(QWidget *parent) : InspectorPane(tr("Signature"), parent)
{
    setObjectName(QStringLiteral("signaturePane"));
    auto *w = new QWidget(this);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    m_model = new TagTableModel(this);
    m_table = new QTableView(w);
    m_table->setObjectName(QStringLiteral("signatureTable"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("DKIM-Signature tags"));
    setupTable(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(TagTableModel::TagColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(TagTableModel::ValueColumn, 130);
    m_table->setColumnWidth(TagTableModel::MeaningColumn, 330);
    m_coverage = new QLabel(w);
    m_coverage->setObjectName(QStringLiteral("signatureCoverage"));
    m_coverage->setWordWrap(true);
    m_coverage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_coverage->setContentsMargins(6, 2, 6, 4);
    l->addWidget(m_table, 1);
    l->addWidget(m_coverage);
    setContent(w);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (m_silent || !cur.isValid() || !locator())
            return;
        select(locator()->signatureTag(signature(), m_model->rows().at(cur.row()).tag));
    });
}

void SignaturePane::evidenceChanged()
{
    QList<TagTableModel::Row> rows;
    const EvidencePtr &e = evidence();
    const int s = signature();
    m_coverage->clear();
    if (!e || !e->message || s < 0 || s >= e->result.signatures.size()) {
        m_model->setRows(rows);
        setTitleDetail(QString());
        return;
    }
    const SignatureResult &r = e->result.signatures.at(s);
    const DkimSignature &sig = r.signature;
    const Message &m = *e->message;
    setTitleDetail(
        tr("%1 of %2, header field %3").arg(s + 1).arg(e->result.signatures.size()).arg(sig.headerIndex + 1));
    for (const Tag &t : sig.tags.tags()) {
        TagTableModel::Row row;
        row.tag = t.name;
        row.value = QString::fromLatin1(t.value);
        row.meaning = TagMeanings::signatureTag(t.name, t.value);
        row.range = sig.tagRange(m, t.name);
        // Findings that point at this tag's bytes.
        QStringList notes;
        for (const Step &st : r.steps) {
            for (const Finding &f : st.findings) {
                for (const ByteRange &w : f.where) {
                    if (w.source == SourceId::RawMessage && w.offset >= 0 && row.range.offset >= 0 &&
                        w.offset < row.range.end() + 1 && row.range.offset < w.end() + 1 &&
                        !notes.contains(f.message)) {
                        notes << f.message;
                        row.findingIsWarning = row.findingIsWarning || f.severity >= Severity::Warning;
                    }
                }
            }
        }
        if (t.name == "a" && r.hasFlag(QStringLiteral("sha1"))) {
            notes << tr("rsa-sha1 is forbidden by RFC 8301");
            row.findingIsWarning = true;
        }
        if (t.name == "x" && r.hasFlag(QStringLiteral("expired"))) {
            notes << tr("expired at the evaluation time");
            row.findingIsWarning = true;
        }
        if (t.name == "t" && r.hasFlag(QStringLiteral("future_timestamp"))) {
            notes << tr("after the evaluation time");
            row.findingIsWarning = true;
        }
        if (t.name == "d" && r.dmarcAlignment) {
            notes << SurroundingWords::alignmentNote(r);
            row.findingIsWarning = row.findingIsWarning || !r.dmarcAlignment->relaxed() ||
                                   r.dmarcAlignment->code == QLatin1String("dmarc_public_suffix");
        }
        if (t.name == "bh" && r.bodyHashMatches.has_value())
            notes << (*r.bodyHashMatches ? tr("matches the body") : tr("does NOT match the body"));
        if (t.name == "bh" && r.bodyHashMatches.has_value() && !*r.bodyHashMatches)
            row.findingIsWarning = true;
        if (t.name == "b" && r.signatureValid.has_value()) {
            notes << (*r.signatureValid ? tr("verifies with the key") : tr("does NOT verify with the key"));
            row.findingIsWarning = row.findingIsWarning || !*r.signatureValid;
        }
        row.finding = notes.join(QStringLiteral("; "));
        rows.append(row);
    }
    m_model->setRows(rows);

    QStringList signedNames;
    for (const SignedHeaderUse &u : r.headerUses) {
        if (u.headerIndex != sig.headerIndex)
            signedNames << (u.headerIndex < 0
                                ? QStringLiteral("<s>%1</s>").arg(QString::fromLatin1(u.name).toHtmlEscaped())
                                : QString::fromLatin1(u.name).toHtmlEscaped());
    }
    QString text;
    if (!signedNames.isEmpty())
        text += tr("<b>Covers</b>: %1").arg(signedNames.join(QStringLiteral(", ")));
    if (!r.unsignedHeaders.isEmpty())
        text += tr("<br><b>Present but not signed</b> (could have been changed or added): %1")
                    .arg(r.unsignedHeaders.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!r.oversignedHeaders.isEmpty())
        text += tr("<br><b>Locked against additions</b> (listed more often than present): %1")
                    .arg(r.oversignedHeaders.join(QStringLiteral(", ")).toHtmlEscaped());
    m_coverage->setText(text);
}

void SignaturePane::applySelection(const FieldSelection &sel)
{
    m_silent = true;
    const int row = sel.tag.isEmpty() ? -1 : m_model->rowOfTag(sel.tag);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    } else {
        m_table->selectionModel()->clearCurrentIndex();
        m_table->clearSelection();
    }
    m_silent = false;
}

} // namespace dkimi::ui
