#pragma once

#include "authentication_results.h"
#include "dmarc_record.h"

#include <QList>
#include <QStringList>

namespace dkimi {

struct SignatureResult;

// The message's DMARC result (RFC 7489 §6.6), computed now, after the fact (docs/dmarc.md).
enum class DmarcResult {
    Pass,       // an aligned DKIM pass (or an aligned SPF pass recorded by a trusted server)
    Fail,       // a usable record, and neither identifier passes aligned
    None,       // no DMARC record at the From domain or its organizational domain
    TempError,  // the record lookup failed temporarily
    PermError,  // the record is unusable (no valid policy, several records), or no single From domain
    NotChecked, // not looked up: offline, and no key file holds the record
};
const char *dmarcResultName(DmarcResult r); // "pass", "fail", "none", "temperror", "permerror", "not_checked"

struct DmarcEvaluation {
    DmarcResult result = DmarcResult::NotChecked;
    QString code;   // docs/dmarc.md: dmarc_pass, dmarc_fail, dmarc_no_record, ...
    QString detail; // plain words: what was found and why this result
    // What the result does and does not prove (today's record, SPF not re-evaluated, ...).
    QStringList caveats;

    QByteArray fromDomain; // RFC5322.From domain, lower case
    QByteArray orgDomain;  // its organizational domain
    DmarcDiscovery discovery;

    // The policy applied, when a usable record was found: "none", "quarantine" or "reject", and
    // whether it came from p or sp. adkim/aspf/pct as the record says (defaults r, r, 100).
    QByteArray policy;
    QString policyTag;
    char adkim = 'r';
    char aspf = 'r';
    int pct = 100;

    // DKIM side: "pass" when a signature with result pass is aligned in the adkim mode, else "fail".
    // Signatures with result policy (valid, but e.g. a 512-bit key) never count: they are listed in
    // notCountedSignatures when aligned.
    QString dkimResult;
    QList<int> alignedSignatures;    // SignatureResult::index of the aligned passing signatures
    QList<int> notCountedSignatures; // aligned, cryptographically valid, but result policy

    // SPF side, from the Authentication-Results of a server the user trusts only: "pass" (spf=pass
    // with an aligned smtp.mailfrom), "fail" (recorded, but not pass or not aligned), or "not_known".
    QString spfResult = QStringLiteral("not_known");
    QByteArray spfAuthservId; // the trusted server whose record was used; empty when not known
    QByteArray spfRecorded;   // its spf= result
    QByteArray spfDomain;     // smtp.mailfrom's domain (or smtp.helo when no mailfrom)
    int spfArIndex = -1;      // into MessageResult::authenticationResults
    QString spfDetail;
};

class DmarcEvaluator {
public:
    // fromDomain: DmarcAlignment::fromDomain of the signed From header; mailboxes: how many
    // addresses it holds (DMARC needs exactly one). The resolver answers the TXT lookups (may be null).
    static DmarcEvaluation evaluate(const QByteArray &fromDomain, int mailboxes,
                                    const QList<SignatureResult> &signatures,
                                    const QList<AuthenticationResults> &authenticationResults,
                                    const QStringList &trustedAuthservIds, const KeyResolver *resolver);
};

} // namespace dkimi
