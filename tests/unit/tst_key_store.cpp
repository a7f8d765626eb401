#include "key_store.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace dkimi;

// The SQLite key store: persistence, history per selector, provenance, notes, deletion, damaged
// files (a clear error, the file untouched), and the store as a key source.
class TstKeyStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addAndReopen();
    void historyOverTime();
    void strongerSourceWins();
    void filterNoteDelete();
    void damagedFile_data();
    void damagedFile();
    void mustExist();
    void asKeySource();

private:
    QByteArray record(const char *selector, const char *domain = "example.com");
    QTemporaryDir m_dir;
    std::shared_ptr<ZoneFileResolver> m_zone;
};

void TstKeyStore::initTestCase()
{
    auto z = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/fixtures/keys.zone"));
    QVERIFY(z);
    m_zone = *z;
}

QByteArray TstKeyStore::record(const char *selector, const char *domain)
{
    const KeyLookup l = m_zone->lookup(domain, selector);
    return l.records.isEmpty() ? QByteArray() : KeyLookup::joined(l.records.first());
}

static QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

void TstKeyStore::addAndReopen()
{
    const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
    {
        auto s = KeyStore::open(path);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        StoredKey k;
        k.domain = "Example.COM.";
        k.selector = "rsa2048";
        k.record = record("rsa2048");
        k.source = QStringLiteral("dns_dnssec");
        k.firstSeen = at("2016-03-01T00:00:00Z");
        k.lastSeen = at("2016-04-01T00:00:00Z");
        k.resolver = QStringLiteral("forwarder 192.0.2.53");
        auto id = (*s)->add(k);
        QVERIFY(id);
        QVERIFY(*id > 0);
    }
    auto s = KeyStore::open(path, KeyStore::Open::MustExist);
    QVERIFY(s);
    const QList<StoredKey> all = (*s)->keys();
    QCOMPARE(all.size(), 1);
    const StoredKey &k = all.first();
    QCOMPARE(k.domain, QByteArray("example.com"));
    QCOMPARE(k.selector, QByteArray("rsa2048"));
    QCOMPARE(k.keyType, QStringLiteral("rsa"));
    QCOMPARE(k.keyBits, 2048);
    QCOMPARE(k.fingerprint.size(), 64);
    QCOMPARE(k.source, QStringLiteral("dns_dnssec"));
    QCOMPARE(k.firstSeen, at("2016-03-01T00:00:00Z"));
    QCOMPARE(k.lastSeen, at("2016-04-01T00:00:00Z"));
    QCOMPARE(k.resolver, QStringLiteral("forwarder 192.0.2.53"));
}

void TstKeyStore::historyOverTime()
{
    auto s = KeyStore::open(m_dir.filePath(QStringLiteral("history.sqlite")));
    QVERIFY(s);
    StoredKey old;
    old.domain = "example.com";
    old.selector = "sel";
    old.record = record("rsa1024");
    old.source = QStringLiteral("dns");
    old.firstSeen = at("2015-01-01T00:00:00Z");
    old.lastSeen = at("2016-03-01T00:00:00Z");
    QVERIFY((*s)->add(old));
    StoredKey now = old;
    now.record = record("rsa2048");
    now.firstSeen = now.lastSeen = at("2016-06-01T00:00:00Z");
    QVERIFY((*s)->add(now));
    // Seen again later: the same row, a wider interval.
    now.firstSeen = now.lastSeen = at("2017-01-01T00:00:00Z");
    QVERIFY((*s)->add(now));
    old.firstSeen = at("2014-06-01T00:00:00Z");
    old.lastSeen = at("2015-06-01T00:00:00Z");
    QVERIFY((*s)->add(old));

    const QList<StoredKey> h = (*s)->history("EXAMPLE.com", "sel");
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.at(0).keyBits, 1024);
    QCOMPARE(h.at(0).firstSeen, at("2014-06-01T00:00:00Z"));
    QCOMPARE(h.at(0).lastSeen, at("2016-03-01T00:00:00Z"));
    QCOMPARE(h.at(1).keyBits, 2048);
    QCOMPARE(h.at(1).firstSeen, at("2016-06-01T00:00:00Z"));
    QCOMPARE(h.at(1).lastSeen, at("2017-01-01T00:00:00Z"));
    QVERIFY(h.at(0).fingerprint != h.at(1).fingerprint);
}

