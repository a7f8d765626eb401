// The timeline (issue 7, item 4): Received parsing, RFC 5322 dates, event order, hop delays and every
// contradiction on a signed fixture from tests/data/timeline/make_timeline.py.
#include "key_store.h"
#include "message.h"
#include "mime_summary.h"
#include "timeline.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace dkimi;

class TstTimeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void receivedClauses_data();
    void receivedClauses();
    void mailDates_data();
    void mailDates();
    void firstReceivedAndDate();
    void fixtures_data();
    void fixtures();
    void consistentJourney();
    void hopDelays();
    void receivedVariantsFixture();
    void authenticationResultsPlacedAmongHops();
    void unparsableTimesAreFindings();
    void signedAfterKeyReplaced();
    void keyReplacedAfterSigningIsNoContradiction();
    void perMessageEvaluationTime();
    void arcSeals();
    void arcSealedBeforeSignature();

private:
    MessageResult verify(const QString &name, VerifierOptions o = {}) const;
    QJsonObject m_expected;
    std::shared_ptr<ZoneFileResolver> m_zone;
};

static const QString kDir = QStringLiteral(DKIMI_TEST_DATA "/timeline/");

static QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

static QDateTime epoch(qint64 s)
{
    return QDateTime::fromSecsSinceEpoch(s, Qt::UTC);
}

