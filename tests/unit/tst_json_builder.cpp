#include "json_builder.h"
#include "message.h"
#include "mime_summary.h"
#include "report_writer.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace dkimi;

// The reports' JSON is written by json::Object, not by QJsonDocument; what it writes must be byte for
// byte what QJsonDocument::Compact writes for the same tree (scripts and earlier reports compare it).
class TstJsonBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyUtf16CodeUnit();
    void stringsMixed_data();
    void stringsMixed();
    void numbers_data();
    void numbers();
    void keysSortedAsQt();
    void sharedUntilChanged();
    void formatEpochAsQt();
    void reportsAsQt_data();
    void reportsAsQt();

private:
    static QByteArray ours(const json::Value &v);
    static QByteArray qts(const QJsonValue &v);
};

QByteArray TstJsonBuilder::ours(const json::Value &v)
{
    return json::Object{{QStringLiteral("v"), v}}.toBytes();
}

QByteArray TstJsonBuilder::qts(const QJsonValue &v)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("v"), v}}).toJson(QJsonDocument::Compact);
}

void TstJsonBuilder::everyUtf16CodeUnit()
{
    // Each code unit alone (so lone surrogates too), and between ASCII letters.
    for (int u = 0; u <= 0xffff; ++u) {
        const QString alone = QString(QChar(char16_t(u)));
        const QString framed = QStringLiteral("a") + alone + QStringLiteral("b");
        QCOMPARE(ours(alone), qts(alone));
        QCOMPARE(ours(framed), qts(framed));
    }
}

void TstJsonBuilder::stringsMixed_data()
{
    QTest::addColumn<QString>("s");
    QTest::newRow("empty") << QString();
    QTest::newRow("pair") << QString::fromUtf8("\xf0\x9f\x98\x80 x \xf0\x90\x80\x80");
    QTest::newRow("high then high") << (QString(QChar(0xd800)) + QChar(0xd801) + QChar(0xdc00));
    QTest::newRow("low then high") << (QString(QChar(0xdc00)) + QChar(0xd800));
    QTest::newRow("high at end") << (QStringLiteral("abc") + QChar(0xd83d));
    QTest::newRow("escapes") << QStringLiteral("\"\\/\b\f\n\r\t\x01\x1f\x7f");
    QTest::newRow("latin1 and cjk") << QString::fromUtf8("Gr\xc3\xbc\xc3\x9f\x65 \xe6\x97\xa5\xe6\x9c\xac");
    QString random;
    QRandomGenerator rng(4711);
    for (int i = 0; i < 20000; ++i)
        random += QChar(char16_t(rng.bounded(0x10000)));
    QTest::newRow("random code units") << random;
}

void TstJsonBuilder::stringsMixed()
{
    QFETCH(QString, s);
    QCOMPARE(ours(s), qts(s));
    const json::Object keyed{{s, 1}};
    const QJsonObject qkeyed{{s, 1}};
    QCOMPARE(keyed.toBytes(), QJsonDocument(qkeyed).toJson(QJsonDocument::Compact));
}

void TstJsonBuilder::numbers_data()
{
    QTest::addColumn<double>("d");
    const double values[] = {0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             0.5,
                             -2.25,
                             1e-7,
                             123456.789,
                             1e14,
                             999999999999999.0,
                             -999999999999999.0,
                             1e15,
                             2e15,
                             1e16,
                             123456789012345.0,
                             9007199254740992.0,
                             -9007199254740992.0,
                             9007199254740991.0,
                             9007199254740994.0,
                             9223372036854774784.0,
                             9223372036854775808.0,
                             -9223372036854775808.0,
                             1e19,
                             1e20,
                             -1e300,
                             5e-324,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()};
    for (double d : values)
        QTest::newRow(QByteArray::number(d, 'g', 17).constData()) << d;
}

