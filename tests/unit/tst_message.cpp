#include "message.h"
#include "mime_summary.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace dkimi;

class TstMessage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsHeadersAndBody();
    void keepsFolding();
    void lfOnlyIsNormalised();
    void mixedLineEndings();
    void mboxFromLineSkipped();
    void malformedHeaderLineKept();
    void noBlankLine();
    void spaceBeforeColon();
    void unreadableFileNamesTheFile();
    void readsExactBytes();
    void lineEndingsAgainstAPlainCopy();
    void headerTextDecoding_data();
    void headerTextDecoding();
    void headerTextShortcutIsGMime();
};

void TstMessage::splitsHeadersAndBody()
{
    const QByteArray raw("From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n");
    const Message m = Message::fromBytes(raw);
    QCOMPARE(m.headers().size(), 2);
    QCOMPARE(m.headers().at(0).name, QByteArray("From"));
    QCOMPARE(m.headerBytes(m.headers().at(1)), QByteArrayView("Subject: hi\r\n"));
    QCOMPARE(m.headerValue(m.headers().at(1)), QByteArrayView(" hi"));
    QCOMPARE(m.body(), QByteArrayView("body\r\n"));
    QCOMPARE(m.bodyOffset(), raw.indexOf("body"));
    QVERIFY(!m.hasBareLf());
    QVERIFY(m.parseFindings().isEmpty());
}

void TstMessage::keepsFolding()
{
    const QByteArray raw("Subject: one\r\n\ttwo\r\n  three\r\nTo: x\r\n\r\n");
    const Message m = Message::fromBytes(raw);
    QCOMPARE(m.headers().size(), 2);
    QCOMPARE(m.headers().at(0).lineCount, 3);
    QCOMPARE(m.headerBytes(m.headers().at(0)), QByteArrayView("Subject: one\r\n\ttwo\r\n  three\r\n"));
    QCOMPARE(m.headerIndexes("subject"), QList<int>{0});
    QCOMPARE(m.headerIndexes("TO"), QList<int>{1});
}

void TstMessage::lfOnlyIsNormalised()
{
    const QByteArray raw("From: a\nSubject: b\n\nline1\nline2\n");
    const Message m = Message::fromBytes(raw);
    QVERIFY(m.hasBareLf());
    QVERIFY(!m.hasMixedLineEndings());
    QCOMPARE(m.bareLfCount(), 5);
    QCOMPARE(m.data(), QByteArray("From: a\r\nSubject: b\r\n\r\nline1\r\nline2\r\n"));
    QCOMPARE(m.raw(), raw); // the stored bytes are untouched
    // Offsets map back to the stored file.
    const HeaderField &subject = m.headers().at(1);
    const ByteRange r = m.rawRange(subject.offset, subject.length);
    QCOMPARE(raw.mid(r.offset, r.length), QByteArray("Subject: b\n"));
    const ByteRange body = m.rawRange(m.bodyOffset(), m.body().size());
    QCOMPARE(raw.mid(body.offset, body.length), QByteArray("line1\nline2\n"));
}

void TstMessage::mixedLineEndings()
{
    const Message m = Message::fromBytes("From: a\r\nTo: b\n\r\nx\n");
    QVERIFY(m.hasBareLf());
    QVERIFY(m.hasMixedLineEndings());
    QCOMPARE(m.data(), QByteArray("From: a\r\nTo: b\r\n\r\nx\r\n"));
}

void TstMessage::mboxFromLineSkipped()
{
    const Message m = Message::fromBytes("From alice@example.com Mon Jan  1 00:00:00 2024\r\nFrom: a\r\n\r\nx\r\n");
    QVERIFY(m.hasMboxFromLine());
    QCOMPARE(m.headers().size(), 1);
    QCOMPARE(m.headers().at(0).name, QByteArray("From"));
}

void TstMessage::malformedHeaderLineKept()
{
    const Message m = Message::fromBytes("From: a\r\nthis is not a header\r\nTo: b\r\n\r\nx\r\n");
    QCOMPARE(m.headers().size(), 3);
    QVERIFY(m.headers().at(1).name.isEmpty());
    QCOMPARE(m.parseFindings().size(), 1);
    QCOMPARE(m.parseFindings().at(0).code, QStringLiteral("malformed_header_line"));
    QCOMPARE(m.headerIndexes("To"), QList<int>{2});
}

void TstMessage::noBlankLine()
{
    const Message m = Message::fromBytes("From: a\r\nTo: b\r\n");
    QCOMPARE(m.headers().size(), 2);
    QVERIFY(!m.hasBodySeparator());
    QVERIFY(m.body().isEmpty());
}

void TstMessage::spaceBeforeColon()
{
    const Message m = Message::fromBytes("Subject : x\r\n\r\n");
    QCOMPARE(m.headers().at(0).name, QByteArray("Subject"));
}

void TstMessage::unreadableFileNamesTheFile()
{
    const auto r = Message::fromFile(QStringLiteral("/nonexistent/dir/evidence.eml"));
    QVERIFY(!r);
    QCOMPARE(r.error().file, QStringLiteral("/nonexistent/dir/evidence.eml"));
    QVERIFY(r.error().toString().contains(QStringLiteral("evidence.eml")));
}

