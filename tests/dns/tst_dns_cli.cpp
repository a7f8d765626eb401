#include "dns_test_server.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// dkim-inspector-cli against a real DNS server on loopback (see dns_test_server.h): verify with live
// DNS and DNSSEC, the key store remembering and supplying keys, key_changed, keys lookup transcripts,
// timeouts, and a damaged key store.
class TstDnsCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void verifySecureAndRemember();
    void verifyInsecure();
    void keyChangedSinceStored();
    void rotatedKeyFromStore();
    void lookupTranscript_data();
    void lookupTranscript();
    void timeoutGivesTemperror();
    void damagedStoreIsAnError();
    void exportImportRoundTrip();

private:
    struct Run {
        int code;
        QByteArray out, err;
    };
    Run cli(const QStringList &args);
    QStringList dns() const;
    QJsonObject verifyJson(const QStringList &args, const QString &fixture, int sig = 0);
    QString store(const QString &name) const { return m_tmp.filePath(name + QStringLiteral(".sqlite")); }

    DnsTestServer m_server;
    QTemporaryDir m_tmp;
};

static const QString kFixtures = QStringLiteral(DKIMI_TEST_DATA "/fixtures/");

TstDnsCli::Run TstDnsCli::cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(DKIMI_CLI_PATH), args);
    if (!p.waitForFinished(60000))
        qFatal("CLI did not finish");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QStringList TstDnsCli::dns() const
{
    return {QStringLiteral("--dns-server"), m_server.address(), QStringLiteral("--trust-anchor"),
            m_server.trustAnchorFile()};
}

QJsonObject TstDnsCli::verifyJson(const QStringList &args, const QString &fixture, int sig)
{
    const Run r =
        cli(QStringList{QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("json"),
                        QStringLiteral("--walk"), QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z")} +
            args + QStringList{kFixtures + fixture});
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    if (o.isEmpty())
        qWarning("no JSON: %s %s", r.out.constData(), r.err.constData());
    return o.value(QStringLiteral("signatures")).toArray().at(sig).toObject();
}

static QStringList flagsOf(const QJsonObject &s)
{
    QStringList f;
    for (const auto &v : s.value(QStringLiteral("flags")).toArray())
        f << v.toString();
    return f;
}

static QString walkText(const QJsonObject &s)
{
    return QString::fromUtf8(QJsonDocument(s.value(QStringLiteral("walk")).toArray()).toJson(QJsonDocument::Compact));
}

void TstDnsCli::initTestCase()
{
    const QString err = m_server.startFixtures();
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void TstDnsCli::cleanupTestCase()
{
    m_server.stop();
}

void TstDnsCli::verifySecureAndRemember()
{
    const QJsonObject s = verifyJson(dns() + QStringList{QStringLiteral("--key-store"), store(QStringLiteral("a"))},
                                     QStringLiteral("rsa2048.eml"));
    QCOMPARE(s.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QVERIFY(flagsOf(s).contains(QStringLiteral("dnssec_secure")));
    QVERIFY(!flagsOf(s).contains(QStringLiteral("key_not_from_dns")));
    QCOMPARE(s.value(QStringLiteral("key")).toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("dns"));
    const QString walk = walkText(s);
    QVERIFY2(walk.contains(QLatin1String("DNSSEC secure")), qPrintable(walk));
    QVERIFY(walk.contains(QLatin1String("rcode NOERROR")));
    QVERIFY(walk.contains(QLatin1String("TTL 3600 s")));
    QVERIFY(walk.contains(QLatin1String("(used)")));

    // The store remembers what DNS served, with DNSSEC and the resolver.
    const Run list = cli({QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--format"),
                          QStringLiteral("json"), QStringLiteral("--key-store"), store(QStringLiteral("a"))});
    QCOMPARE(list.code, 0);
    const QJsonArray keys = QJsonDocument::fromJson(list.out).object().value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 1);
    const QJsonObject k = keys.first().toObject();
    QCOMPARE(k.value(QStringLiteral("selector")).toString(), QStringLiteral("rsa2048"));
    QCOMPARE(k.value(QStringLiteral("source")).toString(), QStringLiteral("dns_dnssec"));
    QVERIFY(k.value(QStringLiteral("resolver")).toString().contains(m_server.address()));
    QCOMPARE(k.value(QStringLiteral("key_bits")).toInt(), 2048);
}

void TstDnsCli::verifyInsecure()
{
    const QJsonObject s =
        verifyJson(dns() + QStringList{QStringLiteral("--no-key-store")}, QStringLiteral("ed25519.eml"));
    QCOMPARE(s.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QVERIFY(flagsOf(s).contains(QStringLiteral("dnssec_insecure")));
}

void TstDnsCli::keyChangedSinceStored()
{
    // An archive says the selector had another key (the 1024-bit one) until 2016-03-01.
    const QString archive = m_tmp.filePath(QStringLiteral("old.csv"));
    QFile zone(kFixtures + QStringLiteral("keys.zone"));
    QVERIFY(zone.open(QIODevice::ReadOnly));
    QByteArray old;
    for (const QByteArray &l : zone.readAll().split('\n')) {
        if (l.startsWith("rsa1024._domainkey.example.com."))
            old = l.mid(l.indexOf('"') + 1).chopped(1);
    }
    QVERIFY(!old.isEmpty());
    QFile f(archive);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("domain,selector,record,first_seen,last_seen,source\nexample.com,rsa2048,\"" + old +
            "\",2015-01-01,2016-03-01,imported_archive\n");
    f.close();
    const QString st = store(QStringLiteral("changed"));
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("import"), archive, QStringLiteral("--key-store"), st}).code,
             0);

    const QJsonObject s =
        verifyJson(dns() + QStringList{QStringLiteral("--key-store"), st}, QStringLiteral("rsa2048.eml"));
    QCOMPARE(s.value(QStringLiteral("result")).toString(), QStringLiteral("pass")); // the DNS key verifies
    QVERIFY(flagsOf(s).contains(QStringLiteral("key_changed")));
    const QString walk = walkText(s);
    QVERIFY2(walk.contains(QLatin1String("The key for rsa2048._domainkey.example.com changed since 2016-03-01")),
             qPrintable(walk));
    QVERIFY(walk.contains(QLatin1String("does not verify"))); // the stored candidate is shown, and fails
    // Seen again: the change is still reported (the stored key was last seen before the new one appeared).
    const QJsonObject again =
        verifyJson(dns() + QStringList{QStringLiteral("--key-store"), st}, QStringLiteral("rsa2048.eml"));
    QVERIFY(flagsOf(again).contains(QStringLiteral("key_changed")));
}

