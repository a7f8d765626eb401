#pragma once

#include "expected.h"
#include "key_resolver.h"

#include <QMutex>

struct ub_ctx;

namespace dkimi {

// How to reach DNS. Tests name their own server; nothing here ever falls back to another resolver.
struct DnsResolverConfig {
    // "IP", "IP:PORT" or "[IPv6]:PORT": a recursive resolver used as forwarder. Empty: the system's
    // resolvers from /etc/resolv.conf.
    QString server;
    // DNSSEC trust anchors (DS or DNSKEY records in zone-file format, as in /usr/share/dns/root.key),
    // used *instead of* the root anchor. Empty: the root anchor from dns-root-data when present.
    QString trustAnchorFile;
    // Upper bound for one lookup, whatever the resolver does (retries, unreachable servers).
    int timeoutMs = 5000;
};

// Live DNS through libunbound: a TXT lookup of selector._domainkey.domain, CNAMEs followed and
// recorded, DNSSEC validated (secure / insecure / bogus), every lookup bounded by a deadline.
// NXDOMAIN and NODATA are NotFound; SERVFAIL, bogus answers, other rcodes and timeouts are TempError.
// Thread-safe: lookups are serialised on one libunbound context (which keeps its cache). The
// context's worker thread lives as long as this object.
class DnsKeyResolver : public KeyResolver {
public:
    static Expected<std::shared_ptr<DnsKeyResolver>> create(const DnsResolverConfig &config);
    ~DnsKeyResolver() override;
    DnsKeyResolver(const DnsKeyResolver &) = delete;
    DnsKeyResolver &operator=(const DnsKeyResolver &) = delete;

    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    // Any TXT record (e.g. _dmarc.example.com), with the same DNSSEC, CNAME and transcript handling.
    bool answersTxt() const override { return true; }
    KeyLookup lookupTxt(const QByteArray &name) const override { return lookupName(name); }
    QString describe() const override;

    // "forwarder 127.0.0.1:5353" or "system resolver (/etc/resolv.conf: 10.0.0.1)".
    const QString &resolverName() const { return m_resolverName; }
    // "trust anchor FILE", "root trust anchor /usr/share/dns/root.key" or "none (no DNSSEC validation)".
    const QString &trustAnchorName() const { return m_anchorName; }
    bool validates() const { return m_validates; }

    // Parses "IP", "IP:PORT", "[IPv6]:PORT" into libunbound's "IP@PORT" form; empty on error.
    static QByteArray unboundAddress(const QString &server);

private:
    DnsKeyResolver() = default;
    KeyLookup lookupName(const QByteArray &qname) const;

    ub_ctx *m_ctx = nullptr;
    mutable QMutex m_mutex;
    QString m_resolverName;
    QString m_anchorName;
    bool m_validates = false;
    int m_timeoutMs = 5000;
};

} // namespace dkimi
