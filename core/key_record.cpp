#include "key_record.h"

#include "dkim_signature.h"

#include <QHash>
#include <QMutex>

namespace dkimi {

namespace {

QList<QByteArray> splitColonList(const QByteArray &v)
{
    QList<QByteArray> out;
    for (const QByteArray &p : v.split(':')) {
        QByteArray s = stripFws(p);
        if (!s.isEmpty())
            out.append(s.toLower());
    }
    return out;
}

} // namespace

QByteArray KeyRecord::sha256Fingerprint() const
{
    return m_fingerprint;
}

KeyRecord KeyRecord::parse(const QByteArray &text)
{
    // Decoding a DER key through OpenSSL 3's decoders is slow and takes global locks; archives
    // use the same few keys thousands of times, so parsed records are remembered (bounded).
    static QMutex mutex;
    static QHash<QByteArray, KeyRecord> cache;
    {
        QMutexLocker lock(&mutex);
        auto it = cache.constFind(text);
        if (it != cache.constEnd())
            return *it;
    }
    KeyRecord k = parseUncached(text);
    QMutexLocker lock(&mutex);
    if (cache.size() >= 4096)
        cache.clear();
    cache.insert(text, k);
    return k;
}

KeyRecord KeyRecord::parseUncached(const QByteArray &text)
{
    KeyRecord k;
    k.text = text;
    auto permerror = [&k](const QString &code, const QString &detail) {
        k.findings.append(Finding{Severity::Error, code, detail, {}});
        if (k.reason.isEmpty()) {
            k.reason = code;
            k.detail = detail;
        }
    };
    k.tags = TagList::parse(text);
    if (!k.tags.isValid()) {
        permerror(QStringLiteral("key_syntax"),
                  QStringLiteral("The key record's tag list is malformed: %1.").arg(k.tags.errorMessage()));
        return k;
    }
    const TagList &t = k.tags;
    // RFC 6376 §3.6.1: v= is optional, but when present it must be "DKIM1" and the first tag.
    if (t.contains("v")) {
        if (t.value("v") != "DKIM1")
            permerror(
                QStringLiteral("key_version"),
                QStringLiteral("The key record says v=%1; only DKIM1 exists.").arg(QString::fromLatin1(t.value("v"))));
        else if (t.tags().first().name != "v")
            k.findings.append(Finding{Severity::Note,
                                      QStringLiteral("key_version_not_first"),
                                      QStringLiteral("v=DKIM1 should be the first tag of the key record."),
                                      {}});
    }
    if (t.contains("k")) {
        k.keyTypeText = t.value("k").toLower();
        if (k.keyTypeText == "rsa")
            k.keyType = KeyType::Rsa;
        else if (k.keyTypeText == "ed25519")
            k.keyType = KeyType::Ed25519;
        else
            k.keyType = KeyType::None;
    }
    k.hashes = splitColonList(t.value("h"));
    k.services = t.contains("s") ? splitColonList(t.value("s")) : QList<QByteArray>{"*"};
    k.flags = splitColonList(t.value("t"));
    k.testing = k.flags.contains("y");
    k.strict = k.flags.contains("s");
    k.notes = t.value("n");

    if (!t.contains("p")) {
        permerror(QStringLiteral("key_syntax"), QStringLiteral("The key record has no p= tag."));
        return k;
    }
    const QByteArray p = stripFws(t.value("p"));
    if (p.isEmpty()) {
        // RFC 6376 §3.6.1: an empty p= means the key has been revoked.
        k.revoked = true;
        permerror(QStringLiteral("key_revoked"),
                  QStringLiteral("The key record has an empty p=: the domain has revoked this key."));
        return k;
    }
    if (!decodeBase64Strict(p, &k.keyData)) {
        permerror(QStringLiteral("key_malformed"), QStringLiteral("The key's p= is not valid base64."));
        return k;
    }
    if (k.keyType == KeyType::None) {
        permerror(QStringLiteral("key_malformed"),
                  QStringLiteral("The key record has k=%1, a key type DKIM does not define.")
                      .arg(QString::fromLatin1(k.keyTypeText)));
        return k;
    }
    QString err;
    if (k.keyType == KeyType::Rsa)
        k.key = PublicKey::fromRsaDer(k.keyData, &k.pkcs1, &err);
    else
        k.key = PublicKey::fromEd25519Raw(k.keyData, &err);
    if (k.key.isNull()) {
        permerror(QStringLiteral("key_malformed"), QStringLiteral("The key's p= is not a usable %1 public key: %2.")
                                                       .arg(QString::fromLatin1(k.keyTypeText), err));
        return k;
    }
    // Fingerprint of the SubjectPublicKeyInfo, so a PKCS#1 record and its SPKI twin match.
    // Computed once here: OpenSSL's encoder is slow.
    const QByteArray der = k.key.spkiDer();
    if (!der.isEmpty())
        k.m_fingerprint = digest(HashAlgorithm::Sha256, der).toHex();
    if (k.pkcs1)
        k.findings.append(Finding{Severity::Warning,
                                  QStringLiteral("key_pkcs1"),
                                  QStringLiteral("p= holds a bare PKCS#1 RSAPublicKey rather than the "
                                                 "SubjectPublicKeyInfo RFC 6376 requires; accepted leniently."),
                                  {}});
    return k;
}

QString KeyRecord::checkAgainst(const DkimSignature &sig, QString *detail) const
{
    // RFC 6376 §3.6.1 / RFC 8463: the key type must match the signature algorithm.
    if (keyType != keyTypeOf(sig.algorithm)) {
        *detail = QStringLiteral("The key is k=%1, but the signature uses a=%2.")
                      .arg(QString::fromLatin1(keyTypeText), QString::fromLatin1(sig.algorithmText));
        return QStringLiteral("key_type_mismatch");
    }
    // h= lists the hash algorithms this key may be used with.
    const QByteArray hash = hashAlgorithmName(hashOf(sig.algorithm));
    if (!hashes.isEmpty() && !hashes.contains(hash)) {
        *detail = QStringLiteral("The key allows only h=%1, but the signature uses %2.")
                      .arg(QString::fromLatin1(hashes.join(':')), QString::fromLatin1(hash));
        return QStringLiteral("key_hash_not_allowed");
    }
    // s= must include "email" or "*".
    if (!services.contains("*") && !services.contains("email")) {
        *detail = QStringLiteral("The key is published for s=%1, not for email.")
                      .arg(QString::fromLatin1(services.join(':')));
        return QStringLiteral("key_service_not_allowed");
    }
    // t=s: the i= domain must be exactly d=, not a subdomain.
    if (strict) {
        const qsizetype at = sig.identity.lastIndexOf('@');
        const QByteArray idDomain = at < 0 ? QByteArray() : sig.identity.mid(at + 1);
        if (idDomain.compare(sig.domain, Qt::CaseInsensitive) != 0) {
            *detail = QStringLiteral("The key has t=s (strict), so i= must be in exactly %1, but it is %2.")
                          .arg(QString::fromLatin1(sig.domain), QString::fromLatin1(sig.identity));
            return QStringLiteral("key_strict_identity");
        }
    }
    return QString();
}

} // namespace dkimi
