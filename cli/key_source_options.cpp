#include "key_source_options.h"

#include "zone_file_resolver.h"

#include <QFileInfo>

namespace dkimi::cli {

KeySourceOptions::KeySourceOptions()
    : m_keys(QStringLiteral("keys"),
             QStringLiteral("Key records from a zone file (selector._domainkey.domain. IN TXT \"...\"); may be "
                            "given several times."),
             QStringLiteral("FILE")),
      m_offline(QStringLiteral("offline"),
                QStringLiteral("Never touch the network: keys come only from --keys files and the key store. "
                               "Without it, keys are also looked up in DNS (visible to the domain's DNS operator).")),
      m_dnsServer(QStringLiteral("dns-server"),
                  QStringLiteral("Ask this recursive resolver (IP, IP:PORT or [IPv6]:PORT) instead of the "
                                 "system's (/etc/resolv.conf)."),
                  QStringLiteral("IP[:PORT]")),
      m_trustAnchor(QStringLiteral("trust-anchor"),
                    QStringLiteral("Validate DNSSEC with the DS/DNSKEY records in this file instead of the root "
                                   "trust anchor (/usr/share/dns/root.key)."),
                    QStringLiteral("FILE")),
      m_dnsTimeout(QStringLiteral("dns-timeout"),
                   QStringLiteral("Give up on a DNS lookup after MS milliseconds (default 5000): temperror."),
                   QStringLiteral("MS")),
      m_keyStore(QStringLiteral("key-store"),
                 QStringLiteral("Use this key store file (SQLite) instead of %1.").arg(KeyStore::defaultPath()),
                 QStringLiteral("FILE")),
      m_noKeyStore(QStringLiteral("no-key-store"),
                   QStringLiteral("Neither read stored keys nor remember the keys DNS serves."))
{
}

void KeySourceOptions::addTo(QCommandLineParser &p) const
{
    p.addOptions({m_keys, m_offline, m_dnsServer, m_trustAnchor, m_dnsTimeout, m_keyStore, m_noKeyStore});
}

QString KeySourceOptions::keyStorePath(const QCommandLineParser &p) const
{
    return p.isSet(m_keyStore) ? p.value(m_keyStore) : KeyStore::defaultPath();
}

Expected<DnsResolverConfig> KeySourceOptions::dnsConfig(const QCommandLineParser &p) const
{
    DnsResolverConfig c;
    c.server = p.value(m_dnsServer);
    c.trustAnchorFile = p.value(m_trustAnchor);
    if (p.isSet(m_dnsTimeout)) {
        bool ok = false;
        c.timeoutMs = p.value(m_dnsTimeout).toInt(&ok);
        if (!ok || c.timeoutMs < 1 || c.timeoutMs > 600000)
            return Error{QString(), QStringLiteral("--dns-timeout needs milliseconds between 1 and 600000, not '%1'")
                                        .arg(p.value(m_dnsTimeout))};
    }
    if (!c.server.isEmpty() && DnsKeyResolver::unboundAddress(c.server).isEmpty())
        return Error{QString(), QStringLiteral("--dns-server needs a numeric address (IP, IP:PORT or [IPv6]:PORT), "
                                               "not '%1'")
                                    .arg(c.server)};
    return c;
}

Expected<std::shared_ptr<KeyStore>> KeySourceOptions::keyStore(const QCommandLineParser &p, bool createIfMissing) const
{
    if (p.isSet(m_noKeyStore)) {
        if (p.isSet(m_keyStore))
            return Error{QString(), QStringLiteral("--key-store and --no-key-store contradict each other")};
        return std::shared_ptr<KeyStore>();
    }
    const QString path = keyStorePath(p);
    if (!createIfMissing && !QFileInfo::exists(path))
        return std::shared_ptr<KeyStore>();
    auto s = KeyStore::open(path, createIfMissing ? KeyStore::Open::CreateIfMissing : KeyStore::Open::MustExist);
    if (!s)
        return s.error();
    return *s;
}

Expected<std::shared_ptr<const KeyResolver>> KeySourceOptions::build(const QCommandLineParser &p, FILE *err) const
{
    const bool offline = p.isSet(m_offline);
    if (offline && (p.isSet(m_dnsServer) || p.isSet(m_trustAnchor) || p.isSet(m_dnsTimeout)))
        return Error{QString(), QStringLiteral("--offline and --dns-server/--trust-anchor contradict each other")};
    auto chain = std::make_shared<ChainResolver>();
    for (const QString &kf : p.values(m_keys)) {
        auto z = ZoneFileResolver::load(kf);
        if (!z)
            return z.error();
        for (const QString &w : (*z)->warnings()) {
            const QByteArray b = QStringLiteral("warning: %1\n").arg(w).toUtf8();
            fwrite(b.constData(), 1, size_t(b.size()), err);
        }
        chain->add(*z);
    }
    if (!offline) {
        auto c = dnsConfig(p);
        if (!c)
            return c.error();
        auto dns = DnsKeyResolver::create(*c);
        if (!dns)
            return dns.error();
        chain->add(*dns);
    }
    // Offline, a missing store is not created: there is nothing to read and nothing DNS could add.
    auto store = keyStore(p, !offline);
    if (!store)
        return store.error();
    if (*store)
        chain->add(std::make_shared<KeyStoreResolver>(*store));
    return std::shared_ptr<const KeyResolver>(chain);
}

} // namespace dkimi::cli
