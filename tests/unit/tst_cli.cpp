#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// Drives the real dkim-inspector-cli binary, as a user or a script would.
class TstCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void help();
    void version();
    void usageErrors_data();
    void usageErrors();
    void jsonLines();
    void textOutput();
    void exitStatus();
    void unreadableFileDoesNotStopTheRest();
    void folderIsWalked();
    void mboxWithLocations();
    void csvOutput();
    void summary();
    void badJobs();
    void publishedKeys();
    void surroundingEvidence_data();
    void surroundingEvidence();
    void dmarc();
    void atPerMessage_data();
    void atPerMessage();
    void atReceivedKeepsAnExpiredSignature();
    void timelineOutput();

private:
    struct Run {
        int code;
        QByteArray out, err;
    };
    Run cli(const QStringList &args);
};

static const QString kData = QStringLiteral(DKIMI_TEST_DATA);

TstCli::Run TstCli::cli(const QStringList &args)
{
    // verify uses live DNS and the user's key store unless told otherwise; tests never touch the
    // network or the home folder (DNS is tested against a loopback server in tests/dns).
    QStringList a = args;
    if (!a.isEmpty() && a.first() == QLatin1String("verify") && !a.contains(QLatin1String("--help"))) {
        if (!a.contains(QLatin1String("--offline")))
            a.insert(1, QStringLiteral("--offline"));
        if (!a.contains(QLatin1String("--key-store")) && !a.contains(QLatin1String("--no-key-store")))
            a.insert(1, QStringLiteral("--no-key-store"));
    }
    QProcess p;
    p.start(QStringLiteral(DKIMI_CLI_PATH), a);
    if (!p.waitForFinished(60000))
        qFatal("CLI did not finish");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

void TstCli::help()
{
    Run r = cli({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("verify"));
    r = cli({QStringLiteral("verify"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("--keys"));
    QVERIFY(r.out.contains("--offline"));
    QVERIFY(r.out.contains("--at"));
    QVERIFY(r.out.contains("--format"));
}

void TstCli::version()
{
    const Run r = cli({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("dkim-inspector-cli " DKIMI_VERSION));
}

void TstCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mention");
    QTest::newRow("no args") << QStringList{} << QByteArray("Usage");
    QTest::newRow("unknown verb") << QStringList{"frobnicate"} << QByteArray("frobnicate");
    QTest::newRow("no files") << QStringList{"verify"} << QByteArray("message file");
    QTest::newRow("bad format") << QStringList{"verify", "--format", "xml", "x.eml"} << QByteArray("xml");
    QTest::newRow("bad time") << QStringList{"verify", "--at", "yesterday", "x.eml"} << QByteArray("yesterday");
    QTest::newRow("missing key file") << QStringList{"verify", "--keys", "/nonexistent/k.zone", "x.eml"}
                                      << QByteArray("/nonexistent/k.zone");
    QTest::newRow("unknown option") << QStringList{"verify", "--frob", "x.eml"} << QByteArray("frob");
}

void TstCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mention);
    const Run r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(mention), r.err.constData());
}

void TstCli::jsonLines()
{
    const Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--offline"), QStringLiteral("--keys"),
             kData + QStringLiteral("/rfc/rfc.zone"), QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z"),
             QStringLiteral("--format"), QStringLiteral("json"), kData + QStringLiteral("/rfc/rfc8463_appA.eml"),
             kData + QStringLiteral("/rfc/rfc6376_appA_errata.eml")});
    QCOMPARE(r.code, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject o = QJsonDocument::fromJson(lines.at(0)).object();
    for (const char *k : {"file", "sha256", "result", "evaluated_at", "signatures"})
        QVERIFY2(o.contains(QLatin1String(k)), k);
    QCOMPARE(o.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QStringLiteral("evaluated_at")).toString(), QStringLiteral("2026-01-01T00:00:00Z"));
    QCOMPARE(o.value(QStringLiteral("sha256")).toString().size(), 64);
    const QJsonArray sigs = o.value(QStringLiteral("signatures")).toArray();
    QCOMPARE(sigs.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject s = sigs.at(i).toObject();
        QCOMPARE(s.value(QStringLiteral("index")).toInt(), i);
        for (const char *k : {"index", "d", "s", "a", "c", "result", "reason", "detail", "crypto_valid",
                              "body_hash_matches", "signature_valid", "key_bits", "flags"})
            QVERIFY2(s.contains(QLatin1String(k)), k);
        QCOMPARE(s.value(QStringLiteral("crypto_valid")).toBool(), true);
    }
    QCOMPARE(sigs.at(0).toObject().value(QStringLiteral("a")).toString(), QStringLiteral("ed25519-sha256"));
    QCOMPARE(sigs.at(1).toObject().value(QStringLiteral("key_bits")).toInt(), 1024);
}

