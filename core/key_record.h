#pragma once

#include "crypto.h"
#include "tag_list.h"
#include "walk.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dkimi {

struct DkimSignature;

// A DKIM key record (RFC 6376 §3.6.1): v k h p s t n.
struct KeyRecord {
    QByteArray text; // the TXT strings joined, exactly as received
    TagList tags;
    KeyType keyType = KeyType::Rsa; // k= (default rsa)
    QByteArray keyTypeText = "rsa";
    QList<QByteArray> hashes;   // h= (empty = all)
    QList<QByteArray> services; // s= (default *)
    QList<QByteArray> flags;    // t=
    QByteArray notes;           // n=
    QByteArray keyData;         // p= decoded
    PublicKey key;
    bool pkcs1 = false;   // p= was a bare RSAPublicKey
    bool revoked = false; // p= empty
    bool testing = false; // t=y
    bool strict = false;  // t=s

    QString reason; // permerror code when unusable
    QString detail;
    QList<Finding> findings;

    bool isUsable() const { return reason.isEmpty(); }
    QByteArray sha256Fingerprint() const; // of the SubjectPublicKeyInfo DER, hex

    static KeyRecord parse(const QByteArray &text);
    static KeyRecord parseUncached(const QByteArray &text);
    // The checks that relate a key to one signature (§3.6.1, §6.1.2): k= vs a=, h=, s=, t=s.
    // Returns a permerror code, or an empty string.
    QString checkAgainst(const DkimSignature &sig, QString *detail) const;

private:
    QByteArray m_fingerprint;
};

} // namespace dkimi
