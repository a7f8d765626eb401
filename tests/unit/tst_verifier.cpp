#include "message.h"
#include "tag_list.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace dkimi;

// End-to-end behaviour of the verifier on the RFC 8463 Appendix A message (RSA + Ed25519), plus
// variants made from it in memory, and the DKIM-Signature validation rules.
class TstVerifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rfc8463BothPass();
    void rfc6376AppendixA();
    void walkHasEveryStepInOrder();
    void byteRangesPointAtTheirBytes();
    void bodyTamperKeepsHeaderVerdict();
    void headerTamper();
    void addedFromAbove();
    void lfOnlyCopyStillPasses();
    void keyMissingStillHashesBody();
    void noKeySourceAtAll();
    void unsignedMessage();
    void signatureValidation_data();
    void signatureValidation();
    void evaluationTime();
    void regressionInputs_data();
    void regressionInputs();

private:
    QByteArray m_rfc8463;
    std::shared_ptr<const KeyResolver> m_keys;
    MessageResult run(const QByteArray &bytes, const QDateTime &at = QDateTime()) const;
};

static QByteArray readFile(const QString &p)
{
    QFile f(p);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(p));
    return f.readAll();
}

void TstVerifier::initTestCase()
{
    m_rfc8463 = readFile(QStringLiteral(DKIMI_TEST_DATA "/rfc/rfc8463_appA.eml"));
    auto z = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/rfc/rfc.zone"));
    if (!z)
        QFAIL(qPrintable(z.error().toString()));
    m_keys = *z;
}

MessageResult TstVerifier::run(const QByteArray &bytes, const QDateTime &at) const
{
    VerifierOptions o;
    o.resolver = m_keys;
    o.evaluationTime = at.isValid() ? at : QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return Verifier(o).verify(Message::fromBytes(bytes, QStringLiteral("test.eml")));
}

void TstVerifier::rfc8463BothPass()
{
    const MessageResult r = run(m_rfc8463);
    QCOMPARE(r.signatures.size(), 2);
    QCOMPARE(r.result, Result::Pass);
    const SignatureResult &ed = r.signatures.at(0);
    QCOMPARE(ed.signature.algorithm, SignatureAlgorithm::Ed25519Sha256);
    QCOMPARE(ed.result, Result::Pass);
    QCOMPARE(ed.reason, QStringLiteral("ok"));
    QCOMPARE(ed.keyBits, 256);
    QCOMPARE(ed.cryptoValid, std::optional<bool>(true));
    const SignatureResult &rsa = r.signatures.at(1);
    QCOMPARE(rsa.signature.algorithm, SignatureAlgorithm::RsaSha256);
    QCOMPARE(rsa.result, Result::Pass);
    QVERIFY(rsa.hasFlag(QStringLiteral("key_under_2048")));
    // h=from:to:subject:date:message-id:from:subject:date — From, Subject, Date are over-signed.
    QCOMPARE(rsa.oversignedHeaders, (QStringList{"from", "subject", "date"}));
    QCOMPARE(r.sha256.size(), 64);
}

void TstVerifier::rfc6376AppendixA()
{
    // As published, RFC 6376 A.2 does not verify (errata 4926 and 3192: the continuation lines were
    // signed with six spaces, and the body with one space after "game."). The corrected text does.
    const MessageResult published = run(readFile(QStringLiteral(DKIMI_TEST_DATA "/rfc/rfc6376_appA.eml")));
    QCOMPARE(published.signatures.size(), 1);
    QCOMPARE(published.signatures.at(0).result, Result::Fail);
    QCOMPARE(published.signatures.at(0).reason, QStringLiteral("body_hash_and_signature_mismatch"));
    const MessageResult errata = run(readFile(QStringLiteral(DKIMI_TEST_DATA "/rfc/rfc6376_appA_errata.eml")));
    QCOMPARE(errata.signatures.size(), 1);
    QCOMPARE(errata.signatures.at(0).result, Result::Pass);
    QCOMPARE(errata.signatures.at(0).signature.selector, QByteArray("brisbane"));
}