void TstCli::textOutput()
{
    const Run r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/rfc/rfc.zone"),
                       QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z"),
                       kData + QStringLiteral("/rfc/rfc8463_appA.eml")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("Signed by football.example.com"));
    QVERIFY(r.out.contains("2026-01-01T00:00:00Z"));
    QVERIFY(r.out.contains("Signature 2 of 2"));
}

void TstCli::exitStatus()
{
    // Without keys every signature is permerror (key not found): exit 1.
    Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--offline"), kData + QStringLiteral("/rfc/rfc8463_appA.eml")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.contains("key_not_found"));
    QTemporaryDir dir;
    const QString unsignedPath = dir.filePath(QStringLiteral("unsigned.eml"));
    QFile f(unsignedPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n");
    f.close();
    r = cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("json"), unsignedPath});
    QCOMPARE(r.code, 1);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("result")).toString(),
             QStringLiteral("none"));
}

void TstCli::unreadableFileDoesNotStopTheRest()
{
    const Run r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/rfc/rfc.zone"),
                       QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("/nonexistent/lost.eml"),
                       kData + QStringLiteral("/rfc/rfc8463_appA.eml")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("/nonexistent/lost.eml"));
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("result")).toString(),
             QStringLiteral("error"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("result")).toString(),
             QStringLiteral("pass"));
}

void TstCli::folderIsWalked()
{
    const Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--keys"),
             kData + QStringLiteral("/rfc/rfc.zone"), kData + QStringLiteral("/rfc")});
    int messages = 0;
    for (const QByteArray &l : r.out.trimmed().split('\n'))
        messages += QJsonDocument::fromJson(l).isObject() ? 1 : 0;
    QVERIFY(messages >= 2);
}

void TstCli::mboxWithLocations()
{
    const Run r = cli(
        {QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/fixtures/keys.zone"),
         QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("--jobs"), QStringLiteral("2"),
         QStringLiteral("--format"), QStringLiteral("json"), kData + QStringLiteral("/archives/mboxrd-lf.mbox")});
    QCOMPARE(r.code, 1); // the fifth message was tampered with
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QFile f(kData + QStringLiteral("/archives/mboxrd-lf.mbox"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray all = f.readAll();
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(o.value(QStringLiteral("container")).toString(), QStringLiteral("mbox"));
        QCOMPARE(o.value(QStringLiteral("index")).toInt(), i);
        const qint64 off = qint64(o.value(QStringLiteral("offset")).toDouble());
        const qint64 len = qint64(o.value(QStringLiteral("length")).toDouble());
        // The reported location holds exactly the bytes whose hash is reported.
        QCOMPARE(QCryptographicHash::hash(all.mid(off, len), QCryptographicHash::Sha256).toHex(),
                 o.value(QStringLiteral("sha256")).toString().toLatin1());
    }
    QCOMPARE(QJsonDocument::fromJson(lines.at(4)).object().value(QStringLiteral("result")).toString(),
             QStringLiteral("fail"));
}

void TstCli::csvOutput()
{
    const Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/fixtures/keys.zone"),
             QStringLiteral("--format"), QStringLiteral("csv"), kData + QStringLiteral("/archives/tree")});
    QCOMPARE(r.code, 2); // the tree holds an empty file and a file that is not mail
    const QList<QByteArray> rows = r.out.trimmed().split('\n');
    QVERIFY(rows.first().startsWith("file,index,offset,sha256,message_result"));
    QCOMPARE(rows.size(), 1 + 6);
    int errors = 0;
    for (const QByteArray &row : rows)
        errors += row.contains(",error,") ? 1 : 0;
    QCOMPARE(errors, 2);
    QVERIFY(r.err.contains("empty.eml: the file is empty"));
}

