// FieldLocator and CanonicalMap: which field a byte belongs to, and how bytes of the stored message map
// to the header hash input and the canonical body (and back), checked against the core's own output.
#include "canonical_map.h"
#include "canonicalizer.h"
#include "evidence_loader.h"
#include "field_locator.h"
#include "zone_file_resolver.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

class TestFieldLocator : public QObject {
    Q_OBJECT

private:
    VerificationSettings m_settings;

    EvidencePtr load(const QString &path) { return EvidenceLoader::load(path, m_settings); }

    static QByteArray slice(const QByteArray &b, const ByteRange &r) { return b.mid(r.offset, r.length); }

private Q_SLOTS:
    void initTestCase()
    {
        auto zone = ZoneFileResolver::load(QStringLiteral(DKIMI_SAMPLES "/keys.zone"));
        QVERIFY(zone.hasValue());
        m_settings.resolver = *zone;
        m_settings.now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    }

    // The byte-exact maps must agree with the core's canonicalization on every sample and every
    // fixture (all canonicalizations, folded and odd whitespace, bare LF files, l=, several signatures).
    void mapsAreExact_data()
    {
        QTest::addColumn<QString>("path");
        QStringList files = EvidenceLoader::messageFiles(QStringLiteral(DKIMI_SAMPLES));
        files += EvidenceLoader::messageFiles(QStringLiteral(DKIMI_TEST_DATA "/fixtures"));
        files += EvidenceLoader::messageFiles(QStringLiteral(DKIMI_TEST_DATA "/canon"));
        QVERIFY(files.size() > 50);
        for (const QString &f : std::as_const(files))
            QTest::newRow(qPrintable(QDir(QStringLiteral(DKIMI_TEST_DATA)).relativeFilePath(f))) << f;
    }

    void mapsAreExact()
    {
        QFETCH(QString, path);
        const EvidencePtr e = load(path);
        QVERIFY(e->message);
        FieldLocator loc(e);
        for (int s = 0; s < e->result.signatures.size(); ++s) {
            if (e->result.signatures.at(s).headerHashInput.isEmpty())
                continue; // the check stopped before hashing: nothing to map
            QVERIFY2(loc.isExact(s), qPrintable(QStringLiteral("signature %1").arg(s + 1)));
        }
    }

    void relaxedHeaderMapFollowsCanonicalizer()
    {
        const QByteArray field = "SubJect \t:  Hello\r\n   wide \t world  \r\n";
        QList<qsizetype> org;
        for (qsizetype i = 0; i < field.size(); ++i)
            org << 100 + i;
        const CanonicalMap::Mapped m = CanonicalMap::header(Canonicalization::Relaxed, field, org);
        QCOMPARE(m.bytes, Canonicalizer::header(Canonicalization::Relaxed, field));
        QCOMPARE(m.bytes, QByteArray("subject:Hello wide world\r\n"));
        QCOMPARE(m.origin.size(), m.bytes.size());
        QCOMPARE(m.origin.at(m.bytes.indexOf("wide")), 100 + field.indexOf("wide"));
    }

