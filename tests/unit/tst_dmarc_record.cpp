#include "caching_resolver.h"
#include "dmarc_evaluator.h"
#include "dmarc_record.h"
#include "key_store.h"
#include "message.h"
#include "report_writer.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace dkimi;

// DMARC records (RFC 7489 §6.3/§6.4), policy discovery (§6.6.3) and the message's DMARC result,
// with the messages tests/data/dmarc/make_dmarc.py signed and zone files holding _dmarc records.
class TstDmarcRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parser_data();
    void parser();
    void appliedPolicy();
    void discovery_data();
    void discovery();
    void noTxtSource();
    void chainAndCache();
    void keyLookupsUnchanged();
    void evaluation_data();
    void evaluation();
    void spfFromTrustedServerOnly();
    void noPolicyApplies();
    void json();
    void text();

private:
    std::shared_ptr<const KeyResolver> zone(const QByteArray &dmarcLines) const;
    MessageResult verify(const QString &file, const QByteArray &dmarcLines, const QStringList &trusted = {}) const;
    QByteArray m_keys; // the key records the messages need (dmarc.zone without its _dmarc line)
};

static const QString kDir = QStringLiteral(DKIMI_TEST_DATA "/dmarc/");

void TstDmarcRecord::initTestCase()
{
    QFile f(kDir + QStringLiteral("dmarc.zone"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.contains("._domainkey."))
            m_keys += line + '\n';
    }
    QCOMPARE(m_keys.count('\n'), 3);
}

std::shared_ptr<const KeyResolver> TstDmarcRecord::zone(const QByteArray &dmarcLines) const
{
    auto z = ZoneFileResolver::parse(m_keys + dmarcLines, QStringLiteral("test.zone"));
    if (!z)
        return nullptr;
    return *z;
}

MessageResult TstDmarcRecord::verify(const QString &file, const QByteArray &dmarcLines,
                                     const QStringList &trusted) const
{
    auto m = Message::fromFile(kDir + file);
    if (!m)
        return {};
    VerifierOptions o;
    o.resolver = zone(dmarcLines);
    o.trustedAuthservIds = trusted;
    return Verifier(o).verify(*m);
}

