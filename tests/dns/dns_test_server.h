#pragma once

// A real DNS server on loopback for the tests: unbound (authoritative data through auth-zone),
// serving zones signed on the fly with ldns-signzone. Nothing here ever talks to the internet:
// the server is forbidden to send queries anywhere (do-not-query-address 0.0.0.0/0, ::/0).
//
// Zones served:
//   example.com.       DNSSEC-signed, trust anchor in trustAnchorFile() -> secure
//                      the fixture keys (tests/data/fixtures/keys.zone) plus alias._domainkey -> CNAME
//                      -> rsa2048._domainkey; rotated._domainkey is absent (NXDOMAIN)
//   example.org.       unsigned -> insecure; the fixture keys plus cname._domainkey -> CNAME
//                      -> key._domainkey.provider.example.org (a key held by an "email provider")
//   example.net.       signed, then the TXT data of rsa2048._domainkey altered -> bogus
//   servfail.example.  an auth-zone whose file is empty: unbound answers SERVFAIL for it
// DMARC records: _dmarc.example.com (signed: secure), _dmarc.example.net (altered after signing:
// bogus), _dmarc.alias.example.org -> CNAME -> _dmarc.provider.example.org (unsigned); none at
// _dmarc.example.org; _dmarc.servfail.example gives SERVFAIL.
// A second loopback UDP port is bound but never read: a server that never answers (timeouts).

#include "dns_key_resolver.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTextStream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

class DnsTestServer {
public:
    ~DnsTestServer() { stop(); }