void TstTimeline::initTestCase()
{
    QFile f(kDir + QStringLiteral("expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_expected = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("cases")).toObject();
    QVERIFY(m_expected.size() >= 9);
    auto zone = ZoneFileResolver::load(kDir + QStringLiteral("keys.zone"));
    QVERIFY(zone.hasValue());
    m_zone = *zone;
}

MessageResult TstTimeline::verify(const QString &name, VerifierOptions o) const
{
    Expected<Message> m = Message::fromFile(kDir + name + QStringLiteral(".eml"));
    if (!m)
        qFatal("cannot read fixture");
    if (!o.resolver)
        o.resolver = m_zone;
    return Verifier(o).verify(*m);
}

// -- Received ----------------------------------------------------------------------------------------

void TstTimeline::receivedClauses_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("with");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("forAddr");
    QTest::addColumn<QDateTime>("time"); // invalid: no usable time
    QTest::addColumn<QStringList>("notes");

    QTest::newRow("postfix") << QByteArray(" from mail.example.com (mail.example.com [192.0.2.10])\r\n\tby "
                                           "mx.example.org (Postfix) with ESMTPS id 4Xyz1A2b3C\r\n\tfor "
                                           "<bob@example.org>; Sun, 01 Jun 2025 02:00:40 +0200")
                             << "mail.example.com"
                             << "mx.example.org"
                             << "ESMTPS"
                             << "4Xyz1A2b3C"
                             << "<bob@example.org>" << utc("2025-06-01T00:00:40Z") << QStringList{};
    QTest::newRow("exim") << QByteArray(" from relay.example.net ([203.0.113.5] helo=relay.example.net)\r\n\tby "
                                        "mx1.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n\t(Exim "
                                        "4.96)\r\n\t(envelope-from <alice@example.com>)\r\n\tid "
                                        "1uLk2q-000Abc-1x\r\n\tfor bob@example.org;\r\n\tSun, 01 Jun 2025 02:00:35 "
                                        "+0200")
                          << "relay.example.net"
                          << "mx1.example.org"
                          << "esmtps tls TLS_AES_256_GCM_SHA384"
                          << "1uLk2q-000Abc-1x"
                          << "bob@example.org" << utc("2025-06-01T00:00:35Z") << QStringList{};
    QTest::newRow("sendmail, (PDT) comment")
        << QByteArray(" from mail.example.com (mail.example.com [192.0.2.10])\r\n\tby relay.example.net "
                      "(8.15.2/8.15.2) with ESMTP id 5510A0Xb012345\r\n\tfor <bob@example.org>; Sat, 31 May 2025 "
                      "17:00:33 -0700 (PDT)")
        << "mail.example.com"
        << "relay.example.net"
        << "ESMTP"
        << "5510A0Xb012345"
        << "<bob@example.org>" << utc("2025-06-01T00:00:33Z") << QStringList{};
    QTest::newRow("exchange")
        << QByteArray(" from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::11) by\r\n "
                      "AM0PR01MB5678.eurprd01.prod.exchangelabs.com (2603:10a6:208:2::22) with\r\n Microsoft SMTP "
                      "Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8769.29; "
                      "Sun, 1 Jun 2025\r\n 00:00:37 +0000")
        << "AM0PR01MB1234.eurprd01.prod.exchangelabs.com"
        << "AM0PR01MB5678.eurprd01.prod.exchangelabs.com"
        << "Microsoft SMTP Server"
        << "15.20.8769.29"
        << "" << utc("2025-06-01T00:00:37Z") << QStringList{};
    QTest::newRow("gmail") << QByteArray(" by 2002:a05:6a10:9e8c:b0:5e1:2c3:abcd with SMTP id "
                                         "k12csp345678pxb;\r\n        Sat, 31 May 2025 17:00:39 -0700 (PDT)")
                           << ""
                           << "2002:a05:6a10:9e8c:b0:5e1:2c3:abcd"
                           << "SMTP"
                           << "k12csp345678pxb"
                           << "" << utc("2025-06-01T00:00:39Z") << QStringList{};
    QTest::newRow("qmail, -0000") << QByteArray(" (qmail 4721 invoked from network); 1 Jun 2025 00:00:31 -0000") << ""
                                  << ""
                                  << ""
                                  << ""
                                  << "" << utc("2025-06-01T00:00:31Z")
                                  << QStringList{QStringLiteral("zone_unknown_minus_0000")};
    QTest::newRow("nested comment") << QByteArray(" from a.example (b (c) d) by e.example; Mon, 2 Jun 2025 "
                                                  "10:00:00 +0000")
                                    << "a.example"
                                    << "e.example"
                                    << ""
                                    << ""
                                    << "" << utc("2025-06-02T10:00:00Z") << QStringList{};
    QTest::newRow("; in comment, EST, no seconds")
        << QByteArray(" from a.example (x; y) by b.example; 2 Jun 2025 10:00 EST") << "a.example"
        << "b.example"
        << ""
        << ""
        << "" << utc("2025-06-02T15:00:00Z")
        << QStringList{QStringLiteral("no_seconds"), QStringLiteral("obsolete_zone")};
    QTest::newRow("no semicolon") << QByteArray(" from a.example by b.example with SMTP id 123\r\n Mon, 2 Jun "
                                                "2025 10:00:00 +0000")
                                  << "a.example"
                                  << "b.example"
                                  << "SMTP"
                                  << "123"
                                  << "" << utc("2025-06-02T10:00:00Z") << QStringList{};
    QTest::newRow("no date") << QByteArray(" from a.example by b.example") << "a.example"
                             << "b.example"
                             << ""
                             << ""
                             << "" << QDateTime() << QStringList{};
    QTest::newRow("unparsable date") << QByteArray(" by b.example; yesterday afternoon") << ""
                                     << "b.example"
                                     << ""
                                     << ""
                                     << "" << QDateTime() << QStringList{};
    QTest::newRow("two-digit year, GMT") << QByteArray(" by b.example; Mon, 2 Jun 25 10:00:00 GMT") << ""
                                         << "b.example"
                                         << ""
                                         << ""
                                         << "" << utc("2025-06-02T10:00:00Z")
                                         << QStringList{QStringLiteral("two_digit_year"),
                                                        QStringLiteral("obsolete_zone")};
    QTest::newRow("two-digit year 99, UT")
        << QByteArray(" by b.example; 2 Jun 99 10:00:00 UT") << ""
        << "b.example"
        << ""
        << ""
        << "" << utc("1999-06-02T10:00:00Z") << QStringList{QStringLiteral("two_digit_year")};
    QTest::newRow("military zone") << QByteArray(" by b.example; 2 Jun 2025 10:00:00 A") << ""
                                   << "b.example"
                                   << ""
                                   << ""
                                   << "" << utc("2025-06-02T10:00:00Z") << QStringList{QStringLiteral("military_zone")};
    QTest::newRow("asctime") << QByteArray(" by b.example; Mon Jun  2 10:00:00 2025") << ""
                             << "b.example"
                             << ""
                             << ""
                             << "" << utc("2025-06-02T10:00:00Z")
                             << QStringList{QStringLiteral("asctime_form"), QStringLiteral("no_zone")};
    QTest::newRow("via, for with comment") << QByteArray(" from x.example by y.example via HTTP with HTTPREST id "
                                                         "9 for <c@d.example> (1 recipient); Tue, 3 Jun 2025 "
                                                         "08:00:00 -0400 (EDT)")
                                           << "x.example"
                                           << "y.example"
                                           << "HTTPREST"
                                           << "9"
                                           << "<c@d.example>" << utc("2025-06-03T12:00:00Z") << QStringList{};
}

void TstTimeline::receivedClauses()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, from);
    QFETCH(QString, by);
    QFETCH(QString, with);
    QFETCH(QString, id);
    QFETCH(QString, forAddr);
    QFETCH(QDateTime, time);
    QFETCH(QStringList, notes);
    const ReceivedHeader h = parseReceived(value);
    QCOMPARE(h.value("from"), from);
    QCOMPARE(h.value("by"), by);
    QCOMPARE(h.value("with"), with);
    QCOMPARE(h.value("id"), id);
    QCOMPARE(h.value("for"), forAddr);
    QCOMPARE(h.date.isValid(), time.isValid());
    if (time.isValid()) {
        QCOMPARE(h.date.time, time);
        QVERIFY(h.date.error.isEmpty());
    } else {
        QVERIFY(!h.date.error.isEmpty());
    }
    for (const QString &n : notes)
        QVERIFY2(h.date.notes.contains(n), qPrintable(h.date.notes.join(QLatin1Char(','))));
    // Every clause value is found at its offset.
    for (const ReceivedClause &c : h.clauses) {
        if (c.offset < 0)
            continue;
        const QString written = QString::fromLatin1(value.mid(c.offset, c.length)).simplified();
        QVERIFY2(written.startsWith(c.value.section(QLatin1Char(' '), 0, 0)), qPrintable(written));
    }
    if (h.dateOffset >= 0)
        QCOMPARE(QString::fromLatin1(value.mid(h.dateOffset, h.dateLength)).simplified(), h.dateText);
}

