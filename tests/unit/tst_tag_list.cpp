#include "tag_list.h"

#include <QRandomGenerator>
#include <QTest>

using namespace dkimi;

class TstTagList : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void byteRanges();
    void base64_data();
    void base64();
    void base64AsQtStrict();
};

void TstTagList::valid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("simple") << QByteArray("v=1; a=rsa-sha256") << QStringList{"v", "a"}
                            << QStringList{"1", "rsa-sha256"};
    QTest::newRow("trailing semicolon") << QByteArray("v=1;") << QStringList{"v"} << QStringList{"1"};
    QTest::newRow("fws around") << QByteArray(" v = 1 ;\r\n\ta =\r\n rsa-sha256 ") << QStringList{"v", "a"}
                                << QStringList{"1", "rsa-sha256"};
    QTest::newRow("empty value") << QByteArray("p=; k=rsa") << QStringList{"p", "k"} << QStringList{"", "rsa"};
    QTest::newRow("inner whitespace kept")
        << QByteArray("n=A 1024 bit key;") << QStringList{"n"} << QStringList{"A 1024 bit key"};
    QTest::newRow("folded base64") << QByteArray("b=abc\r\n def\r\n\tghi") << QStringList{"b"}
                                   << QStringList{"abc\r\n def\r\n\tghi"};
    QTest::newRow("underscore and digits in name") << QByteArray("x_1=y") << QStringList{"x_1"} << QStringList{"y"};
    QTest::newRow("empty list") << QByteArray("") << QStringList{} << QStringList{};
    QTest::newRow("value with equals") << QByteArray("bh=abc=;") << QStringList{"bh"} << QStringList{"abc="};
}

void TstTagList::valid()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, names);
    QFETCH(QStringList, values);
    const TagList t = TagList::parse(text);
    QVERIFY2(t.isValid(), qPrintable(t.errorMessage()));
    QCOMPARE(t.tags().size(), names.size());
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(QString::fromLatin1(t.tags().at(i).name), names.at(i));
        QCOMPARE(QString::fromLatin1(t.tags().at(i).value), values.at(i));
    }
}

void TstTagList::invalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("kind");
    QTest::newRow("duplicate") << QByteArray("d=a; d=b") << int(TagList::ErrorKind::DuplicateTag);
    QTest::newRow("no equals") << QByteArray("d example.com") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("name starts with digit") << QByteArray("1a=b") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("double semicolon") << QByteArray("a=b;;c=d") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("8-bit in value") << QByteArray("a=caf\xc3\xa9") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("stray CR in value (fuzz hang)") << QByteArray("a=b\rc") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("stray LF in value") << QByteArray("a=b\nc") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("line break without WSP") << QByteArray("a=b\r\nc=d") << int(TagList::ErrorKind::Syntax);
    QTest::newRow("case-sensitive names are distinct, same case duplicates")
        << QByteArray("a=1; A=2; a=3") << int(TagList::ErrorKind::DuplicateTag);
}

void TstTagList::invalid()
{
    QFETCH(QByteArray, text);
    QFETCH(int, kind);
    const TagList t = TagList::parse(text);
    QVERIFY(!t.isValid());
    QCOMPARE(int(t.errorKind()), kind);
    QVERIFY(!t.errorMessage().isEmpty());
}

void TstTagList::byteRanges()
{
    const QByteArray text(" v=1;  d = example.com ;\r\n b=AAAA");
    const TagList t = TagList::parse(text);
    QVERIFY(t.isValid());
    const Tag *d = t.find("d");
    QVERIFY(d);
    QCOMPARE(text.mid(d->nameOffset, 1), QByteArray("d"));
    QCOMPARE(text.mid(d->valueOffset, d->valueLength), QByteArray("example.com"));
    QCOMPARE(text.at(d->equalsOffset), '=');
    const Tag *b = t.find("b");
    QVERIFY(b);
    // The spec runs from after the previous ';' to the end (or the next ';').
    QCOMPARE(text.mid(b->specOffset, b->specLength), QByteArray("\r\n b=AAAA"));
}

