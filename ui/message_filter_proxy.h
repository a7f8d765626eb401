#pragma once

#include "message_list_model.h"

#include <QSortFilterProxyModel>

namespace dkimi::ui {

// Sorts the evidence list and filters it by text (From, Subject, file, domains, selectors, result)
// and by result category.
class MessageFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit MessageFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    // -1: every category; otherwise int(MessageListModel::Category).
    void setCategory(int category);
    int category() const { return m_category; }
    void setSourceModel(QAbstractItemModel *model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const MessageListModel *m_list = nullptr; // the source model, when it is the evidence list
    QString m_text;
    int m_category = -1;
};

} // namespace dkimi::ui
