#include "tag_meanings.h"

#include <QDateTime>

namespace dkimi::ui {

namespace {

QString utc(const QByteArray &secs)
{
    bool ok = false;
    const qint64 v = secs.trimmed().toLongLong(&ok);
    if (!ok)
        return QString();
    return QDateTime::fromSecsSinceEpoch(v, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

QString TagMeanings::glossary(const QByteArray &term)
{
    if (term == "d")
        return tr("Signing domain: the domain that vouches for the message.");
    if (term == "s")
        return tr("Selector: which of the domain's keys was used; the key lives at selector._domainkey.domain.");
    if (term == "c")
        return tr("Canonicalization: the agreed way to tidy whitespace before hashing, so harmless changes in "
                  "transit do not break the signature.");
    if (term == "bh")
        return tr("Body hash: a fingerprint of the message body, written into the signature.");
    if (term == "key")
        return tr("Key record: the public key the domain publishes in DNS.");
    return QString();
}

QString TagMeanings::signatureTag(const QByteArray &tag, const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (tag == "v")
        return tr("DKIM version (always 1)");
    if (tag == "a") {
        if (v == "rsa-sha256")
            return tr("Algorithm: RSA signature over a SHA-256 hash");
        if (v == "rsa-sha1")
            return tr("Algorithm: RSA over SHA-1 (forbidden by RFC 8301)");
        if (v == "ed25519-sha256")
            return tr("Algorithm: Ed25519 signature over a SHA-256 hash (RFC 8463)");
        return tr("Algorithm used to sign");
    }
    if (tag == "b")
        return tr("The signature itself, over the signed headers (base64)");
    if (tag == "bh")
        return glossary("bh");
    if (tag == "c") {
        const QList<QByteArray> parts = v.split('/');
        const QByteArray h = parts.value(0, "simple"), b = parts.value(1, "simple");
        return tr("Canonicalization: headers %1, body %2 (how whitespace is tidied before hashing)")
            .arg(QString::fromLatin1(h), QString::fromLatin1(b));
    }
    if (tag == "d")
        return glossary("d");
    if (tag == "h")
        return tr("Signed header fields, in the order they are hashed (bottom-most instance first)");
    if (tag == "i")
        return tr("Identity of the user or agent the domain signs for");
    if (tag == "l")
        return tr("Body length: only the first %1 bytes of the body are signed").arg(QString::fromLatin1(v));
    if (tag == "q")
        return tr("How to fetch the key (dns/txt: a DNS TXT record)");
    if (tag == "s")
        return glossary("s");
    if (tag == "t") {
        const QString when = utc(v);
        return when.isEmpty() ? tr("When it was signed") : tr("Signed at %1 (as the signer's clock said)").arg(when);
    }
    if (tag == "x") {
        const QString when = utc(v);
        return when.isEmpty() ? tr("Expiry") : tr("Expires at %1").arg(when);
    }
    if (tag == "z")
        return tr("Copies of the header fields as they were when signed (diagnostic)");
    return tr("Unknown tag (ignored, as RFC 6376 requires)");
}

QString TagMeanings::keyTag(const QByteArray &tag, const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (tag == "v")
        return tr("Key record version (DKIM1)");
    if (tag == "k")
        return tr("Key type: %1").arg(QString::fromLatin1(v.isEmpty() ? QByteArray("rsa") : v));
    if (tag == "h")
        return tr("Hash algorithms this key may be used with");
    if (tag == "p")
        return v.isEmpty() ? tr("Public key: empty, so the key is revoked") : tr("The public key (base64)");
    if (tag == "s")
        return tr("Services the key may be used for (* or email)");
    if (tag == "t") {
        if (v.contains('y'))
            return tr("Flags: y = testing; the domain asks verifiers to treat its mail as unsigned");
        if (v.contains('s'))
            return tr("Flags: s = i= must equal d= exactly, no subdomains");
        return tr("Flags");
    }
    if (tag == "n")
        return tr("Notes for people (ignored by verifiers)");
    if (tag == "g")
        return tr("Granularity (obsolete, RFC 4871)");
    return tr("Unknown tag (ignored)");
}

} // namespace dkimi::ui