void TstTimeline::mailDates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<bool>("zoneKnown");
    QTest::newRow("numeric zone") << QByteArray("Sun, 01 Jun 2025 02:00:00 +0200") << utc("2025-06-01T00:00:00Z")
                                  << true;
    QTest::newRow("(PST) comment") << QByteArray("Mon, 2 Jun 2025 10:00:00 -0800 (PST)") << utc("2025-06-02T18:00:00Z")
                                   << true;
    QTest::newRow("half-hour zone, no day name")
        << QByteArray("2 Jun 2025 10:00:00 +0530") << utc("2025-06-02T04:30:00Z") << true;
    QTest::newRow("PDT name") << QByteArray("Mon, 2 Jun 2025 10:00:00 PDT") << utc("2025-06-02T17:00:00Z") << true;
    QTest::newRow("-0000") << QByteArray("Mon, 2 Jun 2025 10:00:00 -0000") << utc("2025-06-02T10:00:00Z") << false;
    QTest::newRow("folded") << QByteArray("Mon,\r\n 2 Jun 2025\r\n\t10:00:00 +0000") << utc("2025-06-02T10:00:00Z")
                            << true;
    QTest::newRow("leap second") << QByteArray("Wed, 31 Dec 2016 23:59:60 +0000") << utc("2016-12-31T23:59:59Z")
                                 << true;
    QTest::newRow("31 February") << QByteArray("Tue, 31 Feb 2025 10:00:00 +0000") << QDateTime() << true;
    QTest::newRow("no month") << QByteArray("2 2 2025 10:00:00 +0000") << QDateTime() << true;
    QTest::newRow("empty") << QByteArray("  ") << QDateTime() << true;
    QTest::newRow("hour 25") << QByteArray("2 Jun 2025 25:00:00 +0000") << QDateTime() << true;
}

void TstTimeline::mailDates()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, time);
    QFETCH(bool, zoneKnown);
    const MailDate d = parseMailDate(text);
    QCOMPARE(d.isValid(), time.isValid());
    if (time.isValid()) {
        QCOMPARE(d.time, time);
        QCOMPARE(d.zoneKnown, zoneKnown);
    } else {
        QVERIFY(!d.error.isEmpty());
    }
}