void TstDmarcRecord::parser_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("isDmarc");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QByteArray>("p");
    QTest::addColumn<QByteArray>("sp");
    QTest::addColumn<QString>("modes"); // adkim aspf
    QTest::addColumn<int>("pct");
    QTest::addColumn<int>("rua");
    QTest::addColumn<QString>("remarks"); // codes, comma-separated, in order
    QTest::addColumn<QString>("error");

    // RFC 7489 Appendix B.2 examples.
    QTest::newRow("B.2.1 monitor") << QByteArray("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com") << true
                                   << true << QByteArray("none") << QByteArray() << "rr" << 100 << 1 << ""
                                   << "";
    QTest::newRow("B.2.2 with ruf") << QByteArray("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; "
                                                  "ruf=mailto:auth-reports@thirdparty.example.net")
                                    << true << true << QByteArray("none") << QByteArray() << "rr" << 100 << 1 << ""
                                    << "";
    QTest::newRow("B.2.3 quarantine pct")
        << QByteArray("v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,"
                      "mailto:tld-test@thirdparty.example.net!10m; pct=25")
        << true << true << QByteArray("quarantine") << QByteArray() << "rr" << 25 << 2 << ""
        << "";
    QTest::newRow("strict modes, sp, fo, ri")
        << QByteArray("v=DMARC1; p=reject; sp=none; adkim=s; aspf=s; fo=1:d; rf=afrf; ri=3600") << true << true
        << QByteArray("reject") << QByteArray("none") << "ss" << 100 << 0 << ""
        << "";
    QTest::newRow("missing v") << QByteArray("p=reject; rua=mailto:a@example.com") << false << false << QByteArray()
                               << QByteArray() << "rr" << 100 << 0 << ""
                               << "dmarc_not_dmarc";
    QTest::newRow("v not first") << QByteArray("p=reject; v=DMARC1") << false << false << QByteArray() << QByteArray()
                                 << "rr" << 100 << 0 << ""
                                 << "dmarc_not_dmarc";
    QTest::newRow("version case-sensitive")
        << QByteArray("v=dmarc1; p=reject") << false << false << QByteArray() << QByteArray() << "rr" << 100 << 0 << ""
        << "dmarc_not_dmarc";
    QTest::newRow("other version") << QByteArray("v=DMARC10; p=reject") << false << false << QByteArray()
                                   << QByteArray() << "rr" << 100 << 0 << ""
                                   << "dmarc_not_dmarc";
    QTest::newRow("tag names and keywords case-insensitive")
        << QByteArray("V=DMARC1; P=Reject; ADKIM=S; Aspf=R") << true << true << QByteArray("reject") << QByteArray()
        << "sr" << 100 << 0 << ""
        << "";
    QTest::newRow("whitespace") << QByteArray("  v = DMARC1 ;p= quarantine\t;  pct = 50 ; ") << true << true
                                << QByteArray("quarantine") << QByteArray() << "rr" << 50 << 0 << ""
                                << "";
    QTest::newRow("bad p with rua: p=none")
        << QByteArray("v=DMARC1; p=block; rua=mailto:a@example.com") << true << true << QByteArray("none")
        << QByteArray() << "rr" << 100 << 1 << "dmarc_p_invalid,dmarc_policy_implied_none"
        << "";
    QTest::newRow("missing p with rua: p=none")
        << QByteArray("v=DMARC1; rua=mailto:a@example.com") << true << true << QByteArray("none") << QByteArray()
        << "rr" << 100 << 1 << "dmarc_p_missing,dmarc_policy_implied_none"
        << "";
    QTest::newRow("bad sp with rua: p=none")
        << QByteArray("v=DMARC1; p=reject; sp=maybe; rua=mailto:a@example.com") << true << true << QByteArray("none")
        << QByteArray() << "rr" << 100 << 1 << "dmarc_sp_invalid,dmarc_policy_implied_none"
        << "";
    QTest::newRow("bad p, no rua") << QByteArray("v=DMARC1; p=block") << true << false << QByteArray() << QByteArray()
                                   << "rr" << 100 << 0 << "dmarc_p_invalid"
                                   << "dmarc_no_valid_policy";
    QTest::newRow("missing p, invalid rua") << QByteArray("v=DMARC1; rua=not a uri") << true << false << QByteArray()
                                            << QByteArray() << "rr" << 100 << 0 << "dmarc_uri_invalid,dmarc_p_missing"
                                            << "dmarc_no_valid_policy";
    QTest::newRow("unknown tags ignored")
        << QByteArray("v=DMARC1; p=none; foo=bar; np=reject") << true << true << QByteArray("none") << QByteArray()
        << "rr" << 100 << 0 << "dmarc_unknown_tag,dmarc_unknown_tag"
        << "";
    QTest::newRow("invalid values use defaults")
        << QByteArray("v=DMARC1; p=reject; adkim=x; pct=101; ri=-1; fo=2") << true << true << QByteArray("reject")
        << QByteArray() << "rr" << 100 << 0 << "dmarc_tag_invalid,dmarc_tag_invalid,dmarc_tag_invalid,dmarc_tag_invalid"
        << "";
    QTest::newRow("duplicate tag: first wins")
        << QByteArray("v=DMARC1; p=none; p=reject") << true << true << QByteArray("none") << QByteArray() << "rr" << 100
        << 0 << "dmarc_duplicate_tag"
        << "";
    QTest::newRow("not a tag=value") << QByteArray("v=DMARC1; p=reject; garbage") << true << true
                                     << QByteArray("reject") << QByteArray() << "rr" << 100 << 0 << "dmarc_tag_syntax"
                                     << "";
}

void TstDmarcRecord::parser()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, isDmarc);
    QFETCH(bool, usable);
    QFETCH(QByteArray, p);
    QFETCH(QByteArray, sp);
    QFETCH(QString, modes);
    QFETCH(int, pct);
    QFETCH(int, rua);
    QFETCH(QString, remarks);
    QFETCH(QString, error);
    QCOMPARE(DmarcRecordParser::isDmarcRecord(text), isDmarc);
    const DmarcRecord r = DmarcRecordParser::parse(text);
    QCOMPARE(r.isDmarc, isDmarc);
    QCOMPARE(r.usable, usable);
    QCOMPARE(r.errorCode, error);
    QCOMPARE(r.text, text);
    if (!isDmarc)
        return;
    QStringList codes;
    for (const DmarcRemark &rm : r.remarks)
        codes << rm.code;
    QCOMPARE(codes.join(QLatin1Char(',')), remarks);
    QCOMPARE(r.rua.size(), rua);
    if (!usable)
        return;
    QCOMPARE(r.policy, p);
    QCOMPARE(r.subdomainPolicy, sp);
    QCOMPARE(QString(QChar::fromLatin1(r.adkim)) + QChar::fromLatin1(r.aspf), modes);
    QCOMPARE(r.pct, pct);
}

