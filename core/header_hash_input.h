#pragma once

#include "dkim_signature.h"
#include "verification_result.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QStringList>

namespace dkimi {

class Message;

// The exact bytes a DKIM signature's header hash covers (RFC 6376 §5.4.2, §3.7): each name in h=
// takes the next instance of that name from the bottom up, canonicalized; a name with no instance
// left contributes nothing (and so locks the name against additions); last comes the signature
// field itself with the value of b= deleted, canonicalized, without its final CRLF.
// One implementation for the walk, the key choice and anything else that needs these bytes.
struct HeaderHashInput {
    QByteArray bytes;
    QList<SignedHeaderUse> uses; // one per h= entry, then the signature itself
    QStringList oversigned;      // lower-case names with no instance left for some h= entry
    QSet<int> usedHeaders;       // indexes of the header fields covered

    static HeaderHashInput build(const Message &m, const DkimSignature &sig);
};

// The DKIM-Signature field with the value of b= deleted, including the whitespace around it
// (RFC 6376 §3.7), so that the header can be hashed as the signer hashed it.
QByteArray signatureFieldWithoutB(const Message &m, const DkimSignature &sig);
// The same for any tag-list header field (ARC-Message-Signature, ARC-Seal).
QByteArray fieldWithBEmptied(const Message &m, int headerIndex, qsizetype valueOffset, const TagList &tags);

} // namespace dkimi
