#include "message_filter_proxy.h"

#include "archive_reader.h"

namespace dkimi::ui {

MessageFilterProxy::MessageFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(MessageListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void MessageFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_list = qobject_cast<const MessageListModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void MessageFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void MessageFilterProxy::setCategory(int category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateFilter();
}

bool MessageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_category >= 0 && idx.data(MessageListModel::ResultCategoryRole).toInt() != m_category)
        return false;
    if (m_text.isEmpty())
        return true;
    const QString hay = idx.data(MessageListModel::SearchTextRole).toString();
    const QStringList words = m_text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &w : words) {
        if (!hay.contains(w, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool MessageFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Sorted by file (the default order), two messages of one archive compare by their number: the
    // same order as their sort values ("name #000000000012", MessageListModel::data), without building
    // two strings per comparison. Each batch of an archive's rows is sorted as it arrives, and those
    // strings made one batch cost tens of milliseconds on the window's thread.
    if (m_list && sortRole() == MessageListModel::SortRole && left.column() == MessageListModel::FileColumn &&
        right.column() == MessageListModel::FileColumn && !left.parent().isValid()) {
        const QList<RowPtr> &rows = m_list->rows();
        if (left.row() < rows.size() && right.row() < rows.size()) {
            const EvidenceRow &a = *rows.at(left.row());
            const EvidenceRow &b = *rows.at(right.row());
            if (ArchiveReader::inContainer(a) && ArchiveReader::inContainer(b) && a.path == b.path)
                return a.location.index < b.location.index;
        }
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace dkimi::ui