void TstKeyStore::strongerSourceWins()
{
    auto s = KeyStore::open(m_dir.filePath(QStringLiteral("source.sqlite")));
    QVERIFY(s);
    StoredKey k;
    k.domain = "example.com";
    k.selector = "ed";
    k.record = record("ed");
    k.source = QStringLiteral("imported_archive");
    QVERIFY((*s)->add(k));
    k.source = QStringLiteral("dns_dnssec");
    k.resolver = QStringLiteral("forwarder 127.0.0.1:53");
    QVERIFY((*s)->add(k));
    k.source = QStringLiteral("entered_by_hand");
    k.resolver.clear();
    QVERIFY((*s)->add(k));
    const QList<StoredKey> all = (*s)->keys();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().source, QStringLiteral("dns_dnssec"));
    QCOMPARE(all.first().resolver, QStringLiteral("forwarder 127.0.0.1:53"));
    QCOMPARE(all.first().keyType, QStringLiteral("ed25519"));
    k.source = QStringLiteral("from_a_friend");
    QVERIFY(!(*s)->add(k));
}

void TstKeyStore::filterNoteDelete()
{
    auto s = KeyStore::open(m_dir.filePath(QStringLiteral("filter.sqlite")));
    QVERIFY(s);
    for (const char *sel : {"rsa2048", "rsa1024", "revoked"}) {
        StoredKey k;
        k.domain = "example.com";
        k.selector = sel;
        k.record = record(sel);
        k.source = QStringLiteral("zone_file");
        QVERIFY((*s)->add(k));
    }
    StoredKey org;
    org.domain = "example.org";
    org.selector = "ed";
    org.record = record("ed", "example.org");
    org.source = QStringLiteral("entered_by_hand");
    auto orgId = (*s)->add(org);
    QVERIFY(orgId);
    QCOMPARE((*s)->keys().size(), 4);
    QCOMPARE((*s)->keys({QStringLiteral("RSA"), {}}).size(), 2);
    QCOMPARE((*s)->keys({QStringLiteral("ed._domainkey.example.org"), {}}).size(), 1);
    QCOMPARE((*s)->keys({{}, QStringLiteral("entered_by_hand")}).size(), 1);
    const StoredKey revoked = (*s)->keys({QStringLiteral("revoked"), {}}).first();
    QCOMPARE(revoked.keyType, QString()); // empty p=: no key, still kept as evidence
    QCOMPARE(revoked.fingerprint, QByteArray());

    auto noted = (*s)->setNote(*orgId, QStringLiteral("pasted from the provider's 2016 blog post"));
    QVERIFY(noted && *noted);
    QCOMPARE((*s)->key(*orgId)->note, QStringLiteral("pasted from the provider's 2016 blog post"));
    auto removed = (*s)->remove(*orgId);
    QVERIFY(removed && *removed);
    QVERIFY(!(*s)->key(*orgId));
    removed = (*s)->remove(*orgId);
    QVERIFY(removed && !*removed);
    QCOMPARE((*s)->keys().size(), 3);
}

void TstKeyStore::damagedFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("says");
    QTest::newRow("text file") << QByteArray("selector._domainkey.example.com IN TXT \"v=DKIM1\"\n" +
                                             QByteArray(2000, 'x'))
                               << "not a readable key store";
    QByteArray header("SQLite format 3");
    header.append('\0');
    QTest::newRow("truncated database") << header + QByteArray(84, '\x01') << "not a readable key store";
    QTest::newRow("someone else's database") << QByteArray() << "not a DKIM Inspector key store";
}

