#include "authentication_results.h"
#include "message.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace dkimi;

// Expected parse in a compact text form: "authserv|version|none;method/ver=result reason prop=value ...;..."
static QString summary(const AuthenticationResults &ar)
{
    QStringList parts;
    parts << QStringLiteral("%1|%2|%3")
                 .arg(QString::fromLatin1(ar.authservId))
                 .arg(ar.version)
                 .arg(ar.none ? QStringLiteral("none") : QString());
    for (const ArMethodResult &r : ar.results) {
        QString s = QString::fromLatin1(r.method);
        if (r.methodVersion >= 0)
            s += QStringLiteral("/%1").arg(r.methodVersion);
        s += QLatin1Char('=') + QString::fromLatin1(r.result);
        if (!r.reason.isEmpty())
            s += QStringLiteral(" reason=\"%1\"").arg(QString::fromLatin1(r.reason));
        for (const ArProperty &p : r.properties)
            s += QStringLiteral(" %1%2%3=%4")
                     .arg(QString::fromLatin1(p.ptype), p.ptype.isEmpty() ? QString() : QStringLiteral("."),
                          QString::fromLatin1(p.property), QString::fromLatin1(p.value));
        parts << s;
    }
    return parts.join(QLatin1Char(';'));
}

class TstAuthenticationResults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void mutations();
    void agreesWithAuthres();
    void byteRanges();
    void commentsKept();
    void arcPrefix();
    void fromMessage();
    void matching_data();
    void matching();
    void fixtureAgreement_data();
    void fixtureAgreement();
};