void TstVerifier::walkHasEveryStepInOrder()
{
    const MessageResult r = run(m_rfc8463);
    const QList<StepKind> want{StepKind::LocateSignature,
                               StepKind::ParseTags,
                               StepKind::FetchKey,
                               StepKind::ParseKey,
                               StepKind::CanonicalizeBody,
                               StepKind::BodyHash,
                               StepKind::CanonicalizeHeaders,
                               StepKind::HeaderHash,
                               StepKind::SignatureCheck,
                               StepKind::PolicyChecks};
    for (const SignatureResult &s : r.signatures) {
        QCOMPARE(s.steps.size(), want.size());
        for (int i = 0; i < want.size(); ++i) {
            QCOMPARE(s.steps.at(i).kind, want.at(i));
            QVERIFY(!s.steps.at(i).title.isEmpty());
            QCOMPARE(s.steps.at(i).verdict, Verdict::Pass);
        }
        // The canonicalize-headers step's output is exactly the header hash input, and the body
        // hash step's output is the computed hash that equals bh=.
        QCOMPARE(s.steps.at(6).output, s.headerHashInput);
        QCOMPARE(s.steps.at(5).output, s.signature.bh);
        QVERIFY(!s.headerHashInput.endsWith("\r\n")); // the signature itself is hashed without CRLF
        QVERIFY(s.headerHashInput.contains("b=;") || s.headerHashInput.endsWith("b="));
    }
}

void TstVerifier::byteRangesPointAtTheirBytes()
{
    const MessageResult r = run(m_rfc8463);
    const Message m = Message::fromBytes(m_rfc8463);
    const SignatureResult &s = r.signatures.at(1);
    const ByteRange d = s.signature.tagRange(m, "d");
    QCOMPARE(m_rfc8463.mid(d.offset, d.length), QByteArray("football.example.com"));
    const ByteRange sel = s.signature.tagRange(m, "s");
    QCOMPARE(m_rfc8463.mid(sel.offset, sel.length), QByteArray("test"));
    // Every input of the parse step points at that tag's value.
    for (const Field &f : s.steps.at(1).inputs)
        QCOMPARE(QString::fromLatin1(m_rfc8463.mid(f.range.offset, f.range.length)), f.value);
}

void TstVerifier::bodyTamperKeepsHeaderVerdict()
{
    QByteArray b = m_rfc8463;
    b.replace("Joe.", "Joe!");
    QVERIFY(b != m_rfc8463);
    const MessageResult r = run(b);
    for (const SignatureResult &s : r.signatures) {
        QCOMPARE(s.result, Result::Fail);
        QCOMPARE(s.reason, QStringLiteral("body_hash_mismatch"));
        QCOMPARE(s.bodyHashMatches, std::optional<bool>(false));
        QCOMPARE(s.signatureValid, std::optional<bool>(true)); // headers intact: checked anyway
        QCOMPARE(s.cryptoValid, std::optional<bool>(false));
    }
    QCOMPARE(r.result, Result::Fail);
}

void TstVerifier::headerTamper()
{
    QByteArray b = m_rfc8463;
    b.replace("Subject: Is dinner ready?", "Subject: Is lunch ready?");
    const MessageResult r = run(b);
    for (const SignatureResult &s : r.signatures) {
        QCOMPARE(s.result, Result::Fail);
        QCOMPARE(s.reason, QStringLiteral("signature_mismatch"));
        QCOMPARE(s.bodyHashMatches, std::optional<bool>(true));
        QCOMPARE(s.signatureValid, std::optional<bool>(false));
    }
}

void TstVerifier::addedFromAbove()
{
    // A second From above the signed one. RFC 8463's signatures over-sign From, so adding one
    // breaks them: the over-signing did its job.
    QByteArray b = m_rfc8463;
    b.insert(0, "From: Mallory <mallory@evil.example>\r\n");
    MessageResult r = run(b);
    for (const SignatureResult &s : r.signatures) {
        QVERIFY(s.hasFlag(QStringLiteral("duplicate_from")));
        QCOMPARE(s.result, Result::Fail);
    }
}

void TstVerifier::lfOnlyCopyStillPasses()
{
    QByteArray b = m_rfc8463;
    b.replace("\r\n", "\n");
    const MessageResult r = run(b);
    QCOMPARE(r.result, Result::Pass);
    for (const SignatureResult &s : r.signatures)
        QVERIFY(s.hasFlag(QStringLiteral("lf_line_endings")));
    bool noted = false;
    for (const Finding &f : r.findings)
        noted = noted || f.code == QLatin1String("lf_line_endings");
    QVERIFY(noted);
    // Ranges still refer to the stored (LF) bytes.
    const Message m = Message::fromBytes(b);
    const ByteRange d = r.signatures.at(0).signature.tagRange(m, "d");
    QCOMPARE(b.mid(d.offset, d.length), QByteArray("football.example.com"));
}

