#include "headers_pane.h"

#include "explanation_words.h"
#include "header_table_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace dkimi::ui {

HeadersPane::HeadersPane(QWidget *parent) : InspectorPane(tr("Headers"), parent)
{
    setObjectName(QStringLiteral("headersPane"));
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("headersSummary"));
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_summary);
    m_model = new HeaderTableModel(this);
    m_table = new QTableView(box);
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Header analysis"));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(HeaderTableModel::NameColumn, 170);
    m_table->setColumnWidth(HeaderTableModel::InstancesColumn, 55);
    m_table->setColumnWidth(HeaderTableModel::SignedColumn, 220);
    m_table->setColumnWidth(HeaderTableModel::DisplayedColumn, 170);
    v->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (!m_silent && cur.isValid())
            onRow(cur.row());
    });
    setContent(box);
}

void HeadersPane::evidenceChanged()
{
    const EvidencePtr &e = evidence();
    m_model->setEvidence(e);
    if (!e || e->isError()) {
        m_summary->clear();
        setTitleDetail(QString());
        return;
    }
    const HeaderAnalysis &h = e->result.headers;
    QStringList lines;
    const QString alarm = ExplanationWords::twoFromAlarm(e->result);
    if (!alarm.isEmpty())
        lines << QStringLiteral("<b>⚠ %1</b>").arg(alarm.toHtmlEscaped());
    if (!h.unsignedImportant.isEmpty())
        lines << tr("Important headers not signed (could have been changed or added): %1")
                     .arg(h.unsignedImportant.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!h.oversigned.isEmpty())
        lines << tr("Locked against additions (over-signed): %1")
                     .arg(h.oversigned.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!h.duplicates.isEmpty())
        lines << tr("Appear more than once: %1").arg(h.duplicates.join(QStringLiteral(", ")).toHtmlEscaped());
    m_summary->setText(lines.join(QStringLiteral("<br>")));
    m_summary->setVisible(!lines.isEmpty());
    setTitleDetail(tr("%n header names", nullptr, int(h.names.size())));
}

void HeadersPane::onRow(int row)
{
    const HeaderNameInfo *h = m_model->info(row);
    if (!h)
        return;
    FieldSelection sel;
    sel.label = tr("%1 header (%n instances)", nullptr, int(h->instances.size())).arg(h->name);
    for (const HeaderInstance &i : h->instances)
        sel.ranges << i.range;
    if (h->instances.size() == 1)
        sel.headerIndex = h->instances.first().headerIndex;
    select(sel);
}

void HeadersPane::applySelection(const FieldSelection &sel)
{
    // A header selected elsewhere: select its row here.
    if (sel.headerIndex < 0)
        return;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        for (const HeaderInstance &i : m_model->info(r)->instances) {
            if (i.headerIndex == sel.headerIndex) {
                m_silent = true;
                m_table->setCurrentIndex(m_model->index(r, 0));
                m_silent = false;
                return;
            }
        }
    }
}

} // namespace dkimi::ui