void TstAuthenticationResults::parse_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("codes"); // parse remarks expected (in order)

    // RFC 8601 Appendix B
    QTest::newRow("B.2 none with version")
        << QByteArray(" example.org 1; none") << "example.org|1|none" << QStringList{};
    QTest::newRow("B.3 spf") << QByteArray(" example.com;\r\n          spf=pass smtp.mailfrom=example.net")
                             << "example.com|-1|;spf=pass smtp.mailfrom=example.net" << QStringList{};
    QTest::newRow("B.4 auth and spf")
        << QByteArray(" example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
                      "          spf=pass smtp.mailfrom=example.net")
        << "example.com|-1|;auth=pass smtp.auth=sender@example.net;spf=pass smtp.mailfrom=example.net" << QStringList{};
    QTest::newRow("B.4 iprev") << QByteArray(" example.com; iprev=pass\r\n          policy.iprev=192.0.2.200")
                               << "example.com|-1|;iprev=pass policy.iprev=192.0.2.200" << QStringList{};
    QTest::newRow("B.5 two dkim")
        << QByteArray(" example.com;\r\n          dkim=pass (good signature) header.d=mail-router.example.net;\r\n"
                      "          dkim=fail (bad signature) header.d=newyork.example.com")
        << "example.com|-1|;dkim=pass header.d=mail-router.example.net;dkim=fail header.d=newyork.example.com"
        << QStringList{};
    QTest::newRow("B.6 sender-id")
        << QByteArray(" example.com;\r\n          sender-id=fail header.from=example.com;\r\n"
                      "          dkim=pass (good signature) header.d=sub.example.com")
        << "example.com|-1|;sender-id=fail header.from=example.com;dkim=pass header.d=sub.example.com" << QStringList{};
    QTest::newRow("B.7 reason and header.i")
        << QByteArray(" example.com;\r\n          dkim=pass reason=\"good signature\"\r\n"
                      "            header.i=@mail-router.example.net;\r\n"
                      "          dkim=fail reason=\"bad signature\"\r\n            header.i=@newyork.example.com")
        << "example.com|-1|;dkim=pass reason=\"good signature\" header.i=@mail-router.example.net;"
           "dkim=fail reason=\"bad signature\" header.i=@newyork.example.com"
        << QStringList{};
    QTest::newRow("B.8 comments everywhere")
        << QByteArray(" foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for "
                      "it) fail\r\n      policy (A dot can go here) . (like that) expired\r\n      (this surprised me) "
                      "= (as I wasn't expecting it) 1362471462")
        << "foo.example.net|1|;dkim/1=fail policy.expired=1362471462" << QStringList{};

    // Real-world variants
    QTest::newRow("gmail")
        << QByteArray(" mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 "
                      "header.b=Ab+d/f1=;\r\n       spf=pass (google.com: domain of bounce@example.com designates "
                      "209.85.220.41 as permitted sender) smtp.mailfrom=bounce@example.com;\r\n       dmarc=pass "
                      "(p=REJECT sp=REJECT dis=NONE) header.from=example.com")
        << "mx.google.com|-1|;dkim=pass header.i=@example.com header.s=20230601 header.b=Ab+d/f1=;"
           "spf=pass smtp.mailfrom=bounce@example.com;dmarc=pass header.from=example.com"
        << QStringList{};
    QTest::newRow("microsoft without authserv-id")
        << QByteArray(" spf=pass (sender IP is 40.107.1.1)\r\n smtp.mailfrom=example.com; dkim=pass (signature was "
                      "verified)\r\n header.d=example.com;dmarc=pass action=none\r\n "
                      "header.from=example.com;compauth=pass reason=100")
        << "|-1|;spf=pass smtp.mailfrom=example.com;dkim=pass header.d=example.com;"
           "dmarc=pass action=none header.from=example.com;compauth=pass reason=\"100\""
        << QStringList{QStringLiteral("ar_no_authserv_id"), QStringLiteral("ar_property_without_type")};
    QTest::newRow("fastmail x- properties")
        << QByteArray(" mx6.messagingengine.com;\r\n    dkim=pass (2048-bit rsa key sha256) header.d=example.com "
                      "header.i=@example.com header.b=Ab12Cd34 header.a=rsa-sha256 header.s=s1 x-bits=2048;\r\n"
                      "    x-me-sender=none")
        << "mx6.messagingengine.com|-1|;dkim=pass header.d=example.com header.i=@example.com header.b=Ab12Cd34 "
           "header.a=rsa-sha256 header.s=s1 x-bits=2048;x-me-sender=none"
        << QStringList{QStringLiteral("ar_property_without_type")};
    QTest::newRow("uppercase and tabs") << QByteArray(
                                               "\tMX.Example.NET ;\tDKIM\t=\tPASS\tHeader.D=Example.COM ; SPF=None")
                                        << "MX.Example.NET|-1|;dkim=pass header.d=Example.COM;spf=none"
                                        << QStringList{};
    QTest::newRow("nested comment") << QByteArray(
                                           " mx.example.net; dkim=pass (key (2048 bits) \\) ok) header.d=example.com")
                                    << "mx.example.net|-1|;dkim=pass header.d=example.com" << QStringList{};
    QTest::newRow("quoted values")
        << QByteArray(" \"mx.example.net\"; spf=fail reason=\"SPF; says no\" smtp.mailfrom=\"a b\"@example.com")
        << "mx.example.net|-1|;spf=fail reason=\"SPF; says no\" smtp.mailfrom=\"a b\"@example.com" << QStringList{};
    QTest::newRow("trailing semicolon") << QByteArray(" mx.example.net; dkim=none;") << "mx.example.net|-1|;dkim=none"
                                        << QStringList{QStringLiteral("ar_trailing_semicolon")};
    QTest::newRow("method version") << QByteArray(" mx.example.net; dkim/2=pass header.d=example.com")
                                    << "mx.example.net|-1|;dkim/2=pass header.d=example.com" << QStringList{};
    QTest::newRow("no space after ;") << QByteArray(" mx.example.net;dkim=pass header.d=a.example;spf=fail")
                                      << "mx.example.net|-1|;dkim=pass header.d=a.example;spf=fail" << QStringList{};
    QTest::newRow("unclosed comment") << QByteArray(" mx.example.net; dkim=pass (oops header.d=a.example")
                                      << "mx.example.net|-1|;dkim=pass" << QStringList{QStringLiteral("ar_syntax")};
    QTest::newRow("missing result") << QByteArray(" mx.example.net; dkim; spf=pass") << "mx.example.net|-1|;spf=pass"
                                    << QStringList{QStringLiteral("ar_syntax")};
    QTest::newRow("empty") << QByteArray(" mx.example.net") << "mx.example.net|-1|"
                           << QStringList{QStringLiteral("ar_no_results")};
}

