#include "body_hash_stream.h"
#include "canonicalizer.h"
#include "crypto.h"
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
    void streamMatchesCanonicalizer_data();
    void streamMatchesCanonicalizer();
    void streamRandomBodies();
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

namespace {

// The un-quoting the verifier's visible step does: one '>' off every line matching ^>+From .
QByteArray unquoteReference(const QByteArray &body, qsizetype *count)
{
    QByteArray out;
    *count = 0;
    qsizetype start = 0;
    while (start < body.size()) {
        const qsizetype eol = body.indexOf('\n', start);
        const qsizetype end = eol < 0 ? body.size() : eol + 1;
        const QByteArray line = body.mid(start, end - start);
        qsizetype q = 0;
        while (q < line.size() && line.at(q) == '>')
            ++q;
        if (q > 0 && line.mid(q).startsWith("From ")) {
            out += line.mid(1);
            ++*count;
        } else {
            out += line;
        }
        start = end;
    }
    return out;
}

// RFC 6376 §3.4.4 read literally, line by line: an independent check of the fast canonicalizers.
QByteArray naiveRelaxed(const QByteArray &body)
{
    QList<QByteArray> lines = body.split('\n');
    QList<QByteArray> out;
    QByteArray pending; // a line's bytes so far (split on LF; a line ends only at CRLF)
    for (qsizetype i = 0; i < lines.size(); ++i) {
        pending += lines.at(i);
        const bool last = i + 1 == lines.size();
        if (!last && !pending.endsWith('\r')) {
            pending += '\n'; // a bare LF is content
            continue;
        }
        if (!last)
            pending.chop(1); // the CR of the CRLF
        if (last && pending.isEmpty())
            break;
        QByteArray l;
        bool space = false;
        for (char c : std::as_const(pending)) {
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space)
                l += ' ';
            space = false;
            l += c;
        }
        out << l;
        pending.clear();
    }
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    QByteArray r;
    for (const QByteArray &l : std::as_const(out))
        r += l + "\r\n";
    return r;
}

// What the full path hashes: the canonical body, cut at l= when l= is not beyond it.
QByteArray referenceHash(Canonicalization c, const QByteArray &body, qint64 limit, qint64 *length)
{
    const QByteArray canon = Canonicalizer::body(c, body);
    *length = canon.size();
    const QByteArrayView hashed =
        limit >= 0 && limit <= canon.size() ? QByteArrayView(canon).first(qsizetype(limit)) : QByteArrayView(canon);
    return digest(HashAlgorithm::Sha256, hashed);
}

// Feeds `body` to the stream split at every position in `cuts`.
QByteArray streamInPieces(Canonicalization c, const QByteArray &body, qint64 limit, const QList<qsizetype> &cuts,
                          qint64 *length)
{
    BodyHashStream s(c, HashAlgorithm::Sha256, limit);
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        s.add(QByteArrayView(body).sliced(from, cut - from));
        from = cut;
    }
    s.add(QByteArrayView(body).sliced(from));
    return s.finish(length);
}

} // namespace

void TstCanonicalizer::streamMatchesCanonicalizer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only CRLF") << QByteArray("\r\n");
    QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n\r\n");
    QTest::newRow("no final CRLF") << QByteArray("abc");
    QTest::newRow("trailing WSP, no CRLF") << QByteArray("abc \t");
    QTest::newRow("WSP-only lines at end") << QByteArray("a\r\n \r\n\t\r\n\r\n");
    QTest::newRow("empty lines inside") << QByteArray("a\r\n\r\n\r\nb\r\n");
    QTest::newRow("bare CR at end") << QByteArray("abc\r");
    QTest::newRow("only a CR") << QByteArray("\r");
    QTest::newRow("CR CR LF") << QByteArray("a\r\r\nb\r\n");
    QTest::newRow("bare LF") << QByteArray("a\nb\r\n");
    QTest::newRow("WSP before CR") << QByteArray("a \r\r\n");
    QTest::newRow("leading WSP") << QByteArray("  a  b \r\n");
    QTest::newRow("quoted From") << QByteArray("x\r\n>From here\r\n>>From there\r\n> From no\r\nz>From no\r\n");
    QTest::newRow("quoted From first") << QByteArray(">From a\r\n\r\n");
    QTest::newRow("long line") << QByteArray(20000, 'x') + "  y\r\n" + QByteArray(9000, ' ') + "\r\n";
}