void TstCli::summary()
{
    const Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/fixtures/keys.zone"),
             QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("--quiet"),
             QStringLiteral("--summary"), kData + QStringLiteral("/archives/mboxrd-lf.mbox"),
             kData + QStringLiteral("/archives/maildir")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.startsWith("6 of 8 messages have a valid DKIM signature (75.0%)"), r.out.constData());
    QVERIFY(r.out.contains("example.com"));
    QVERIFY(r.out.contains("2025"));
    QVERIFY(r.out.contains("body_hash_mismatch"));
    // The mbox is named by its SHA-256, as sha256sum prints it (the Maildir's files are hashed one by
    // one, in the messages' own sha256).
    QFile mbox(kData + QStringLiteral("/archives/mboxrd-lf.mbox"));
    QVERIFY(mbox.open(QIODevice::ReadOnly));
    const QByteArray all = mbox.readAll();
    const QByteArray line = "  " + QCryptographicHash::hash(all, QCryptographicHash::Sha256).toHex() + "  " +
                            mbox.fileName().toUtf8() + "\n";
    QVERIFY2(r.out.contains(line), r.out.constData());
    QVERIFY(
        r.out.contains("      5 messages, " + QLocale(QLocale::English).toString(all.size()).toUtf8() + " bytes\n"));
    QCOMPARE(r.out.count(" bytes\n"), 1); // one archive
}

void TstCli::badJobs()
{
    const Run r =
        cli({QStringLiteral("verify"), QStringLiteral("--jobs"), QStringLiteral("zero"), QStringLiteral("x.eml")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--jobs"));
}

void TstCli::publishedKeys()
{
    const QString msg = kData + QStringLiteral("/forensics/key_published.eml");
    const QStringList base{QStringLiteral("verify"),   QStringLiteral("--offline"),
                           QStringLiteral("--keys"),   kData + QStringLiteral("/forensics/keys.zone"),
                           QStringLiteral("--at"),     QStringLiteral("2026-01-01T00:00:00Z"),
                           QStringLiteral("--format"), QStringLiteral("json")};
    // Without the list the signature passes; with it, judged after the publication date, it proves nothing.
    Run r = cli(base + QStringList{msg});
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("result")).toString(),
             QStringLiteral("pass"));
    r = cli(base + QStringList{QStringLiteral("--published-keys"),
                               kData + QStringLiteral("/forensics/published_keys.tsv"), msg});
    const QJsonObject sig =
        QJsonDocument::fromJson(r.out).object().value(QStringLiteral("signatures")).toArray().at(0).toObject();
    QCOMPARE(sig.value(QStringLiteral("result")).toString(), QStringLiteral("policy"));
    QCOMPARE(sig.value(QStringLiteral("reason")).toString(), QStringLiteral("key_published"));
    r = cli(base + QStringList{QStringLiteral("--published-keys"), QStringLiteral("/nonexistent/p.tsv"), msg});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("/nonexistent/p.tsv"));
}