void TstDmarcRecord::appliedPolicy()
{
    const DmarcRecord withSp = DmarcRecordParser::parse("v=DMARC1; p=reject; sp=quarantine");
    QString which;
    QCOMPARE(withSp.appliedPolicy("example.com", "example.com", &which), QByteArray("reject"));
    QCOMPARE(which, QStringLiteral("p"));
    QCOMPARE(withSp.appliedPolicy("news.example.com", "example.com", &which), QByteArray("quarantine"));
    QCOMPARE(which, QStringLiteral("sp"));
    // Found at the subdomain itself: its own p applies.
    QCOMPARE(withSp.appliedPolicy("news.example.com", "news.example.com", &which), QByteArray("reject"));
    QCOMPARE(which, QStringLiteral("p"));
    const DmarcRecord noSp = DmarcRecordParser::parse("v=DMARC1; p=reject");
    QCOMPARE(noSp.appliedPolicy("news.example.com", "example.com", &which), QByteArray("reject"));
    QCOMPARE(which, QStringLiteral("p"));
}

void TstDmarcRecord::discovery_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("foundAt");
    QTest::addColumn<QString>("outcomes");  // per queried name
    QTest::addColumn<QByteArray>("policy"); // applied

    const int found = int(DmarcDiscovery::Status::Found), notLooked = int(DmarcDiscovery::Status::NotLookedUp),
              multiple = int(DmarcDiscovery::Status::Multiple);
    const QByteArray org = "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject; sp=quarantine\"\n";
    QTest::newRow("at the From domain") << org << QByteArray("example.com") << found << QByteArray("_dmarc.example.com")
                                        << "found" << QByteArray("reject");
    QTest::newRow("From domain upper case") << org << QByteArray("Example.COM.") << found
                                            << QByteArray("_dmarc.example.com") << "found" << QByteArray("reject");
    QTest::newRow("fallback to the org domain: sp")
        << org << QByteArray("news.example.com") << found << QByteArray("_dmarc.example.com") << "not_looked_up,found"
        << QByteArray("quarantine");
    QTest::newRow("deep subdomain asks only From and org")
        << org << QByteArray("a.b.news.example.com") << found << QByteArray("_dmarc.example.com")
        << "not_looked_up,found" << QByteArray("quarantine");
    QTest::newRow("subdomain's own record first")
        << org + "_dmarc.news.example.com. 300 IN TXT \"v=DMARC1; p=none\"\n"
        << QByteArray("news.example.com") << found << QByteArray("_dmarc.news.example.com") << "found"
        << QByteArray("none");
    QTest::newRow("non-DMARC TXT ignored, then org")
        << org + "_dmarc.news.example.com. 300 IN TXT \"v=spf1 -all\"\n"
        << QByteArray("news.example.com") << found << QByteArray("_dmarc.example.com") << "no_record,found"
        << QByteArray("quarantine");
    QTest::newRow("DMARC among other TXT") << QByteArray("_dmarc.example.com. 300 IN TXT \"hello\"\n"
                                                         "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=quarantine\"\n")
                                           << QByteArray("example.com") << found << QByteArray("_dmarc.example.com")
                                           << "found" << QByteArray("quarantine");
    QTest::newRow("two records: no policy, no fallback")
        << org + "_dmarc.news.example.com. 300 IN TXT \"v=DMARC1; p=none\"\n"
                 "_dmarc.news.example.com. 300 IN TXT \"v=DMARC1; p=reject\"\n"
        << QByteArray("news.example.com") << multiple << QByteArray("_dmarc.news.example.com") << "multiple_records"
        << QByteArray();
    QTest::newRow("key file without a record") << QByteArray() << QByteArray("news.example.com") << notLooked
                                               << QByteArray() << "not_looked_up,not_looked_up" << QByteArray();
    QTest::newRow("record at another org domain only")
        << org << QByteArray("example.org") << notLooked << QByteArray() << "not_looked_up" << QByteArray();
}

