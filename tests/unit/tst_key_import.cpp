#include "key_import.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dkimi;

// Importing keys (zone file, PEM, CSV, JSON archives) and exporting the store (zone file, JSON,
// CSV), each exported form imported back unchanged.
class TstKeyImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void zoneFile();
    void pem_data();
    void pem();
    void pemRefusesPrivateKeys();
    void csvArchive();
    void csvNeedsColumns();
    void jsonArchive();
    void roundTrip_data();
    void roundTrip();

private:
    QList<StoredKey> fill(KeyStore &s);
    QByteArray record(const char *selector, const char *domain = "example.com");
    QTemporaryDir m_dir;
    std::shared_ptr<ZoneFileResolver> m_zone;
};

static QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

void TstKeyImport::initTestCase()
{
    auto z = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/fixtures/keys.zone"));
    QVERIFY(z);
    m_zone = *z;
}

QByteArray TstKeyImport::record(const char *selector, const char *domain)
{
    const KeyLookup l = m_zone->lookup(domain, selector);
    return l.records.isEmpty() ? QByteArray() : KeyLookup::joined(l.records.first());
}

void TstKeyImport::zoneFile()
{
    QFile f(QStringLiteral(DKIMI_TEST_DATA "/fixtures/keys.zone"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto b = KeyImport::fromZoneFile(f.readAll(), f.fileName());
    QVERIFY(b);
    QCOMPARE(b->keys.size(), int(m_zone->recordCount()));
    for (const StoredKey &k : b->keys) {
        QCOMPARE(k.source, QStringLiteral("zone_file"));
        QCOMPARE(k.record, record(k.selector.constData(), k.domain.constData()));
    }
    auto odd =
        KeyImport::fromZoneFile("www.example.com. IN TXT \"hello\"\ns._domainkey.example.com. IN TXT \"v=DKIM1; p=\"\n",
                                QStringLiteral("odd.zone"));
    QVERIFY(odd);
    QCOMPARE(odd->keys.size(), 1);
    QCOMPARE(odd->warnings.size(), 1);
    QVERIFY(odd->warnings.first().startsWith(QLatin1String("odd.zone:1:")));
}

void TstKeyImport::pem_data()
{
    QTest::addColumn<QByteArray>("der");
    QTest::addColumn<QByteArray>("expectedRecord");
    const QByteArray rsa = record("rsa2048");
    const QByteArray spki = QByteArray::fromBase64(rsa.mid(rsa.indexOf("p=") + 2));
    QTest::newRow("RSA SubjectPublicKeyInfo") << spki << QByteArray("v=DKIM1; k=rsa; p=" + spki.toBase64());
    const QByteArray ed = record("ed");
    const QByteArray raw = QByteArray::fromBase64(ed.mid(ed.indexOf("p=") + 2));
    QTest::newRow("Ed25519") << QByteArray::fromHex("302a300506032b6570032100") + raw
                             << QByteArray("v=DKIM1; k=ed25519; p=" + raw.toBase64());
}

void TstKeyImport::pem()
{
    QFETCH(QByteArray, der);
    QFETCH(QByteArray, expectedRecord);
    QByteArray pem = "-----BEGIN PUBLIC KEY-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    pem += "-----END PUBLIC KEY-----\n";
    const QString path = m_dir.filePath(QStringLiteral("key.pem"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(pem);
    f.close();
    auto b = KeyImport::fromFile(path, "example.com", "hand");
    QVERIFY2(b, qPrintable(b ? QString() : b.error().toString()));
    QCOMPARE(b->keys.size(), 1);
    QCOMPARE(b->keys.first().record, expectedRecord);
    QCOMPARE(b->keys.first().source, QStringLiteral("entered_by_hand"));
    QCOMPARE(b->keys.first().selector, QByteArray("hand"));
    QVERIFY(!KeyImport::fromFile(path)); // no selector and domain given
}

void TstKeyImport::pemRefusesPrivateKeys()
{
    auto b = KeyImport::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "example.com", "s",
                                QStringLiteral("k.pem"));
    QVERIFY(!b);
    QVERIFY(b.error().message.contains(QLatin1String("private")));
    QVERIFY(!KeyImport::fromPem("nothing here", "example.com", "s", QStringLiteral("k.pem")));
}

void TstKeyImport::csvArchive()
{
    const QByteArray csv = "domain,selector,record,first_seen,last_seen,source,note\r\n"
                           "gmail.com,20120113,\"" +
                           record("rsa2048") +
                           "\",2012-01-13,2015-08-01T12:00:00Z,"
                           "imported_archive,\"retired, later published\"\r\n"
                           "example.com,old,\"v=DKIM1; k=rsa; p=\",,,someone_said,\r\n"
                           ",nodomain,\"v=DKIM1\",,,,\r\n";
    auto b = KeyImport::fromCsv(csv, QStringLiteral("archive.csv"));
    QVERIFY(b);
    QCOMPARE(b->keys.size(), 2);
    QCOMPARE(b->warnings.size(), 1);
    const StoredKey &g = b->keys.at(0);
    QCOMPARE(g.domain, QByteArray("gmail.com"));
    QCOMPARE(g.selector, QByteArray("20120113"));
    QCOMPARE(g.record, record("rsa2048"));
    QCOMPARE(g.firstSeen, at("2012-01-13T00:00:00Z"));
    QCOMPARE(g.lastSeen, at("2015-08-01T12:00:00Z"));
    QCOMPARE(g.note, QStringLiteral("retired, later published"));
    QCOMPARE(b->keys.at(1).source, QStringLiteral("imported_archive")); // unknown source named plainly
    QVERIFY(!b->keys.at(1).firstSeen.isValid());
}

void TstKeyImport::csvNeedsColumns()
{
    auto b = KeyImport::fromCsv("name,value\na,b\n", QStringLiteral("x.csv"));
    QVERIFY(!b);
    QCOMPARE(b.error().file, QStringLiteral("x.csv"));
}

void TstKeyImport::jsonArchive()
{
    const QByteArray json = R"([{"domain":"example.org","selector":"ed","record":"v=DKIM1; k=ed25519; p=AAAA",
        "first_seen":"2019-05-01T00:00:00Z","last_seen":"2020-05-01","source":"dns"}])";
    auto b = KeyImport::fromJson(json, QStringLiteral("a.json"));
    QVERIFY(b);
    QCOMPARE(b->keys.size(), 1);
    QCOMPARE(b->keys.first().source, QStringLiteral("dns"));
    QCOMPARE(b->keys.first().lastSeen, at("2020-05-01T00:00:00Z"));
    QVERIFY(!KeyImport::fromJson("{\"nothing\":1}", QStringLiteral("b.json")));
    QVERIFY(!KeyImport::fromJson("not json", QStringLiteral("c.json")));
}

