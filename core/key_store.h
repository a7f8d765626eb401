#pragma once

#include "expected.h"
#include "key_resolver.h"

#include <QDateTime>
#include <QMutex>
#include <QSet>

#include <optional>

struct sqlite3;

namespace dkimi {

// One key the program has seen or been given, with its provenance.
struct StoredKey {
    qint64 id = 0;
    QByteArray domain;   // lower case, no trailing dot
    QByteArray selector; // lower case
    QByteArray record;   // the TXT text, strings joined
    QString keyType;     // "rsa", "ed25519", or empty when the record holds no usable key
    int keyBits = 0;
    QByteArray fingerprint; // SHA-256 of the SubjectPublicKeyInfo, hex; empty without a usable key
    QString source;         // see KeyStore::sources()
    QDateTime firstSeen;    // invalid = unknown
    QDateTime lastSeen;
    QString resolver; // DNS resolver that served it (dns sources)
    QString note;
};

struct KeyStoreFilter {
    QString text;   // substring of domain or selector (case-insensitive); empty = all
    QString source; // exact source; empty = all
};

// The key store: an SQLite file holding every key the program has used or been given, several per
// selector over time (RFC 6376 keys rotate; old mail needs old keys). A key is identified by
// domain, selector and record text; seeing it again widens its first/last-seen interval.
// A file that is not a key store (or is damaged) is an Error naming it, never overwritten.
// Thread-safe.
class KeyStore {
public:
    enum class Open { CreateIfMissing, MustExist };
    static Expected<std::shared_ptr<KeyStore>> open(const QString &path, Open mode = Open::CreateIfMissing);
    // <GenericDataLocation>/dkim-inspector/keys.sqlite: one store shared by the CLI and the GUI, whatever
    // their application names (~/.local/share/dkim-inspector/keys.sqlite on Linux).
    static QString defaultPath();
    // Provenance values, strongest first: dns_dnssec, dns, zone_file, imported_archive, entered_by_hand.
    static const QStringList &sources();
    static bool isDnsSource(const QString &source) { return source.startsWith(QLatin1String("dns")); }

    ~KeyStore();
    KeyStore(const KeyStore &) = delete;
    KeyStore &operator=(const KeyStore &) = delete;

    const QString &path() const { return m_path; }

    // Adds a key, or widens the seen interval of the same record (the stronger source, resolver and a
    // non-empty note win). Fills key type, size and fingerprint from the record. Returns the row id.
    Expected<qint64> add(StoredKey key);
    QList<StoredKey> keys(const KeyStoreFilter &filter = {}) const;
    // All keys of one selector, oldest first (by first seen, unknown first).
    QList<StoredKey> history(const QByteArray &domain, const QByteArray &selector) const;
    std::optional<StoredKey> key(qint64 id) const;
    Expected<bool> setNote(qint64 id, const QString &note); // false: no such key
    Expected<bool> remove(qint64 id);                       // false: no such key

private:
    KeyStore() = default;
    QList<StoredKey> query(const QByteArray &where, const QList<QByteArray> &binds) const;
    Error sqlError(const QString &what) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    mutable QMutex m_mutex;
};

// The key store as a key source: every stored key of the selector is a candidate, each with its own
// provenance (KeyLookup::recordInfo). It remembers keys that verification fetched from live DNS.
class KeyStoreResolver : public KeyResolver {
public:
    explicit KeyStoreResolver(std::shared_ptr<KeyStore> store) : m_store(std::move(store)) {}
    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    QString describe() const override;
    void keyUsed(const KeyLookup &lookup, const QByteArray &record) const override;
    const std::shared_ptr<KeyStore> &store() const { return m_store; }

private:
    std::shared_ptr<KeyStore> m_store;
    // Answers already written: a batch verifies many messages with the same cached DNS answer, and
    // one write per answer is enough.
    mutable QMutex m_seenMutex;
    mutable QSet<QByteArray> m_seen;
};

} // namespace dkimi
