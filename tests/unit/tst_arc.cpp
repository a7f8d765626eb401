#include "arc_verifier.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace dkimi;

// The fixtures in tests/data/arc/ were made by make_arc.py with dkimpy's arc_sign; expected.json
// says how each chain was made and what dkimpy's arc_verify concluded.
class TstArc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixtures_data();
    void fixtures();
    void agreesWithDkimpy_data();
    void agreesWithDkimpy();
    void walkOfEachHop();
    void structure_data();
    void structure();
    void noKeys();
    void mutations();

private:
    static QString dir() { return QStringLiteral(DKIMI_TEST_DATA "/arc/"); }
    ArcResult verifyFile(const QString &name) const;
    std::shared_ptr<const KeyResolver> m_keys;
    QJsonObject m_expected;
};

void TstArc::initTestCase()
{
    auto z = ZoneFileResolver::load(dir() + QStringLiteral("keys.zone"));
    if (!z)
        QFAIL(qPrintable(z.error().toString()));
    m_keys = *z;
    QFile f(dir() + QStringLiteral("expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_expected = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(m_expected.size() >= 10);
}

ArcResult TstArc::verifyFile(const QString &name) const
{
    auto m = Message::fromFile(dir() + name);
    if (!m)
        return ArcResult{};
    return ArcVerifier(m_keys).verify(*m);
}

void TstArc::fixtures_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &k : m_expected.keys())
        QTest::newRow(qPrintable(k)) << k;
}

void TstArc::fixtures()
{
    QFETCH(QString, file);
    const QJsonObject exp = m_expected.value(file).toObject();
    const ArcResult r = verifyFile(file);
    QCOMPARE(QString::fromLatin1(arcChainResultName(r.result)), exp.value(QLatin1String("chain")).toString());
    QCOMPARE(r.reason, exp.value(QLatin1String("reason")).toString());
    QVERIFY(!r.detail.isEmpty());
    if (exp.contains(QLatin1String("oldest_pass")))
        QCOMPARE(r.oldestPass, exp.value(QLatin1String("oldest_pass")).toInt());
    const QJsonArray hops = exp.value(QLatin1String("hops")).toArray();
    QCOMPARE(r.hops.size(), hops.size());
    for (const QJsonValue &v : hops) {
        const QJsonObject h = v.toObject();
        const int instance = h.value(QLatin1String("instance")).toInt();
        const ArcHop *hop = r.hop(instance);
        QVERIFY2(hop, qPrintable(QStringLiteral("hop %1 missing").arg(instance)));
        QCOMPARE(QString::fromLatin1(hop->sealDomain), h.value(QLatin1String("domain")).toString());
        QCOMPARE(QString::fromLatin1(hop->cv), h.value(QLatin1String("cv")).toString());
        QCOMPARE(QString::fromLatin1(hop->amsCheck.domain), h.value(QLatin1String("domain")).toString());
        const QJsonValue ams = h.value(QLatin1String("ams")), seal = h.value(QLatin1String("seal"));
        if (ams.isNull())
            QVERIFY(!hop->amsCheck.valid.has_value());
        else
            QCOMPARE(hop->amsCheck.valid, std::optional<bool>(ams.toBool()));
        if (seal.isNull())
            QVERIFY(!hop->sealCheck.valid.has_value());
        else
            QCOMPARE(hop->sealCheck.valid, std::optional<bool>(seal.toBool()));
        QVERIFY(hop->authservId.startsWith("mx."));
    }
    // The chain-level walk always has its three steps, ending with the verdict.
    QCOMPARE(r.steps.size(), 3);
    QCOMPARE(r.steps.last().kind, StepKind::PolicyChecks);
    QVERIFY(!r.steps.last().findings.isEmpty());
    QCOMPARE(r.steps.last().findings.last().code, r.reason);
}

void TstArc::agreesWithDkimpy_data()
{
    fixtures_data();
}

// Differential: dkimpy's arc_verify verdict as recorded by the generator. A known difference must be
// stated in expected.json with the RFC rule that decides it.
void TstArc::agreesWithDkimpy()
{
    QFETCH(QString, file);
    const QJsonObject exp = m_expected.value(file).toObject();
    const QJsonObject dk = exp.value(QLatin1String("dkimpy")).toObject();
    const ArcResult r = verifyFile(file);
    const QString mine = QString::fromLatin1(arcChainResultName(r.result));
    if (exp.contains(QLatin1String("known_difference"))) {
        QVERIFY(dk.value(QLatin1String("cv")).toString() != mine);
        return;
    }
    QCOMPARE(mine, dk.value(QLatin1String("cv")).toString());
    // Per hop, where dkimpy evaluated it.
    for (const QJsonValue &v : dk.value(QLatin1String("hops")).toArray()) {
        const QJsonObject h = v.toObject();
        const ArcHop *hop = r.hop(h.value(QLatin1String("instance")).toInt());
        if (!hop)
            continue; // we stop at a broken structure; dkimpy may have looked at a higher set first
        QCOMPARE(hop->amsCheck.valid.value_or(false), h.value(QLatin1String("ams")).toBool());
        QCOMPARE(hop->sealCheck.valid.value_or(false), h.value(QLatin1String("seal")).toBool());
    }
}