void TstTimeline::firstReceivedAndDate()
{
    const Message m = Message::fromBytes("Received: by top.example; Mon, 2 Jun 2025 10:00:09 +0000\r\n"
                                         "Received: by bottom.example; Mon, 2 Jun 2025 12:00:05 +0200\r\n"
                                         "Date: Mon, 2 Jun 2025 09:59:00 +0000\r\n\r\nx\r\n");
    int idx = -2;
    QCOMPARE(firstReceivedTime(m, &idx), utc("2025-06-02T10:00:05Z"));
    QCOMPARE(idx, 1);
    QCOMPARE(dateHeaderTime(m), utc("2025-06-02T09:59:00Z"));
    const Message none = Message::fromBytes("From: a@example.com\r\n\r\nx\r\n");
    QVERIFY(!firstReceivedTime(none, &idx).isValid());
    QCOMPARE(idx, -1);
    QVERIFY(!dateHeaderTime(none).isValid());
    // The Date a report shows is the Date the evaluation basis uses.
    QCOMPARE(MimeSummary::headersOf(m).date, dateHeaderTime(m));
}

// -- Fixtures ----------------------------------------------------------------------------------------

void TstTimeline::fixtures_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : m_expected.keys())
        QTest::newRow(qPrintable(name)) << name;
}

void TstTimeline::fixtures()
{
    QFETCH(QString, name);
    const QJsonObject exp = m_expected.value(name).toObject();
    VerifierOptions o;
    o.evaluationTime = epoch(exp.value(QStringLiteral("t")).toInteger() + 1);
    o.evaluationBasis = QStringLiteral("given");
    const MessageResult r = verify(name, o);
    QCOMPARE(r.signatures.size(), 1);
    QCOMPARE(r.signatures.at(0).cryptoValid, std::optional<bool>(true));
    const Timeline &t = r.timeline;
    Expected<Message> m = Message::fromFile(kDir + name + QStringLiteral(".eml"));
    QVERIFY(m.hasValue());

    // The times written into the message, each where the generator put it.
    const int dateIdx = t.indexOf(TimelineEventKind::Date);
    if (exp.value(QStringLiteral("date")).isNull()) {
        QCOMPARE(dateIdx, -1);
    } else {
        QVERIFY(dateIdx >= 0);
        QCOMPARE(t.events.at(dateIdx).time, epoch(exp.value(QStringLiteral("date")).toInteger()));
        const ByteRange dr = t.events.at(dateIdx).timeRange;
        QCOMPARE(parseMailDate(m->raw().mid(dr.offset, dr.length)).time, t.events.at(dateIdx).time);
        QVERIFY(m->raw().mid(dr.offset, 1) != " ");
    }
    const int ts = t.indexOf(TimelineEventKind::SignatureTimestamp, 0);
    QVERIFY(ts >= 0);
    QCOMPARE(t.events.at(ts).time, epoch(exp.value(QStringLiteral("t")).toInteger()));
    const ByteRange tr = t.events.at(ts).timeRange;
    QCOMPARE(m->raw().mid(tr.offset, tr.length), QByteArray::number(exp.value(QStringLiteral("t")).toInteger()));
    QVERIFY(m->raw().mid(t.events.at(ts).range.offset).startsWith("DKIM-Signature:"));
    QCOMPARE(t.indexOf(TimelineEventKind::SignatureExpiry, 0) >= 0, !exp.value(QStringLiteral("x")).isNull());
    const QJsonArray hops = exp.value(QStringLiteral("hops")).toArray();
    for (int hop = 1; hop <= hops.size(); ++hop) {
        int idx = -1;
        for (int i = 0; i < t.events.size(); ++i) {
            if (t.events.at(i).kind == TimelineEventKind::Received && t.events.at(i).hop == hop)
                idx = i;
        }
        QVERIFY2(idx >= 0, qPrintable(QStringLiteral("hop %1").arg(hop)));
        QCOMPARE(t.events.at(idx).time, epoch(hops.at(hop - 1).toInteger()));
        QVERIFY(m->raw().mid(t.events.at(idx).range.offset).startsWith("Received:"));
        QVERIFY(t.events.at(idx).received.has_value());
    }
    // Events are in time order.
    for (int i = 1; i < t.events.size(); ++i) {
        if (t.events.at(i - 1).time.isValid() && t.events.at(i).time.isValid())
            QVERIFY(t.events.at(i - 1).time <= t.events.at(i).time);
    }

    // Exactly the contradictions the generator built in (the key-store case needs the store: below).
    QStringList want;
    if (name != QLatin1String("key_replaced")) {
        for (const QJsonValue &c : exp.value(QStringLiteral("contradictions")).toArray())
            want << c.toString();
    }
    QStringList got;
    for (const TimelineContradiction &c : t.contradictions)
        got << c.code;
    QCOMPARE(got, want);

    // ... and each names the events concerned.
    auto kinds = [&](const TimelineContradiction &c) {
        QStringList k;
        for (int i : c.events) {
            const TimelineEvent &e = t.events.at(i);
            k << QString::fromLatin1(timelineEventKindName(e.kind)) +
                     (e.kind == TimelineEventKind::Received ? QString::number(e.hop) : QString());
        }
        return k;
    };
    for (const TimelineContradiction &c : t.contradictions) {
        QVERIFY(!c.detail.isEmpty());
        if (c.code == QLatin1String("signed_after_receipt"))
            QCOMPARE(kinds(c), (QStringList{"signature_timestamp", "received1"}));
        else if (c.code == QLatin1String("date_far_from_signature"))
            QCOMPARE(kinds(c), (QStringList{"date", "signature_timestamp"}));
        else if (c.code == QLatin1String("hop_back_in_time"))
            QCOMPARE(kinds(c), (QStringList{"received1", "received2"}));
        else if (c.code == QLatin1String("date_after_first_hop"))
            QCOMPARE(kinds(c), (QStringList{"date", "received1"}));
        else if (c.code == QLatin1String("expired_before_receipt"))
            QCOMPARE(kinds(c), (QStringList{"signature_expiry", "received1"}));
        else
            QFAIL(qPrintable(c.code));
    }

    // Contradictions are findings: the verdict is the same without the timeline.
    o.surroundingEvidence = false;
    const MessageResult bare = verify(name, o);
    QCOMPARE(bare.timeline.events.size(), 0);
    QCOMPARE(bare.signatures.at(0).result, r.signatures.at(0).result);
    QCOMPARE(bare.signatures.at(0).reason, r.signatures.at(0).reason);
}

