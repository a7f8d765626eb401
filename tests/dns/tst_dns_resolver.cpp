#include "dns_key_resolver.h"
#include "dns_test_server.h"

#include <QElapsedTimer>
#include <QTest>

using namespace dkimi;

// Live DNS lookups against a real unbound on loopback (see dns_test_server.h): found, CNAME,
// revoked, NXDOMAIN, SERVFAIL, timeout, and DNSSEC secure / insecure / bogus.
class TstDnsResolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lookups_data();
    void lookups();
    void transcript();
    void timeoutIsBounded();
    void serverAddresses_data();
    void serverAddresses();
    void badTrustAnchor();

private:
    DnsTestServer m_server;
    std::shared_ptr<DnsKeyResolver> m_dns;
};

void TstDnsResolver::initTestCase()
{
    const QString err = m_server.startFixtures(&m_dns);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY(m_dns->validates());
}

void TstDnsResolver::cleanupTestCase()
{
    m_dns.reset();
    m_server.stop();
}

void TstDnsResolver::lookups_data()
{
    QTest::addColumn<QByteArray>("domain");
    QTest::addColumn<QByteArray>("selector");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("rcode");
    QTest::addColumn<QString>("dnssec");
    QTest::addColumn<QByteArray>("recordStart");
    QTest::addColumn<QByteArray>("cname");
    const int found = int(KeyLookup::Status::Found), notFound = int(KeyLookup::Status::NotFound),
              temp = int(KeyLookup::Status::TempError);
    QTest::newRow("valid key, signed zone") << QByteArray("example.com") << QByteArray("rsa2048") << found << "NOERROR"
                                            << "secure" << QByteArray("v=DKIM1; k=rsa; p=MIIB") << QByteArray();
    QTest::newRow("CNAME in signed zone")
        << QByteArray("example.com") << QByteArray("alias") << found << "NOERROR"
        << "secure" << QByteArray("v=DKIM1; k=rsa; p=MIIB") << QByteArray("rsa2048._domainkey.example.com");
    QTest::newRow("revoked key") << QByteArray("example.com") << QByteArray("revoked") << found << "NOERROR"
                                 << "secure" << QByteArray("v=DKIM1; k=rsa; p=") << QByteArray();
    QTest::newRow("missing name, proven absent")
        << QByteArray("example.com") << QByteArray("rotated") << notFound << "NXDOMAIN"
        << "secure" << QByteArray() << QByteArray();
    QTest::newRow("unsigned zone") << QByteArray("example.org") << QByteArray("ed") << found << "NOERROR"
                                   << "insecure" << QByteArray("v=DKIM1; k=ed25519;") << QByteArray();
    QTest::newRow("CNAME to a provider") << QByteArray("example.org") << QByteArray("cname") << found << "NOERROR"
                                         << "insecure" << QByteArray("v=DKIM1; k=rsa; p=MIIB")
                                         << QByteArray("key._domainkey.provider.example.org");
    QTest::newRow("missing name, unsigned") << QByteArray("example.org") << QByteArray("gone") << notFound << "NXDOMAIN"
                                            << "insecure" << QByteArray() << QByteArray();
    QTest::newRow("tampered signature") << QByteArray("example.net") << QByteArray("rsa2048") << temp << "NOERROR"
                                        << "bogus" << QByteArray() << QByteArray();
    QTest::newRow("SERVFAIL") << QByteArray("servfail.example") << QByteArray("s1") << temp << "SERVFAIL"
                              << "insecure" << QByteArray() << QByteArray();
}

