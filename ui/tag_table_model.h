#pragma once

#include "byte_range.h"

#include <QAbstractTableModel>
#include <QList>

namespace dkimi::ui {

// A tag=value list (a DKIM-Signature or a key record) as a table: tag, value, what it means in plain
// words, and any finding about it. Each row knows its bytes.
class TagTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Row {
        QByteArray tag;
        QString value;
        QString meaning;
        QString finding;
        bool findingIsWarning = false;
        ByteRange range;
    };
    enum Column { TagColumn, ValueColumn, MeaningColumn, FindingColumn, ColumnCount };

    explicit TagTableModel(QObject *parent = nullptr);

    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    int rowOfTag(const QByteArray &tag) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Row> m_rows;
};

} // namespace dkimi::ui