void TstDmarcRecord::discovery()
{
    QFETCH(QByteArray, zone);
    QFETCH(QByteArray, from);
    QFETCH(int, status);
    QFETCH(QByteArray, foundAt);
    QFETCH(QString, outcomes);
    QFETCH(QByteArray, policy);
    auto z = ZoneFileResolver::parse(zone, QStringLiteral("dmarc-test.zone"));
    QVERIFY(z.hasValue());
    const DmarcDiscovery d = discoverDmarcPolicy(from, z->get());
    QCOMPARE(int(d.status), status);
    QCOMPARE(d.foundAt, foundAt);
    QStringList got, names;
    for (const DmarcQuery &q : d.lookups) {
        got << q.outcome;
        names << QString::fromLatin1(q.name);
    }
    QCOMPARE(got.join(QLatin1Char(',')), outcomes);
    QByteArray lower = from.toLower();
    if (lower.endsWith('.'))
        lower.chop(1);
    QCOMPARE(names.first(), QStringLiteral("_dmarc.") + QString::fromLatin1(lower));
    if (d.lookups.size() == 2)
        QCOMPARE(names.at(1), QStringLiteral("_dmarc.example.com"));
    if (status == int(DmarcDiscovery::Status::Found)) {
        QVERIFY(d.record.usable);
        QCOMPARE(d.record.appliedPolicy(d.fromDomain, d.recordDomain, nullptr), policy);
        QCOMPARE(d.provenance.sourceKind, QStringLiteral("zone_file"));
        QCOMPARE(d.provenance.sourceName, QStringLiteral("dmarc-test.zone"));
        QCOMPARE(d.provenance.queryName, foundAt);
        QCOMPARE(d.code, QStringLiteral("dmarc_record_found"));
        if (got.first() == QLatin1String("not_looked_up"))
            QVERIFY2(d.detail.contains(QLatin1String("would take precedence")), qPrintable(d.detail));
    }
    if (status == int(DmarcDiscovery::Status::NotLookedUp)) {
        QCOMPARE(d.code, QStringLiteral("dmarc_not_looked_up"));
        QVERIFY(d.detail.startsWith(QLatin1String("not looked up: offline")));
    }
    if (status == int(DmarcDiscovery::Status::Multiple))
        QCOMPARE(d.code, QStringLiteral("dmarc_multiple_records"));
}

void TstDmarcRecord::noTxtSource()
{
    // Offline with no key file: nothing answers TXT lookups, not even the key store.
    const DmarcDiscovery none = discoverDmarcPolicy("example.com", nullptr);
    QCOMPARE(none.status, DmarcDiscovery::Status::NotLookedUp);
    QTemporaryDir dir;
    auto store = KeyStore::open(dir.filePath(QStringLiteral("keys.sqlite")), KeyStore::Open::CreateIfMissing);
    QVERIFY(store.hasValue());
    auto chain = std::make_shared<ChainResolver>();
    chain->add(std::make_shared<KeyStoreResolver>(*store));
    QVERIFY(!chain->answersTxt());
    const KeyLookup l = chain->lookupTxt("_dmarc.example.com");
    QCOMPARE(l.status, KeyLookup::Status::NotFound);
    QCOMPARE(l.sourceKind, QStringLiteral("none"));
    QVERIFY(l.detail.startsWith(QLatin1String("not looked up: offline")));
    const DmarcDiscovery d = discoverDmarcPolicy("news.example.com", chain.get());
    QCOMPARE(d.status, DmarcDiscovery::Status::NotLookedUp);
    QCOMPARE(d.lookups.size(), 2);

    auto m = Message::fromFile(kDir + QStringLiteral("aligned_strict.eml"));
    QVERIFY(m.hasValue());
    VerifierOptions o;
    o.resolver = chain;
    const MessageResult r = Verifier(o).verify(*m);
    QVERIFY(r.dmarc.has_value());
    QCOMPARE(r.dmarc->result, DmarcResult::NotChecked);
    QCOMPARE(QString::fromLatin1(dmarcResultName(r.dmarc->result)), QStringLiteral("not_checked"));
    QVERIFY(r.dmarc->detail.contains(QLatin1String("not looked up: offline")));
}