void TstArc::walkOfEachHop()
{
    const ArcResult r = verifyFile(QStringLiteral("arc_2hop.eml"));
    QCOMPARE(r.hops.size(), 2);
    // The same walk as a DKIM signature; a seal has no body, and ends with its cv= value judged.
    const QList<StepKind> amsWalk{StepKind::LocateSignature,
                                  StepKind::ParseTags,
                                  StepKind::FetchKey,
                                  StepKind::ParseKey,
                                  StepKind::CanonicalizeBody,
                                  StepKind::BodyHash,
                                  StepKind::CanonicalizeHeaders,
                                  StepKind::HeaderHash,
                                  StepKind::SignatureCheck};
    const QList<StepKind> sealWalk{StepKind::LocateSignature, StepKind::ParseTags,           StepKind::FetchKey,
                                   StepKind::ParseKey,        StepKind::CanonicalizeHeaders, StepKind::HeaderHash,
                                   StepKind::SignatureCheck,  StepKind::PolicyChecks};
    for (const ArcHop &h : r.hops) {
        QList<StepKind> kinds;
        for (const Step &s : h.amsCheck.steps)
            kinds << s.kind;
        QCOMPARE(kinds, amsWalk);
        kinds.clear();
        for (const Step &s : h.sealCheck.steps)
            kinds << s.kind;
        QCOMPARE(kinds, sealWalk);
        for (const Step &s : h.sealCheck.steps)
            QCOMPARE(s.verdict, Verdict::Pass);
        QCOMPARE(h.amsCheck.keyLookup.sourceKind, QStringLiteral("zone_file"));
        QCOMPARE(h.sealCheck.keyBits, 2048);
    }
    // The seal of hop 2 covers both sets: AAR, AMS, AS of i=1, then of i=2 (RFC 8617 §5.1.1).
    const ArcHop &h2 = r.hops.at(1);
    const QByteArray in = h2.sealCheck.headerHashInput;
    const qsizetype aar1 = in.indexOf("arc-authentication-results:i=1;");
    const qsizetype ams1 = in.indexOf("arc-message-signature:i=1;");
    const qsizetype as1 = in.indexOf("arc-seal:i=1;");
    const qsizetype aar2 = in.indexOf("arc-authentication-results:i=2;");
    const qsizetype as2 = in.indexOf("arc-seal:i=2;");
    QVERIFY(aar1 == 0);
    QVERIFY(aar1 < ams1 && ams1 < as1 && as1 < aar2 && aar2 < as2);
    QVERIFY(in.endsWith("b=")); // the seal itself last, b= emptied, no final CRLF
    // Byte ranges point at the stored header fields.
    auto m = Message::fromFile(dir() + QStringLiteral("arc_2hop.eml"));
    QVERIFY(m);
    QVERIFY(m->raw().mid(h2.seal.range.offset, h2.seal.range.length).startsWith("ARC-Seal: i=2;"));
    QCOMPARE(h2.authservId, QByteArray("mx.lists.example.org"));
}

