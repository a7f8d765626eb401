#include "key_sources.h"

#include "online_consent.h"

#include <QStandardPaths>

namespace dkimi::ui {

KeySources::KeySources(QObject *parent) : QObject(parent) {}

void KeySources::openDefault()
{
    if (m_store || m_defaultTried)
        return;
    m_defaultTried = true;
    if (QStandardPaths::isTestModeEnabled())
        return; // tests name a temporary store
    setStorePath(KeyStore::defaultPath());
}

bool KeySources::setStorePath(const QString &path, QString *error)
{
    m_defaultTried = true;
    auto s = KeyStore::open(path);
    if (!s) {
        m_store.reset();
        m_storeError = s.error().toString();
        if (error)
            *error = m_storeError;
        Q_EMIT changed();
        return false;
    }
    m_store = *s;
    m_storeError.clear();
    Q_EMIT changed();
    return true;
}

bool KeySources::setOnline(bool on, QWidget *parent)
{
    if (on && !m_online) {
        // Remembered refusal still lets the user change their mind: ask again when they switch.
        if (OnlineConsent::remembered() != OnlineConsent::Answer::Allowed && !OnlineConsent::ask(parent))
            return false;
    }
    if (on == m_online)
        return m_online;
    m_online = on;
    if (m_online)
        setUpDns(); // now, so that the window can say at once when DNS cannot be used
    Q_EMIT changed();
    return m_online;
}

void KeySources::setUpDns()
{
    if (m_dns)
        return;
    auto d = DnsKeyResolver::create(m_dnsConfig);
    if (d) {
        m_dns = *d;
        m_dnsError.clear();
    } else {
        m_dnsError = d.error().toString();
    }
}

QList<std::shared_ptr<const KeyResolver>> KeySources::resolvers()
{
    openDefault();
    QList<std::shared_ptr<const KeyResolver>> out;
    if (m_store)
        out << std::make_shared<KeyStoreResolver>(m_store);
    if (m_online) {
        setUpDns();
        if (m_dns)
            out << m_dns;
    }
    return out;
}

QString KeySources::describe() const
{
    QStringList parts;
    if (m_store)
        parts << tr("key store %1").arg(m_store->path());
    else if (!m_storeError.isEmpty())
        parts << tr("key store unusable: %1").arg(m_storeError);
    if (m_online && !m_dnsError.isEmpty())
        parts << tr("live DNS unusable: %1").arg(m_dnsError);
    else
        parts << (m_online ? tr("live DNS (%1)").arg(m_dns ? m_dns->resolverName() : tr("system resolver"))
                           : tr("offline: no DNS lookups"));
    return parts.join(QStringLiteral(" · "));
}

} // namespace dkimi::ui
