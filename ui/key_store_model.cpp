#include "key_store_model.h"

#include "key_provenance.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

namespace dkimi::ui {

KeyStoreModel::KeyStoreModel(QObject *parent) : QAbstractTableModel(parent) {}

void KeyStoreModel::setStore(std::shared_ptr<KeyStore> store)
{
    m_store = std::move(store);
}

void KeyStoreModel::setKeys(const QList<StoredKey> &keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

int KeyStoreModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int KeyStoreModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyStoreModel::data(const QModelIndex &index, int role) const
{
    const StoredKey *k = index.isValid() ? key(index.row()) : nullptr;
    if (!k || index.column() >= ColumnCount)
        return {};
    const bool byHand = k->source == QLatin1String("entered_by_hand");
    if (role == Qt::DecorationRole && index.column() == SourceColumn && byHand)
        return VerdictIcons::icon(VerdictIcons::Kind::Caveat);
    if (role == Qt::ToolTipRole && index.column() == SourceColumn)
        return byHand                  ? tr("Entered by hand: not from DNS. A verdict that uses this key says so.")
               : k->resolver.isEmpty() ? QVariant()
                                       : QVariant(tr("served by %1").arg(k->resolver));
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    auto when = [](const QDateTime &t) {
        return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
    };
    switch (index.column()) {
    case DomainColumn:
        return QString::fromLatin1(k->domain);
    case SelectorColumn:
        return QString::fromLatin1(k->selector);
    case KeyColumn:
        if (k->keyType.isEmpty())
            return tr("no usable key");
        return k->keyType == QLatin1String("rsa") ? tr("RSA %1").arg(k->keyBits) : tr("Ed25519");
    case SourceColumn:
        return KeyProvenance::originWords(k->source);
    case FirstSeenColumn:
        return when(k->firstSeen);
    case LastSeenColumn:
        return when(k->lastSeen);
    case FingerprintColumn:
        return QString::fromLatin1(k->fingerprint.left(16));
    case NoteColumn:
        return k->note;
    default:
        return {};
    }
}

bool KeyStoreModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != NoteColumn || role != Qt::EditRole || !m_store ||
        index.row() >= m_keys.size())
        return false;
    const auto ok = m_store->setNote(m_keys.at(index.row()).id, value.toString());
    if (!ok || !*ok)
        return false;
    m_keys[index.row()].note = value.toString();
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags KeyStoreModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NoteColumn && m_store)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant KeyStoreModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DomainColumn:
        return tr("Domain");
    case SelectorColumn:
        return tr("Selector");
    case KeyColumn:
        return tr("Key");
    case SourceColumn:
        return tr("Provenance");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case FingerprintColumn:
        return tr("SHA-256");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace dkimi::ui
