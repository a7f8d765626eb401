#pragma once

#include "evidence_row.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace dkimi::ui {

// The evidence list: one row per message (or per file that could not be read). Each row keeps only
// what the columns, the filter, the sort and the summary need (EvidenceRow).
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
    void addOrUpdate(const QList<RowPtr> &rows);
    void clear();
    RowPtr row(int row) const;
    int rowOf(quint64 id) const;
    const QList<RowPtr> &rows() const { return m_rows; }

    static Category category(const EvidenceRow &r);

private:
    // Rows of one archive repeat the same few domains, selectors, reasons and tooltips: each row
    // shares one copy of them instead of holding its own.
    template <typename T> T shared(QSet<T> &pool, const T &value);
    RowPtr adopt(const EvidenceRow &r, quint64 id);

    QList<RowPtr> m_rows;
    QHash<quint64, int> m_rowOfId;
    quint64 m_nextId = 1;
    QSet<QByteArray> m_bytesPool;
    QSet<QString> m_textPool;
};

} // namespace dkimi::ui