void TstTimeline::consistentJourney()
{
    const MessageResult r = verify(QStringLiteral("consistent"));
    const Timeline &t = r.timeline;
    QVERIFY(t.contradictions.isEmpty());
    QVERIFY(t.findings.isEmpty());
    QStringList kinds;
    for (const TimelineEvent &e : t.events)
        kinds << QString::fromLatin1(timelineEventKindName(e.kind));
    QCOMPARE(kinds, (QStringList{"date", "signature_timestamp", "received", "received", "signature_expiry"}));
    const TimelineEvent &hop1 = t.events.at(2);
    QCOMPARE(hop1.hop, 1);
    QCOMPARE(hop1.received->value("from"), QStringLiteral("mail.example.com"));
    QCOMPARE(hop1.received->value("by"), QStringLiteral("mx.example.org"));
    QCOMPARE(hop1.received->value("with"), QStringLiteral("ESMTPS"));
    QCOMPARE(hop1.received->value("id"), QStringLiteral("4Xyz1A2b3C"));
    QCOMPARE(hop1.received->value("for"), QStringLiteral("<bob@example.org>"));
    QCOMPARE(hop1.source, QStringLiteral("Received 2")); // counted from the top, as stored
    QVERIFY(!hop1.delaySeconds.has_value());             // nothing below it
}

void TstTimeline::hopDelays()
{
    MessageResult r = verify(QStringLiteral("consistent"));
    int hop2 = -1;
    for (int i = 0; i < r.timeline.events.size(); ++i) {
        if (r.timeline.events.at(i).hop == 2)
            hop2 = i;
    }
    QVERIFY(hop2 >= 0);
    QCOMPARE(r.timeline.events.at(hop2).delaySeconds, std::optional<qint64>(7));
    QCOMPARE(r.timeline.events.at(r.timeline.events.at(hop2).delayFromEvent).hop, 1);

    r = verify(QStringLiteral("hop_back"));
    for (const TimelineEvent &e : r.timeline.events) {
        if (e.hop == 2)
            QCOMPARE(e.delaySeconds, std::optional<qint64>(-3600));
    }
}

void TstTimeline::receivedVariantsFixture()
{
    const MessageResult r = verify(QStringLiteral("received_variants"));
    QVERIFY(r.timeline.contradictions.isEmpty());
    QStringList by;
    QList<qint64> delays;
    for (const TimelineEvent &e : r.timeline.events) {
        if (e.kind != TimelineEventKind::Received)
            continue;
        by << e.received->value("by");
        if (e.delaySeconds)
            delays << *e.delaySeconds;
    }
    QCOMPARE(by, (QStringList{"", "relay.example.net", "mx1.example.org",
                              "AM0PR01MB5678.eurprd01.prod.exchangelabs.com", "2002:a05:6a10:9e8c:b0:5e1:2c3:abcd"}));
    QCOMPARE(delays, (QList<qint64>{2, 2, 2, 2}));
    // Every hop has a time ("-0000" and "(PDT)" are current forms).
    for (const Finding &f : r.timeline.findings)
        QVERIFY2(f.code != QLatin1String("received_date_unparsable"), qPrintable(f.message));
}

