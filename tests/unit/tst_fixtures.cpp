#include "message.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QTest>

using namespace dkimi;

// Every signed fixture made by tests/data/fixtures/make_fixtures.py, against the verdicts its
// expected.tsv records (derived from how each fixture was made, not from our output).
class TstFixtures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixture_data();
    void fixture();

private:
    std::shared_ptr<const KeyResolver> m_keys;
};

static const QString kDir = QStringLiteral(DKIMI_TEST_DATA "/fixtures");

void TstFixtures::initTestCase()
{
    auto z = ZoneFileResolver::load(kDir + QStringLiteral("/keys.zone"));
    if (!z)
        QFAIL(qPrintable(z.error().toString()));
    QVERIFY2((*z)->warnings().isEmpty(), qPrintable((*z)->warnings().join(QLatin1Char('\n'))));
    m_keys = *z;
}

void TstFixtures::fixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("sigIndex");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("cryptoValid");
    QTest::addColumn<QString>("bodyHash");
    QTest::addColumn<QString>("sigValid");
    QFile f(kDir + QStringLiteral("/expected.tsv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QByteArray> header;
    int rows = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().chopped(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> c = line.split('\t');
        if (header.isEmpty()) {
            header = c;
            continue;
        }
        auto col = [&](const char *name) {
            const int i = header.indexOf(name);
            return i >= 0 && i < c.size() ? QString::fromUtf8(c.at(i)) : QString();
        };
        const QString flags = col("flags");
        const QString tag = col("file") + QLatin1Char('#') + col("sig_index");
        QTest::newRow(tag.toUtf8().constData())
            << col("file") << col("sig_index") << col("result") << col("reason")
            << (flags.isEmpty() || flags == QLatin1String("-") ? QStringList() : flags.split(QLatin1Char(',')))
            << col("crypto_valid") << col("body_hash_matches") << col("signature_valid");
        ++rows;
    }
    QVERIFY2(rows >= 40, "the fixture set looks incomplete");
}

static QString tri(const std::optional<bool> &b)
{
    return b ? (*b ? QStringLiteral("true") : QStringLiteral("false")) : QStringLiteral("null");
}

void TstFixtures::fixture()
{
    QFETCH(QString, file);
    QFETCH(QString, sigIndex);
    QFETCH(QString, result);
    QFETCH(QString, reason);
    QFETCH(QStringList, flags);
    QFETCH(QString, cryptoValid);
    QFETCH(QString, bodyHash);
    QFETCH(QString, sigValid);

    auto m = Message::fromFile(kDir + QLatin1Char('/') + file);
    if (!m)
        QFAIL(qPrintable(m.error().toString()));
    VerifierOptions o;
    o.resolver = m_keys;
    o.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    o.evaluationBasis = QStringLiteral("given");
    const MessageResult r = Verifier(o).verify(*m);
    if (sigIndex == QLatin1String("-")) {
        QVERIFY(r.signatures.isEmpty());
        QCOMPARE(QString::fromLatin1(resultName(r.result)), result);
        return;
    }
    const int idx = sigIndex.toInt();
    QVERIFY2(idx < r.signatures.size(), "fewer signatures than expected");
    const SignatureResult &s = r.signatures.at(idx);
    const QString got =
        QStringLiteral("%1(%2) flags=%3 detail=%4")
            .arg(QString::fromLatin1(resultName(s.result)), s.reason, s.flags.join(QLatin1Char(',')), s.detail);
    QVERIFY2(QString::fromLatin1(resultName(s.result)) == result, qPrintable(got));
    if (!reason.isEmpty() && reason != QLatin1String("*"))
        QVERIFY2(s.reason == reason, qPrintable(got));
    for (const QString &fl : flags)
        QVERIFY2(s.flags.contains(fl), qPrintable(QStringLiteral("missing flag %1: %2").arg(fl, got)));
    if (!cryptoValid.isEmpty() && cryptoValid != QLatin1String("*"))
        QCOMPARE(tri(s.cryptoValid), cryptoValid);
    if (!bodyHash.isEmpty() && bodyHash != QLatin1String("*"))
        QCOMPARE(tri(s.bodyHashMatches), bodyHash);
    if (!sigValid.isEmpty() && sigValid != QLatin1String("*"))
        QCOMPARE(tri(s.signatureValid), sigValid);
}

QTEST_GUILESS_MAIN(TstFixtures)
#include "tst_fixtures.moc"
