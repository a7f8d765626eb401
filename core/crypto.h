#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace dkimi {

// All cryptography goes through OpenSSL 3 EVP. This file is the only place that talks to OpenSSL.
enum class HashAlgorithm { Sha1, Sha256 };

const char *hashAlgorithmName(HashAlgorithm h); // "sha1" / "sha256"

QByteArray digest(HashAlgorithm alg, QByteArrayView data);

// Incremental hashing, for callers that feed data in pieces.
class Hasher {
public:
    explicit Hasher(HashAlgorithm alg);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;
    void update(QByteArrayView data);
    QByteArray finish();

private:
    EVP_MD_CTX *m_ctx;
};

enum class KeyType { None, Rsa, Ed25519 };

// A public key in an RAII holder.
class PublicKey {
public:
    PublicKey() = default;

    // RSA from DER: SubjectPublicKeyInfo first; a bare PKCS#1 RSAPublicKey is accepted too and
    // reported through *wasPkcs1 (many old key records were published that way).
    static PublicKey fromRsaDer(QByteArrayView der, bool *wasPkcs1, QString *error);
    // Ed25519 as the raw 32 bytes of RFC 8463 §4.
    static PublicKey fromEd25519Raw(QByteArrayView raw, QString *error);

    bool isNull() const { return !m_key; }
    KeyType type() const { return m_type; }
    int bits() const;           // RSA modulus size; 256 for Ed25519
    QByteArray spkiDer() const; // SubjectPublicKeyInfo DER, for fingerprints and reports

    // RSASSA-PKCS1-v1_5 over an already computed digest (RFC 6376 §3.3.1).
    bool verifyRsaDigest(HashAlgorithm alg, QByteArrayView digestBytes, QByteArrayView signature) const;
    // Ed25519 (PureEdDSA) over the SHA-256 digest of the header hash input (RFC 8463 §3).
    bool verifyEd25519(QByteArrayView message, QByteArrayView signature) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
    KeyType m_type = KeyType::None;
};

} // namespace dkimi