void TstTimeline::authenticationResultsPlacedAmongHops()
{
    const Message m = Message::fromBytes("Received: by c.example; Mon, 2 Jun 2025 10:00:09 +0000\r\n"
                                         "Authentication-Results: b.example; dkim=none\r\n"
                                         "Received: by b.example; Mon, 2 Jun 2025 10:00:07 +0000\r\n"
                                         "Received: by a.example; Mon, 2 Jun 2025 10:00:05 +0000\r\n"
                                         "Date: Mon, 2 Jun 2025 10:00:00 +0000\r\n"
                                         "From: a@example.com\r\n\r\nx\r\n");
    const MessageResult r = Verifier(VerifierOptions{}).verify(m);
    const Timeline &t = r.timeline;
    QStringList order;
    for (const TimelineEvent &e : t.events)
        order << QString::fromLatin1(timelineEventKindName(e.kind)) + QString::number(e.hop);
    QCOMPARE(order, (QStringList{"date0", "received1", "received2", "authentication_results0", "received3"}));
    const TimelineEvent &ar = t.events.at(3);
    QVERIFY(!ar.time.isValid());
    QCOMPARE(ar.receivedAbove, 1);
    QVERIFY(m.raw().mid(ar.range.offset).startsWith("Authentication-Results:"));
    QCOMPARE(t.events.at(4).delaySeconds, std::optional<qint64>(2));
}

void TstTimeline::unparsableTimesAreFindings()
{
    const Message m = Message::fromBytes("Received: by c.example; Mon, 2 Jun 2025 10:00:09 +0000\r\n"
                                         "Received: by b.example; the day after\r\n"
                                         "Received: by a.example\r\n"
                                         "Received: by z.example; Mon, 2 Jun 2025 10:00:05 +0000\r\n"
                                         "Date: someday\r\n"
                                         "From: a@example.com\r\n\r\nx\r\n");
    const MessageResult r = Verifier(VerifierOptions{}).verify(m);
    const Timeline &t = r.timeline;
    QStringList codes;
    for (const Finding &f : t.findings)
        codes << f.code;
    QCOMPARE(codes, (QStringList{"date_unparsable", "received_no_date", "received_date_unparsable"}));
    QStringList order;
    for (const TimelineEvent &e : t.events)
        order << QString::fromLatin1(timelineEventKindName(e.kind)) + QString::number(e.hop);
    // Untimed hops sit after the hop below them; the untimed Date first.
    QCOMPARE(order, (QStringList{"date0", "received1", "received2", "received3", "received4"}));
    QVERIFY(!t.events.at(2).time.isValid());
    // Hop 4's delay is measured from hop 1, the nearest lower hop with a time.
    QCOMPARE(t.events.at(4).delaySeconds, std::optional<qint64>(4));
    QCOMPARE(t.events.at(4).delayFromEvent, 1);
}

namespace {

std::shared_ptr<KeyStore> storeWith(const QString &path, const QByteArray &recordA, const QByteArray &recordB,
                                    const QDateTime &bFirstSeen)
{
    auto store = KeyStore::open(path);
    if (!store)
        qFatal("cannot open key store");
    StoredKey a;
    a.domain = "example.com";
    a.selector = "tl";
    a.record = recordA;
    a.source = QStringLiteral("dns");
    a.firstSeen = utc("2024-01-01T00:00:00Z");
    a.lastSeen = utc("2025-01-01T00:00:00Z");
    if (!(*store)->add(a))
        qFatal("cannot add key A");
    StoredKey b = a;
    b.record = recordB;
    b.firstSeen = bFirstSeen;
    b.lastSeen = bFirstSeen.addDays(60);
    if (!(*store)->add(b))
        qFatal("cannot add key B");
    return *store;
}

} // namespace