void TstCanonicalizer::streamMatchesCanonicalizer()
{
    QFETCH(QByteArray, body);
    for (Canonicalization c : {Canonicalization::Simple, Canonicalization::Relaxed}) {
        for (qint64 limit :
             {qint64(-1), qint64(0), qint64(1), qint64(3), qint64(body.size()), qint64(body.size() + 5)}) {
            qint64 refLen = 0, len = -1;
            const QByteArray ref = referenceHash(c, body, limit, &refLen);
            QCOMPARE(BodyHashStream::hash(c, HashAlgorithm::Sha256, body, limit, &len), ref);
            QCOMPARE(len, refLen);
            // Split at every position.
            for (qsizetype cut = 0; cut <= body.size() && body.size() < 100; ++cut) {
                len = -1;
                QCOMPARE(streamInPieces(c, body, limit, {cut}, &len), ref);
                QCOMPARE(len, refLen);
            }
            // Undoing mbox quoting.
            qsizetype refCount = 0, count = -1;
            const QByteArray unquoted = unquoteReference(body, &refCount);
            const QByteArray refUnquoted = referenceHash(c, unquoted, limit, &refLen);
            QCOMPARE(BodyHashStream::hash(c, HashAlgorithm::Sha256, body, limit, &len, true, &count), refUnquoted);
            QCOMPARE(len, refLen);
            QCOMPARE(count, refCount);
        }
    }
}

// Random bodies over the bytes that matter to canonicalization, cut into random pieces.
void TstCanonicalizer::streamRandomBodies()
{
    static const char alphabet[] = {'a', ' ', '\t', '\r', '\n', '\r', '\n', '>', 'F', 'r', 'o', 'm', 'x'};
    quint32 seed = 12345;
    auto next = [&seed](quint32 n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int round = 0; round < 3000; ++round) {
        QByteArray body;
        const int n = int(next(round < 2500 ? 40 : 30000));
        for (int i = 0; i < n; ++i) {
            if (next(20) == 0)
                body += "\r\n>From ";
            else
                body += alphabet[next(sizeof alphabet)];
        }
        QList<qsizetype> cuts;
        for (qsizetype at = 0; n > 0 && cuts.size() < 5;) {
            at += qsizetype(next(quint32(n))) + 1;
            if (at >= body.size())
                break;
            cuts << at;
        }
        QCOMPARE(Canonicalizer::body(Canonicalization::Relaxed, body), naiveRelaxed(body));
        const Canonicalization c = next(2) ? Canonicalization::Simple : Canonicalization::Relaxed;
        const qint64 limit = next(3) == 0 ? qint64(next(quint32(n + 4))) : -1;
        qint64 refLen = 0, len = -1;
        const QByteArray ref = referenceHash(c, body, limit, &refLen);
        QCOMPARE(streamInPieces(c, body, limit, cuts, &len), ref);
        QCOMPARE(len, refLen);
        qsizetype refCount = 0, count = -1;
        const QByteArray refUnquoted = referenceHash(c, unquoteReference(body, &refCount), limit, &refLen);
        QCOMPARE(BodyHashStream::hash(c, HashAlgorithm::Sha256, body, limit, &len, true, &count), refUnquoted);
        QCOMPARE(len, refLen);
        QCOMPARE(count, refCount);
    }
}

QTEST_GUILESS_MAIN(TstCanonicalizer)
#include "tst_canonicalizer.moc"