void TstDnsCli::rotatedKeyFromStore()
{
    // multi_sig_mixed.eml's second signature uses selector "rotated", gone from DNS (NXDOMAIN). A
    // stored copy of the key (an imported archive) still verifies it, flagged as not from DNS.
    QFile zone(kFixtures + QStringLiteral("keys.zone"));
    QVERIFY(zone.open(QIODevice::ReadOnly));
    QByteArray rec;
    for (const QByteArray &l : zone.readAll().split('\n')) {
        if (l.startsWith("rsa1024._domainkey.example.com."))
            rec = l.mid(l.indexOf('"') + 1).chopped(1);
    }
    const QString json = m_tmp.filePath(QStringLiteral("rotated.json"));
    QFile f(json);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("domain"), QStringLiteral("example.com")},
                                                 {QStringLiteral("selector"), QStringLiteral("rotated")},
                                                 {QStringLiteral("record"), QString::fromLatin1(rec)},
                                                 {QStringLiteral("first_seen"), QStringLiteral("2014-01-01")},
                                                 {QStringLiteral("last_seen"), QStringLiteral("2016-03-01")},
                                                 {QStringLiteral("source"), QStringLiteral("imported_archive")}}})
                .toJson());
    f.close();
    const QString st = store(QStringLiteral("rotated"));
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("import"), json, QStringLiteral("--key-store"), st}).code, 0);

    const QJsonObject without =
        verifyJson(dns() + QStringList{QStringLiteral("--no-key-store")}, QStringLiteral("multi_sig_mixed.eml"), 1);
    QCOMPARE(without.value(QStringLiteral("reason")).toString(), QStringLiteral("key_not_found"));
    QVERIFY(walkText(without).contains(QLatin1String("NXDOMAIN")));

    const QJsonObject with =
        verifyJson(dns() + QStringList{QStringLiteral("--key-store"), st}, QStringLiteral("multi_sig_mixed.eml"), 1);
    QVERIFY2(with.value(QStringLiteral("crypto_valid")).toBool(), qPrintable(walkText(with)));
    QVERIFY(flagsOf(with).contains(QStringLiteral("key_not_from_dns")));
    QCOMPARE(with.value(QStringLiteral("key")).toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("key_store"));
}

void TstDnsCli::lookupTranscript_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QStringList>("says");
    QTest::newRow("CNAME, secure") << "example.com"
                                   << "alias" << 0
                                   << QStringList{"cname     rsa2048._domainkey.example.com", "dnssec    secure",
                                                  "rcode     NOERROR", "txt       \"v=DKIM1; k=rsa; p="};
    QTest::newRow("NXDOMAIN") << "example.com"
                              << "rotated" << 1 << QStringList{"rcode     NXDOMAIN"};
    QTest::newRow("bogus") << "example.net"
                           << "rsa2048" << 1 << QStringList{"dnssec    bogus", "DNSSEC validation failed"};
    QTest::newRow("SERVFAIL") << "servfail.example"
                              << "s1" << 1 << QStringList{"rcode     SERVFAIL"};
}

