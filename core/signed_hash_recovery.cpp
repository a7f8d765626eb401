#include "signed_hash_recovery.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

namespace dkimi {

namespace {

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

// DER DigestInfo prefixes (RFC 8017 §9.2 note 1), with NULL parameters and without (both occur).
struct DigestInfoPrefix {
    HashAlgorithm alg;
    int digestLength;
    const char *hex;
};
const DigestInfoPrefix kPrefixes[] = {
    {HashAlgorithm::Sha256, 32, "3031300d060960864801650304020105000420"},
    {HashAlgorithm::Sha256, 32,
     "302f300b0609608648016503040201"
     "0420"},
    {HashAlgorithm::Sha1, 20, "3021300906052b0e03021a05000414"},
    {HashAlgorithm::Sha1, 20,
     "301f300706052b0e03021a"
     "0414"},
};

} // namespace

const char *recoveredStatusName(RecoveredHash::Status s)
{
    switch (s) {
    case RecoveredHash::Status::Recovered:
        return "recovered";
    case RecoveredHash::Status::BadPadding:
        return "bad_padding";
    case RecoveredHash::Status::BadDigestInfo:
        return "bad_digest_info";
    case RecoveredHash::Status::WrongLength:
        return "wrong_length";
    case RecoveredHash::Status::NotRsa:
        return "not_rsa";
    }
    return "unknown";
}

RecoveredHash recoverSignedHash(const PublicKey &key, QByteArrayView signature, HashAlgorithm expected)
{
    RecoveredHash out;
    if (key.isNull() || key.type() != KeyType::Rsa) {
        out.detail = QStringLiteral("not an RSA key");
        return out;
    }
    // PublicKey keeps its EVP_PKEY to itself; a copy from its DER is cheap next to the RSA operation.
    const QByteArray der = key.spkiDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Pkey pk(d2i_PUBKEY(nullptr, &p, long(der.size())), &EVP_PKEY_free);
    if (!pk) {
        ERR_clear_error();
        out.detail = QStringLiteral("the key could not be loaded");
        return out;
    }
    const qsizetype k = (EVP_PKEY_get_bits(pk.get()) + 7) / 8;
    if (signature.size() != k) {
        out.status = RecoveredHash::Status::WrongLength;
        out.detail = QStringLiteral("b= is %1 bytes long, but a signature by this %2-bit key is %3 bytes")
                         .arg(signature.size())
                         .arg(EVP_PKEY_get_bits(pk.get()))
                         .arg(k);
        return out;
    }
    // No padding: we take the whole encoded message and check it ourselves, so that a bad padding
    // and a foreign DigestInfo are told apart.
    PkeyCtx ctx(EVP_PKEY_CTX_new(pk.get(), nullptr), &EVP_PKEY_CTX_free);
    QByteArray em(k, '\0');
    size_t emLen = size_t(k);
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(ctx.get(), reinterpret_cast<unsigned char *>(em.data()), &emLen,
                                reinterpret_cast<const unsigned char *>(signature.data()),
                                size_t(signature.size())) != 1) {
        ERR_clear_error();
        // b= as a number is not below the modulus: it cannot come from this key.
        out.status = RecoveredHash::Status::BadPadding;
        out.detail = QStringLiteral("b= is not a valid RSA value for this key (not below its modulus)");
        return out;
    }
    ERR_clear_error();
    em.truncate(qsizetype(emLen));
    if (em.size() < k) // leading zero bytes may be dropped
        em.prepend(QByteArray(k - em.size(), '\0'));
    out.encoded = em;

    // RFC 8017 §9.2: EM = 0x00 || 0x01 || PS (>= 8 bytes of 0xFF) || 0x00 || T
    qsizetype i = 2;
    bool padOk = em.size() >= 11 && em.at(0) == 0 && em.at(1) == 1;
    while (padOk && i < em.size() && quint8(em.at(i)) == 0xff)
        ++i;
    padOk = padOk && i - 2 >= 8 && i < em.size() && em.at(i) == 0;
    if (!padOk) {
        out.status = RecoveredHash::Status::BadPadding;
        out.detail = QStringLiteral("the value under this key is not PKCS#1 v1.5 signature padding (00 01 FF..FF 00): "
                                    "this key did not make b=, or b= was altered");
        return out;
    }
    const QByteArray t = em.mid(i + 1);
    for (const DigestInfoPrefix &d : kPrefixes) {
        const QByteArray prefix = QByteArray::fromHex(d.hex);
        if (t.size() == prefix.size() + d.digestLength && t.startsWith(prefix)) {
            out.algorithm = d.alg;
            out.digest = t.mid(prefix.size());
            if (d.alg != expected) {
                out.status = RecoveredHash::Status::BadDigestInfo;
                out.detail = QStringLiteral("the key made b= over a %1 hash, but a= names %2")
                                 .arg(QString::fromLatin1(hashAlgorithmName(d.alg)),
                                      QString::fromLatin1(hashAlgorithmName(expected)));
                return out;
            }
            out.status = RecoveredHash::Status::Recovered;
            out.detail = QStringLiteral("padding and %1 DigestInfo are well formed")
                             .arg(QString::fromLatin1(hashAlgorithmName(d.alg)));
            return out;
        }
    }
    out.status = RecoveredHash::Status::BadDigestInfo;
    out.detail = QStringLiteral("the padding is valid, but the %1 bytes after it are not a SHA-1 or SHA-256 DigestInfo")
                     .arg(t.size());
    return out;
}

} // namespace dkimi