void TstTimeline::signedAfterKeyReplaced()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray recordA = KeyLookup::joined(m_zone->lookup("example.com", "tl").records.value(0));
    QFile fb(kDir + QStringLiteral("key_b.txt"));
    QVERIFY(fb.open(QIODevice::ReadOnly));
    const QByteArray recordB = fb.readAll().trimmed();
    QVERIFY(recordA.startsWith("v=DKIM1") && recordB.startsWith("v=DKIM1") && recordA != recordB);
    auto store = storeWith(dir.filePath(QStringLiteral("keys.sqlite")), recordA, recordB, utc("2025-03-01T00:00:00Z"));
    VerifierOptions o;
    o.resolver = std::make_shared<KeyStoreResolver>(store);
    o.evaluationTime = utc("2025-06-01T00:01:00Z");
    o.evaluationBasis = QStringLiteral("given");
    const MessageResult r = verify(QStringLiteral("key_replaced"), o);
    QCOMPARE(r.signatures.at(0).signatureValid, std::optional<bool>(true)); // key A made it
    const Timeline &t = r.timeline;
    const int first = t.indexOf(TimelineEventKind::KeyFirstSeen, 0);
    const int last = t.indexOf(TimelineEventKind::KeyLastSeen, 0);
    const int replaced = t.indexOf(TimelineEventKind::KeyReplaced, 0);
    const int ts = t.indexOf(TimelineEventKind::SignatureTimestamp, 0);
    QVERIFY(first >= 0 && last >= 0 && replaced >= 0 && ts >= 0);
    QCOMPARE(t.events.at(first).time, utc("2024-01-01T00:00:00Z"));
    QCOMPARE(t.events.at(last).time, utc("2025-01-01T00:00:00Z"));
    QCOMPARE(t.events.at(replaced).time, utc("2025-03-01T00:00:00Z"));
    QVERIFY(first < last && last < replaced && replaced < ts);
    QCOMPARE(t.events.at(last).range.offset, qsizetype(-1)); // not in the message
    QCOMPARE(t.contradictions.size(), 1);
    QCOMPARE(t.contradictions.at(0).code, QStringLiteral("signed_after_key_replaced"));
    QCOMPARE(t.contradictions.at(0).events, (QList<int>{last, ts, replaced}));
    // The verdict does not change.
    QCOMPARE(r.signatures.at(0).result, Result::Pass);
}

void TstTimeline::keyReplacedAfterSigningIsNoContradiction()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray recordA = KeyLookup::joined(m_zone->lookup("example.com", "tl").records.value(0));
    QFile fb(kDir + QStringLiteral("key_b.txt"));
    QVERIFY(fb.open(QIODevice::ReadOnly));
    // Key A last seen 2025-01-01, key B first seen after the signature: the store cannot say when
    // key A left, so signing between the two proves nothing.
    auto store = storeWith(dir.filePath(QStringLiteral("keys.sqlite")), recordA, fb.readAll().trimmed(),
                           utc("2025-07-01T00:00:00Z"));
    VerifierOptions o;
    o.resolver = std::make_shared<KeyStoreResolver>(store);
    const MessageResult r = verify(QStringLiteral("key_replaced"), o);
    QVERIFY(r.timeline.indexOf(TimelineEventKind::KeyReplaced, 0) >= 0);
    QVERIFY(r.timeline.contradictions.isEmpty());
}

void TstTimeline::perMessageEvaluationTime()
{
    VerifierOptions o;
    o.evaluationTime = utc("2030-01-01T00:00:00Z");
    o.timeSource = EvaluationTimeSource::FirstReceived;
    MessageResult r = verify(QStringLiteral("consistent"), o);
    QCOMPARE(r.evaluatedAt, epoch(m_expected.value(QStringLiteral("consistent"))
                                      .toObject()
                                      .value(QStringLiteral("hops"))
                                      .toArray()
                                      .at(0)
                                      .toInteger()));
    QCOMPARE(r.evaluatedAtBasis, QStringLiteral("first_received"));
    QCOMPARE(r.signatures.at(0).result, Result::Pass); // x= is a week after receipt

    r = verify(QStringLiteral("no_received"), o);
    QCOMPARE(r.evaluatedAt, utc("2030-01-01T00:00:00Z"));
    QCOMPARE(r.evaluatedAtBasis, QStringLiteral("now"));
    bool fallback = false;
    for (const Finding &f : r.findings)
        fallback = fallback || f.code == QLatin1String("no_received_time_fallback_now");
    QVERIFY(fallback);

    o.timeSource = EvaluationTimeSource::DateHeader;
    r = verify(QStringLiteral("date_far"), o);
    QCOMPARE(r.evaluatedAt,
             epoch(m_expected.value(QStringLiteral("date_far")).toObject().value(QStringLiteral("date")).toInteger()));
    QCOMPARE(r.evaluatedAtBasis, QStringLiteral("date_header"));
    // t= is three days after the Date: judged at the Date, it lies in the future.
    QCOMPARE(r.signatures.at(0).result, Result::Policy);
    QCOMPARE(r.signatures.at(0).reason, QStringLiteral("future_timestamp"));

    r = verify(QStringLiteral("no_date"), o);
    QCOMPARE(r.evaluatedAtBasis, QStringLiteral("now"));
    fallback = false;
    for (const Finding &f : r.findings)
        fallback = fallback || f.code == QLatin1String("no_date_fallback_now");
    QVERIFY(fallback);
}

