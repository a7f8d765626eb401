#pragma once

#include "evidence_item.h"

#include <QAbstractTableModel>

namespace dkimi::ui {

// The header analysis of a message (MessageResult::headers), one row per header name: how many
// instances, which instance each signature covers, which one a mail client displays, over-signed
// names and important headers that no signature covers. Wraps the result without copying it.
class HeaderTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, InstancesColumn, SignedColumn, DisplayedColumn, NotesColumn, ColumnCount };
    enum Role { AlarmRole = Qt::UserRole + 1 }; // bool: a row a reader must look at

    explicit HeaderTableModel(QObject *parent = nullptr);
    void setEvidence(const EvidencePtr &item);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const HeaderNameInfo *info(int row) const;
    int rowOf(const QString &name) const;
    QString signedText(const HeaderNameInfo &h) const;
    QString notesText(const HeaderNameInfo &h) const;
    bool alarm(const HeaderNameInfo &h) const;

private:
    EvidencePtr m_item;
};

} // namespace dkimi::ui