void TstTagList::base64_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("plain") << QByteArray("YWJj") << true << QByteArray("abc");
    QTest::newRow("padding") << QByteArray("YWI=") << true << QByteArray("ab");
    QTest::newRow("bad char") << QByteArray("@@@@") << false << QByteArray();
    QTest::newRow("data after padding") << QByteArray("YW=j") << false << QByteArray();
    QTest::newRow("wrong length") << QByteArray("YWJ") << false << QByteArray();
    QTest::newRow("empty") << QByteArray("") << true << QByteArray();
    QTest::newRow("three pads") << QByteArray("YW===") << false << QByteArray();
    QTest::newRow("only pads") << QByteArray("====") << false << QByteArray();
    QTest::newRow("two pads") << QByteArray("YQ==") << true << QByteArray("a");
    QTest::newRow("url-safe alphabet") << QByteArray("YW-_") << false << QByteArray();
    QTest::newRow("whitespace inside") << QByteArray("YW Jj") << false << QByteArray();
    QTest::newRow("nul") << QByteArray("YWJ\0", 4) << false << QByteArray();
}

void TstTagList::base64()
{
    QFETCH(QByteArray, in);
    QFETCH(bool, ok);
    QFETCH(QByteArray, decoded);
    QByteArray out;
    QCOMPARE(decodeBase64Strict(in, &out), ok);
    if (ok)
        QCOMPARE(out, decoded);
    QCOMPARE(stripFws(" a\r\n\tb c "), QByteArray("abc"));
}

// decodeBase64Strict decodes by itself (one pass); it must accept and decode exactly as the
// check-then-QByteArray::fromBase64Encoding it replaced, on random strings near the alphabet.
void TstTagList::base64AsQtStrict()
{
    auto reference = [](const QByteArray &in, QByteArray *out) {
        qsizetype pad = 0;
        for (char c : in) {
            if (c == '=') {
                ++pad;
                continue;
            }
            const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (pad > 0 || !(alpha || (c >= '0' && c <= '9') || c == '+' || c == '/'))
                return false;
        }
        if (pad > 2 || in.size() % 4 != 0)
            return false;
        auto r = QByteArray::fromBase64Encoding(in, QByteArray::AbortOnBase64DecodingErrors);
        if (!r)
            return false;
        *out = *r;
        return true;
    };
    const QByteArray chars("ABCXYZabcxyz0189+/=-_ \t\r\n@");
    QRandomGenerator rng(20261129);
    int accepted = 0;
    for (int i = 0; i < 200000; ++i) {
        QByteArray in;
        const int len = int(rng.bounded(13));
        for (int k = 0; k < len; ++k) {
            // Mostly the alphabet, so that many strings are valid.
            in +=
                rng.bounded(10) < 8 ? "ABCXYZabcxyz0189+/"[rng.bounded(18)] : chars.at(int(rng.bounded(chars.size())));
        }
        if (rng.bounded(4) == 0)
            in += rng.bounded(2) ? "=" : "==";
        QByteArray ours, theirs;
        const bool ok = decodeBase64Strict(in, &ours);
        QCOMPARE(ok, reference(in, &theirs));
        if (ok) {
            QCOMPARE(ours, theirs);
            ++accepted;
        }
    }
    QVERIFY(accepted > 10000);
    // A real signature's b= (2048-bit RSA) round-trips.
    QByteArray sig(256, Qt::Uninitialized);
    for (int i = 0; i < sig.size(); ++i)
        sig[i] = char(rng.bounded(256));
    QByteArray out;
    QVERIFY(decodeBase64Strict(sig.toBase64(), &out));
    QCOMPARE(out, sig);
}

QTEST_GUILESS_MAIN(TstTagList)
#include "tst_tag_list.moc"