void TstAuthenticationResults::parse()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    QFETCH(QStringList, codes);
    const AuthenticationResults ar = AuthenticationResultsParser::parse(value);
    QCOMPARE(summary(ar), expected);
    QStringList got;
    for (const Finding &f : ar.findings)
        got << f.code;
    QCOMPARE(got, codes);
}

// Differential: the independent `authres` Python parser's reading of the same values
// (tests/data/arc/make_ar_cases.py). Values authres rejects are only required to parse here.
void TstAuthenticationResults::agreesWithAuthres()
{
    QFile f(QStringLiteral(DKIMI_TEST_DATA "/arc/ar_authres.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).array();
    QVERIFY(cases.size() >= 16);
    int compared = 0;
    for (const QJsonValue &cv : cases) {
        const QJsonObject c = cv.toObject();
        const QByteArray value = c.value(QLatin1String("value")).toString().toUtf8();
        const AuthenticationResults ar = AuthenticationResultsParser::parse(value);
        QVERIFY2(ar.wellFormed, value.constData());
        if (c.contains(QLatin1String("authres_error")))
            continue;
        ++compared;
        QCOMPARE(QString::fromLatin1(ar.authservId), c.value(QLatin1String("authserv_id")).toString());
        QCOMPARE(ar.version, c.value(QLatin1String("version")).toInt());
        const QJsonArray results = c.value(QLatin1String("results")).toArray();
        QCOMPARE(ar.results.size(), results.size());
        for (int i = 0; i < results.size(); ++i) {
            const QJsonObject e = results.at(i).toObject();
            const ArMethodResult &r = ar.results.at(i);
            QCOMPARE(QString::fromLatin1(r.method), e.value(QLatin1String("method")).toString());
            QCOMPARE(r.methodVersion, e.value(QLatin1String("version")).toInt());
            QCOMPARE(QString::fromLatin1(r.result), e.value(QLatin1String("result")).toString());
            QCOMPARE(QString::fromLatin1(r.reason), e.value(QLatin1String("reason")).toString());
            const QJsonArray props = e.value(QLatin1String("properties")).toArray();
            QCOMPARE(r.properties.size(), props.size());
            for (int k = 0; k < props.size(); ++k) {
                const QJsonArray p = props.at(k).toArray();
                QCOMPARE(QString::fromLatin1(r.properties.at(k).ptype), p.at(0).toString());
                QCOMPARE(QString::fromLatin1(r.properties.at(k).property), p.at(1).toString());
                QCOMPARE(QString::fromLatin1(r.properties.at(k).value), p.at(2).toString());
            }
        }
    }
    QVERIFY(compared >= 13);
}

// Awkward values, damaged in many ways: no crash, every range inside the value.
void TstAuthenticationResults::mutations()
{
    QRandomGenerator rng(8601);
    static const char specials[] = ";=().\"\\/ \t\r\n@";
    const QList<QByteArray> seeds{
        " foo.example.net (foobar) 1 (baz); dkim (a) / 1 (b) = (c) fail policy (d) . (e) expired (f) = (g) 1362471462",
        " spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=example.com; dkim=pass header.d=example.com;dmarc=pass "
        "action=none header.from=example.com;compauth=pass reason=100",
        " \"mx.example.net\"; spf=fail reason=\"SPF; says no\" smtp.mailfrom=\"a b\"@example.com"};
    for (const QByteArray &seed : seeds) {
        for (int round = 0; round < 400; ++round) {
            QByteArray v = seed;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits && !v.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng.bounded(quint32(v.size())));
                switch (rng.bounded(3)) {
                case 0:
                    v[at] = char(rng.bounded(256));
                    break;
                case 1:
                    v.remove(at, qsizetype(rng.bounded(12)));
                    break;
                default:
                    v.insert(at, specials[rng.bounded(quint32(sizeof(specials) - 1))]);
                    break;
                }
            }
            for (bool arc : {false, true}) {
                const AuthenticationResults ar = AuthenticationResultsParser::parse(v, arc);
                for (const ArMethodResult &r : ar.results) {
                    QVERIFY(r.offset >= 0 && r.offset + r.length <= v.size());
                    QVERIFY(r.resultOffset >= 0 && r.resultOffset + r.resultLength <= v.size());
                    for (const ArProperty &p : r.properties)
                        QVERIFY(p.valueOffset >= 0 && p.valueOffset + p.valueLength <= v.size());
                }
                QVERIFY(ar.authservOffset + ar.authservLength <= v.size());
            }
        }
    }
}