void TstVerifier::keyMissingStillHashesBody()
{
    QByteArray b = m_rfc8463;
    b.replace("s=test;", "s=gone;");
    const MessageResult r = run(b);
    const SignatureResult &s = r.signatures.at(1);
    QCOMPARE(s.result, Result::PermError);
    QCOMPARE(s.reason, QStringLiteral("key_not_found"));
    QCOMPARE(s.bodyHashMatches, std::optional<bool>(true)); // the body is intact, key or no key
    QVERIFY(!s.signatureValid.has_value());
    QVERIFY(!s.cryptoValid.has_value());
    QCOMPARE(r.signatures.at(0).result, Result::Pass); // the other signature is unaffected
    QCOMPARE(r.result, Result::Pass);
}

void TstVerifier::noKeySourceAtAll()
{
    VerifierOptions o; // no resolver
    const MessageResult r = Verifier(o).verify(Message::fromBytes(m_rfc8463));
    for (const SignatureResult &s : r.signatures)
        QCOMPARE(s.reason, QStringLiteral("key_not_found"));
}

void TstVerifier::unsignedMessage()
{
    const MessageResult r = run("From: a@example.com\r\nSubject: x\r\n\r\nhello\r\n");
    QCOMPARE(r.result, Result::None);
    QVERIFY(r.signatures.isEmpty());
}

void TstVerifier::signatureValidation_data()
{
    QTest::addColumn<QByteArray>("tags");
    QTest::addColumn<QString>("reason");
    const QByteArray ok = "d=example.com; s=sel; h=from:to; bh=AAAA; b=AAAA";
    QTest::newRow("valid") << QByteArray("v=1; a=rsa-sha256; " + ok) << QString();
    QTest::newRow("unknown tag ignored") << QByteArray("v=1; a=rsa-sha256; foo=bar; " + ok) << QString();
    QTest::newRow("missing v") << QByteArray("a=rsa-sha256; " + ok) << QStringLiteral("missing_tag");
    QTest::newRow("v=2") << QByteArray("v=2; a=rsa-sha256; " + ok) << QStringLiteral("unsupported_version");
    QTest::newRow("a= in capitals") << QByteArray("v=1; a=RSA-SHA256; " + ok) << QString();
    QTest::newRow("a=Ed25519-Sha256") << QByteArray("v=1; a=Ed25519-Sha256; " + ok) << QString();
    QTest::newRow("a=rsa-sha256x") << QByteArray("v=1; a=rsa-sha256x; " + ok)
                                   << QStringLiteral("unsupported_algorithm");
    QTest::newRow("a=rsa-md5") << QByteArray("v=1; a=rsa-md5; " + ok) << QStringLiteral("unsupported_algorithm");
    QTest::newRow("c=fancy") << QByteArray("v=1; a=rsa-sha256; c=fancy/simple; " + ok)
                             << QStringLiteral("unsupported_canonicalization");
    QTest::newRow("q=http") << QByteArray("v=1; a=rsa-sha256; q=http; " + ok)
                            << QStringLiteral("unsupported_query_method");
    QTest::newRow("q list with dns/txt") << QByteArray("v=1; a=rsa-sha256; q=foo/bar:dns/txt; " + ok) << QString();
    QTest::newRow("duplicate d") << QByteArray("v=1; a=rsa-sha256; d=x.example; " + ok)
                                 << QStringLiteral("duplicate_tag");
    QTest::newRow("syntax") << QByteArray("v=1; a=rsa-sha256; d example.com; s=sel; h=from; bh=AAAA; b=AAAA")
                            << QStringLiteral("tag_syntax");
    QTest::newRow("l=abc") << QByteArray("v=1; a=rsa-sha256; l=abc; " + ok) << QStringLiteral("invalid_tag_value");
    QTest::newRow("t=yesterday") << QByteArray("v=1; a=rsa-sha256; t=yesterday; " + ok)
                                 << QStringLiteral("invalid_tag_value");
    QTest::newRow("b=@@@") << QByteArray("v=1; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b=@@@@")
                           << QStringLiteral("invalid_tag_value");
    QTest::newRow("x before t") << QByteArray("v=1; a=rsa-sha256; t=200; x=100; " + ok)
                                << QStringLiteral("expiry_before_timestamp");
    QTest::newRow("from not signed") << QByteArray(
                                            "v=1; a=rsa-sha256; d=example.com; s=sel; h=to:subject; bh=AAAA; b=AAAA")
                                     << QStringLiteral("from_not_signed");
    QTest::newRow("i outside d") << QByteArray("v=1; a=rsa-sha256; i=a@example.net; " + ok)
                                 << QStringLiteral("identity_outside_domain");
    QTest::newRow("i suffix trick") << QByteArray("v=1; a=rsa-sha256; i=a@badexample.com; " + ok)
                                    << QStringLiteral("identity_outside_domain");
    QTest::newRow("i subdomain") << QByteArray("v=1; a=rsa-sha256; i=a@mail.Example.com; " + ok) << QString();
    QTest::newRow("i quoted-printable") << QByteArray("v=1; a=rsa-sha256; i=a=40example.com; " + ok) << QString();
    QTest::newRow("empty h entry") << QByteArray("v=1; a=rsa-sha256; d=example.com; s=sel; h=from::to; bh=AAAA; b=AAAA")
                                   << QStringLiteral("invalid_tag_value");
}

