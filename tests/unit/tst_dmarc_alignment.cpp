#include "dmarc_alignment.h"

#include <QTest>

using namespace dkimi;

class TstDmarcAlignment : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void organizationalDomain_data();
    void organizationalDomain();
    void alignment_data();
    void alignment();
    void fromDomain_data();
    void fromDomain();
    void listIsDescribed();
};

void TstDmarcAlignment::organizationalDomain_data()
{
    QTest::addColumn<QByteArray>("domain");
    QTest::addColumn<QByteArray>("org");
    QTest::newRow("registered name") << QByteArray("example.com") << QByteArray("example.com");
    QTest::newRow("subdomain") << QByteArray("mail.example.com") << QByteArray("example.com");
    QTest::newRow("deep subdomain") << QByteArray("a.b.c.example.com") << QByteArray("example.com");
    QTest::newRow("two-label suffix") << QByteArray("news.bbc.co.uk") << QByteArray("bbc.co.uk");
    QTest::newRow("uppercase") << QByteArray("MAIL.Example.COM") << QByteArray("example.com");
    QTest::newRow("trailing dot") << QByteArray("mail.example.com.") << QByteArray("example.com");
    QTest::newRow("public suffix") << QByteArray("co.uk") << QByteArray();
    QTest::newRow("tld") << QByteArray("com") << QByteArray();
    QTest::newRow("private suffix") << QByteArray("someone.github.io") << QByteArray("someone.github.io");
    QTest::newRow("idn a-label") << QByteArray("mail.xn--mnchen-3ya.de") << QByteArray("xn--mnchen-3ya.de");
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TstDmarcAlignment::organizationalDomain()
{
    QFETCH(QByteArray, domain);
    QFETCH(QByteArray, org);
    QCOMPARE(DmarcAlignment::organizationalDomain(domain), org);
}

void TstDmarcAlignment::alignment_data()
{
    QTest::addColumn<QByteArray>("d");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("alignment");
    QTest::addColumn<QString>("code");
    QTest::newRow("same") << QByteArray("example.com") << QByteArray("example.com") << "strict"
                          << "dmarc_aligned_strict";
    QTest::newRow("case differs") << QByteArray("Example.COM") << QByteArray("example.com") << "strict"
                                  << "dmarc_aligned_strict";
    QTest::newRow("d= subdomain") << QByteArray("mail.example.com") << QByteArray("example.com") << "relaxed"
                                  << "dmarc_aligned_relaxed";
    QTest::newRow("from subdomain") << QByteArray("example.com") << QByteArray("news.example.com") << "relaxed"
                                    << "dmarc_aligned_relaxed";
    QTest::newRow("siblings") << QByteArray("a.example.com") << QByteArray("b.example.com") << "relaxed"
                              << "dmarc_aligned_relaxed";
    QTest::newRow("co.uk siblings") << QByteArray("bbc.co.uk") << QByteArray("itv.co.uk") << "none"
                                    << "dmarc_not_aligned";
    QTest::newRow("unrelated") << QByteArray("mailchimp.com") << QByteArray("example.com") << "none"
                               << "dmarc_not_aligned";
    QTest::newRow("suffix trick") << QByteArray("example.com.evil.net") << QByteArray("example.com") << "none"
                                  << "dmarc_not_aligned";
    QTest::newRow("d= public suffix") << QByteArray("co.uk") << QByteArray("bbc.co.uk") << "none"
                                      << "dmarc_not_aligned";
    QTest::newRow("both public suffix") << QByteArray("co.uk") << QByteArray("co.uk") << "strict"
                                        << "dmarc_public_suffix";
    QTest::newRow("github pages users") << QByteArray("alice.github.io") << QByteArray("bob.github.io") << "none"
                                        << "dmarc_not_aligned";
    QTest::newRow("idn as written") << QByteArray("mail.xn--mnchen-3ya.de") << QByteArray("xn--mnchen-3ya.de")
                                    << "relaxed"
                                    << "dmarc_aligned_relaxed";
    QTest::newRow("idn forms differ") << QByteArray("xn--mnchen-3ya.de") << QByteArray("m\xc3\xbcnchen.de") << "none"
                                      << "dmarc_not_aligned";
    QTest::newRow("no from") << QByteArray("example.com") << QByteArray() << "none"
                             << "dmarc_no_from_domain";
}

void TstDmarcAlignment::alignment()
{
    QFETCH(QByteArray, d);
    QFETCH(QByteArray, from);
    QFETCH(QString, alignment);
    QFETCH(QString, code);
    const AlignmentResult r = DmarcAlignment::check(d, from);
    QCOMPARE(QString::fromLatin1(alignmentName(r.alignment)), alignment);
    QCOMPARE(r.code, code);
    QVERIFY(!r.detail.isEmpty());
    QCOMPARE(r.relaxed(), alignment != QLatin1String("none"));
}

void TstDmarcAlignment::fromDomain_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("domain");
    QTest::addColumn<int>("mailboxes");
    QTest::newRow("bare") << QByteArray(" joe@Example.COM") << QByteArray("example.com") << 1;
    QTest::newRow("angle") << QByteArray(" Joe Q. Public <john.q.public@example.com>") << QByteArray("example.com")
                           << 1;
    QTest::newRow("quoted @ in name") << QByteArray(" \"ceo@bank.com\" <x@evil.net>") << QByteArray("evil.net") << 1;
    QTest::newRow("comment") << QByteArray(" Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")
                             << QByteArray("silly.test") << 1;
    QTest::newRow("folded") << QByteArray(" Mary Smith\r\n <mary@x.test>") << QByteArray("x.test") << 1;
    QTest::newRow("two mailboxes") << QByteArray(" a@one.test, b@two.test") << QByteArray() << 2;
    QTest::newRow("none") << QByteArray(" undisclosed") << QByteArray() << 0;
}

void TstDmarcAlignment::fromDomain()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, domain);
    QFETCH(int, mailboxes);
    int n = -1;
    QCOMPARE(DmarcAlignment::fromDomain(value, &n), domain);
    QCOMPARE(n, mailboxes);
}

void TstDmarcAlignment::listIsDescribed()
{
    QVERIFY(DmarcAlignment::listDescription().contains(QLatin1String("libpsl")));
    QVERIFY(DmarcAlignment::isPublicSuffix("co.uk"));
    QVERIFY(!DmarcAlignment::isPublicSuffix("bbc.co.uk"));
}

QTEST_GUILESS_MAIN(TstDmarcAlignment)
#include "tst_dmarc_alignment.moc"