void TstAuthenticationResults::byteRanges()
{
    const QByteArray v = " mx.example.net; dkim=pass (ok) header.d=example.com header.b=\"AbCd+/==\"; spf=fail";
    const AuthenticationResults ar = AuthenticationResultsParser::parse(v);
    QCOMPARE(v.mid(ar.authservOffset, ar.authservLength), QByteArray("mx.example.net"));
    QCOMPARE(ar.results.size(), 2);
    const ArMethodResult &d = ar.results.at(0);
    QCOMPARE(v.mid(d.offset, d.length), QByteArray("dkim=pass (ok) header.d=example.com header.b=\"AbCd+/==\""));
    QCOMPARE(v.mid(d.resultOffset, d.resultLength), QByteArray("pass"));
    const ArProperty *p = d.property("header", "d");
    QVERIFY(p);
    QCOMPARE(v.mid(p->valueOffset, p->valueLength), QByteArray("example.com"));
    QCOMPARE(v.mid(p->offset, p->length), QByteArray("header.d=example.com"));
    p = d.property("HEADER", "B");
    QVERIFY(p);
    QCOMPARE(p->value, QByteArray("AbCd+/=="));
    QCOMPARE(v.mid(p->valueOffset, p->valueLength), QByteArray("\"AbCd+/==\""));
    QCOMPARE(v.mid(ar.results.at(1).offset, ar.results.at(1).length), QByteArray("spf=fail"));
}

void TstAuthenticationResults::commentsKept()
{
    const AuthenticationResults ar = AuthenticationResultsParser::parse(
        " mx.google.com; spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender) "
        "smtp.mailfrom=a@example.com");
    QCOMPARE(ar.results.size(), 1);
    QCOMPARE(ar.results.first().comments,
             QList<QByteArray>{"google.com: domain of a@example.com designates 192.0.2.1 as permitted sender"});
}

void TstAuthenticationResults::arcPrefix()
{
    AuthenticationResults ar = AuthenticationResultsParser::parse(
        " i=2; mx.lists.example.org; dkim=pass header.d=example.com;\r\n  arc=pass", true);
    QCOMPARE(ar.instance, 2);
    QCOMPARE(ar.authservId, QByteArray("mx.lists.example.org"));
    QCOMPARE(summary(ar), QStringLiteral("mx.lists.example.org|-1|;dkim=pass header.d=example.com;arc=pass"));
    QVERIFY(ar.findings.isEmpty());
    ar = AuthenticationResultsParser::parse(" mx.example.org; arc=pass", true);
    QCOMPARE(ar.instance, -1);
    QCOMPARE(ar.findings.first().code, QStringLiteral("ar_syntax"));
    QCOMPARE(ar.authservId, QByteArray("mx.example.org")); // the rest is still read
}