void TstDmarcRecord::chainAndCache()
{
    auto empty = ZoneFileResolver::parse(m_keys, QStringLiteral("keys-only.zone"));
    auto withRecord = ZoneFileResolver::parse("_dmarc.example.com. 300 IN TXT \"v=DMARC1; \" \"p=reject\"\n",
                                              QStringLiteral("d.zone"));
    QVERIFY(empty && withRecord);
    auto chain = std::make_shared<ChainResolver>();
    chain->add(*empty);
    chain->add(*withRecord);
    QVERIFY(chain->answersTxt());
    auto cache = std::make_shared<CachingResolver>(chain);
    const KeyLookup a = cache->lookupTxt("_dmarc.example.com");
    QCOMPARE(a.status, KeyLookup::Status::Found);
    QCOMPARE(a.sourceName, QStringLiteral("d.zone"));
    QCOMPARE(KeyLookup::joined(a.records.first()), QByteArray("v=DMARC1; p=reject")); // strings joined
    const qsizetype before = cache->lookups();
    const KeyLookup b = cache->lookupTxt("_DMARC.Example.com");
    QCOMPARE(cache->lookups(), before); // answered from the cache
    QCOMPARE(b.records, a.records);
    const KeyLookup missing = cache->lookupTxt("_dmarc.example.org");
    QCOMPARE(missing.status, KeyLookup::Status::NotFound);
    QVERIFY2(missing.detail.contains(QLatin1String("keys-only.zone")) &&
                 missing.detail.contains(QLatin1String("d.zone")),
             qPrintable(missing.detail));
}

void TstDmarcRecord::keyLookupsUnchanged()
{
    auto z = ZoneFileResolver::parse(m_keys + "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=none\"\n",
                                     QStringLiteral("k.zone"));
    QVERIFY(z.hasValue());
    const KeyLookup key = (*z)->lookup("example.com.", "rsa2048");
    const KeyLookup txt = (*z)->lookupTxt("rsa2048._domainkey.example.com");
    QCOMPARE(key.status, KeyLookup::Status::Found);
    QCOMPARE(key.queryName, QByteArray("rsa2048._domainkey.example.com"));
    QCOMPARE(key.records, txt.records);
    QVERIFY(KeyLookup::joined(key.records.first()).startsWith("v=DKIM1"));
    const KeyLookup gone = (*z)->lookup("example.com", "nosuch");
    QCOMPARE(gone.status, KeyLookup::Status::NotFound);
    QCOMPARE(gone.detail, QStringLiteral("nosuch._domainkey.example.com is not in k.zone"));
}

void TstDmarcRecord::evaluation_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("record"); // at _dmarc.example.com; empty: none in the key file
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("dkim");
    QTest::addColumn<QList<int>>("aligned");
    QTest::addColumn<QList<int>>("notCounted");
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QString>("policyTag");

    QTest::newRow("strict d=, adkim=s") << "aligned_strict.eml" << QByteArray("v=DMARC1; p=reject; adkim=s") << "pass"
                                        << "dmarc_pass"
                                        << "pass" << QList<int>{0} << QList<int>{} << QByteArray("reject") << "p";
    QTest::newRow("subdomain From, relaxed, sp")
        << "aligned_relaxed.eml" << QByteArray("v=DMARC1; p=reject; sp=quarantine") << "pass"
        << "dmarc_pass"
        << "pass" << QList<int>{0} << QList<int>{} << QByteArray("quarantine") << "sp";
    QTest::newRow("subdomain From, adkim=s")
        << "aligned_relaxed.eml" << QByteArray("v=DMARC1; p=reject; adkim=s") << "fail"
        << "dmarc_fail"
        << "fail" << QList<int>{} << QList<int>{} << QByteArray("reject") << "p";
    QTest::newRow("third-party d=") << "not_aligned.eml" << QByteArray("v=DMARC1; p=reject") << "fail"
                                    << "dmarc_fail"
                                    << "fail" << QList<int>{} << QList<int>{} << QByteArray("reject") << "p";
    QTest::newRow("512-bit key not counted") << "weak_key.eml" << QByteArray("v=DMARC1; p=reject") << "fail"
                                             << "dmarc_fail"
                                             << "fail" << QList<int>{} << QList<int>{0} << QByteArray("reject") << "p";
    QTest::newRow("body changed") << "tampered.eml" << QByteArray("v=DMARC1; p=quarantine; pct=10") << "fail"
                                  << "dmarc_fail"
                                  << "fail" << QList<int>{} << QList<int>{} << QByteArray("quarantine") << "p";
    QTest::newRow("unusable record") << "aligned_strict.eml" << QByteArray("v=DMARC1; p=block") << "permerror"
                                     << "dmarc_no_valid_policy"
                                     << "" << QList<int>{} << QList<int>{} << QByteArray() << "";
    QTest::newRow("no record in the key file: not checked") << "aligned_strict.eml" << QByteArray() << "not_checked"
                                                            << "dmarc_not_looked_up"
                                                            << "" << QList<int>{} << QList<int>{} << QByteArray() << "";
}