void TstJsonBuilder::numbers()
{
    QFETCH(double, d);
    if (qstrcmp(QTest::currentDataTag(), "0") == 0) {
        // Whole numbers up to 2^53 are written as integers: each power of ten and random ones, as Qt.
        QRandomGenerator rng(99);
        for (qint64 p = 1; p < 10000000000000000LL; p *= 10) {
            for (qint64 k : {p - 1, p, p + 1, 3 * p, 7 * p + 1}) {
                QCOMPARE(ours(double(k)), qts(double(k)));
                QCOMPARE(ours(double(-k)), qts(double(-k)));
            }
        }
        for (int i = 0; i < 100000; ++i) {
            const double k = double(rng.bounded(quint64(9007199254740993ULL)));
            QCOMPARE(ours(k), qts(k));
        }
    }
    QCOMPARE(ours(d), qts(d));
    QCOMPARE(ours(qint64(d > -9e18 && d < 9e18 ? d : 0)), qts(qint64(d > -9e18 && d < 9e18 ? d : 0)));
    QCOMPARE(ours(int(d > -2e9 && d < 2e9 ? d : 0)), qts(int(d > -2e9 && d < 2e9 ? d : 0)));
}

void TstJsonBuilder::keysSortedAsQt()
{
    const QStringList keys{QStringLiteral("b"),
                           QStringLiteral("a"),
                           QStringLiteral("B"),
                           QStringLiteral("ab"),
                           QStringLiteral("a_b"),
                           QStringLiteral("a-b"),
                           QStringLiteral("A"),
                           QStringLiteral(""),
                           QString::fromUtf8("\xc3\xa9"),
                           QStringLiteral("z1"),
                           QStringLiteral("z10"),
                           QStringLiteral("z2"),
                           QString::fromUtf8("\xef\xbc\xa1"),
                           QString::fromUtf8("\xf0\x9f\x98\x80")};
    json::Object o;
    QJsonObject q;
    int n = 0;
    for (const QString &k : keys) {
        o[k] = n;
        q[k] = n;
        ++n;
    }
    // A key set again keeps one member with the last value, as in QJsonObject.
    o[QStringLiteral("a")] = QStringLiteral("again");
    q[QStringLiteral("a")] = QStringLiteral("again");
    o.insert(QStringLiteral("b"), json::Value());
    q.insert(QStringLiteral("b"), QJsonValue::Null);
    QCOMPARE(o.toBytes(), QJsonDocument(q).toJson(QJsonDocument::Compact));
    QCOMPARE(o.size(), q.size());
    // Nested, with arrays and every value type.
    json::Array a{1, 2.5, true, false, json::Value(), QStringLiteral("x"), json::Object{}, json::Array{}};
    QJsonArray qa{1, 2.5, true, false, QJsonValue::Null, QStringLiteral("x"), QJsonObject{}, QJsonArray{}};
    const json::Object outer{{QStringLiteral("list"), a}, {QStringLiteral("obj"), o}};
    const QJsonObject qouter{{QStringLiteral("list"), qa}, {QStringLiteral("obj"), q}};
    QCOMPARE(outer.toBytes(), QJsonDocument(qouter).toJson(QJsonDocument::Compact));
    // (Qt's parser orders keys outside the BMP differently from QJsonObject::insert, so the
    // conversion back is compared on BMP keys only.)
    const json::Object bmp{{QStringLiteral("list"), a}, {QString::fromUtf8("\xc3\xa9"), 1}, {QStringLiteral("A"), 2}};
    const QJsonObject qbmp{{QStringLiteral("list"), qa}, {QString::fromUtf8("\xc3\xa9"), 1}, {QStringLiteral("A"), 2}};
    QCOMPARE(bmp.toQJsonObject(), qbmp);
}