void TstCli::surroundingEvidence_data()
{
    QTest::addColumn<QString>("file");
    QFile f(kData + QStringLiteral("/arc/expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(all.size() >= 8);
    for (const QString &k : all.keys())
        QTest::newRow(k.toUtf8().constData()) << k;
}

// The ARC verdict reaches the JSON report as the fixture generator says it must; every signature
// states its DMARC alignment with the From domain.
void TstCli::surroundingEvidence()
{
    QFETCH(QString, file);
    QFile f(kData + QStringLiteral("/arc/expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject want = QJsonDocument::fromJson(f.readAll()).object().value(file).toObject();
    const Run r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/arc/keys.zone"),
                       QStringLiteral("--format"), QStringLiteral("json"), kData + QStringLiteral("/arc/") + file});
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonObject arc = o.value(QStringLiteral("arc")).toObject();
    QCOMPARE(arc.value(QStringLiteral("result")).toString(), want.value(QStringLiteral("chain")).toString());
    QCOMPARE(arc.value(QStringLiteral("reason")).toString(), want.value(QStringLiteral("reason")).toString());
    if (want.value(QStringLiteral("chain")).toString() == QLatin1String("pass"))
        QCOMPARE(arc.value(QStringLiteral("instances")).toInt(),
                 int(want.value(QStringLiteral("hops")).toArray().size()));
    QStringList alignments;
    for (const QJsonValue &s : o.value(QStringLiteral("signatures")).toArray()) {
        const QString a = s.toObject().value(QStringLiteral("dmarc_alignment")).toString();
        QVERIFY2(a == QLatin1String("strict") || a == QLatin1String("relaxed") || a == QLatin1String("none"),
                 qPrintable(a));
        alignments << a;
    }
    // The text report says the same, one line per signature, in signature order.
    const Run text = cli({QStringLiteral("verify"), QStringLiteral("--keys"), kData + QStringLiteral("/arc/keys.zone"),
                          kData + QStringLiteral("/arc/") + file});
    QStringList said;
    for (const QByteArray &l : text.out.split('\n')) {
        const QByteArray t = l.trimmed();
        if (t.startsWith("DMARC alignment: "))
            said << QString::fromUtf8(t.mid(17).split(' ').first());
    }
    QCOMPARE(said, alignments);
}

// The message's DMARC result: the record from the key file (with its provenance), DKIM alignment,
// and SPF from a trusted Authentication-Results only.
void TstCli::dmarc()
{
    const QString zone = kData + QStringLiteral("/dmarc/dmarc.zone");
    auto dmarcOf = [&](const QString &file, const QStringList &extra) {
        const Run r = cli(QStringList{QStringLiteral("verify"), QStringLiteral("--keys"), zone,
                                      QStringLiteral("--format"), QStringLiteral("json")} +
                          extra + QStringList{kData + QStringLiteral("/dmarc/") + file});
        return QJsonDocument::fromJson(r.out.trimmed()).object().value(QStringLiteral("dmarc")).toObject();
    };
    const QJsonObject d = dmarcOf(QStringLiteral("aligned_relaxed.eml"), {});
    QCOMPARE(d.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(d.value(QStringLiteral("domain")).toString(), QStringLiteral("news.example.com"));
    QCOMPARE(d.value(QStringLiteral("org_domain")).toString(), QStringLiteral("example.com"));
    QCOMPARE(d.value(QStringLiteral("record_found_at")).toString(), QStringLiteral("_dmarc.example.com"));
    QVERIFY(
        d.value(QStringLiteral("record")).toString().startsWith(QLatin1String("v=DMARC1; p=reject; sp=quarantine")));
    QCOMPARE(d.value(QStringLiteral("policy")).toString(), QStringLiteral("quarantine")); // sp for a subdomain
    QCOMPARE(d.value(QStringLiteral("dkim")).toObject().value(QStringLiteral("aligned_signatures")).toArray(),
             QJsonArray{0});
    QCOMPARE(d.value(QStringLiteral("spf")).toObject().value(QStringLiteral("result")).toString(),
             QStringLiteral("not_known"));
    const QJsonObject prov = d.value(QStringLiteral("provenance")).toObject();
    QCOMPARE(prov.value(QStringLiteral("source")).toString(), QStringLiteral("zone_file"));
    QCOMPARE(prov.value(QStringLiteral("source_name")).toString(), zone);
    QCOMPARE(d.value(QStringLiteral("lookups")).toArray().size(), 2);

    // Not aligned: fail, unless a trusted server recorded an aligned spf=pass.
    QCOMPARE(dmarcOf(QStringLiteral("not_aligned.eml"), {}).value(QStringLiteral("result")).toString(),
             QStringLiteral("fail"));
    const QJsonObject spf = dmarcOf(QStringLiteral("not_aligned.eml"),
                                    {QStringLiteral("--trusted-authserv"), QStringLiteral("mx.trusted.test")});
    QCOMPARE(spf.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(spf.value(QStringLiteral("spf")).toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("mx.trusted.test"));

    // Offline without a key file holding the record: not looked up.
    const Run none = cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("json"),
                          kData + QStringLiteral("/dmarc/aligned_strict.eml")});
    const QJsonObject n =
        QJsonDocument::fromJson(none.out.trimmed()).object().value(QStringLiteral("dmarc")).toObject();
    QCOMPARE(n.value(QStringLiteral("result")).toString(), QStringLiteral("not_checked"));
    QVERIFY(n.value(QStringLiteral("detail")).toString().startsWith(QLatin1String("not looked up: offline")));

    // Text: one line.
    const Run text =
        cli({QStringLiteral("verify"), QStringLiteral("--keys"), zone, kData + QStringLiteral("/dmarc/weak_key.eml")});
    const QList<QByteArray> lines = text.out.split('\n');
    int dmarcLines = 0;
    for (const QByteArray &l : lines) {
        if (l.trimmed().startsWith("DMARC: ")) {
            ++dmarcLines;
            QVERIFY2(l.contains("DMARC: FAIL") && l.contains("not counted"), l.constData());
        }
    }
    QCOMPARE(dmarcLines, 1);
}

static QJsonObject timelineCase(const QString &name)
{
    QFile f(kData + QStringLiteral("/timeline/expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("no timeline/expected.json");
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("cases"))
        .toObject()
        .value(name)
        .toObject();
}

void TstCli::atPerMessage_data()
{
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("basis");
    QTest::addColumn<QString>("fallback"); // the finding of a message without that time
    QTest::newRow("received") << "received"
                              << "first_received"
                              << "no_received_time_fallback_now";
    QTest::newRow("date") << "date"
                          << "date_header"
                          << "no_date_fallback_now";
}

// --at date / received: every message of one run is judged at its own time, and says so; a message
// without that time is judged at now, and says that.
void TstCli::atPerMessage()
{
    QFETCH(QString, at);
    QFETCH(QString, basis);
    QFETCH(QString, fallback);
    const QString dir = kData + QStringLiteral("/timeline/");
    const QStringList names{QStringLiteral("consistent"), QStringLiteral("date_far"),
                            QStringLiteral("date_after_receipt"),
                            at == QLatin1String("date") ? QStringLiteral("no_date") : QStringLiteral("no_received")};
    QStringList args{QStringLiteral("verify"),
                     QStringLiteral("--keys"),
                     dir + QStringLiteral("keys.zone"),
                     QStringLiteral("--at"),
                     at,
                     QStringLiteral("--jobs"),
                     QStringLiteral("2"),
                     QStringLiteral("--format"),
                     QStringLiteral("json")};
    for (const QString &n : names)
        args << dir + n + QStringLiteral(".eml");
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const Run r = cli(args);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), names.size());
    QSet<QString> times;
    for (int i = 0; i < names.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
        QVERIFY(o.value(QStringLiteral("file")).toString().endsWith(names.at(i) + QStringLiteral(".eml")));
        const QJsonObject exp = timelineCase(names.at(i));
        QStringList codes;
        for (const QJsonValue &f : o.value(QStringLiteral("findings")).toArray())
            codes << f.toObject().value(QStringLiteral("code")).toString();
        const QDateTime evaluated =
            QDateTime::fromString(o.value(QStringLiteral("evaluated_at")).toString(), Qt::ISODate);
        if (i < 3) {
            const qint64 want = at == QLatin1String("date")
                                    ? exp.value(QStringLiteral("date")).toInteger()
                                    : exp.value(QStringLiteral("hops")).toArray().at(0).toInteger();
            QCOMPARE(evaluated.toSecsSinceEpoch(), want);
            QCOMPARE(o.value(QStringLiteral("evaluated_at_basis")).toString(), basis);
            QVERIFY(!codes.contains(fallback));
            times.insert(o.value(QStringLiteral("evaluated_at")).toString());
        } else {
            QCOMPARE(o.value(QStringLiteral("evaluated_at_basis")).toString(), QStringLiteral("now"));
            QVERIFY(evaluated >= before && evaluated <= QDateTime::currentDateTimeUtc());
            QVERIFY2(codes.contains(fallback), qPrintable(codes.join(QLatin1Char(','))));
        }
    }
    QCOMPARE(times.size(), 3); // three messages, three times
}

// x= a week after t=: expired today, valid when the first server received it. The verdict follows the
// chosen time, and states it.
void TstCli::atReceivedKeepsAnExpiredSignature()
{
    const QString dir = kData + QStringLiteral("/timeline/");
    const QStringList base{QStringLiteral("verify"), QStringLiteral("--keys"), dir + QStringLiteral("keys.zone"),
                           QStringLiteral("--format"), QStringLiteral("json")};
    Run r = cli(
        base + QStringList{QStringLiteral("--at"), QStringLiteral("received"), dir + QStringLiteral("consistent.eml")});
    QCOMPARE(r.code, 0);
    QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QStringLiteral("evaluated_at_basis")).toString(), QStringLiteral("first_received"));

    r = cli(base + QStringList{QStringLiteral("--at"), QStringLiteral("now"), dir + QStringLiteral("consistent.eml")});
    QCOMPARE(r.code, 1);
    o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("result")).toString(), QStringLiteral("policy"));
    QCOMPARE(o.value(QStringLiteral("evaluated_at_basis")).toString(), QStringLiteral("now"));
    const QJsonObject sig = o.value(QStringLiteral("signatures")).toArray().at(0).toObject();
    QCOMPARE(sig.value(QStringLiteral("reason")).toString(), QStringLiteral("expired"));

    // The text output names the basis.
    r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), dir + QStringLiteral("keys.zone"),
             QStringLiteral("--at"), QStringLiteral("received"), dir + QStringLiteral("consistent.eml")});
    QVERIFY2(r.out.contains("Result: PASS   (evaluated at 2025-06-01T00:00:35Z, the first Received hop"),
             r.out.constData());
}