void TstMessage::readsExactBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.eml"));
    QByteArray bytes("From: a\r\n\r\n\x00\xff\x80 binary\r\n", 23);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QFile::setPermissions(path, QFileDevice::ReadOwner); // evidence may be read-only
    const auto m = Message::fromFile(path);
    QVERIFY(m);
    QCOMPARE(m->raw(), bytes);
    // The evidence hash (OpenSSL) agrees with an independent implementation (Qt's).
    QCOMPARE(m->sha256Hex(), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// LF -> CRLF against the plainest rewrite there is (byte by byte), on random mixes of CR, LF, CRLF
// and text: the bytes, the counts, and every data() offset mapped back to the stored bytes.
void TstMessage::lineEndingsAgainstAPlainCopy()
{
    QRandomGenerator rng(4711);
    const QList<QByteArray> pieces = {"a", "bc", "\n", "\r\n", "\r", "\n\n", "From: x", " "};
    for (int n = 0; n < 3000; ++n) {
        QByteArray raw;
        const int len = int(rng.bounded(40));
        for (int i = 0; i < len; ++i)
            raw += pieces.at(int(rng.bounded(pieces.size())));
        QByteArray want;
        QList<qsizetype> rawOf; // want's offset -> raw offset
        qsizetype bare = 0, crlf = 0;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i) == '\n' && (i == 0 || raw.at(i - 1) != '\r')) {
                want += '\r';
                rawOf << i;
                ++bare;
            } else if (raw.at(i) == '\n') {
                ++crlf;
            }
            want += raw.at(i);
            rawOf << i;
        }
        rawOf << raw.size();
        const Message m = Message::fromBytes(raw);
        QCOMPARE(m.data(), want);
        QCOMPARE(m.raw(), raw);
        QCOMPARE(m.bareLfCount(), bare);
        QCOMPARE(m.hasMixedLineEndings(), bare > 0 && crlf > 0);
        for (qsizetype o = 0; o <= want.size(); ++o) {
            // An inserted CR maps to the LF it stands before.
            QCOMPARE(m.rawOffset(o), rawOf.at(o));
        }
    }
}

void TstMessage::headerTextDecoding_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray(" Quarterly report ") << QStringLiteral("Quarterly report");
    QTest::newRow("folded, tabs") << QByteArray("a long\r\n\tsubject  line") << QStringLiteral("a long subject line");
    QTest::newRow("encoded word") << QByteArray("=?UTF-8?B?w6l0w6k=?= report")
                                  << QStringLiteral("\u00e9t\u00e9 report");
    QTest::newRow("q-encoding") << QByteArray("=?ISO-8859-1?Q?Gr=FC=DFe?=") << QStringLiteral("Gr\u00fc\u00dfe");
    QTest::newRow("raw UTF-8") << QByteArray("Gr\xc3\xbc\xc3\x9f") << QStringLiteral("Gr\u00fc\u00df");
    QTest::newRow("=? not an encoded word") << QByteArray("what =? is this") << QStringLiteral("what =? is this");
}

void TstMessage::headerTextDecoding()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    QCOMPARE(MimeSummary::decodeText(raw), text);
    QCOMPARE(MimeSummary::decodeText(raw, false), text);
}

// The shortcut for text with nothing to decode gives what GMime gives, for any mix of the bytes
// that matter: whitespace, folding, "=?" pieces, encoded words, quotes, controls, 8-bit, NUL.
void TstMessage::headerTextShortcutIsGMime()
{
    const QList<QByteArray> pieces = {"a",
                                      "Z",
                                      "7",
                                      " ",
                                      "  ",
                                      "\t",
                                      "\r\n ",
                                      "\r\n\t",
                                      "=",
                                      "?",
                                      "=?",
                                      "?=",
                                      "\"",
                                      "(",
                                      ")",
                                      "\\",
                                      "_",
                                      ",",
                                      ";",
                                      "\x01",
                                      "\x7f",
                                      "\xc3\xa9",
                                      "\xe9",
                                      "\r",
                                      "\n",
                                      "=?UTF-8?B?w6k=?=",
                                      "=?us-ascii?Q?x_y?=",
                                      QByteArray("\0", 1)};
    QRandomGenerator rng(20261129);
    int shortcut = 0;
    for (int n = 0; n < 20000; ++n) {
        QByteArray raw;
        const int len = int(rng.bounded(12));
        for (int i = 0; i < len; ++i)
            raw += pieces.at(int(rng.bounded(pieces.size())));
        // Plain ASCII most of the time, as real Subject and From values are.
        if (n % 2)
            raw.replace("=?", "=-").replace('\0', 'x').replace("\xc3\xa9", "e").replace('\xe9', 'e');
        const QString fast = MimeSummary::decodeText(raw);
        const QString gmime = MimeSummary::decodeText(raw, false);
        if (fast != gmime)
            QFAIL(qPrintable(
                QStringLiteral("%1: %2 != %3").arg(QString::fromLatin1(raw.toPercentEncoding()), fast, gmime)));
        shortcut += !raw.contains("=?") && !raw.contains('\0');
    }
    QVERIFY(shortcut > 5000); // the shortcut was really taken
}

QTEST_GUILESS_MAIN(TstMessage)
#include "tst_message.moc"
