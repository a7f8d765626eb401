#pragma once

#include "byte_range.h"
#include "crypto.h"
#include "tag_list.h"
#include "walk.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dkimi {

class Message;

enum class SignatureAlgorithm { Unknown, RsaSha1, RsaSha256, Ed25519Sha256 };
enum class Canonicalization { Simple, Relaxed };

const char *canonicalizationName(Canonicalization c);
HashAlgorithm hashOf(SignatureAlgorithm a);
// a= as written (any case) -> the algorithm; Unknown for anything RFC 6376 / 8463 do not define.
SignatureAlgorithm signatureAlgorithmOf(QByteArrayView a);
KeyType keyTypeOf(SignatureAlgorithm a);

// A DKIM-Signature header field, parsed and validated (RFC 6376 §3.5, §6.1.1).
struct DkimSignature {
    int headerIndex = -1;      // index in Message::headers()
    qsizetype valueOffset = 0; // offset in Message::data() of the tag-list text (after the colon)
    TagList tags;

    SignatureAlgorithm algorithm = SignatureAlgorithm::Unknown;
    QByteArray algorithmText;
    QByteArray b, bh; // decoded
    Canonicalization headerCanon = Canonicalization::Simple;
    Canonicalization bodyCanon = Canonicalization::Simple;
    QByteArray domain;                // d=
    QByteArray selector;              // s=
    QByteArray identity;              // i= (or "@" + d= when absent)
    QList<QByteArray> signedHeaders;  // h=, as written (compare case-insensitively)
    std::optional<qint64> bodyLength; // l=; qint64 max when the number is absurdly large
    std::optional<qint64> timestamp;  // t=
    std::optional<qint64> expiration; // x=
    QList<QByteArray> copiedHeaders;  // z=, decoded

    // Validation outcome: empty reason = usable.
    QString reason;          // permerror code from docs/codes.md
    QString detail;          // plain words
    QList<Finding> findings; // everything noticed while parsing

    bool isUsable() const { return reason.isEmpty(); }
    bool canHashBody() const { return !bh.isEmpty() || tags.contains("bh"); }
    // Byte range in the raw message of a tag's value (or of the whole tag when wholeSpec).
    ByteRange tagRange(const Message &m, QByteArrayView tag, bool wholeSpec = false) const;

    static DkimSignature parse(const Message &m, int headerIndex);
};

// Decodes dkim-quoted-printable (RFC 6376 §2.11), used by z=.
QByteArray decodeDkimQuotedPrintable(QByteArrayView in, bool *ok);

} // namespace dkimi
