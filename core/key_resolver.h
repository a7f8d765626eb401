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
    QByteArray queryName;             // selector._domainkey.domain
    QList<QList<QByteArray>> records; // each TXT record as its character-strings
    QString sourceKind;               // "zone_file", later "dns", "key_store", ...
    QString sourceName;               // e.g. the zone file's path
    QString detail;                   // plain words: why not found / temporary failure
    QList<QByteArray> cnameChain;     // names followed to reach the record (DNS only)
    QString dnssec;                   // "secure", "insecure", "bogus", or empty when not from DNS
    QDateTime fetchedAt;

    // The DNS transcript (live DNS only; empty or -1 otherwise).
    QString resolver;      // who was asked: "forwarder 127.0.0.1:5353" or "system resolver (/etc/resolv.conf)"
    QString rcode;         // "NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", ... or "timeout"
    qint64 ttl = -1;       // seconds, of the TXT answer
    qint64 elapsedMs = -1; // how long the lookup took
    QString dnssecDetail;  // why bogus, or which trust anchor made it secure / why insecure

    // Per-record provenance, parallel to `records` when a source knows more than the lookup as a whole
    // (the key store: each stored key has its own origin and history). May be empty.
    struct RecordInfo {
        QString origin;      // key store source: dns_dnssec, dns, zone_file, imported_archive, entered_by_hand
        QDateTime firstSeen; // when the key was first seen at its origin
        QDateTime lastSeen;
        QString resolver; // DNS resolver that served it, when it came from DNS
        QString note;
    };
    QList<RecordInfo> recordInfo;

    static QByteArray joined(const QList<QByteArray> &strings) { return strings.join(QByteArray()); }
};

// One interface for every key source: zone files now; live DNS and the key store later.
// Implementations must be safe to call from several threads at once.
class KeyResolver {
public:
    virtual ~KeyResolver() = default;
    virtual KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const = 0;
    virtual QString describe() const = 0;
    // Every source's answer (a chain asks each of its members); a single source answers once.
    virtual QList<KeyLookup> lookupAll(const QByteArray &domain, const QByteArray &selector) const
    {
        return {lookup(domain, selector)};
    }
    // Told which key a verification used, so that a key store can remember it. `lookup` is the
    // answer the record came from; `record` the joined TXT text. Default: nothing to remember.
    virtual void keyUsed(const KeyLookup & /*lookup*/, const QByteArray & /*record*/) const {}

    // Any TXT record by owner name, e.g. a DMARC record at _dmarc.example.com, with the same
    // provenance as a key. Sources that hold only DKIM keys (the key store) do not answer TXT lookups:
    // answersTxt() is false and lookupTxt() says NotFound with sourceKind "none".
    virtual bool answersTxt() const { return false; }
    virtual KeyLookup lookupTxt(const QByteArray &name) const;
};

// Tries several resolvers in order; the first that finds a record answers. NotFound only when all
// say so; TempError when one failed temporarily and none found the record.
class ChainResolver : public KeyResolver {
public:
    void add(std::shared_ptr<const KeyResolver> r) { m_resolvers.append(std::move(r)); }
    bool isEmpty() const { return m_resolvers.isEmpty(); }
    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    QString describe() const override;
    QList<KeyLookup> lookupAll(const QByteArray &domain, const QByteArray &selector) const override;
    void keyUsed(const KeyLookup &lookup, const QByteArray &record) const override;
    // Members that answer TXT lookups, in order: the first Found answers; else the first TempError;
    // else a DNS source's NotFound (DNS says the name has no record), else the first NotFound.
    bool answersTxt() const override;
    KeyLookup lookupTxt(const QByteArray &name) const override;
    const QList<std::shared_ptr<const KeyResolver>> &members() const { return m_resolvers; }

private:
    QList<std::shared_ptr<const KeyResolver>> m_resolvers;
};

QByteArray keyQueryName(const QByteArray &domain, const QByteArray &selector);

} // namespace dkimi