void TstDmarcRecord::evaluation()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, record);
    QFETCH(QString, result);
    QFETCH(QString, code);
    QFETCH(QString, dkim);
    QFETCH(QList<int>, aligned);
    QFETCH(QList<int>, notCounted);
    QFETCH(QByteArray, policy);
    QFETCH(QString, policyTag);
    const QByteArray line = record.isEmpty() ? QByteArray() : "_dmarc.example.com. 300 IN TXT \"" + record + "\"\n";
    const MessageResult r = verify(file, line);
    QVERIFY(!r.signatures.isEmpty());
    QVERIFY(r.dmarc.has_value());
    const DmarcEvaluation &e = *r.dmarc;
    QCOMPARE(QString::fromLatin1(dmarcResultName(e.result)), result);
    QCOMPARE(e.code, code);
    QCOMPARE(e.dkimResult, dkim);
    QCOMPARE(e.alignedSignatures, aligned);
    QCOMPARE(e.notCountedSignatures, notCounted);
    QCOMPARE(e.policy, policy);
    QCOMPARE(e.policyTag, policyTag);
    QVERIFY(!e.detail.isEmpty());
    if (!notCounted.isEmpty()) {
        QCOMPARE(r.signatures.at(notCounted.first()).result, Result::Policy);
        QVERIFY(e.caveats.join(QLatin1Char(' ')).contains(QLatin1String("not counted")));
    }
    if (e.result == DmarcResult::Pass || e.result == DmarcResult::Fail) {
        QCOMPARE(e.spfResult, QStringLiteral("not_known"));
        QVERIFY(e.caveats.join(QLatin1Char(' ')).contains(QLatin1String("Computed from DKIM alone")));
        QVERIFY(e.caveats.join(QLatin1Char(' ')).contains(QLatin1String("not from DNS")));
        QCOMPARE(e.discovery.provenance.sourceKind, QStringLiteral("zone_file"));
    }
    if (record.contains("pct=10")) {
        QCOMPARE(e.pct, 10);
        QVERIFY(e.caveats.join(QLatin1Char(' ')).contains(QLatin1String("pct=10")));
    }
}

