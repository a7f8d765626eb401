#include "summary_dock.h"

#include "archive_reader.h"
#include "message_list_model.h"
#include "summary_view.h"

#include <QTimer>

#include <algorithm>

namespace dkimi::ui {

SummaryDock::SummaryDock(MessageListModel *model, QWidget *parent)
    : QDockWidget(tr("Summary"), parent), m_model(model), m_view(new SummaryView(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("summaryDock"));
    setWidget(m_view);
    m_timer->setSingleShot(true);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &SummaryDock::refresh);
    // Counting every row again on each batch made a list of 60,000 messages stall the window for
    // over half a second at a time: appended rows are counted on their own. Several batches arrive
    // between two refreshes, so an append is rows added at the end, wherever the count stands.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        if (last + 1 != m_model->rowCount())
            m_recount = true;
        schedule();
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SummaryDock::scheduleRecount);
    connect(model, &QAbstractItemModel::dataChanged, this, &SummaryDock::scheduleRecount);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() == 0)
            m_archives.clear();
        scheduleRecount();
    });
    connect(model, &QAbstractItemModel::layoutChanged, this, &SummaryDock::scheduleRecount);
    refresh();
}

void SummaryDock::schedule()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void SummaryDock::scheduleRecount()
{
    m_recount = true;
    schedule();
}

void SummaryDock::refresh()
{
    m_timer->stop();
    const QList<RowPtr> &rows = m_model->rows();
    if (m_recount || m_counted > rows.size()) {
        m_summary = BatchSummary();
        m_counted = 0;
        m_recount = false;
        ++m_recounts;
    }
    for (; m_counted < rows.size(); ++m_counted) {
        const EvidenceRow &r = *rows.at(m_counted);
        if (r.isError())
            m_summary.addUnreadable();
        else
            m_summary.add(r.result, r.tallies(), r.date);
    }
    m_summary.setArchives(m_archives);
    m_view->setSummary(m_summary);
}

void SummaryDock::addArchives(const QList<ArchiveDigest> &archives)
{
    for (const ArchiveDigest &d : archives) {
        auto same = std::find_if(m_archives.begin(), m_archives.end(),
                                 [&d](const ArchiveDigest &e) { return e.file == d.file; });
        if (same != m_archives.end())
            *same = d;
        else
            m_archives.append(d);
    }
    refresh();
}

} // namespace dkimi::ui
