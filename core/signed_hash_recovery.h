#pragma once

#include "crypto.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace dkimi {

// What applying an RSA public key to b= gives back (RFC 8017 §8.2.2, EMSA-PKCS1-v1_5):
// 0x00 0x01 FF..FF 0x00 DigestInfo(hash algorithm, digest).
struct RecoveredHash {
    enum class Status {
        Recovered,     // padding and DigestInfo are well formed: `digest` is what the signer signed
        BadPadding,    // not 00 01 FF.. 00: another key made b=, or b= was altered
        BadDigestInfo, // padding fine, but the DigestInfo is not SHA-1/SHA-256 as DER (or not the a= hash)
        WrongLength,   // b= is not as long as the modulus
        NotRsa,        // no RSA key
    };
    Status status = Status::NotRsa;
    HashAlgorithm algorithm = HashAlgorithm::Sha256; // the DigestInfo's algorithm when recognised
    QByteArray digest;                               // the signed hash (only for Recovered)
    QByteArray encoded;                              // the whole encoded message, for the walk
    QString detail;                                  // plain words

    bool isValid() const { return status == Status::Recovered; }
};

// Recovers the signed hash from an RSA signature with one public key. `expected` is the hash the
// signature's a= names: a well-formed DigestInfo for another hash is reported as BadDigestInfo.
RecoveredHash recoverSignedHash(const PublicKey &key, QByteArrayView signature, HashAlgorithm expected);

const char *recoveredStatusName(RecoveredHash::Status s);

} // namespace dkimi