void TstCli::timelineOutput()
{
    const QString dir = kData + QStringLiteral("/timeline/");
    Run r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), dir + QStringLiteral("keys.zone"),
                 QStringLiteral("--format"), QStringLiteral("json"), dir + QStringLiteral("hop_back.eml")});
    const QJsonObject t = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("timeline")).toObject();
    const QJsonArray events = t.value(QStringLiteral("events")).toArray();
    const QJsonArray contradictions = t.value(QStringLiteral("contradictions")).toArray();
    QCOMPARE(contradictions.size(), 1);
    const QJsonObject c = contradictions.at(0).toObject();
    QCOMPARE(c.value(QStringLiteral("code")).toString(), QStringLiteral("hop_back_in_time"));
    QVERIFY(!c.value(QStringLiteral("detail")).toString().isEmpty());
    const QJsonArray idx = c.value(QStringLiteral("events")).toArray();
    QCOMPARE(idx.size(), 2);
    const QJsonObject lower = events.at(idx.at(0).toInt()).toObject();
    const QJsonObject upper = events.at(idx.at(1).toInt()).toObject();
    QCOMPARE(lower.value(QStringLiteral("kind")).toString(), QStringLiteral("received"));
    QCOMPARE(lower.value(QStringLiteral("hop")).toInt(), 1);
    QCOMPARE(upper.value(QStringLiteral("hop")).toInt(), 2);
    QCOMPARE(upper.value(QStringLiteral("delay_seconds")).toInteger(), -3600);
    QCOMPARE(upper.value(QStringLiteral("by")).toString(), QStringLiteral("store.example.org"));
    QCOMPARE(upper.value(QStringLiteral("from")).toString(), QStringLiteral("mx.example.org"));
    QCOMPARE(upper.value(QStringLiteral("with")).toString(), QStringLiteral("ESMTPS"));
    QCOMPARE(upper.value(QStringLiteral("id")).toString(), QStringLiteral("4Xyz9Q8r7S"));
    QCOMPARE(upper.value(QStringLiteral("for")).toString(), QStringLiteral("<bob@example.org>"));
    QVERIFY(upper.value(QStringLiteral("range")).toObject().value(QStringLiteral("length")).toInt() > 0);
    // The events come in time order (hop 2 went back, so it is listed before hop 1).
    QString previous;
    for (const QJsonValue &e : events) {
        const QString time = e.toObject().value(QStringLiteral("time")).toString();
        QVERIFY(time >= previous);
        previous = time;
    }

    r = cli({QStringLiteral("verify"), QStringLiteral("--keys"), dir + QStringLiteral("keys.zone"),
             QStringLiteral("--at"), QStringLiteral("2025-06-02T00:00:00Z"), dir + QStringLiteral("hop_back.eml"),
             dir + QStringLiteral("consistent.eml")});
    QCOMPARE(r.out.count("timeline [warning] hop_back_in_time:"), 1);
    QCOMPARE(r.code, 0); // a contradiction never changes the verdict
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
