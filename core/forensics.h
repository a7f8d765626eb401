#pragma once

#include "message.h"
#include "verification_result.h"

namespace dkimi {

class PublishedKeyList;

// Tamper forensics, run by the Verifier after the header check and before the verdict: signed-hash
// recovery over every candidate key, explanations of a failed body hash or header signature, z=
// comparison, and the strength of a valid signature. Each attempt is a visible step appended to
// r.steps; explanations go to r.explanations. The verdict is not touched (key_published is only
// flagged here; the verdict step turns it into the policy reason).
// explainFailures false: only what can change the verdict (a published private key) is checked.
void explainSignature(const Message &m, SignatureResult &r, const PublishedKeyList *published, qint64 evalTime,
                      bool explainFailures = true);

// Per message, after every signature: the header table and the replay check.
void analyseMessage(const Message &m, MessageResult &r);

} // namespace dkimi
