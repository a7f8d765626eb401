#pragma once

#include "key_store.h"

#include <QAbstractTableModel>

#include <memory>

namespace dkimi::ui {

// Keys of the key store as a table (the Keys window): provenance, when seen, fingerprint, and the
// note, which is edited in place and written to the store.
class KeyStoreModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        DomainColumn,
        SelectorColumn,
        KeyColumn,
        SourceColumn,
        FirstSeenColumn,
        LastSeenColumn,
        FingerprintColumn,
        NoteColumn,
        ColumnCount
    };
    explicit KeyStoreModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<KeyStore> store);
    void setKeys(const QList<StoredKey> &keys);
    const QList<StoredKey> &keys() const { return m_keys; }
    const StoredKey *key(int row) const { return row >= 0 && row < m_keys.size() ? &m_keys.at(row) : nullptr; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<KeyStore> m_store;
    QList<StoredKey> m_keys;
};

} // namespace dkimi::ui
