#include "crypto.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace dkimi {

namespace {

// Explicitly fetched once: OpenSSL 3's implicit fetch (EVP_sha256()) looks the algorithm up under
// a global lock on every use, which costs more than hashing a small message and serialises threads.
const EVP_MD *mdFor(HashAlgorithm alg)
{
    static EVP_MD *const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return alg == HashAlgorithm::Sha1 ? sha1 : sha256;
}

QString lastOpenSslError()
{
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return QString::fromLatin1(buf);
}

using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

} // namespace

const char *hashAlgorithmName(HashAlgorithm h)
{
    return h == HashAlgorithm::Sha1 ? "sha1" : "sha256";
}

QByteArray digest(HashAlgorithm alg, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), out, &len, mdFor(alg), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

Hasher::Hasher(HashAlgorithm alg) : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_ctx, mdFor(alg), nullptr);
}

Hasher::~Hasher()
{
    EVP_MD_CTX_free(m_ctx);
}

void Hasher::update(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_ctx, data.data(), size_t(data.size()));
}

QByteArray Hasher::finish()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

PublicKey PublicKey::fromRsaDer(QByteArrayView der, bool *wasPkcs1, QString *error)
{
    PublicKey key;
    if (wasPkcs1)
        *wasPkcs1 = false;
    if (der.isEmpty()) {
        if (error)
            *error = QStringLiteral("the key data is empty");
        return key;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(der.data());
    EVP_PKEY *pk = d2i_PUBKEY(nullptr, &p, long(der.size()));
    if (pk && p != reinterpret_cast<const unsigned char *>(der.data()) + der.size()) {
        // Trailing garbage after the DER structure: not a well-formed key.
        EVP_PKEY_free(pk);
        pk = nullptr;
    }
    if (!pk) {
        ERR_clear_error();
        p = reinterpret_cast<const unsigned char *>(der.data());
        pk = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, long(der.size()));
        if (pk && p != reinterpret_cast<const unsigned char *>(der.data()) + der.size()) {
            EVP_PKEY_free(pk);
            pk = nullptr;
        }
        if (pk && wasPkcs1)
            *wasPkcs1 = true;
    }
    if (!pk) {
        if (error)
            *error = QStringLiteral("not an RSA public key (neither SubjectPublicKeyInfo nor PKCS#1): %1")
                         .arg(lastOpenSslError());
        return key;
    }
    if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_RSA) {
        if (error)
            *error = QStringLiteral("the key is not an RSA key");
        EVP_PKEY_free(pk);
        return key;
    }
    key.m_key.reset(pk, EVP_PKEY_free);
    key.m_type = KeyType::Rsa;
    return key;
}

PublicKey PublicKey::fromEd25519Raw(QByteArrayView raw, QString *error)
{
    PublicKey key;
    if (raw.size() != 32) {
        if (error)
            *error = QStringLiteral("an Ed25519 key must be exactly 32 bytes, this one has %1").arg(raw.size());
        return key;
    }
    EVP_PKEY *pk =
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(raw.data()), 32);
    if (!pk) {
        if (error)
            *error = lastOpenSslError();
        return key;
    }
    key.m_key.reset(pk, EVP_PKEY_free);
    key.m_type = KeyType::Ed25519;
    return key;
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PublicKey::spkiDer() const
{
    if (!m_key)
        return {};
    unsigned char *buf = nullptr;
    int len = i2d_PUBKEY(m_key.get(), &buf);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(buf), len);
    OPENSSL_free(buf);
    return out;
}

bool PublicKey::verifyRsaDigest(HashAlgorithm alg, QByteArrayView digestBytes, QByteArrayView signature) const
{
    if (!m_key || m_type != KeyType::Rsa)
        return false;
    PkeyCtx ctx(EVP_PKEY_CTX_new(m_key.get(), nullptr), &EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), mdFor(alg)) != 1) {
        ERR_clear_error();
        return false;
    }
    int rc =
        EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), size_t(signature.size()),
                        reinterpret_cast<const unsigned char *>(digestBytes.data()), size_t(digestBytes.size()));
    ERR_clear_error();
    return rc == 1;
}

bool PublicKey::verifyEd25519(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_key || m_type != KeyType::Ed25519)
        return false;
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1) {
        ERR_clear_error();
        return false;
    }
    int rc =
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()));
    ERR_clear_error();
    return rc == 1;
}

} // namespace dkimi
