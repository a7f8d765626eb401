#include "dkim_signature.h"
#include "key_record.h"
#include "message.h"

#include <QTest>

using namespace dkimi;

// Public keys from the RFCs (RFC 6376 Appendix C, RFC 8463 Appendix A).
static const QByteArray kRsaSpki =
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq6"
    "31uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB";
static const QByteArray kEd25519 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

class TstKeyRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void pkcs1Accepted();
    void checkAgainst_data();
    void checkAgainst();
};

void TstKeyRecord::parse_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("bits");
    QTest::newRow("rsa spki") << QByteArray("v=DKIM1; k=rsa; p=" + kRsaSpki) << QString() << 1024;
    QTest::newRow("rsa default k") << QByteArray("p=" + kRsaSpki) << QString() << 1024;
    QTest::newRow("ed25519") << QByteArray("v=DKIM1; k=ed25519; p=" + kEd25519) << QString() << 256;
    QTest::newRow("revoked") << QByteArray("v=DKIM1; p=") << QStringLiteral("key_revoked") << 0;
    QTest::newRow("no p") << QByteArray("v=DKIM1; k=rsa") << QStringLiteral("key_syntax") << 0;
    QTest::newRow("empty record") << QByteArray("") << QStringLiteral("key_syntax") << 0;
    QTest::newRow("bad version") << QByteArray("v=DKIM2; p=" + kRsaSpki) << QStringLiteral("key_version") << 0;
    QTest::newRow("garbage base64") << QByteArray("p=@@@@") << QStringLiteral("key_malformed") << 0;
    QTest::newRow("not a key") << QByteArray("p=YWJjZA==") << QStringLiteral("key_malformed") << 0;
    QTest::newRow("ed25519 wrapped in SPKI")
        << QByteArray("k=ed25519; p=MCowBQYDK2VwAyEA3SUqa9UbfciWkk7tlcJ9P1VD5pXAasg0JUn/OgjVbKE=")
        << QStringLiteral("key_malformed") << 0;
    QTest::newRow("unknown k") << QByteArray("k=dsa; p=" + kRsaSpki) << QStringLiteral("key_malformed") << 0;
    QTest::newRow("syntax") << QByteArray("p " + kRsaSpki) << QStringLiteral("key_syntax") << 0;
}

void TstKeyRecord::parse()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, reason);
    QFETCH(int, bits);
    const KeyRecord k = KeyRecord::parse(record);
    QCOMPARE(k.reason, reason);
    if (reason.isEmpty()) {
        QCOMPARE(k.key.bits(), bits);
        QCOMPARE(k.sha256Fingerprint().size(), 64);
    }
}

void TstKeyRecord::pkcs1Accepted()
{
    // The same RSA key as a bare PKCS#1 RSAPublicKey: the SPKI minus its 22-byte algorithm header.
    const QByteArray spki = QByteArray::fromBase64(kRsaSpki);
    const QByteArray pkcs1 = spki.mid(22);
    const KeyRecord k = KeyRecord::parse("k=rsa; p=" + pkcs1.toBase64());
    QVERIFY2(k.isUsable(), qPrintable(k.detail));
    QVERIFY(k.pkcs1);
    QCOMPARE(k.key.bits(), 1024);
    QCOMPARE(k.key.spkiDer(), spki); // the same key
    QVERIFY(!KeyRecord::parse("p=" + kRsaSpki).pkcs1);
}

void TstKeyRecord::checkAgainst_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QByteArray>("sigTags");
    QTest::addColumn<QString>("reason");
    const QByteArray base = "v=1; d=example.com; s=sel; h=from; bh=AAAA; b=AAAA; ";
    QTest::newRow("ok") << QByteArray("p=" + kRsaSpki) << QByteArray(base + "a=rsa-sha256") << QString();
    QTest::newRow("type mismatch") << QByteArray("k=ed25519; p=" + kEd25519) << QByteArray(base + "a=rsa-sha256")
                                   << QStringLiteral("key_type_mismatch");
    QTest::newRow("hash not allowed") << QByteArray("h=sha256; p=" + kRsaSpki) << QByteArray(base + "a=rsa-sha1")
                                      << QStringLiteral("key_hash_not_allowed");
    QTest::newRow("hash allowed") << QByteArray("h=sha1:sha256; p=" + kRsaSpki) << QByteArray(base + "a=rsa-sha1")
                                  << QString();
    QTest::newRow("service") << QByteArray("s=tlsrpt; p=" + kRsaSpki) << QByteArray(base + "a=rsa-sha256")
                             << QStringLiteral("key_service_not_allowed");
    QTest::newRow("service email") << QByteArray("s=email:tlsrpt; p=" + kRsaSpki) << QByteArray(base + "a=rsa-sha256")
                                   << QString();
    QTest::newRow("strict subdomain") << QByteArray("t=s; p=" + kRsaSpki)
                                      << QByteArray(base + "a=rsa-sha256; i=@mail.example.com")
                                      << QStringLiteral("key_strict_identity");
    QTest::newRow("strict exact") << QByteArray("t=s; p=" + kRsaSpki)
                                  << QByteArray(base + "a=rsa-sha256; i=user@example.com") << QString();
}

void TstKeyRecord::checkAgainst()
{
    QFETCH(QByteArray, record);
    QFETCH(QByteArray, sigTags);
    QFETCH(QString, reason);
    const Message m = Message::fromBytes("DKIM-Signature: " + sigTags + "\r\nFrom: a\r\n\r\n");
    const DkimSignature sig = DkimSignature::parse(m, 0);
    QVERIFY2(sig.isUsable(), qPrintable(sig.detail));
    const KeyRecord k = KeyRecord::parse(record);
    QVERIFY2(k.isUsable(), qPrintable(k.detail));
    QString detail;
    QCOMPARE(k.checkAgainst(sig, &detail), reason);
    QCOMPARE(detail.isEmpty(), reason.isEmpty());
}

QTEST_GUILESS_MAIN(TstKeyRecord)
#include "tst_key_record.moc"
