#include "canonicalizer.h"
#include "message.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace dkimi;

class TstCanonicalizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void header_data();
    void header();
    void body_data();
    void body();
    void referenceFiles_data();
    void referenceFiles();
};

void TstCanonicalizer::header_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("simple");
    QTest::addColumn<QByteArray>("relaxed");
    // RFC 6376 §3.4.5 example
    QTest::newRow("rfc 3.4.5 A") << QByteArray("A: X\r\n") << QByteArray("A: X\r\n") << QByteArray("a:X\r\n");
    QTest::newRow("rfc 3.4.5 B") << QByteArray("B : Y\t\r\n\tZ  \r\n") << QByteArray("B : Y\t\r\n\tZ  \r\n")
                                 << QByteArray("b:Y Z\r\n");
    QTest::newRow("runs of WSP") << QByteArray("Subject:  a \t b\r\n") << QByteArray("Subject:  a \t b\r\n")
                                 << QByteArray("subject:a b\r\n");
    QTest::newRow("empty value") << QByteArray("X-Empty:\r\n") << QByteArray("X-Empty:\r\n")
                                 << QByteArray("x-empty:\r\n");
    QTest::newRow("only whitespace value")
        << QByteArray("X:   \r\n") << QByteArray("X:   \r\n") << QByteArray("x:\r\n");
    QTest::newRow("fold at start") << QByteArray("To:\r\n  b@example.com\r\n")
                                   << QByteArray("To:\r\n  b@example.com\r\n") << QByteArray("to:b@example.com\r\n");
    QTest::newRow("8-bit kept") << QByteArray("Subject: caf\xc3\xa9\r\n") << QByteArray("Subject: caf\xc3\xa9\r\n")
                                << QByteArray("subject:caf\xc3\xa9\r\n");
}

void TstCanonicalizer::header()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, simple);
    QFETCH(QByteArray, relaxed);
    QCOMPARE(Canonicalizer::header(Canonicalization::Simple, field), simple);
    QCOMPARE(Canonicalizer::header(Canonicalization::Relaxed, field), relaxed);
}

void TstCanonicalizer::body_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("simple");
    QTest::addColumn<QByteArray>("relaxed");
    // RFC 6376 §3.4.5 example body
    QTest::newRow("rfc 3.4.5") << QByteArray(" C \r\nD \t E\r\n\r\n\r\n") << QByteArray(" C \r\nD \t E\r\n")
                               << QByteArray(" C\r\nD E\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArray("\r\n") << QByteArray();
    QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n\r\n") << QByteArray("\r\n") << QByteArray();
    QTest::newRow("no final CRLF") << QByteArray("abc") << QByteArray("abc\r\n") << QByteArray("abc\r\n");
    QTest::newRow("whitespace-only lines at end")
        << QByteArray("a\r\n \r\n\t\r\n") << QByteArray("a\r\n \r\n\t\r\n") << QByteArray("a\r\n");
    QTest::newRow("inner empty lines kept")
        << QByteArray("a\r\n\r\nb\r\n") << QByteArray("a\r\n\r\nb\r\n") << QByteArray("a\r\n\r\nb\r\n");
    QTest::newRow("trailing WSP no CRLF") << QByteArray("a  ") << QByteArray("a  \r\n") << QByteArray("a\r\n");
    QTest::newRow("bare CR is content") << QByteArray("a\rb\r\n") << QByteArray("a\rb\r\n") << QByteArray("a\rb\r\n");
}

void TstCanonicalizer::body()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, simple);
    QFETCH(QByteArray, relaxed);
    QCOMPARE(Canonicalizer::body(Canonicalization::Simple, body), simple);
    QCOMPARE(Canonicalizer::body(Canonicalization::Relaxed, body), relaxed);
}

// Reference files produced by an independent implementation (dkimpy, tests/data/canon/make_refs.py):
// the canonical body and the header hash input of each signed message, compared byte for byte.
void TstCanonicalizer::referenceFiles_data()
{
    QTest::addColumn<QString>("eml");
    QTest::addColumn<QString>("bodyRef");
    QTest::addColumn<QString>("hhiRef");
    const QString dir = QStringLiteral(DKIMI_TEST_DATA "/canon");
    QFile index(dir + QStringLiteral("/index.tsv"));
    QVERIFY2(index.open(QIODevice::ReadOnly), "tests/data/canon/index.tsv is missing: run make_refs.py");
    bool header = true;
    int rows = 0;
    while (!index.atEnd()) {
        const QByteArray line = index.readLine().trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QList<QByteArray> cols = line.split('\t');
        QVERIFY(cols.size() >= 3);
        QTest::newRow(cols.at(0).constData()) << dir + QLatin1Char('/') + QString::fromUtf8(cols.at(0))
                                              << dir + QLatin1Char('/') + QString::fromUtf8(cols.at(1))
                                              << dir + QLatin1Char('/') + QString::fromUtf8(cols.at(2));
        ++rows;
    }
    QVERIFY(rows >= 8);
}

static QString describeDiff(const QByteArray &want, const QByteArray &got)
{
    qsizetype i = 0;
    while (i < want.size() && i < got.size() && want.at(i) == got.at(i))
        ++i;
    auto show = [](QByteArray b) {
        b.replace("\r", "\\r").replace("\n", "\\n\n").replace("\t", "\\t");
        return QString::fromLatin1(b);
    };
    return QStringLiteral("first difference at byte %1 (expected %2 bytes, got %3)\n--- expected from there:\n%4\n"
                          "--- got from there:\n%5")
        .arg(i)
        .arg(want.size())
        .arg(got.size())
        .arg(show(want.mid(qMax<qsizetype>(0, i - 20), 120)), show(got.mid(qMax<qsizetype>(0, i - 20), 120)));
}

void TstCanonicalizer::referenceFiles()
{
    QFETCH(QString, eml);
    QFETCH(QString, bodyRef);
    QFETCH(QString, hhiRef);
    auto m = Message::fromFile(eml);
    if (!m)
        QFAIL(qPrintable(m.error().toString()));
    auto read = [](const QString &p) {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing " + p.toUtf8() + ">");
    };
    VerifierOptions o;
    auto zone = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/canon/canon.zone"));
    if (!zone)
        QFAIL(qPrintable(zone.error().toString()));
    o.resolver = *zone;
    const MessageResult r = Verifier(o).verify(*m);
    QVERIFY(!r.signatures.isEmpty());
    const SignatureResult &s = r.signatures.first();
    QByteArray canonBody;
    for (const Step &st : s.steps) {
        if (st.kind == StepKind::CanonicalizeBody)
            canonBody = st.output;
    }
    if (s.signature.bodyLength)
        canonBody.truncate(*s.signature.bodyLength);
    const QByteArray wantBody = read(bodyRef), wantHhi = read(hhiRef);
    QVERIFY2(canonBody == wantBody, qPrintable(describeDiff(wantBody, canonBody)));
    QVERIFY2(s.headerHashInput == wantHhi, qPrintable(describeDiff(wantHhi, s.headerHashInput)));
    // And since the references verify with dkimpy, ours must pass too.
    QCOMPARE(QString::fromLatin1(resultName(s.result)), QStringLiteral("pass"));
}

QTEST_GUILESS_MAIN(TstCanonicalizer)
#include "tst_canonicalizer.moc"
