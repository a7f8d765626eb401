#include "zone_file_resolver.h"

#include <QTest>

using namespace dkimi;

class TstZoneFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesRecords();
    void absentNameDoesNotExist();
    void missingFileIsAnError();
    void chainOrder();
};

void TstZoneFile::parsesRecords()
{
    const QByteArray zone =
        "; comment line\n"
        "sel._domainkey.Example.COM. 3600 IN TXT \"v=DKIM1; k=rsa; \" \"p=AAAA\" ; trailing comment\n"
        "multi._domainkey.example.net. IN TXT (\n"
        "    \"v=DKIM1; \"\n"
        "    \"p=BBBB\" )  ; ----- DKIM key\n"
        "$ORIGIN example.org.\n"
        "rel._domainkey IN TXT \"p=CC\\\"CC\"\n"
        "empty._domainkey.example.org. TXT \"\"\n"
        "a.example.org. IN A 192.0.2.1\n"
        "two._domainkey.example.org. IN TXT \"p=1\"\n"
        "two._domainkey.example.org. IN TXT \"p=2\"\n";
    auto r = ZoneFileResolver::parse(zone, QStringLiteral("test.zone"));
    QVERIFY(r);
    const auto &z = *r;
    QVERIFY(z->warnings().isEmpty());

    KeyLookup l = z->lookup("example.com", "sel");
    QCOMPARE(int(l.status), int(KeyLookup::Status::Found));
    QCOMPARE(l.records.size(), 1);
    QCOMPARE(l.records.at(0).size(), 2);
    QCOMPARE(KeyLookup::joined(l.records.at(0)), QByteArray("v=DKIM1; k=rsa; p=AAAA"));
    QCOMPARE(l.sourceKind, QStringLiteral("zone_file"));

    l = z->lookup("EXAMPLE.net", "MULTI");
    QCOMPARE(int(l.status), int(KeyLookup::Status::Found));
    QCOMPARE(KeyLookup::joined(l.records.at(0)), QByteArray("v=DKIM1; p=BBBB"));

    l = z->lookup("example.org", "rel");
    QCOMPARE(int(l.status), int(KeyLookup::Status::Found));
    QCOMPARE(KeyLookup::joined(l.records.at(0)), QByteArray("p=CC\"CC"));

    l = z->lookup("example.org", "empty");
    QCOMPARE(int(l.status), int(KeyLookup::Status::Found));
    QCOMPARE(KeyLookup::joined(l.records.at(0)), QByteArray());

    l = z->lookup("example.org", "two");
    QCOMPARE(l.records.size(), 2);
    QCOMPARE(z->recordCount(), 6);
}

void TstZoneFile::absentNameDoesNotExist()
{
    auto r = ZoneFileResolver::parse("a._domainkey.example.com. IN TXT \"p=x\"\n", QStringLiteral("k.zone"));
    QVERIFY(r);
    const KeyLookup l = (*r)->lookup("example.com", "b");
    QCOMPARE(int(l.status), int(KeyLookup::Status::NotFound));
    QCOMPARE(l.queryName, QByteArray("b._domainkey.example.com"));
    QVERIFY(l.detail.contains(QStringLiteral("k.zone")));
}

void TstZoneFile::missingFileIsAnError()
{
    auto r = ZoneFileResolver::load(QStringLiteral("/nonexistent/keys.zone"));
    QVERIFY(!r);
    QVERIFY(r.error().toString().contains(QStringLiteral("/nonexistent/keys.zone")));
}

void TstZoneFile::chainOrder()
{
    auto a = ZoneFileResolver::parse("x._domainkey.d.example. TXT \"p=first\"\n", QStringLiteral("a.zone"));
    auto b = ZoneFileResolver::parse("x._domainkey.d.example. TXT \"p=second\"\ny._domainkey.d.example. TXT \"p=y\"\n",
                                     QStringLiteral("b.zone"));
    ChainResolver chain;
    chain.add(*a);
    chain.add(*b);
    QCOMPARE(KeyLookup::joined(chain.lookup("d.example", "x").records.at(0)), QByteArray("p=first"));
    QCOMPARE(chain.lookup("d.example", "y").sourceName, QStringLiteral("b.zone"));
    QCOMPARE(int(chain.lookup("d.example", "z").status), int(KeyLookup::Status::NotFound));
    ChainResolver empty;
    QCOMPARE(int(empty.lookup("d.example", "x").status), int(KeyLookup::Status::NotFound));
}

QTEST_GUILESS_MAIN(TstZoneFile)
#include "tst_zone_file.moc"