    // Empty on success, else what is missing or failed.
    QString start(const QString &fixtureKeys)
    {
        const QString unbound = tool(QStringLiteral("unbound"));
        const QString keygen = tool(QStringLiteral("ldns-keygen"));
        const QString signzone = tool(QStringLiteral("ldns-signzone"));
        if (unbound.isEmpty() || keygen.isEmpty() || signzone.isEmpty())
            return QStringLiteral(
                "needs unbound and ldnsutils (ldns-keygen, ldns-signzone): run scripts/install-deps.sh");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        QFile keys(fixtureKeys);
        if (!keys.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1").arg(fixtureKeys);
        QByteArray com, org;
        for (const QByteArray &line : keys.readAll().split('\n')) {
            if (line.startsWith(';'))
                continue;
            if (line.contains("._domainkey.example.com. "))
                com += line + '\n';
            else if (line.contains("._domainkey.example.org. "))
                org += line + '\n';
        }
        const QByteArray rsa2048 = recordOf(com, "rsa2048._domainkey.example.com.");
        write(QStringLiteral("example.com.zone"),
              soa("example.com") + com +
                  "alias._domainkey.example.com. 600 IN CNAME rsa2048._domainkey.example.com.\n"
                  "_dmarc.example.com. 600 IN TXT \"v=DMARC1; p=reject; adkim=s\"\n"
                  // Not an empty non-terminal: with _dmarc.example.com sorting between the apex and
                  // the _domainkey names, unbound's auth-zone (1.17) otherwise sends the wildcard
                  // denial for *.example.com instead of *._domainkey.example.com, and the NXDOMAIN
                  // proof for a missing key fails validation.
                  "_domainkey.example.com. 600 IN TXT \"o=~\"\n");
        write(QStringLiteral("example.org.zone"),
              soa("example.org") + org +
                  "cname._domainkey.example.org. 600 IN CNAME key._domainkey.provider.example.org.\n"
                  "key._domainkey.provider.example.org. 1200 IN TXT " +
                  rsa2048 +
                  "\n"
                  "_dmarc.alias.example.org. 600 IN CNAME _dmarc.provider.example.org.\n"
                  "_dmarc.provider.example.org. 900 IN TXT \"v=DMARC1; p=quarantine\"\n");
        write(QStringLiteral("example.net.zone"), soa("example.net") + "rsa2048._domainkey.example.net. 3600 IN TXT " +
                                                      rsa2048 +
                                                      "\n_dmarc.example.net. 600 IN TXT \"v=DMARC1; p=reject\"\n");
        write(QStringLiteral("servfail.zone"), QByteArray());

        QByteArray anchors;
        for (const char *zone : {"example.com", "example.net"}) {
            QProcess kg;
            kg.setWorkingDirectory(m_dir.path());
            kg.start(keygen, {QStringLiteral("-a"), QStringLiteral("ECDSAP256SHA256"), QStringLiteral("-k"),
                              QString::fromLatin1(zone)});
            if (!kg.waitForFinished(10000) || kg.exitCode() != 0)
                return QStringLiteral("ldns-keygen failed: %1").arg(QString::fromUtf8(kg.readAllStandardError()));
            const QString base = QString::fromUtf8(kg.readAllStandardOutput()).trimmed();
            QProcess sz;
            sz.setWorkingDirectory(m_dir.path());
            sz.start(signzone, {QString::fromLatin1(zone) + QStringLiteral(".zone"), base});
            if (!sz.waitForFinished(10000) || sz.exitCode() != 0)
                return QStringLiteral("ldns-signzone failed: %1").arg(QString::fromUtf8(sz.readAllStandardError()));
            anchors += read(base + QStringLiteral(".ds"));
        }
        write(QStringLiteral("anchors.ds"), anchors);
        // Tamper with the signed example.net: the TXT data no longer matches its RRSIG.
        QByteArray net = read(QStringLiteral("example.net.zone.signed"));
        const qsizetype at = net.indexOf("v=DKIM1; k=rsa;");
        if (at < 0)
            return QStringLiteral("signed example.net has no key record");
        net.replace(at, 15, "v=DKIM1; k=RSA;"); // same length: a TXT string holds at most 255 bytes
        const qsizetype dmarc = net.indexOf("v=DMARC1; p=reject");
        if (dmarc < 0)
            return QStringLiteral("signed example.net has no DMARC record");
        net.replace(dmarc, 18, "v=DMARC1; p=REJECT");
        write(QStringLiteral("example.net.zone.signed"), net);

        m_port = freePort(true);
        m_silent = socket(AF_INET, SOCK_DGRAM, 0); // bound, never read: queries to it time out
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_silent < 0 || bind(m_silent, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
            getsockname(m_silent, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return QStringLiteral("cannot bind a UDP socket on loopback");
        m_silentPort = ntohs(a.sin_port);

        const QString d = m_dir.path();
        QByteArray conf = "server:\n"
                          "  interface: 127.0.0.1@" +
                          QByteArray::number(m_port) +
                          "\n"
                          "  port: " +
                          QByteArray::number(m_port) +
                          "\n"
                          "  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n  pidfile: \"\"\n"
                          "  directory: \"" +
                          d.toUtf8() +
                          "\"\n"
                          "  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
                          "  module-config: \"iterator\"\n  do-ip6: no\n  num-threads: 1\n"
                          "  access-control: 127.0.0.0/8 allow\n"
                          // Never send a query anywhere: everything comes from the auth-zones below.
                          "  do-not-query-address: 0.0.0.0/0\n  do-not-query-address: ::/0\n"
                          "  local-zone: \"example.\" nodefault\n";
        auto zone = [&](const char *name, const QString &file) {
            conf += "auth-zone:\n  name: \"" + QByteArray(name) + "\"\n  zonefile: \"" +
                    (d + QLatin1Char('/') + file).toUtf8() +
                    "\"\n  for-downstream: yes\n  for-upstream: no\n  fallback-enabled: no\n";
        };
        zone("example.com.", QStringLiteral("example.com.zone.signed"));
        zone("example.org.", QStringLiteral("example.org.zone"));
        zone("example.net.", QStringLiteral("example.net.zone.signed"));
        zone("servfail.example.", QStringLiteral("servfail.zone"));
        write(QStringLiteral("unbound.conf"), conf);

        m_proc = std::make_unique<QProcess>();
        m_proc->setProcessChannelMode(QProcess::MergedChannels);
        m_proc->start(unbound, {QStringLiteral("-d"), QStringLiteral("-c"), d + QStringLiteral("/unbound.conf")});
        if (!m_proc->waitForStarted(5000))
            return QStringLiteral("unbound did not start");
        // Ready when it listens: unbound opens its sockets before it logs "start of service".
        for (int i = 0; i < 100; ++i) {
            if (m_proc->state() != QProcess::Running)
                return QStringLiteral("unbound exited: %1").arg(QString::fromUtf8(m_log + m_proc->readAll()));
            m_log += m_proc->readAll();
            if (m_log.contains("start of service"))
                return QString();
            m_proc->waitForReadyRead(100);
        }
        return QStringLiteral("unbound did not become ready: %1").arg(QString::fromUtf8(m_log));
    }

    void stop()
    {
        if (m_proc && m_proc->state() != QProcess::NotRunning) {
            m_proc->terminate();
            if (!m_proc->waitForFinished(3000)) {
                m_proc->kill();
                m_proc->waitForFinished(3000);
            }
        }
        m_proc.reset();
        if (m_silent >= 0)
            ::close(m_silent);
        m_silent = -1;
    }

    // The fixtures' keys (tests/data/fixtures/keys.zone) served and, when asked, a resolver set up
    // by resolverConfig(). Empty on success, else what failed.
    QString startFixtures(std::shared_ptr<dkimi::DnsKeyResolver> *resolver = nullptr)
    {
        const QString err = start(QStringLiteral(DKIMI_TEST_DATA "/fixtures/keys.zone"));
        if (!err.isEmpty() || !resolver)
            return err;
        auto r = dkimi::DnsKeyResolver::create(resolverConfig());
        if (!r)
            return r.error().toString();
        *resolver = *r;
        return QString();
    }

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString silentAddress() const { return QStringLiteral("127.0.0.1:%1").arg(m_silentPort); }
    QString trustAnchorFile() const { return m_dir.path() + QStringLiteral("/anchors.ds"); }
    // A resolver set-up that asks this server and trusts only its zones' anchors.
    dkimi::DnsResolverConfig resolverConfig(int timeoutMs = 3000) const
    {
        dkimi::DnsResolverConfig c;
        c.server = address();
        c.trustAnchorFile = trustAnchorFile();
        c.timeoutMs = timeoutMs;
        return c;
    }
    QString dir() const { return m_dir.path(); }
    QByteArray log() { return m_log + (m_proc ? m_proc->readAll() : QByteArray()); }

private:
    static QString tool(const QString &name)
    {
        QString p = QStandardPaths::findExecutable(name);
        if (p.isEmpty())
            p = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        return p;
    }
    static QByteArray soa(const char *zone)
    {
        const QByteArray z(zone);
        return "$TTL 300\n" + z + ". IN SOA ns." + z + ". hostmaster." + z + ". 1 3600 600 86400 300\n" + z +
               ". IN NS ns." + z + ".\nns." + z + ". IN A 127.0.0.1\n";
    }
    static QByteArray recordOf(const QByteArray &zone, const QByteArray &name)
    {
        for (const QByteArray &line : zone.split('\n')) {
            if (line.startsWith(name + ' '))
                return line.mid(line.indexOf('"'));
        }
        return "\"v=DKIM1; p=\"";
    }
    // A port free for both UDP and TCP on 127.0.0.1 (unbound listens on both).
    static int freePort(bool)
    {
        for (int attempt = 0; attempt < 50; ++attempt) {
            int u = socket(AF_INET, SOCK_DGRAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            socklen_t len = sizeof a;
            bind(u, reinterpret_cast<sockaddr *>(&a), sizeof a);
            getsockname(u, reinterpret_cast<sockaddr *>(&a), &len);
            int t = socket(AF_INET, SOCK_STREAM, 0);
            const bool tcpFree = bind(t, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
            const int port = ntohs(a.sin_port);
            ::close(t);
            ::close(u);
            if (tcpFree)
                return port;
        }
        return 0;
    }
    void write(const QString &name, const QByteArray &data)
    {
        QFile f(m_dir.path() + QLatin1Char('/') + name);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(data);
    }
    QByteArray read(const QString &name)
    {
        QFile f(m_dir.path() + QLatin1Char('/') + name);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_log;
    int m_port = 0;
    int m_silent = -1;
    int m_silentPort = 0;
};
