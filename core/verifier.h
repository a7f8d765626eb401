#pragma once

#include "evidence_strength.h"
#include "message.h"
#include "verification_result.h"

#include <memory>

namespace dkimi {

// Where the evaluation time of each message comes from.
enum class EvaluationTimeSource {
    Fixed,         // evaluationTime, labelled evaluationBasis, for every message
    DateHeader,    // each message's own Date header ("date_header")
    FirstReceived, // each message's bottom-most Received stamp, the receiving server's clock ("first_received")
};

struct VerifierOptions {
    std::shared_ptr<const KeyResolver> resolver; // may be null: every key is then "not found"
    QDateTime evaluationTime;                    // when x= and t= are judged (UTC); invalid = now
    QString evaluationBasis = QStringLiteral("now");
    // DateHeader / FirstReceived: a message without a usable time is judged at evaluationTime, which is
    // then labelled "now" (it should be the run's fixed "now"), with a finding no_date_fallback_now or
    // no_received_time_fallback_now.
    EvaluationTimeSource timeSource = EvaluationTimeSource::Fixed;
    qint64 clockAllowanceSeconds = 300; // t= this far in the future is still fine
    QStringList trustedAuthservIds;     // receiving servers whose Authentication-Results the user trusts
    bool surroundingEvidence = true;    // ARC, Authentication-Results, DMARC alignment
    bool messageAnalysis = true;        // header table, replay check, evidence statements (never a verdict)
    // Why a signature failed: signed-hash recovery, header and body explanations (never a verdict).
    // Costly (a failing message can take several times a passing one); off where nothing prints them.
    bool explainFailures = true;
    std::shared_ptr<const PublishedKeyList> publishedKeys; // private keys made public (may be null)
    // Lean (batches that keep no walk): the same results, but the steps keep no output bytes and
    // few inputs, the canonical body is hashed as it is produced, and a signature that does not
    // pass is verified again in full, for the forensic explanations that read the walk.
    bool lean = false;
};

// Verifies every DKIM-Signature of a message on its own and records the walk of each.
// Thread-safe: one Verifier may verify many messages at once.
class Verifier {
public:
    explicit Verifier(VerifierOptions options);
    MessageResult verify(const Message &message) const;

private:
    SignatureResult verifySignature(const Message &m, int headerIndex, int sigIndex, qint64 evalTime) const;
    SignatureResult verifySignature(const Message &m, int headerIndex, int sigIndex, qint64 evalTime, bool lean) const;
    void addSurroundingEvidence(const Message &m, MessageResult &r) const;
    void chooseMessageTime(const Message &m, MessageResult &r) const;
    bool tryMboxUnquoting(const Message &m, const DkimSignature &sig, SignatureResult &r, Step &step, bool lean) const;
    VerifierOptions m_opt;
};

// RFC 3339 / ISO 8601 in UTC ("2026-01-01T00:00:00Z").
QString formatTime(const QDateTime &t);
QString formatEpoch(qint64 secs);
std::optional<QDateTime> parseRfc3339(const QString &s);

} // namespace dkimi
