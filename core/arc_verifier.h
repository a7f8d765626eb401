#pragma once

#include "dkim_signature.h"
#include "key_resolver.h"
#include "message.h"
#include "walk.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace dkimi {

// RFC 8617 §5.2 chain validation status. TempError: a key could not be fetched right now (not a cv=
// value; the chain could not be judged).
enum class ArcChainResult { None, Pass, Fail, TempError };
const char *arcChainResultName(ArcChainResult r); // "none", "pass", "fail", "temperror"

// One header field of an ARC set, parsed as a tag-list.
struct ArcHeader {
    int headerIndex = -1;      // in Message::headers()
    qsizetype valueOffset = 0; // in Message::data(), start of the tag-list text
    ByteRange range;           // the whole field in the stored file
    TagList tags;              // AMS and AS only (the AAR is not a tag-list)
};

// The outcome of checking one signature (an ARC-Message-Signature or an ARC-Seal) with its key.
struct ArcSignatureCheck {
    std::optional<bool> valid;           // nullopt: not evaluated (see reason)
    std::optional<bool> bodyHashMatches; // AMS only
    QString reason;                      // empty when valid; a code from docs/arc.md or docs/codes.md
    QString detail;
    QByteArray domain, selector;
    std::optional<qint64> timestamp; // t=
    KeyLookup keyLookup;             // where the key came from
    int keyBits = 0;
    QByteArray headerHashInput; // the exact bytes hashed for b=
    QList<Step> steps;          // the same walk as a DKIM signature
};

// One ARC set (one hop that sealed the message).
struct ArcHop {
    int instance = 0;
    ArcHeader aar, ams, seal;
    QByteArray cv;         // cv= of the ARC-Seal, lower case, as written
    QByteArray authservId; // the AAR's authserv-id (which server recorded the results)
    QByteArray sealDomain; // d= of the ARC-Seal: who sealed this hop
    ArcSignatureCheck amsCheck;
    ArcSignatureCheck sealCheck;
};

struct ArcResult {
    ArcChainResult result = ArcChainResult::None;
    QString reason; // arc_none, arc_pass, arc_instance_gap, arc_cv_fail, arc_ams_fail, arc_seal_fail, ...
    QString detail; // plain words
    // RFC 8617 §5.2 step 5: the lowest instance from which every newer AMS still verifies; 0 when all
    // verify; -1 when not determined (the newest AMS fails, or the structure is broken).
    int oldestPass = -1;
    QList<ArcHop> hops;      // by instance, 1 first (empty when the structure is broken)
    QList<Step> steps;       // chain level: collect sets, structure and cv= rules, verdict
    QList<Finding> findings; // every chain-level finding, also attached to the steps

    const ArcHop *hop(int instance) const;
};

// Validates the ARC chain of a message (RFC 8617 §5.2): structure, cv= rules, every
// ARC-Message-Signature (the newest decides; older ones are reported) and every ARC-Seal. Keys come
// through the KeyResolver (ARC uses DKIM key records). Thread-safe.
class ArcVerifier {
public:
    static constexpr int kMaxInstances = 50; // RFC 8617 §4.2.1

    explicit ArcVerifier(std::shared_ptr<const KeyResolver> resolver);
    ArcResult verify(const Message &m) const;

private:
    ArcSignatureCheck checkAms(const Message &m, const ArcHop &hop) const;
    ArcSignatureCheck checkSeal(const Message &m, const QList<ArcHop> &hops, int upTo) const;
    std::shared_ptr<const KeyResolver> m_resolver;
};

} // namespace dkimi
