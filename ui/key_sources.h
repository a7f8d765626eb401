#pragma once

#include "dns_key_resolver.h"
#include "key_store.h"

#include <QObject>

#include <memory>

class QWidget;

namespace dkimi::ui {

// Where the inspector's keys come from besides loaded key files: the key store (SQLite, shared with
// the CLI) and, only when the user went online and agreed, live DNS. Offline is the default.
class KeySources : public QObject {
    Q_OBJECT
public:
    explicit KeySources(QObject *parent = nullptr);

    // The store used (KeyStore::defaultPath() unless set; in QtTest's test mode none until set, so
    // tests never touch the user's store). Returns false with error when it cannot be opened.
    bool setStorePath(const QString &path, QString *error = nullptr);
    const std::shared_ptr<KeyStore> &store() const { return m_store; }
    QString storeError() const { return m_storeError; }

    bool isOnline() const { return m_online; }
    // Going online asks for consent the first time (remembered in QSettings); returns the new state.
    bool setOnline(bool on, QWidget *parent = nullptr);
    // Tests: the DNS server (e.g. one that does not exist) instead of the system's.
    void setDnsConfig(const DnsResolverConfig &config)
    {
        m_dnsConfig = config;
        m_dns.reset();
        m_dnsError.clear();
    }
    // Why live DNS cannot be used although the user went online (empty: it can, or offline).
    QString dnsError() const { return m_online ? m_dnsError : QString(); }

    // Resolvers to add after the loaded key files: the store, then DNS when online.
    QList<std::shared_ptr<const KeyResolver>> resolvers();
    QString describe() const;

Q_SIGNALS:
    void changed();

private:
    void openDefault();
    std::shared_ptr<KeyStore> m_store;
    QString m_storeError;
    bool m_defaultTried = false;
    bool m_online = false;
    DnsResolverConfig m_dnsConfig;
    std::shared_ptr<DnsKeyResolver> m_dns;
    QString m_dnsError;
    void setUpDns();
};

} // namespace dkimi::ui
