#include "message_filter_proxy.h"

namespace dkimi::ui {

MessageFilterProxy::MessageFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(MessageListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
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

} // namespace dkimi::ui
