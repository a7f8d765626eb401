#pragma once

#include "evidence_item.h"

#include <QAbstractTableModel>
#include <QHash>

namespace dkimi::ui {

// The evidence list: one row per message file (or per file that could not be read), wrapping the
// verifier's results without copying them.
class MessageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IconColumn,
        FromColumn,
        SubjectColumn,
        DateColumn,
        DomainColumn,
        SelectorColumn,
        ResultColumn,
        FileColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally (dates, result rank)
        ResultCategoryRole,          // int(Category)
        SearchTextRole,              // everything the text filter looks at
    };
    enum class Category { Pass, Caveats, Fail, CannotCheck, Unsigned, Error };

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // New rows get fresh ids; rows whose id is already present are replaced in place.
    void addOrUpdate(const QList<EvidencePtr> &items);
    void clear();
    EvidencePtr item(int row) const;
    int rowOf(quint64 id) const;
    const QList<EvidencePtr> &items() const { return m_items; }

    static Category category(const EvidenceItem &e);

private:
    QList<EvidencePtr> m_items;
    QHash<quint64, int> m_rowOfId;
    quint64 m_nextId = 1;
};

} // namespace dkimi::ui