void TstAuthenticationResults::fromMessage()
{
    auto m = Message::fromFile(QStringLiteral(DKIMI_TEST_DATA "/arc/arc_2hop.eml"));
    QVERIFY(m);
    const QList<AuthenticationResults> ars = AuthenticationResultsParser::fromMessage(*m);
    QCOMPARE(ars.size(), 4); // AAR i=2, AR by hop 2, AAR i=1, AR by hop 1
    QVERIFY(ars.at(0).arc);
    QCOMPARE(ars.at(0).instance, 2);
    QVERIFY(!ars.at(1).arc);
    QCOMPARE(ars.at(1).authservId, QByteArray("mx.lists.example.org"));
    QCOMPARE(ars.at(1).receivedAbove, 1);
    QCOMPARE(ars.at(3).authservId, QByteArray("mx.forwarder.example.net"));
    QCOMPARE(ars.at(3).receivedAbove, 2);
    // The authserv-id's offset maps back to the stored bytes.
    const AuthenticationResults &a = ars.at(1);
    const ByteRange r = m->rawRange(a.valueOffset + a.authservOffset, a.authservLength);
    QCOMPARE(m->raw().mid(r.offset, r.length), QByteArray("mx.lists.example.org"));
    QCOMPARE(a.findings.last().code, QStringLiteral("ar_forgeable"));
    QCOMPARE(a.findings.last().message, authenticationResultsCaveat(a));
    QVERIFY(m->raw().mid(a.findings.last().where.first().offset).startsWith("Authentication-Results: "));
    QVERIFY(authenticationResultsCaveat(a).contains(QLatin1String("anyone who handled the message before "
                                                                  "mx.lists.example.org")));
}

static SignatureResult sig(int index, const QByteArray &d, const QByteArray &s, const QByteArray &bBase64, Result res)
{
    SignatureResult r;
    r.index = index;
    r.signature.domain = d;
    r.signature.selector = s;
    r.signature.identity = "@" + d;
    r.signature.b = QByteArray::fromBase64(bBase64);
    r.result = res;
    r.reason = res == Result::Fail ? QStringLiteral("body_hash_mismatch") : QStringLiteral("ok");
    return r;
}

void TstAuthenticationResults::matching_data()
{
    QTest::addColumn<QByteArray>("ar");
    QTest::addColumn<int>("signature");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("agrees"); // "yes", "no", "-"
    QTest::addColumn<QString>("code");
    QTest::newRow("header.b") << QByteArray(" mx.example.net; dkim=pass header.d=example.com header.b=QUJDREVG") << 0
                              << "header.b"
                              << "yes"
                              << "ar_agrees";
    QTest::newRow("header.b picks the second")
        << QByteArray(" mx.example.net; dkim=pass header.d=example.com header.b=WFlaMTIz") << 1 << "header.b"
        << "no"
        << "ar_disagrees";
    QTest::newRow("d and s") << QByteArray(" mx.example.net; dkim=fail header.d=Example.com header.s=S2") << 1
                             << "header.d+header.s"
                             << "yes"
                             << "ar_agrees";
    QTest::newRow("d only ambiguous") << QByteArray(" mx.example.net; dkim=pass header.d=example.com") << -1
                                      << "header.d"
                                      << "-"
                                      << "ar_ambiguous_match";
    QTest::newRow("d only unique") << QByteArray(" mx.example.net; dkim=pass header.d=other.example") << 2 << "header.d"
                                   << "-"
                                   << "ar_not_comparable";
    QTest::newRow("header.i") << QByteArray(" mx.example.net; dkim=fail header.i=@other.example") << 2 << "header.i"
                              << "-"
                              << "ar_not_comparable";
    QTest::newRow("recorded fail, now pass")
        << QByteArray(" mx.example.net; dkim=fail header.b=QUJDREVG") << 0 << "header.b"
        << "no"
        << "ar_disagrees";
    QTest::newRow("no match") << QByteArray(" mx.example.net; dkim=pass header.d=gone.example") << -1 << ""
                              << "-"
                              << "ar_no_matching_signature";
}

