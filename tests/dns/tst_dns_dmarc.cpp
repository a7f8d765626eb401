#include "dmarc_evaluator.h"
#include "dmarc_record.h"
#include "dns_key_resolver.h"
#include "dns_test_server.h"
#include "message.h"
#include "report_writer.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QJsonArray>
#include <QTest>

using namespace dkimi;

// DMARC records fetched like keys from a real unbound on loopback (dns_test_server.h): DNSSEC
// secure / insecure / bogus provenance, CNAMEs, NXDOMAIN at both names (none), SERVFAIL (temperror),
// and the message's DMARC result for messages signed by tests/data/dmarc/make_dmarc.py.
class TstDnsDmarc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void discovery_data();
    void discovery();
    void messages_data();
    void messages();
    void keyFileBeforeDns();
    void resultsWithoutRecord();

private:
    DnsTestServer m_server;
    std::shared_ptr<DnsKeyResolver> m_dns;
};

void TstDnsDmarc::initTestCase()
{
    const QString err = m_server.startFixtures(&m_dns);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY(m_dns->answersTxt());
}

void TstDnsDmarc::cleanupTestCase()
{
    m_dns.reset();
    m_server.stop();
}

void TstDnsDmarc::discovery_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("dnssec");
    QTest::addColumn<QString>("rcode");
    QTest::addColumn<QByteArray>("foundAt");
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QList<QByteArray>>("cname");
    QTest::addColumn<QString>("outcomes");
    const int found = int(DmarcDiscovery::Status::Found), none = int(DmarcDiscovery::Status::NoRecord),
              temp = int(DmarcDiscovery::Status::TempError);

    QTest::newRow("signed zone: secure") << QByteArray("example.com") << found << "secure"
                                         << "NOERROR" << QByteArray("_dmarc.example.com") << QByteArray("reject")
                                         << QList<QByteArray>{} << "found";
    QTest::newRow("subdomain: NXDOMAIN, then the org domain")
        << QByteArray("news.example.com") << found << "secure"
        << "NOERROR" << QByteArray("_dmarc.example.com") << QByteArray("reject") << QList<QByteArray>{}
        << "no_record,found";
    QTest::newRow("CNAME in an unsigned zone: insecure")
        << QByteArray("alias.example.org") << found << "insecure"
        << "NOERROR" << QByteArray("_dmarc.alias.example.org") << QByteArray("quarantine")
        << QList<QByteArray>{"_dmarc.provider.example.org"} << "found";
    QTest::newRow("no record at either name: none")
        << QByteArray("news.example.org") << none << "insecure"
        << "NXDOMAIN" << QByteArray() << QByteArray() << QList<QByteArray>{} << "no_record,no_record";
    QTest::newRow("altered after signing: bogus")
        << QByteArray("example.net") << temp << "bogus"
        << "NOERROR" << QByteArray() << QByteArray() << QList<QByteArray>{} << "temperror";
    QTest::newRow("SERVFAIL: temperror") << QByteArray("servfail.example") << temp << "insecure"
                                         << "SERVFAIL" << QByteArray() << QByteArray() << QList<QByteArray>{}
                                         << "temperror";
}

void TstDnsDmarc::discovery()
{
    QFETCH(QByteArray, from);
    QFETCH(int, status);
    QFETCH(QString, dnssec);
    QFETCH(QString, rcode);
    QFETCH(QByteArray, foundAt);
    QFETCH(QByteArray, policy);
    QFETCH(QList<QByteArray>, cname);
    QFETCH(QString, outcomes);
    const DmarcDiscovery d = discoverDmarcPolicy(from, m_dns.get());
    QStringList got;
    for (const DmarcQuery &q : d.lookups)
        got << q.outcome;
    const QString info = QStringLiteral("%1: %2 [%3] dnssec=%4 rcode=%5 (%6)")
                             .arg(d.code, d.detail, got.join(QLatin1Char(',')), d.provenance.dnssec, d.provenance.rcode,
                                  d.provenance.dnssecDetail);
    QVERIFY2(int(d.status) == status, qPrintable(info));
    QCOMPARE(got.join(QLatin1Char(',')), outcomes);
    const KeyLookup &p = d.provenance;
    QCOMPARE(p.sourceKind, QStringLiteral("dns"));
    QCOMPARE(p.resolver, QStringLiteral("forwarder %1").arg(m_server.address()));
    QCOMPARE(p.dnssec, dnssec);
    QCOMPARE(p.rcode, rcode);
    QVERIFY(p.fetchedAt.isValid());
    QCOMPARE(p.cnameChain, cname);
    QCOMPARE(d.foundAt, foundAt);
    if (status == int(DmarcDiscovery::Status::Found)) {
        QCOMPARE(d.record.policy, policy);
        QVERIFY(p.ttl > 0 && p.ttl <= 900);
    }
    if (dnssec == QLatin1String("bogus")) {
        QVERIFY(!p.dnssecDetail.isEmpty());
        QVERIFY(p.records.isEmpty()); // a forged or altered answer is not used
    }
}

void TstDnsDmarc::messages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("dnssec");
    QTest::addColumn<QString>("foundAt");
    // _dmarc.example.com says p=reject; adkim=s (signed zone).
    QTest::newRow("d= is the From domain") << "aligned_strict.eml"
                                           << "pass"
                                           << "secure"
                                           << "_dmarc.example.com";
    QTest::newRow("subdomain From, adkim=s") << "aligned_relaxed.eml"
                                             << "fail"
                                             << "secure"
                                             << "_dmarc.example.com";
    QTest::newRow("body changed") << "tampered.eml"
                                  << "fail"
                                  << "secure"
                                  << "_dmarc.example.com";
}