    void bodyMapsFollowCanonicalizer_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("plain") << QByteArray("Hi\r\n\r\nthere\r\n");
        QTest::newRow("trailing blank lines") << QByteArray("a  b \t\r\n\r\n\r\n");
        QTest::newRow("no final CRLF") << QByteArray("x\ty");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n");
        QTest::newRow("spaces only line") << QByteArray("a\r\n   \r\nb\r\n");
    }

    void bodyMapsFollowCanonicalizer()
    {
        QFETCH(QByteArray, body);
        for (Canonicalization c : {Canonicalization::Simple, Canonicalization::Relaxed}) {
            const CanonicalMap::Mapped m = CanonicalMap::body(c, body, 10);
            QCOMPARE(m.bytes, Canonicalizer::body(c, body));
            QCOMPARE(m.origin.size(), m.bytes.size());
            for (qsizetype o : m.origin)
                QVERIFY(o >= 10 && o <= 10 + qMax<qsizetype>(0, body.size()));
        }
    }

    void byteInTagSelectsTag()
    {
        const EvidencePtr e = load(QStringLiteral(DKIMI_SAMPLES "/01_intact.eml"));
        FieldLocator loc(e);
        const QByteArray raw = e->message->raw();
        const qsizetype at = raw.indexOf("s=newsroom2024") + 4;
        const FieldSelection sel = loc.fieldAt(SourceId::RawMessage, at, 0);
        QCOMPARE(sel.tag, QByteArray("s"));
        QCOMPARE(sel.signature, 0);
        QCOMPARE(slice(raw, sel.ranges.first()), QByteArray("newsroom2024"));
        // The same tag inside the header hash input.
        const QList<ByteRange> all = loc.expand(sel.ranges, 0);
        bool found = false;
        for (const ByteRange &r : all) {
            if (r.source == SourceId::CanonHeaders) {
                QCOMPARE(slice(e->result.signatures.at(0).headerHashInput, r), QByteArray("newsroom2024"));
                found = true;
            }
        }
        QVERIFY(found);
    }

    void headerMapsToItsCanonicalForm()
    {
        const EvidencePtr e = load(QStringLiteral(DKIMI_SAMPLES "/05_partial_body.eml"));
        FieldLocator loc(e);
        const QByteArray raw = e->message->raw();
        const FieldSelection sel = loc.fieldAt(SourceId::RawMessage, raw.indexOf("Subject: Newsletter") + 2, 0);
        QVERIFY(sel.headerIndex >= 0);
        QCOMPARE(slice(raw, sel.ranges.first()), QByteArray("Subject: Newsletter: March\r\n"));
        QList<ByteRange> canon;
        for (const ByteRange &r : loc.expand(sel.ranges, 0)) {
            if (r.source == SourceId::CanonHeaders)
                canon << r;
        }
        QCOMPARE(canon.size(), 1);
        QCOMPARE(slice(e->result.signatures.at(0).headerHashInput, canon.first()),
                 QByteArray("subject:Newsletter: March\r\n"));
        // And back: a byte of the canonical form finds the raw header.
        const FieldSelection back = loc.fieldAt(SourceId::CanonHeaders, canon.first().offset + 3, 0);
        QCOMPARE(back.headerIndex, sel.headerIndex);
    }

    void bodyByteSelectsItsLine()
    {
        const EvidencePtr e = load(QStringLiteral(DKIMI_SAMPLES "/05_partial_body.eml"));
        FieldLocator loc(e);
        const QByteArray raw = e->message->raw();
        const qsizetype at = raw.indexOf("IBAN XX00");
        const FieldSelection sel = loc.fieldAt(SourceId::RawMessage, at + 5, 0);
        QCOMPARE(slice(raw, sel.ranges.first()),
                 QByteArray("IBAN XX00 0000 0000 0000 0000 00. Ask nobody; this is urgent.\r\n"));
        QVERIFY(sel.label.startsWith(QLatin1String("Body line")));
        // Its canonical bytes lie beyond l=64: the part nobody signed.
        for (const ByteRange &r : loc.expand(sel.ranges, 0)) {
            if (r.source == SourceId::CanonBody)
                QVERIFY(r.offset >= 64);
        }
    }

    void bareLfFileMapsToStoredBytes()
    {
        const EvidencePtr e = load(QStringLiteral(DKIMI_TEST_DATA "/fixtures/lf_line_endings.eml"));
        QVERIFY(e->message->hasBareLf());
        FieldLocator loc(e);
        const QByteArray raw = e->message->raw();
        const qsizetype at = raw.indexOf("\nSubject:") + 1;
        QVERIFY(at > 0);
        const FieldSelection sel = loc.fieldAt(SourceId::RawMessage, at + 1, 0);
        QVERIFY(sel.headerIndex >= 0);
        QVERIFY(slice(raw, sel.ranges.first()).startsWith("Subject:"));
        QVERIFY(slice(raw, sel.ranges.first()).endsWith("\n"));
        QVERIFY(!slice(raw, sel.ranges.first()).endsWith("\r\n"));
    }
};

QTEST_MAIN(TestFieldLocator)
#include "tst_field_locator.moc"