void TstAuthenticationResults::matching()
{
    QFETCH(QByteArray, ar);
    QFETCH(int, signature);
    QFETCH(QString, by);
    QFETCH(QString, agrees);
    QFETCH(QString, code);
    const QList<SignatureResult> sigs{sig(0, "example.com", "s1", "QUJDREVGR0g=", Result::Pass),
                                      sig(1, "example.com", "s2", "WFlaMTIzNDU=", Result::Fail),
                                      sig(2, "other.example", "s", "MTIzNDU2Nzg=", Result::PermError)};
    const QList<ArDkimMatch> m =
        matchDkimResults({AuthenticationResultsParser::parse(ar)}, sigs, {QStringLiteral("MX.example.net")});
    QCOMPARE(m.size(), 1);
    QCOMPARE(m.first().signatureIndex, signature);
    QCOMPARE(m.first().matchedBy, by);
    QCOMPARE(m.first().agrees.has_value() ? (*m.first().agrees ? QStringLiteral("yes") : QStringLiteral("no"))
                                          : QStringLiteral("-"),
             agrees);
    QVERIFY(m.first().trusted);
    QCOMPARE(m.first().findings.last().code, code);
    if (code == QLatin1String("ar_disagrees")) {
        QCOMPARE(m.first().findings.last().severity, Severity::Warning); // a trusted server
        QVERIFY(m.first().findings.last().message.contains(QLatin1String("could have written it")));
    }
}

void TstAuthenticationResults::fixtureAgreement_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("agrees");
    QTest::newRow("intact") << "arc_2hop.eml"
                            << "yes";
    QTest::newRow("body changed after receipt") << "arc_body_changed.eml"
                                                << "no";
}

// The fixtures' Authentication-Results record dkim=pass for the origin signature with header.b; our
// Verifier decides it again now.
void TstAuthenticationResults::fixtureAgreement()
{
    QFETCH(QString, file);
    QFETCH(QString, agrees);
    auto m = Message::fromFile(QStringLiteral(DKIMI_TEST_DATA "/arc/") + file);
    QVERIFY(m);
    auto z = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/arc/keys.zone"));
    QVERIFY(z);
    VerifierOptions o;
    o.resolver = *z;
    o.evaluationTime = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);
    const MessageResult res = Verifier(o).verify(*m);
    QCOMPARE(res.signatures.size(), 1);
    QList<AuthenticationResults> ars;
    for (const AuthenticationResults &a : AuthenticationResultsParser::fromMessage(*m)) {
        if (!a.arc)
            ars << a;
    }
    const QList<ArDkimMatch> matches = matchDkimResults(ars, res.signatures);
    QCOMPARE(matches.size(), ars.size());
    for (const ArDkimMatch &mt : matches) {
        QCOMPARE(mt.matchedBy, QStringLiteral("header.b"));
        QCOMPARE(mt.signatureIndex, 0);
        QCOMPARE(mt.recorded, QByteArray("pass"));
        QVERIFY(!mt.trusted);
        QCOMPARE(*mt.agrees, agrees == QLatin1String("yes"));
        if (!*mt.agrees) {
            QCOMPARE(mt.findings.last().code, QStringLiteral("ar_disagrees"));
            QCOMPARE(mt.findings.last().severity, Severity::Note); // not a server the user trusts
            QVERIFY(mt.findings.last().message.contains(QLatin1String("recorded dkim=pass for example.com at "
                                                                      "receipt; now the signature fails")));
        }
    }
}

QTEST_GUILESS_MAIN(TstAuthenticationResults)
#include "tst_authentication_results.moc"
