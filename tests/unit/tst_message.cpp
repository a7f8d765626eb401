#include "message.h"

#include <QCryptographicHash>
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

QTEST_GUILESS_MAIN(TstMessage)
#include "tst_message.moc"
