#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace dkimi {

// What one key lookup found, and where it came from (the key's provenance is part of the evidence).
struct KeyLookup {
    enum class Status { Found, NotFound, TempError };
    Status status = Status::NotFound;
    QByteArray queryName;                 // selector._domainkey.domain
    QList<QList<QByteArray>> records;     // each TXT record as its character-strings
    QString sourceKind;                   // "zone_file", later "dns", "key_store", ...
    QString sourceName;                   // e.g. the zone file's path
    QString detail;                       // plain words: why not found / temporary failure
    QList<QByteArray> cnameChain;         // names followed to reach the record (DNS only)
    QString dnssec;                       // "secure", "insecure", "bogus", or empty when not from DNS
    QDateTime fetchedAt;

    static QByteArray joined(const QList<QByteArray> &strings) { return strings.join(QByteArray()); }
};

// One interface for every key source: zone files now; live DNS and the key store later.
// Implementations must be safe to call from several threads at once.
class KeyResolver {
public:
    virtual ~KeyResolver() = default;
    virtual KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const = 0;
    virtual QString describe() const = 0;
};

// Tries several resolvers in order; the first that finds a record answers. NotFound only when all
// say so; TempError when one failed temporarily and none found the record.
class ChainResolver : public KeyResolver {
public:
    void add(std::shared_ptr<const KeyResolver> r) { m_resolvers.append(std::move(r)); }
    bool isEmpty() const { return m_resolvers.isEmpty(); }
    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    QString describe() const override;

private:
    QList<std::shared_ptr<const KeyResolver>> m_resolvers;
};

QByteArray keyQueryName(const QByteArray &domain, const QByteArray &selector);

} // namespace dkimi