// ARC seals are events with their t=; the Authentication-Results sit among the hops as stored.
void TstTimeline::arcSeals()
{
    const QString dir = QStringLiteral(DKIMI_TEST_DATA "/arc/");
    Expected<Message> m = Message::fromFile(dir + QStringLiteral("arc_2hop.eml"));
    QVERIFY(m.hasValue());
    auto zone = ZoneFileResolver::load(dir + QStringLiteral("keys.zone"));
    QVERIFY(zone.hasValue());
    VerifierOptions o;
    o.resolver = *zone;
    const MessageResult r = Verifier(o).verify(*m);
    QCOMPARE(r.arc.hops.size(), 2);
    const Timeline &t = r.timeline;
    QStringList order;
    for (const TimelineEvent &e : t.events) {
        order << QString::fromLatin1(timelineEventKindName(e.kind)) +
                     QString::number(e.kind == TimelineEventKind::ArcSeal ? e.arcInstance : e.hop);
        if (e.kind == TimelineEventKind::ArcSeal) {
            const Tag *tag = r.arc.hops.at(e.arcInstance - 1).seal.tags.find("t");
            QVERIFY(tag);
            QCOMPARE(m->raw().mid(e.timeRange.offset, e.timeRange.length), tag->value);
            QCOMPARE(e.time.toSecsSinceEpoch(), tag->value.toLongLong());
            QVERIFY(m->raw().mid(e.range.offset).startsWith("ARC-Seal:"));
        }
    }
    // The lower Authentication-Results has no Received field below it: it comes before hop 1; the
    // upper one sits right after hop 1, the field below it.
    QCOMPARE(order, (QStringList{"date0", "signature_timestamp0", "authentication_results0", "received1",
                                 "authentication_results0", "arc_seal1", "received2", "arc_seal2"}));
    QCOMPARE(t.events.at(2).receivedAbove, 2);
    QCOMPARE(t.events.at(4).receivedAbove, 1);
    QVERIFY(t.contradictions.isEmpty());
}

void TstTimeline::arcSealedBeforeSignature()
{
    // An ARC set whose seal is dated a day before the DKIM signature below it. Neither verifies (no
    // keys); the times are still read.
    const Message m = Message::fromBytes(
        "ARC-Seal: i=1; cv=none; a=rsa-sha256; d=fwd.example; s=s; t=1748649600; b=AAAA\r\n"
        "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=fwd.example; s=s; t=1748649600;\r\n"
        " h=from; bh=AAAA; b=AAAA\r\n"
        "ARC-Authentication-Results: i=1; mx.fwd.example; dkim=pass\r\n"
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=tl; t=1748736000;\r\n"
        " h=from; bh=AAAA; b=AAAA\r\n"
        "From: a@example.com\r\n\r\nx\r\n");
    const MessageResult r = Verifier(VerifierOptions{}).verify(m);
    QCOMPARE(r.arc.hops.size(), 1);
    const Timeline &t = r.timeline;
    QCOMPARE(t.contradictions.size(), 1);
    QCOMPARE(t.contradictions.at(0).code, QStringLiteral("arc_sealed_before_signature"));
    const QList<int> ev = t.contradictions.at(0).events;
    QCOMPARE(ev.size(), 2);
    QCOMPARE(t.events.at(ev.at(0)).kind, TimelineEventKind::ArcSeal);
    QCOMPARE(t.events.at(ev.at(1)).kind, TimelineEventKind::SignatureTimestamp);
}

QTEST_GUILESS_MAIN(TstTimeline)
#include "tst_timeline.moc"