void TstArc::structure_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("reason");
    const QByteArray aar1 = "ARC-Authentication-Results: i=1; mx.example.net; spf=pass smtp.mailfrom=example.com\r\n";
    const QByteArray ams1 = "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=x; "
                            "h=from; bh=AAAA; b=AAAA\r\n";
    const QByteArray as1 = "ARC-Seal: i=1; cv=none; a=rsa-sha256; d=example.net; s=x; b=AAAA\r\n";
    const QByteArray set2 = "ARC-Authentication-Results: i=2; mx.example.org; arc=pass\r\n"
                            "ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=x; "
                            "h=from; bh=AAAA; b=AAAA\r\n"
                            "ARC-Seal: i=2; cv=pass; a=rsa-sha256; d=example.org; s=x; b=AAAA\r\n";
    QTest::newRow("instance 51") << QByteArray("ARC-Seal: i=51; cv=pass; a=rsa-sha256; d=example.org; s=x; b=AAAA\r\n" +
                                               aar1 + ams1 + as1)
                                 << "arc_too_many_sets";
    QTest::newRow("instance 0") << QByteArray("ARC-Seal: i=0; cv=none; a=rsa-sha256; d=a.example; s=x; b=AAAA\r\n")
                                << "arc_instance_invalid";
    QTest::newRow("no i=") << QByteArray("ARC-Message-Signature: a=rsa-sha256; d=a.example; s=x; h=from; bh=A; b=A\r\n")
                           << "arc_instance_invalid";
    QTest::newRow("seal tag syntax") << QByteArray("ARC-Seal: i=1; cv=none; a rsa-sha256; d=a.example; s=x; b=A\r\n")
                                     << "arc_instance_invalid";
    QTest::newRow("aar without i=") << QByteArray("ARC-Authentication-Results: mx.example.net; spf=pass\r\n")
                                    << "arc_instance_invalid";
    QTest::newRow("missing seal") << QByteArray(aar1 + ams1) << "arc_incomplete_set";
    QTest::newRow("duplicate seal") << QByteArray(as1 + aar1 + ams1 + as1) << "arc_duplicate_instance";
    QTest::newRow("gap") << QByteArray(QByteArray(set2).replace("i=2", "i=3") + aar1 + ams1 + as1)
                         << "arc_instance_gap";
    QTest::newRow("first cv=pass") << QByteArray(aar1 + ams1 + QByteArray(as1).replace("cv=none", "cv=pass"))
                                   << "arc_cv_invalid";
    QTest::newRow("second cv=none") << QByteArray(QByteArray(set2).replace("cv=pass", "cv=none") + aar1 + ams1 + as1)
                                    << "arc_cv_invalid";
    QTest::newRow("cv=fail") << QByteArray(QByteArray(set2).replace("cv=pass", "cv=fail") + aar1 + ams1 + as1)
                             << "arc_cv_fail";
    QTest::newRow("keys missing") << QByteArray(aar1 + ams1 + as1) << "arc_ams_fail";
}

void TstArc::structure()
{
    QFETCH(QByteArray, headers);
    QFETCH(QString, reason);
    const Message m = Message::fromBytes(headers + "From: a@example.com\r\n\r\nbody\r\n");
    const ArcResult r = ArcVerifier(nullptr).verify(m);
    QCOMPARE(r.reason, reason);
    QCOMPARE(r.result, ArcChainResult::Fail);
    QVERIFY(!r.findings.isEmpty());
    QCOMPARE(r.findings.last().code, reason);
}

void TstArc::noKeys()
{
    auto m = Message::fromFile(dir() + QStringLiteral("arc_1hop.eml"));
    QVERIFY(m);
    const ArcResult r = ArcVerifier(nullptr).verify(*m);
    QCOMPARE(r.result, ArcChainResult::Fail);
    QCOMPARE(r.hops.first().amsCheck.reason, QStringLiteral("key_not_found"));
    QVERIFY(r.hops.first().amsCheck.bodyHashMatches.value_or(false)); // the body is still checked
}

// Damaged messages (bytes flipped, removed, or syntax characters inserted) never crash the verifier and
// always give a verdict with a reason and the three chain steps. Run under ASan/UBSan in the sanitizer preset.
void TstArc::mutations()
{
    QRandomGenerator rng(8617);
    static const char specials[] = ";=()\"\\:\r\n \t@";
    int judged = 0;
    for (const QString &file : m_expected.keys()) {
        QFile f(dir() + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        const qsizetype headerEnd = original.indexOf("\r\n\r\n");
        for (int round = 0; round < 60; ++round) {
            QByteArray b = original;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits && !b.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng.bounded(quint32(qMax<qsizetype>(1, qMin(headerEnd, b.size())))));
                switch (rng.bounded(4)) {
                case 0:
                    b[at] = char(rng.bounded(256));
                    break;
                case 1:
                    b.remove(at, qsizetype(rng.bounded(40)));
                    break;
                case 2:
                    b.insert(at, specials[rng.bounded(quint32(sizeof(specials) - 1))]);
                    break;
                default:
                    b.truncate(at);
                    break;
                }
            }
            const ArcResult r = ArcVerifier(m_keys).verify(Message::fromBytes(b));
            QVERIFY(!r.reason.isEmpty());
            QCOMPARE(r.steps.size(), 3);
            QVERIFY(r.result != ArcChainResult::Pass || r.hops.size() >= 1);
            ++judged;
        }
    }
    QVERIFY(judged >= 600);
}

QTEST_GUILESS_MAIN(TstArc)
#include "tst_arc.moc"