void TstJsonBuilder::sharedUntilChanged()
{
    json::Object inner{{QStringLiteral("k"), 1}};
    json::Array list{1};
    const json::Object outer{{QStringLiteral("inner"), inner}, {QStringLiteral("list"), list}};
    // Changing the originals after nesting them changes nothing already nested.
    inner[QStringLiteral("k")] = 2;
    inner[QStringLiteral("new")] = true;
    list.append(2);
    QCOMPARE(outer.toBytes(), QByteArray(R"({"inner":{"k":1},"list":[1]})"));
    QCOMPARE(inner.toBytes(), QByteArray(R"({"k":2,"new":true})"));
    json::Object copy = outer;
    copy[QStringLiteral("inner")] = QStringLiteral("replaced");
    QCOMPARE(outer.toBytes(), QByteArray(R"({"inner":{"k":1},"list":[1]})"));
    QCOMPARE(copy.toBytes(), QByteArray(R"({"inner":"replaced","list":[1]})"));
}

void TstJsonBuilder::formatEpochAsQt()
{
    auto qt = [](qint64 secs) {
        return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    };
    // Every day boundary (and the second before it) from 1600 to 2500, then random instants over
    // the whole four-digit range, negative times included.
    for (qint64 day = -135140; day <= 194800; ++day) {
        QCOMPARE(formatEpoch(day * 86400), qt(day * 86400));
        QCOMPARE(formatEpoch(day * 86400 - 1), qt(day * 86400 - 1));
    }
    QRandomGenerator rng(1234);
    const qint64 lo = -62135596800LL, hi = 253402300799LL; // 0001-01-01 .. 9999-12-31T23:59:59
    for (int i = 0; i < 200000; ++i) {
        const qint64 t = lo + qint64(rng.bounded(quint64(hi - lo + 1)));
        QCOMPARE(formatEpoch(t), qt(t));
    }
    for (qint64 t : {lo, lo - 1, hi, hi + 1, qint64(0), qint64(-1), qint64(951782400), qint64(4107542400)})
        QCOMPARE(formatEpoch(t), qt(t));
    QCOMPARE(formatTime(QDateTime()), QString());
    const QDateTime offset = QDateTime(QDate(2024, 2, 29), QTime(23, 30, 5), QTimeZone(3600 * 5));
    QCOMPARE(formatTime(offset), QStringLiteral("2024-02-29T18:30:05Z"));
}

void TstJsonBuilder::reportsAsQt_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("zone");
    // Every message fixture that has a zone file beside it (or above it), walk included: findings,
    // step titles and output bytes, non-ASCII headers and header names from the messages.
    QDirIterator it(QStringLiteral(DKIMI_TEST_DATA), {QStringLiteral("*.eml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const QString f = it.next();
        QDir d = QFileInfo(f).dir();
        QString zone;
        for (int up = 0; up < 3 && zone.isEmpty(); ++up) {
            const QStringList zones = d.entryList({QStringLiteral("*.zone")}, QDir::Files);
            if (!zones.isEmpty())
                zone = d.filePath(zones.first());
            d.cdUp();
        }
        QTest::newRow(qPrintable(QDir(QStringLiteral(DKIMI_TEST_DATA)).relativeFilePath(f))) << f << zone;
        ++n;
    }
    QVERIFY2(n > 50, "the fixtures were not found");
}

void TstJsonBuilder::reportsAsQt()
{
    QFETCH(QString, file);
    QFETCH(QString, zone);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Message m = Message::fromBytes(f.readAll(), file);
    VerifierOptions o;
    o.evaluationTime = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    if (!zone.isEmpty()) {
        auto z = ZoneFileResolver::load(zone);
        QVERIFY2(z.hasValue(), qPrintable(zone));
        o.resolver = *z;
    }
    const MessageResult r = Verifier(o).verify(m);
    for (bool walk : {false, true}) {
        const QByteArray ours = toJson(r, MimeSummary::of(m), ReportOptions{walk}).toBytes();
        const QJsonDocument doc = QJsonDocument::fromJson(ours);
        QVERIFY2(doc.isObject(), ours.left(200).constData());
        QCOMPARE(ours, doc.toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(TstJsonBuilder)
#include "tst_json_builder.moc"