QList<StoredKey> TstKeyImport::fill(KeyStore &s)
{
    struct Row {
        const char *domain, *selector, *recordOf, *source, *first, *last, *note;
    };
    const Row rows[] = {
        {"example.com", "sel", "rsa1024", "dns_dnssec", "2015-01-01T00:00:00Z", "2016-03-01T00:00:00Z", ""},
        {"example.com", "sel", "rsa2048", "dns", "2016-06-01T00:00:00Z", "2017-01-01T00:00:00Z", "after rotation"},
        {"example.com", "rsa4096", "rsa4096", "zone_file", nullptr, nullptr, "long key: several strings"},
        {"example.com", "revoked", "revoked", "imported_archive", "2014-01-01T00:00:00Z", nullptr, ""},
        {"example.org", "ed", "ed", "entered_by_hand", nullptr, nullptr, "quote \" and, comma"},
    };
    for (const Row &r : rows) {
        StoredKey k;
        k.domain = r.domain;
        k.selector = r.selector;
        k.record = record(r.recordOf, QByteArray(r.domain) == "example.org" ? "example.org" : "example.com");
        k.source = QString::fromLatin1(r.source);
        if (r.first)
            k.firstSeen = at(r.first);
        if (r.last)
            k.lastSeen = at(r.last);
        k.note = QString::fromUtf8(r.note);
        if (k.source.startsWith(QLatin1String("dns")))
            k.resolver = QStringLiteral("forwarder 192.0.2.53");
        if (!s.add(k))
            return {};
    }
    return s.keys();
}

void TstKeyImport::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("keepsProvenance");
    QTest::newRow("json") << "json" << true;
    QTest::newRow("csv") << "csv" << true;
    QTest::newRow("zone") << "zone" << false;
}

void TstKeyImport::roundTrip()
{
    QFETCH(QString, format);
    QFETCH(bool, keepsProvenance);
    auto a = KeyStore::open(m_dir.filePath(QStringLiteral("a-%1.sqlite").arg(format)));
    QVERIFY(a);
    const QList<StoredKey> before = fill(**a);
    QCOMPARE(before.size(), 5);
    const QByteArray out = format == QLatin1String("json")  ? KeyImport::toJson(before)
                           : format == QLatin1String("csv") ? KeyImport::toCsv(before)
                                                            : KeyImport::toZoneFile(before);
    const QString file = m_dir.filePath(QStringLiteral("export.%1").arg(format));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(out);
    f.close();
    auto batch = KeyImport::fromFile(file);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().toString()));
    QVERIFY(batch->warnings.isEmpty());
    auto b = KeyStore::open(m_dir.filePath(QStringLiteral("b-%1.sqlite").arg(format)));
    QVERIFY(b);
    for (const StoredKey &k : std::as_const(batch->keys))
        QVERIFY((*b)->add(k));
    const QList<StoredKey> after = (*b)->keys();
    QCOMPARE(after.size(), before.size());
    for (int i = 0; i < before.size(); ++i) {
        const StoredKey &x = before.at(i), &y = after.at(i);
        QCOMPARE(y.domain, x.domain);
        QCOMPARE(y.selector, x.selector);
        QCOMPARE(y.record, x.record);
        QCOMPARE(y.fingerprint, x.fingerprint);
        QCOMPARE(y.keyBits, x.keyBits);
        if (keepsProvenance) {
            QCOMPARE(y.source, x.source);
            QCOMPARE(y.firstSeen, x.firstSeen);
            QCOMPARE(y.lastSeen, x.lastSeen);
            QCOMPARE(y.resolver, x.resolver);
            QCOMPARE(y.note, x.note);
        } else {
            QCOMPARE(y.source, QStringLiteral("zone_file"));
        }
    }
    if (format == QLatin1String("zone")) {
        QVERIFY(out.contains("; source=dns_dnssec first_seen=2015-01-01T00:00:00Z last_seen=2016-03-01T00:00:00Z"));
        auto z = ZoneFileResolver::parse(out, file); // and it is a zone file the verifier reads
        QVERIFY(z);
        QCOMPARE((*z)->lookup("example.com", "sel").records.size(), 2);
    }
}

QTEST_GUILESS_MAIN(TstKeyImport)
#include "tst_key_import.moc"
