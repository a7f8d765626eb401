#pragma once

#include "message.h"
#include "verification_result.h"

namespace dkimi {

// Explains a failed body hash by trying a bounded set of known transformations, each as its own
// visible step (never a silent retry). A transformation that reproduces bh= becomes an Explanation;
// none does → `unexplained`. Nothing here changes the verdict.
class BodyExplainer {
public:
    // `r` must hold the failed body-hash steps (for mbox quoting, already tried by the verifier).
    // Appends its steps to `steps` and its explanations to `out`.
    static void explain(const Message &m, const SignatureResult &r, QList<Step> *steps, QList<Explanation> *out);

    // Content appended after signing: the shortest line-boundary prefix of the body whose canonical
    // form hashes to bh=, found in one pass with incremental hashing. Returns the cut as an offset
    // into Message::body() (data, CRLF), or -1.
    static qsizetype findAppendedCut(QByteArrayView body, Canonicalization c, HashAlgorithm alg, const QByteArray &bh);

    // Quoted-printable and base64 as RFC 2045 §6.7/§6.8, CRLF line breaks, 76-column lines.
    static QByteArray decodeQuotedPrintable(QByteArrayView in);
    static QByteArray encodeQuotedPrintable(QByteArrayView in);
    static QByteArray encodeBase64Lines(QByteArrayView in);
};

} // namespace dkimi
