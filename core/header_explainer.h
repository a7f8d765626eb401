#pragma once

#include "message.h"
#include "verification_result.h"

#include <functional>

namespace dkimi {

// Explains a failed header signature by trying a bounded set of known changes to the signed header
// fields, each a visible step: refolding, a name's case, a later instance picked bottom-up, and,
// when the signer's hash is known (signed-hash recovery), which signed headers must have changed.
// z= copies are compared with the headers now present. Nothing here changes the verdict.
class HeaderExplainer {
public:
    // True when this header hash input is the one the signer signed (by the recovered hash, or by
    // checking b= with the key).
    using Oracle = std::function<bool(const QByteArray &headerHashInput)>;

    // `recoveredMismatch`: the key's recovered hash is well formed but differs from ours.
    static void explain(const Message &m, const SignatureResult &r, const Oracle &matches, bool recoveredMismatch,
                        QList<Step> *steps, QList<Explanation> *out);

    // z= (RFC 6376 §3.5): the signer's copies of header fields, against the ones present now.
    static void compareCopiedHeaders(const Message &m, const SignatureResult &r, QList<Step> *steps,
                                     QList<Explanation> *out);

    // The header hash input as the verifier builds it (RFC 6376 §5.4.2), with header `excluded`
    // treated as absent and the fields in `replaced` (header index → field bytes) substituted.
    static QByteArray hashInput(const Message &m, const SignatureResult &r, int excluded,
                                const QHash<int, QByteArray> &replaced);
};

} // namespace dkimi
