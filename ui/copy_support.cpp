#include "copy_support.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>

namespace dkimi::ui {

CopySupport::CopySupport(QAbstractItemView *view) : QObject(view), m_view(view)
{
    auto *copy = new QAction(tr("Copy value"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(valueText(m_view)); });
    auto *row = new QAction(tr("Copy row"), view);
    connect(row, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(rowText(m_view)); });
    view->addAction(copy);
    view->addAction(row);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void CopySupport::install(QAbstractItemView *view)
{
    new CopySupport(view);
}

QString CopySupport::valueText(QAbstractItemView *view)
{
    const QModelIndex idx = view->currentIndex();
    if (!idx.isValid())
        return QString();
    const QVariant full = idx.data(Qt::UserRole);
    if (full.isValid() && full.canConvert<QString>() && !full.toString().isEmpty())
        return full.toString();
    return idx.data(Qt::DisplayRole).toString();
}

QString CopySupport::rowText(QAbstractItemView *view)
{
    const QModelIndex idx = view->currentIndex();
    if (!idx.isValid())
        return QString();
    QStringList cells;
    const QAbstractItemModel *m = idx.model();
    for (int c = 0; c < m->columnCount(idx.parent()); ++c) {
        const QModelIndex cell = m->index(idx.row(), c, idx.parent());
        const QVariant full = cell.data(Qt::UserRole);
        cells << (full.isValid() && full.canConvert<QString>() && !full.toString().isEmpty()
                      ? full.toString()
                      : cell.data(Qt::DisplayRole).toString());
    }
    return cells.join(u'\t');
}

} // namespace dkimi::ui
