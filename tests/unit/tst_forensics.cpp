#include "body_explainer.h"
#include "canonicalizer.h"
#include "evidence_strength.h"
#include "message.h"
#include "report_writer.h"
#include "signed_hash_recovery.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace dkimi;

// Tamper forensics over the fixtures of tests/data/forensics/make_forensics.py: each case checks the
// verdict (explanations never change it), the explanation codes and their numbers (bytes, lines,
// headers), the header table and the replay findings that expected.json derives from how each
// message was changed.
class TstForensics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixture_data();
    void fixture();
    void everyStepIsVisible();
    void jsonCarriesExplanations();
    void recoveryOfAValidSignature();
    void publishedKeyJudgedBeforePublication();
    void publishedKeyListFormat();
    void qpRoundTrip();
    void appendedSearchOnTenMegabytes();

private:
    MessageResult verify(const QString &file, std::shared_ptr<const PublishedKeyList> published = {}) const;
    std::shared_ptr<const KeyResolver> m_keys;
    std::shared_ptr<const PublishedKeyList> m_published;
    QJsonArray m_cases;
};

static const QString kDir = QStringLiteral(DKIMI_TEST_DATA "/forensics");

void TstForensics::initTestCase()
{
    auto z = ZoneFileResolver::load(kDir + QStringLiteral("/keys.zone"));
    if (!z)
        QFAIL(qPrintable(z.error().toString()));
    QVERIFY((*z)->warnings().isEmpty());
    m_keys = *z;
    auto p = PublishedKeyList::load(kDir + QStringLiteral("/published_keys.tsv"));
    if (!p)
        QFAIL(qPrintable(p.error().toString()));
    QVERIFY((*p)->warnings().isEmpty());
    QCOMPARE((*p)->keys().size(), 1);
    m_published = *p;
    QFile f(kDir + QStringLiteral("/expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_cases = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("cases")).toArray();
    QVERIFY(m_cases.size() >= 20);
}

MessageResult TstForensics::verify(const QString &file, std::shared_ptr<const PublishedKeyList> published) const
{
    auto m = Message::fromFile(kDir + QLatin1Char('/') + file);
    if (!m)
        return {};
    VerifierOptions o;
    o.resolver = m_keys;
    o.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    o.evaluationBasis = QStringLiteral("given");
    o.publishedKeys = std::move(published);
    return Verifier(o).verify(*m);
}

void TstForensics::fixture_data()
{
    QTest::addColumn<QJsonObject>("c");
    for (const QJsonValue &v : std::as_const(m_cases))
        QTest::newRow(v.toObject().value(QStringLiteral("file")).toString().toUtf8().constData()) << v.toObject();
}

static QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

static QString describe(const SignatureResult &s)
{
    QStringList ex;
    for (const Explanation &e : s.explanations)
        ex << QStringLiteral("%1(bytes=%2 count=%3 headers=%4)")
                  .arg(e.code)
                  .arg(e.bytes)
                  .arg(e.count)
                  .arg(e.headers.join(QLatin1Char(',')));
    return QStringLiteral("%1(%2) flags=%3 explanations=[%4]")
        .arg(QString::fromLatin1(resultName(s.result)), s.reason, s.flags.join(QLatin1Char(',')),
             ex.join(QStringLiteral("; ")));
}

void TstForensics::fixture()
{
    QFETCH(QJsonObject, c);
    const MessageResult r = verify(c.value(QStringLiteral("file")).toString(), m_published);
    const int idx = c.value(QStringLiteral("sig")).toInt();
    QVERIFY2(idx < r.signatures.size(), "fewer signatures than expected");
    const SignatureResult &s = r.signatures.at(idx);
    const QString got = describe(s);

    QVERIFY2(QString::fromLatin1(resultName(s.result)) == c.value(QStringLiteral("result")).toString(),
             qPrintable(got));
    QVERIFY2(s.reason == c.value(QStringLiteral("reason")).toString(), qPrintable(got));
    for (const QString &fl : strings(c.value(QStringLiteral("flags"))))
        QVERIFY2(s.flags.contains(fl), qPrintable(QStringLiteral("missing flag %1: %2").arg(fl, got)));

    for (const QJsonValue &v : c.value(QStringLiteral("explanations")).toArray()) {
        const QJsonObject want = v.toObject();
        const QString code = want.value(QStringLiteral("code")).toString();
        const Explanation *e = nullptr;
        for (const Explanation &x : s.explanations) {
            if (x.code == code)
                e = &x;
        }
        QVERIFY2(e, qPrintable(QStringLiteral("missing explanation %1: %2").arg(code, got)));
        QVERIFY2(!e->detail.isEmpty(), qPrintable(code));
        if (want.contains(QStringLiteral("bytes")))
            QVERIFY2(e->bytes == want.value(QStringLiteral("bytes")).toInteger(),
                     qPrintable(QStringLiteral("%1 bytes: %2").arg(code, got)));
        if (want.contains(QStringLiteral("count")))
            QVERIFY2(e->count == want.value(QStringLiteral("count")).toInteger(),
                     qPrintable(QStringLiteral("%1 count: %2").arg(code, got)));
        if (want.contains(QStringLiteral("headers"))) {
            QStringList a = e->headers, b = strings(want.value(QStringLiteral("headers")));
            a.sort();
            b.sort();
            QVERIFY2(a == b, qPrintable(QStringLiteral("%1 headers: %2").arg(code, got)));
        }
        // A byte count comes with the range it counts, in the stored file.
        if (e->bytes > 0 && !e->ranges.isEmpty() && e->ranges.size() == 1 &&
            code != QLatin1String("line_endings_converted")) {
            QCOMPARE(e->ranges.first().source, SourceId::RawMessage);
            QCOMPARE(e->ranges.first().length, e->bytes);
        }
    }
    for (const QString &code : strings(c.value(QStringLiteral("absent_explanations")))) {
        for (const Explanation &x : s.explanations)
            QVERIFY2(x.code != code, qPrintable(QStringLiteral("unexpected explanation %1: %2").arg(code, got)));
    }

    const QString rec = c.value(QStringLiteral("recovered")).toString();
    if (rec == QLatin1String("match")) {
        QCOMPARE(s.recoveredHashValid, std::optional<bool>(true));
        QCOMPARE(s.recoveredHash, s.headerHash);
    } else if (rec == QLatin1String("mismatch")) {
        QCOMPARE(s.recoveredHashValid, std::optional<bool>(true));
        QVERIFY(s.recoveredHash != s.headerHash);
        QCOMPARE(s.recoveredHash.size(), 32);
    } else if (rec == QLatin1String("invalid")) {
        QCOMPARE(s.recoveredHashValid, std::optional<bool>(false));
        QVERIFY(s.recoveredHash.isEmpty());
    }

    const QJsonObject h = c.value(QStringLiteral("headers")).toObject();
    for (const QString &n : strings(h.value(QStringLiteral("duplicates"))))
        QVERIFY2(r.headers.duplicates.contains(n), qPrintable(r.headers.duplicates.join(QLatin1Char(','))));
    if (h.contains(QStringLiteral("unsigned"))) {
        QStringList a = r.headers.unsignedImportant, b = strings(h.value(QStringLiteral("unsigned")));
        a.sort();
        b.sort();
        QVERIFY2(a == b, qPrintable(a.join(QLatin1Char(','))));
    }
    if (h.contains(QStringLiteral("oversigned"))) {
        QStringList a = r.headers.oversigned, b = strings(h.value(QStringLiteral("oversigned")));
        a.sort();
        b.sort();
        QVERIFY2(a == b, qPrintable(a.join(QLatin1Char(','))));
    }
    for (const QString &code : strings(h.value(QStringLiteral("findings")))) {
        bool found = false;
        for (const Finding &f : r.headers.findings)
            found = found || f.code == code;
        QVERIFY2(found, qPrintable(QStringLiteral("missing header finding %1").arg(code)));
    }
    const QStringList replay = strings(c.value(QStringLiteral("replay")));
    for (const QString &code : replay) {
        bool found = false;
        for (const Finding &f : r.replay)
            found = found || f.code == code;
        QVERIFY2(found, qPrintable(QStringLiteral("missing replay finding %1").arg(code)));
    }
    if (!replay.contains(QStringLiteral("recipient_not_addressed"))) {
        for (const Finding &f : r.replay)
            QVERIFY(f.code != QLatin1String("recipient_not_addressed"));
    }
}

// Every explanation is also a finding of a step in the walk: never a silent retry.
void TstForensics::everyStepIsVisible()
{
    for (const QJsonValue &v : std::as_const(m_cases)) {
        const MessageResult r = verify(v.toObject().value(QStringLiteral("file")).toString(), m_published);
        for (const SignatureResult &s : r.signatures) {
            for (const Explanation &e : s.explanations) {
                bool inWalk = false;
                for (const Step &st : s.steps) {
                    for (const Finding &f : st.findings)
                        inWalk = inWalk || f.code == e.code;
                }
                QVERIFY2(inWalk, qPrintable(e.code));
            }
            QCOMPARE(s.steps.last().kind, StepKind::PolicyChecks); // the verdict stays the last step
        }
    }
}

void TstForensics::jsonCarriesExplanations()
{
    const MessageResult r = verify(QStringLiteral("footer_plain_relaxed.eml"));
    const QJsonObject o = toJson(r, MimeSummary{}).toQJsonObject();
    const QJsonObject s = o.value(QStringLiteral("signatures")).toArray().first().toObject();
    const QJsonArray ex = s.value(QStringLiteral("explanations")).toArray();
    QVERIFY(!ex.isEmpty());
    const QJsonObject e = ex.first().toObject();
    QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("body_content_appended"));
    QVERIFY(e.value(QStringLiteral("bytes")).toInteger() > 0);
    QCOMPARE(e.value(QStringLiteral("ranges")).toArray().size(), 1);
    QCOMPARE(s.value(QStringLiteral("recovered_hash")).toString(),
             s.value(QStringLiteral("computed_header_hash")).toString());
    QCOMPARE(s.value(QStringLiteral("computed_header_hash")).toString().size(), 64);
    const QJsonObject h = o.value(QStringLiteral("headers")).toObject();
    QVERIFY(h.contains(QStringLiteral("unsigned")));
    QVERIFY(h.contains(QStringLiteral("oversigned")));
    QVERIFY(h.contains(QStringLiteral("duplicates")));
    QVERIFY(h.value(QStringLiteral("instances")).toArray().size() >= 6);
    QVERIFY(toText(r, MimeSummary{}).contains(QStringLiteral("body_content_appended")));
}

void TstForensics::recoveryOfAValidSignature()
{
    const MessageResult r = verify(QStringLiteral("unsigned_subject_to.eml"));
    const SignatureResult &s = r.signatures.first();
    QCOMPARE(s.result, Result::Pass);
    QCOMPARE(s.recoveredHashValid, std::optional<bool>(true));
    QCOMPARE(s.recoveredHash, s.headerHash);
    QVERIFY(s.explanations.isEmpty());
    QCOMPARE(s.evidenceLevel, QStringLiteral("strong"));
    // Under a key that did not sign, the value is not PKCS#1 padding at all.
    auto z = ZoneFileResolver::load(kDir + QStringLiteral("/keys.zone"));
    const KeyLookup kl = (*z)->lookup("example.com", "old");
    const KeyRecord other = KeyRecord::parse(KeyLookup::joined(kl.records.first()));
    const RecoveredHash rh = recoverSignedHash(other.key, s.signature.b, HashAlgorithm::Sha256);
    QVERIFY(!rh.isValid());
}

void TstForensics::publishedKeyJudgedBeforePublication()
{
    auto m = Message::fromFile(kDir + QStringLiteral("/key_published.eml"));
    QVERIFY(m.hasValue());
    VerifierOptions o;
    o.resolver = m_keys;
    o.publishedKeys = m_published;
    o.evaluationTime = QDateTime(QDate(2025, 6, 2), QTime(0, 0), Qt::UTC); // before 2025-09-01
    const SignatureResult before = Verifier(o).verify(*m).signatures.first();
    QCOMPARE(before.result, Result::Pass);
    QVERIFY(!before.hasFlag(QStringLiteral("key_published")));
    QCOMPARE(before.evidenceLevel, QStringLiteral("weak")); // 1024-bit
    o.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const SignatureResult after = Verifier(o).verify(*m).signatures.first();
    QCOMPARE(after.result, Result::Policy);
    QCOMPARE(after.reason, QStringLiteral("key_published"));
    QCOMPARE(after.evidenceLevel, QStringLiteral("none"));
    QCOMPARE(after.cryptoValid, std::optional<bool>(true));
    // Without the list, the same signature passes.
    QCOMPARE(verify(QStringLiteral("key_published.eml")).signatures.first().result, Result::Pass);
}

void TstForensics::publishedKeyListFormat()
{
    const auto l = PublishedKeyList::parse("# comment\n\nExample.COM.\tSel\t2020-02-03\tsrc\tnote\tABCDEF\n"
                                           "bad line\nx.org\ts\tnot-a-date\n",
                                           QStringLiteral("t.tsv"));
    QCOMPARE(l->keys().size(), 1);
    QCOMPARE(l->warnings().size(), 2);
    QCOMPARE(l->keys().first().domain, QByteArray("example.com"));
    QCOMPARE(l->keys().first().published, QDate(2020, 2, 3));
    QVERIFY(l->find("example.com", "sel", "abcdef"));
    QVERIFY(!l->find("example.com", "sel", "012345")); // a fingerprint, when given, must match
    QVERIFY(!l->find("example.com", "other", "abcdef"));
}

void TstForensics::qpRoundTrip()
{
    const QByteArray text = QByteArray("caf\xc3\xa9 = ok \r\n") + QByteArray(200, 'x') + "\r\ntrailing \r\nend";
    QCOMPARE(BodyExplainer::decodeQuotedPrintable(BodyExplainer::encodeQuotedPrintable(text)), text);
    for (const QByteArray &line : BodyExplainer::encodeQuotedPrintable(text).split('\n'))
        QVERIFY(line.size() <= 77); // 76 columns + CR
}

// The appended-content search is one pass with incremental hashing: a 10 MB body with a footer.
void TstForensics::appendedSearchOnTenMegabytes()
{
    QByteArray original;
    original.reserve(10 * 1024 * 1024 + 100);
    const QByteArray line = QByteArray(74, 'A') + "\r\n"; // base64-like lines
    while (original.size() < 10 * 1024 * 1024)
        original.append(line);
    const QByteArray footer = "\r\n-- \r\nlist footer\r\n";
    const QByteArray bh = digest(HashAlgorithm::Sha256, Canonicalizer::body(Canonicalization::Relaxed, original));
    const QByteArray msg =
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=none; h=from; bh=" + bh.toBase64() +
        "; b=AAAA\r\nFrom: a@example.com\r\n\r\n" + original + footer;
    const Message m = Message::fromBytes(msg);
    VerifierOptions o; // no key source: the body is still checked and explained
    QElapsedTimer t;
    t.start();
    const SignatureResult s = Verifier(o).verify(m).signatures.first();
    const qint64 ms = t.elapsed();
    qInfo("10 MB body: verification with explanations took %lld ms", ms);
    QCOMPARE(s.bodyHashMatches, std::optional<bool>(false));
    QCOMPARE(s.explanations.first().code, QStringLiteral("body_content_appended"));
    QCOMPARE(s.explanations.first().bytes, footer.size());

    QElapsedTimer t2;
    t2.start();
    const qsizetype cut =
        BodyExplainer::findAppendedCut(m.body(), Canonicalization::Relaxed, HashAlgorithm::Sha256, bh);
    qInfo("10 MB body (%lld lines): appended-content search alone took %lld ms",
          qlonglong(original.size() / line.size()), t2.elapsed());
    QCOMPARE(cut, original.size());
}

QTEST_GUILESS_MAIN(TstForensics)
#include "tst_forensics.moc"