void TstDmarcRecord::spfFromTrustedServerOnly()
{
    const QByteArray relaxed = "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject\"\n";
    const QByteArray strictSpf = "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject; aspf=s\"\n";

    // Nobody trusted: both recorded spf=pass results are ignored, the result is DKIM-only.
    MessageResult r = verify(QStringLiteral("not_aligned.eml"), relaxed);
    QCOMPARE(r.signatures.first().result, Result::Pass);
    QCOMPARE(r.dmarc->result, DmarcResult::Fail);
    QCOMPARE(r.dmarc->spfResult, QStringLiteral("not_known"));
    QVERIFY(r.dmarc->spfAuthservId.isEmpty());
    QVERIFY2(r.dmarc->spfDetail.contains(QLatin1String("mx.trusted.test")) &&
                 r.dmarc->spfDetail.contains(QLatin1String("mx.other.test")),
             qPrintable(r.dmarc->spfDetail));

    // An unrelated server trusted: still ignored.
    r = verify(QStringLiteral("not_aligned.eml"), relaxed, {QStringLiteral("mx.nobody.test")});
    QCOMPARE(r.dmarc->spfResult, QStringLiteral("not_known"));
    QCOMPARE(r.dmarc->result, DmarcResult::Fail);

    // The trusted server's spf=pass for bounces.example.com aligns relaxed with example.com.
    r = verify(QStringLiteral("not_aligned.eml"), relaxed, {QStringLiteral("MX.Trusted.Test")});
    QCOMPARE(r.dmarc->result, DmarcResult::Pass);
    QCOMPARE(r.dmarc->code, QStringLiteral("dmarc_pass_spf"));
    QCOMPARE(r.dmarc->dkimResult, QStringLiteral("fail"));
    QCOMPARE(r.dmarc->spfResult, QStringLiteral("pass"));
    QCOMPARE(r.dmarc->spfAuthservId, QByteArray("mx.trusted.test"));
    QCOMPARE(r.dmarc->spfDomain, QByteArray("bounces.example.com"));
    QCOMPARE(r.dmarc->spfArIndex, 0);
    QVERIFY(!r.dmarc->caveats.join(QLatin1Char(' ')).contains(QLatin1String("Computed from DKIM alone")));

    // aspf=s: bounces.example.com is not example.com.
    r = verify(QStringLiteral("not_aligned.eml"), strictSpf, {QStringLiteral("mx.trusted.test")});
    QCOMPARE(r.dmarc->result, DmarcResult::Fail);
    QCOMPARE(r.dmarc->spfResult, QStringLiteral("fail"));
    QCOMPARE(r.dmarc->aspf, 's');

    // The second server recorded a strict-aligned mailfrom: trusted alone, it gives pass even with aspf=s.
    r = verify(QStringLiteral("not_aligned.eml"), strictSpf, {QStringLiteral("mx.other.test")});
    QCOMPARE(r.dmarc->result, DmarcResult::Pass);
    QCOMPARE(r.dmarc->spfAuthservId, QByteArray("mx.other.test"));
    QCOMPARE(r.dmarc->spfArIndex, 1);
}

void TstDmarcRecord::noPolicyApplies()
{
    // Two DMARC records at the From domain: permerror, and no fallback to another name.
    MessageResult r =
        verify(QStringLiteral("aligned_strict.eml"), "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=none\"\n"
                                                     "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject\"\n");
    QCOMPARE(r.dmarc->result, DmarcResult::PermError);
    QCOMPARE(r.dmarc->code, QStringLiteral("dmarc_multiple_records"));
    QVERIFY(r.dmarc->detail.contains(QLatin1String("no DMARC policy applies")));
    QVERIFY(r.dmarc->policy.isEmpty());
    QCOMPARE(r.dmarc->discovery.lookups.size(), 1);
    QCOMPARE(r.dmarc->discovery.lookups.first().dmarcRecords, 2);

    // A From with two addresses: DMARC cannot apply, and nothing is looked up.
    const auto z = zone("_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject\"\n");
    const DmarcEvaluation two = DmarcEvaluator::evaluate("example.com", 2, r.signatures, {}, {}, z.get());
    QCOMPARE(two.result, DmarcResult::PermError);
    QCOMPARE(two.code, QStringLiteral("dmarc_no_from_domain"));
    QVERIFY(two.discovery.lookups.isEmpty());
    const DmarcEvaluation noFrom = DmarcEvaluator::evaluate(QByteArray(), 0, r.signatures, {}, {}, z.get());
    QCOMPARE(noFrom.result, DmarcResult::PermError);
    QVERIFY(noFrom.discovery.lookups.isEmpty());
    // The same signatures with one From address: pass.
    const DmarcEvaluation one = DmarcEvaluator::evaluate("example.com", 1, r.signatures, {}, {}, z.get());
    QCOMPARE(one.result, DmarcResult::Pass);
}