void TstKeyStore::damagedFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, says);
    const QString path = m_dir.filePath(
        QStringLiteral("damaged-%1.sqlite").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    if (content.isEmpty()) {
        // A valid SQLite database of another program.
        QProcess p;
        p.start(QStringLiteral("sqlite3"), {path, QStringLiteral("CREATE TABLE notes(x TEXT); INSERT INTO notes "
                                                                 "VALUES('mine');")});
        if (!p.waitForFinished(5000) || p.exitCode() != 0)
            QSKIP("sqlite3 shell not available");
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    QFile before(path);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();

    auto s = KeyStore::open(path);
    QVERIFY(!s);
    QCOMPARE(s.error().file, path);
    QVERIFY2(s.error().message.contains(says), qPrintable(s.error().message));
    QVERIFY(s.error().toString().startsWith(path));

    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes); // never overwritten
}

void TstKeyStore::mustExist()
{
    const QString path = m_dir.filePath(QStringLiteral("absent.sqlite"));
    auto s = KeyStore::open(path, KeyStore::Open::MustExist);
    QVERIFY(!s);
    QVERIFY(!QFile::exists(path));
}

void TstKeyStore::asKeySource()
{
    auto s = KeyStore::open(m_dir.filePath(QStringLiteral("source-of-keys.sqlite")));
    QVERIFY(s);
    StoredKey k;
    k.domain = "example.com";
    k.selector = "rsa2048";
    k.record = record("rsa1024");
    k.source = QStringLiteral("imported_archive");
    k.firstSeen = at("2015-01-01T00:00:00Z");
    k.lastSeen = at("2016-03-01T00:00:00Z");
    QVERIFY((*s)->add(k));
    const KeyStoreResolver r(*s);
    KeyLookup l = r.lookup("example.com", "rsa2048");
    QCOMPARE(l.status, KeyLookup::Status::Found);
    QCOMPARE(l.sourceKind, QStringLiteral("key_store"));
    QCOMPARE(l.records.size(), 1);
    QCOMPARE(l.recordInfo.size(), 1);
    QCOMPARE(l.recordInfo.first().origin, QStringLiteral("imported_archive"));
    QCOMPARE(l.recordInfo.first().lastSeen, at("2016-03-01T00:00:00Z"));
    QCOMPARE(r.lookup("example.com", "nope").status, KeyLookup::Status::NotFound);

    // Verification tells the store which DNS key it used; zone-file keys are not copied in.
    KeyLookup dns;
    dns.queryName = "rsa2048._domainkey.example.com";
    dns.status = KeyLookup::Status::Found;
    dns.sourceKind = QStringLiteral("dns");
    dns.dnssec = QStringLiteral("secure");
    dns.resolver = QStringLiteral("forwarder 127.0.0.1:5353");
    dns.fetchedAt = at("2026-01-01T00:00:00Z");
    r.keyUsed(dns, record("rsa2048"));
    KeyLookup zone = dns;
    zone.sourceKind = QStringLiteral("zone_file");
    r.keyUsed(zone, record("rsa4096"));
    const QList<StoredKey> h = (*s)->history("example.com", "rsa2048");
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.at(1).source, QStringLiteral("dns_dnssec"));
    QCOMPARE(h.at(1).firstSeen, at("2026-01-01T00:00:00Z"));
    QCOMPARE(h.at(1).resolver, QStringLiteral("forwarder 127.0.0.1:5353"));
    l = r.lookup("example.com", "rsa2048");
    QCOMPARE(l.records.size(), 2);
    QCOMPARE(l.recordInfo.first().origin, QStringLiteral("dns_dnssec")); // most recently seen first
}

QTEST_GUILESS_MAIN(TstKeyStore)
#include "tst_key_store.moc"