void TstDnsResolver::lookups()
{
    QFETCH(QByteArray, domain);
    QFETCH(QByteArray, selector);
    QFETCH(int, status);
    QFETCH(QString, rcode);
    QFETCH(QString, dnssec);
    QFETCH(QByteArray, recordStart);
    QFETCH(QByteArray, cname);
    const KeyLookup l = m_dns->lookup(domain, selector);
    const QString got = QStringLiteral("status=%1 rcode=%2 dnssec=%3 detail=%4 (%5 ms)")
                            .arg(int(l.status))
                            .arg(l.rcode, l.dnssec, l.detail)
                            .arg(l.elapsedMs);
    QVERIFY2(int(l.status) == status, qPrintable(got));
    QCOMPARE(l.rcode, rcode);
    QCOMPARE(l.dnssec, dnssec);
    QCOMPARE(l.sourceKind, QStringLiteral("dns"));
    QCOMPARE(l.queryName, selector + "._domainkey." + domain);
    if (recordStart.isEmpty()) {
        QVERIFY(l.records.isEmpty());
    } else {
        QCOMPARE(l.records.size(), 1);
        QVERIFY2(KeyLookup::joined(l.records.first()).startsWith(recordStart), KeyLookup::joined(l.records.first()));
    }
    if (cname.isEmpty())
        QVERIFY(l.cnameChain.isEmpty());
    else
        QCOMPARE(l.cnameChain, QList<QByteArray>{cname});
    if (dnssec == QLatin1String("bogus"))
        QVERIFY2(!l.dnssecDetail.isEmpty(), qPrintable(got));
    QVERIFY(l.elapsedMs >= 0 && l.elapsedMs < 3000);
}

void TstDnsResolver::transcript()
{
    const KeyLookup l = m_dns->lookup("example.com", "rsa4096");
    QCOMPARE(l.status, KeyLookup::Status::Found);
    QCOMPARE(l.ttl, 3600); // from the fixture zone line
    QCOMPARE(l.resolver, QStringLiteral("forwarder %1").arg(m_server.address()));
    QVERIFY(l.fetchedAt.isValid());
    QVERIFY(l.records.first().size() > 1); // a long key arrives as several character-strings, kept apart
    QVERIFY(m_dns->describe().contains(m_server.trustAnchorFile()));
}

void TstDnsResolver::timeoutIsBounded()
{
    DnsResolverConfig c;
    c.server = m_server.silentAddress();
    c.trustAnchorFile = m_server.trustAnchorFile();
    c.timeoutMs = 400;
    auto r = DnsKeyResolver::create(c);
    QVERIFY(r);
    QElapsedTimer t;
    t.start();
    const KeyLookup l = (*r)->lookup("example.com", "rsa2048");
    QCOMPARE(l.status, KeyLookup::Status::TempError);
    QCOMPARE(l.rcode, QStringLiteral("timeout"));
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(l.detail.contains(QLatin1String("400 ms")));
    // The resolver stays usable after a cancelled lookup.
    const KeyLookup again = (*r)->lookup("example.com", "ed");
    QCOMPARE(again.rcode, QStringLiteral("timeout"));
}

void TstDnsResolver::serverAddresses_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("v4") << "192.0.2.1" << QByteArray("192.0.2.1");
    QTest::newRow("v4 port") << "127.0.0.1:5353" << QByteArray("127.0.0.1@5353");
    QTest::newRow("v6") << "2001:db8::1" << QByteArray("2001:db8::1");
    QTest::newRow("v6 port") << "[::1]:53" << QByteArray("::1@53");
    QTest::newRow("name is refused") << "dns.example" << QByteArray();
    QTest::newRow("bad port") << "127.0.0.1:99999" << QByteArray();
}

void TstDnsResolver::serverAddresses()
{
    QFETCH(QString, in);
    QFETCH(QByteArray, out);
    QCOMPARE(DnsKeyResolver::unboundAddress(in), out);
}

void TstDnsResolver::badTrustAnchor()
{
    DnsResolverConfig c;
    c.server = m_server.address();
    c.trustAnchorFile = m_server.dir() + QStringLiteral("/no-such-anchor");
    auto r = DnsKeyResolver::create(c);
    QVERIFY(!r);
    QCOMPARE(r.error().file, c.trustAnchorFile);
}

QTEST_GUILESS_MAIN(TstDnsResolver)
#include "tst_dns_resolver.moc"