void TstVerifier::signatureValidation()
{
    QFETCH(QByteArray, tags);
    QFETCH(QString, reason);
    const Message m = Message::fromBytes("DKIM-Signature: " + tags + "\r\nFrom: a\r\n\r\n");
    const DkimSignature sig = DkimSignature::parse(m, 0);
    QCOMPARE(sig.reason, reason);
    QCOMPARE(sig.detail.isEmpty(), reason.isEmpty());
    // a= is read whatever its case; anything else is Unknown. (A tag list that does not parse stops
    // the reading before a=.)
    const QByteArray a = TagList::parse(tags).value("a").toLower();
    const SignatureAlgorithm want = a == "rsa-sha256"       ? SignatureAlgorithm::RsaSha256
                                    : a == "rsa-sha1"       ? SignatureAlgorithm::RsaSha1
                                    : a == "ed25519-sha256" ? SignatureAlgorithm::Ed25519Sha256
                                                            : SignatureAlgorithm::Unknown;
    if (reason.isEmpty() || reason == QStringLiteral("unsupported_algorithm"))
        QCOMPARE(sig.algorithm, want);
    if (!reason.isEmpty()) {
        // ...and the verdict is permerror with that reason.
        VerifierOptions o;
        const MessageResult r = Verifier(o).verify(m);
        QCOMPARE(r.signatures.at(0).result, Result::PermError);
        QCOMPARE(r.signatures.at(0).reason, reason);
    }
}

void TstVerifier::evaluationTime()
{
    QCOMPARE(formatTime(*parseRfc3339(QStringLiteral("2016-03-01T12:00:00Z"))), QStringLiteral("2016-03-01T12:00:00Z"));
    QCOMPARE(formatTime(*parseRfc3339(QStringLiteral("2016-03-01T13:00:00+01:00"))),
             QStringLiteral("2016-03-01T12:00:00Z"));
    QVERIFY(!parseRfc3339(QStringLiteral("yesterday")));
    QVERIFY(!parseRfc3339(QStringLiteral("2016-03-01T12:00:00"))); // no offset: ambiguous
    const MessageResult r = run(m_rfc8463, QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(formatTime(r.evaluatedAt), QStringLiteral("2001-01-01T00:00:00Z"));
}

// Inputs that once crashed or hung (found by the fuzzers): each must now give a verdict.
void TstVerifier::regressionInputs_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(DKIMI_TEST_DATA "/regressions"));
    for (const QString &f : dir.entryList(QDir::Files))
        QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
}

void TstVerifier::regressionInputs()
{
    QFETCH(QString, path);
    const MessageResult r = run(readFile(path));
    for (const SignatureResult &s : r.signatures)
        QVERIFY(!s.reason.isEmpty());
}

QTEST_GUILESS_MAIN(TstVerifier)
#include "tst_verifier.moc"
