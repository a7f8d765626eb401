#include "tag_list.h"

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

QTEST_GUILESS_MAIN(TstTagList)
#include "tst_tag_list.moc"
