#pragma once

#include "dns_key_resolver.h"
#include "expected.h"
#include "key_resolver.h"
#include "key_store.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <cstdio>
#include <memory>

namespace dkimi::cli {

// The options that choose where keys come from, shared by every verb that verifies or looks keys up:
// --keys FILE (zone files), live DNS unless --offline (--dns-server IP[:PORT], --trust-anchor FILE),
// and the key store (--key-store FILE, default the application-data one; --no-key-store).
class KeySourceOptions {
public:
    KeySourceOptions();
    void addTo(QCommandLineParser &p) const;
    // Builds the resolver the options ask for: key files first, then live DNS, then the key store (the
    // verifier tries the candidates of every source). Warnings go to err. Errors name the file and problem.
    Expected<std::shared_ptr<const KeyResolver>> build(const QCommandLineParser &p, FILE *err) const;

    bool offline(const QCommandLineParser &p) const { return p.isSet(m_offline); }
    // The resolver settings --dns-server and --trust-anchor describe (checked; not yet connected).
    Expected<DnsResolverConfig> dnsConfig(const QCommandLineParser &p) const;
    // The key store the options name: null with --no-key-store, or when createIfMissing is false and
    // the file does not exist. A damaged or foreign file is an error naming it (never overwritten).
    Expected<std::shared_ptr<KeyStore>> keyStore(const QCommandLineParser &p, bool createIfMissing) const;
    QString keyStorePath(const QCommandLineParser &p) const;

private:
    QCommandLineOption m_keys;
    QCommandLineOption m_offline;
    QCommandLineOption m_dnsServer;
    QCommandLineOption m_trustAnchor;
    QCommandLineOption m_dnsTimeout;
    QCommandLineOption m_keyStore;
    QCommandLineOption m_noKeyStore;
};

} // namespace dkimi::cli