void TstDmarcRecord::json()
{
    const MessageResult r =
        verify(QStringLiteral("aligned_relaxed.eml"),
               "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject; sp=quarantine; adkim=r; foo=1\"\n");
    const QJsonObject o = toJson(r, MimeSummary{}).toQJsonObject();
    const QJsonObject d = o.value(QStringLiteral("dmarc")).toObject();
    QCOMPARE(d.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(d.value(QStringLiteral("domain")).toString(), QStringLiteral("news.example.com"));
    QCOMPARE(d.value(QStringLiteral("org_domain")).toString(), QStringLiteral("example.com"));
    QCOMPARE(d.value(QStringLiteral("record")).toString(),
             QStringLiteral("v=DMARC1; p=reject; sp=quarantine; adkim=r; foo=1"));
    QCOMPARE(d.value(QStringLiteral("record_found_at")).toString(), QStringLiteral("_dmarc.example.com"));
    QCOMPARE(d.value(QStringLiteral("policy")).toString(), QStringLiteral("quarantine"));
    QCOMPARE(d.value(QStringLiteral("policy_tag")).toString(), QStringLiteral("sp"));
    QCOMPARE(d.value(QStringLiteral("adkim")).toString(), QStringLiteral("r"));
    QCOMPARE(d.value(QStringLiteral("aspf")).toString(), QStringLiteral("r"));
    QCOMPARE(d.value(QStringLiteral("pct")).toInt(), 100);
    QCOMPARE(d.value(QStringLiteral("record_remarks")).toArray().at(0).toObject().value(QStringLiteral("code")),
             QStringLiteral("dmarc_unknown_tag"));
    const QJsonObject dk = d.value(QStringLiteral("dkim")).toObject();
    QCOMPARE(dk.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(dk.value(QStringLiteral("aligned_signatures")).toArray(), QJsonArray{0});
    const QJsonObject spf = d.value(QStringLiteral("spf")).toObject();
    QCOMPARE(spf.value(QStringLiteral("result")).toString(), QStringLiteral("not_known"));
    QVERIFY(spf.value(QStringLiteral("source")).isNull());
    const QJsonObject prov = d.value(QStringLiteral("provenance")).toObject();
    QCOMPARE(prov.value(QStringLiteral("source")).toString(), QStringLiteral("zone_file"));
    QCOMPARE(prov.value(QStringLiteral("source_name")).toString(), QStringLiteral("test.zone"));
    QCOMPARE(prov.value(QStringLiteral("query")).toString(), QStringLiteral("_dmarc.example.com"));
    QCOMPARE(prov.value(QStringLiteral("status")).toString(), QStringLiteral("found"));
    for (const char *k : {"dnssec", "rcode", "resolver", "ttl", "fetched_at", "cname_chain", "records"})
        QVERIFY2(prov.contains(QLatin1String(k)), k);
    const QJsonArray lookups = d.value(QStringLiteral("lookups")).toArray();
    QCOMPARE(lookups.size(), 2);
    QCOMPARE(lookups.at(0).toObject().value(QStringLiteral("query")).toString(),
             QStringLiteral("_dmarc.news.example.com"));
    QCOMPARE(lookups.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("not_looked_up"));
    QCOMPARE(lookups.at(1).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("found"));
    QVERIFY(!d.value(QStringLiteral("detail")).toString().isEmpty());
    QVERIFY(!d.value(QStringLiteral("caveats")).toArray().isEmpty());

    // No record: the nulls are there, the shape stays.
    const MessageResult none = verify(QStringLiteral("aligned_strict.eml"), QByteArray());
    const QJsonObject n = toJson(none, MimeSummary{}).toQJsonObject().value(QStringLiteral("dmarc")).toObject();
    QCOMPARE(n.value(QStringLiteral("result")).toString(), QStringLiteral("not_checked"));
    QVERIFY(n.value(QStringLiteral("record")).isNull());
    QVERIFY(n.value(QStringLiteral("policy")).isNull());
    QVERIFY(n.value(QStringLiteral("dkim")).toObject().value(QStringLiteral("result")).isNull());
}

void TstDmarcRecord::text()
{
    const MessageResult r =
        verify(QStringLiteral("aligned_strict.eml"), "_dmarc.example.com. 300 IN TXT \"v=DMARC1; p=reject\"\n");
    const QString t = toText(r, MimeSummary{});
    const QStringList lines = t.split(QLatin1Char('\n')).filter(QStringLiteral("DMARC: "));
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().contains(QLatin1String("DMARC: PASS")) &&
                 lines.first().contains(QLatin1String("test.zone")) &&
                 lines.first().contains(QLatin1String("computed from DKIM alone")),
             qPrintable(lines.first()));
}

QTEST_GUILESS_MAIN(TstDmarcRecord)
#include "tst_dmarc_record.moc"
