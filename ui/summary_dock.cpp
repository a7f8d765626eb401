#include "summary_dock.h"

#include "archive_reader.h"
#include "message_list_model.h"
#include "summary_view.h"

#include <QTimer>

namespace dkimi::ui {

SummaryDock::SummaryDock(MessageListModel *model, QWidget *parent)
    : QDockWidget(tr("Summary"), parent), m_model(model), m_view(new SummaryView(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("summaryDock"));
    setWidget(m_view);
    m_timer->setSingleShot(true);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &SummaryDock::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &SummaryDock::schedule);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SummaryDock::schedule);
    connect(model, &QAbstractItemModel::dataChanged, this, &SummaryDock::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &SummaryDock::schedule);
    refresh();
}

void SummaryDock::schedule()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void SummaryDock::refresh()
{
    m_timer->stop();
    BatchSummary s;
    for (const EvidencePtr &e : m_model->items())
        s.add(ArchiveReader::toBatchItem(*e));
    m_summary = s;
    m_view->setSummary(m_summary);
}

} // namespace dkimi::ui