void TstDnsCli::lookupTranscript()
{
    QFETCH(QString, domain);
    QFETCH(QString, selector);
    QFETCH(int, exit);
    QFETCH(QStringList, says);
    const Run r = cli(QStringList{QStringLiteral("keys"), QStringLiteral("lookup"), domain, selector,
                                  QStringLiteral("--no-key-store")} +
                      dns());
    QCOMPARE(r.code, exit);
    for (const QString &s : says)
        QVERIFY2(r.out.contains(s.toUtf8()), r.out.constData());
}

void TstDnsCli::timeoutGivesTemperror()
{
    QElapsedTimer t;
    t.start();
    const QJsonObject s =
        verifyJson({QStringLiteral("--dns-server"), m_server.silentAddress(), QStringLiteral("--trust-anchor"),
                    m_server.trustAnchorFile(), QStringLiteral("--dns-timeout"), QStringLiteral("500"),
                    QStringLiteral("--no-key-store")},
                   QStringLiteral("rsa2048.eml"));
    QCOMPARE(s.value(QStringLiteral("result")).toString(), QStringLiteral("temperror"));
    QCOMPARE(s.value(QStringLiteral("reason")).toString(), QStringLiteral("key_unavailable"));
    QVERIFY(walkText(s).contains(QLatin1String("rcode timeout")));
    QVERIFY(flagsOf(s).contains(QStringLiteral("dns_timeout")));
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
}

void TstDnsCli::damagedStoreIsAnError()
{
    const QString path = m_tmp.filePath(QStringLiteral("damaged.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'z'));
    f.close();
    const Run r = cli(QStringList{QStringLiteral("verify"), QStringLiteral("--key-store"), path} + dns() +
                      QStringList{kFixtures + QStringLiteral("rsa2048.eml")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(path.toUtf8()), r.err.constData());
    QVERIFY(r.err.contains("left untouched"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(4096, 'z'));
}

void TstDnsCli::exportImportRoundTrip()
{
    const QString st = store(QStringLiteral("a")); // filled by verifySecureAndRemember
    const QString out = m_tmp.filePath(QStringLiteral("export.json"));
    Run r = cli({QStringLiteral("keys"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--output"), out, QStringLiteral("--key-store"), st});
    QCOMPARE(r.code, 0);
    const QString copy = store(QStringLiteral("copy"));
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("import"), out, QStringLiteral("--key-store"), copy}).code, 0);
    const Run a = cli({QStringLiteral("keys"), QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("zone"), QStringLiteral("--key-store"), st});
    const Run b = cli({QStringLiteral("keys"), QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("zone"), QStringLiteral("--key-store"), copy});
    QCOMPARE(a.code, 0);
    QVERIFY(a.out.contains("; source=dns_dnssec"));
    QCOMPARE(b.out, a.out);
    // The zone export is a key file verify reads.
    const QString zone = m_tmp.filePath(QStringLiteral("export.zone"));
    QFile z(zone);
    QVERIFY(z.open(QIODevice::WriteOnly));
    z.write(a.out);
    z.close();
    const QJsonObject s =
        verifyJson({QStringLiteral("--offline"), QStringLiteral("--no-key-store"), QStringLiteral("--keys"), zone},
                   QStringLiteral("rsa2048.eml"));
    QCOMPARE(s.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QVERIFY(flagsOf(s).contains(QStringLiteral("key_not_from_dns")));

    // note, history, delete on the copy.
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("note"), QStringLiteral("1"),
                  QStringLiteral("seen in case 42"), QStringLiteral("--key-store"), copy})
                 .code,
             0);
    Run h = cli({QStringLiteral("keys"), QStringLiteral("history"), QStringLiteral("example.com"),
                 QStringLiteral("rsa2048"), QStringLiteral("--key-store"), copy});
    QCOMPARE(h.code, 0);
    QVERIFY2(h.out.startsWith("1\trsa2048._domainkey.example.com\trsa-2048\tdns_dnssec\t"), h.out.constData());
    QVERIFY(h.out.contains("seen in case 42"));
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("delete"), QStringLiteral("1"), QStringLiteral("--key-store"),
                  copy})
                 .code,
             0);
    QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("delete"), QStringLiteral("1"), QStringLiteral("--key-store"),
                  copy})
                 .code,
             1);
    h = cli({QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--key-store"), copy});
    QCOMPARE(h.out, QByteArray());
}

QTEST_GUILESS_MAIN(TstDnsCli)
#include "tst_dns_cli.moc"