void TstDnsDmarc::messages()
{
    QFETCH(QString, file);
    QFETCH(QString, result);
    QFETCH(QString, dnssec);
    QFETCH(QString, foundAt);
    auto m = Message::fromFile(QStringLiteral(DKIMI_TEST_DATA "/dmarc/") + file);
    QVERIFY(m);
    VerifierOptions o;
    o.resolver = m_dns;
    const MessageResult r = Verifier(o).verify(*m);
    QVERIFY(r.dmarc.has_value());
    const QJsonObject j = toJson(r, MimeSummary{}).toQJsonObject().value(QStringLiteral("dmarc")).toObject();
    QCOMPARE(j.value(QStringLiteral("result")).toString(), result);
    QCOMPARE(j.value(QStringLiteral("record_found_at")).toString(), foundAt);
    QCOMPARE(j.value(QStringLiteral("adkim")).toString(), QStringLiteral("s"));
    QCOMPARE(j.value(QStringLiteral("policy")).toString(), QStringLiteral("reject"));
    const QJsonObject prov = j.value(QStringLiteral("provenance")).toObject();
    QCOMPARE(prov.value(QStringLiteral("source")).toString(), QStringLiteral("dns"));
    QCOMPARE(prov.value(QStringLiteral("dnssec")).toString(), dnssec);
    QCOMPARE(prov.value(QStringLiteral("rcode")).toString(), QStringLiteral("NOERROR"));
    // The zone says 600 s; unbound counts a cached answer's TTL down, and the rows ask the same names.
    const int ttl = prov.value(QStringLiteral("ttl")).toInt();
    QVERIFY2(ttl > 540 && ttl <= 600, qPrintable(QString::number(ttl)));
    QVERIFY(r.dmarc->caveats.join(QLatin1Char(' ')).contains(QLatin1String("DNS served")));
    QVERIFY(r.dmarc->caveats.join(QLatin1Char(' ')).contains(QLatin1String("DNSSEC secure")));
}

void TstDnsDmarc::keyFileBeforeDns()
{
    // A key file with a different _dmarc.example.com comes first in the chain: it answers. A name
    // it lacks goes on to DNS, whose NXDOMAIN makes "no record" (not "not looked up").
    auto z = ZoneFileResolver::parse("_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=none\"\n",
                                     QStringLiteral("archived.zone"));
    QVERIFY(z);
    auto chain = std::make_shared<ChainResolver>();
    chain->add(*z);
    chain->add(m_dns);
    const DmarcDiscovery fromFile = discoverDmarcPolicy("example.com", chain.get());
    QCOMPARE(fromFile.status, DmarcDiscovery::Status::Found);
    QCOMPARE(fromFile.record.policy, QByteArray("none"));
    QCOMPARE(fromFile.provenance.sourceKind, QStringLiteral("zone_file"));
    const DmarcDiscovery none = discoverDmarcPolicy("news.example.org", chain.get());
    QCOMPARE(none.status, DmarcDiscovery::Status::NoRecord);
    QCOMPARE(none.provenance.sourceKind, QStringLiteral("dns"));
    QCOMPARE(none.provenance.rcode, QStringLiteral("NXDOMAIN"));
}

void TstDnsDmarc::resultsWithoutRecord()
{
    // An unsigned message from each domain: none (NXDOMAIN twice), temperror (bogus, SERVFAIL).
    const DmarcEvaluation none = DmarcEvaluator::evaluate("news.example.org", 1, {}, {}, {}, m_dns.get());
    QCOMPARE(none.result, DmarcResult::None);
    QCOMPARE(none.code, QStringLiteral("dmarc_no_record"));
    QCOMPARE(none.discovery.lookups.size(), 2);
    const DmarcEvaluation bogus = DmarcEvaluator::evaluate("example.net", 1, {}, {}, {}, m_dns.get());
    QCOMPARE(bogus.result, DmarcResult::TempError);
    QCOMPARE(bogus.discovery.provenance.dnssec, QStringLiteral("bogus"));
    const QJsonObject j = dmarcToJson(bogus).toQJsonObject();
    QCOMPARE(j.value(QStringLiteral("result")).toString(), QStringLiteral("temperror"));
    QCOMPARE(j.value(QStringLiteral("provenance")).toObject().value(QStringLiteral("dnssec")).toString(),
             QStringLiteral("bogus"));
    QVERIFY(j.value(QStringLiteral("record")).isNull());
    const DmarcEvaluation servfail = DmarcEvaluator::evaluate("servfail.example", 1, {}, {}, {}, m_dns.get());
    QCOMPARE(servfail.result, DmarcResult::TempError);
    QCOMPARE(servfail.discovery.provenance.rcode, QStringLiteral("SERVFAIL"));
    // A signed zone with a record, and no signature at all: fail.
    const DmarcEvaluation unsignedMail = DmarcEvaluator::evaluate("example.com", 1, {}, {}, {}, m_dns.get());
    QCOMPARE(unsignedMail.result, DmarcResult::Fail);
    QCOMPARE(unsignedMail.dkimResult, QStringLiteral("fail"));
}

QTEST_GUILESS_MAIN(TstDnsDmarc)
#include "tst_dns_dmarc.moc"
