#pragma once

#include "arc_verifier.h"
#include "authentication_results.h"
#include "dkim_signature.h"
#include "dmarc_alignment.h"
#include "dmarc_evaluator.h"
#include "key_record.h"
#include "key_resolver.h"
#include "timeline.h"
#include "walk.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace dkimi {

enum class Result { Pass, Policy, Fail, PermError, TempError, None };
const char *resultName(Result r);
int resultRank(Result r); // higher is better: pass > policy > fail > temperror > permerror > none

// How one h= entry was resolved to a header instance (bottom-up, RFC 6376 §5.4.2).
struct SignedHeaderUse {
    QByteArray name;          // as written in h=
    int headerIndex = -1;     // -1: no instance left (over-signed: locks the name against additions)
    qsizetype hashOffset = 0; // where its canonical form sits in the header hash input
    qsizetype hashLength = 0;
};

// One key that could have made a signature, from one source (--keys file, key store, live DNS),
// and what happened when it was tried.
struct KeyCandidate {
    QString sourceKind;  // "zone_file", "key_store", "dns"
    QString sourceName;  // file path or resolver
    QString origin;      // key store: where the stored key came from (dns_dnssec, imported_archive, ...)
    QString dnssec;      // live DNS: secure / insecure / bogus
    QDateTime firstSeen; // key store: the key's known history
    QDateTime lastSeen;
    QString note;
    QByteArray record;      // the TXT text, strings joined
    QByteArray fingerprint; // SHA-256 of the SubjectPublicKeyInfo, hex (empty: no usable key)
    int keyBits = 0;
    QString unusable;             // permerror code that rules the key out for this signature (empty: usable)
    std::optional<bool> verifies; // header signature checked with this key (nullopt: not tried)
    bool used = false;            // the key SignatureResult::key / keyLookup describe
};

// Why a check failed, found by a visible, bounded attempt (docs/codes.md "Explanations"). An
// explanation never changes the verdict: it explains a failure, it does not turn it into a pass.
struct Explanation {
    QString code;            // body_content_appended, header_refolded, key_does_not_match_signature, ...
    QString detail;          // plain words
    qint64 bytes = -1;       // bytes concerned (e.g. appended after signing), -1 when not applicable
    qint64 count = -1;       // lines, headers or parts concerned, -1 when not applicable
    QList<ByteRange> ranges; // where, in the stored file (RawMessage) unless stated otherwise
    QStringList headers;     // header names concerned, lower case
};

struct SignatureResult {
    int index = 0; // 0-based position among the DKIM-Signature headers, top first
    DkimSignature signature;
    Result result = Result::PermError;
    QString reason;
    QString detail;
    std::optional<bool> cryptoValid;
    std::optional<bool> bodyHashMatches;
    std::optional<bool> signatureValid;
    int keyBits = 0; // 0 = no key
    QStringList flags;
    qint64 unsignedBodyBytes = 0;
    qint64 canonicalBodyLength = -1;

    KeyLookup keyLookup;               // the lookup the key used came from
    std::optional<KeyRecord> key;      // the key used
    QList<KeyCandidate> keyCandidates; // every key tried, from every source, in the order tried
    QByteArray computedBodyHash;
    QByteArray headerHashInput;
    QByteArray headerHash;
    QList<SignedHeaderUse> headerUses;
    QStringList unsignedHeaders;   // names present in the message but covered by no h= entry
    QStringList oversignedHeaders; // names listed in h= more often than they occur
    QList<Step> steps;

    // Forensics (explanations of a failure and the worth of a success; never change result/reason,
    // except policy reason key_published).
    QList<Explanation> explanations;
    QByteArray recoveredHash;               // the signer's header hash, recovered from b= with the key (RSA)
    std::optional<bool> recoveredHashValid; // PKCS#1 v1.5 padding and DigestInfo well-formed; null = not tried
    QString recoveredWith;                  // which candidate key's source gave recoveredHash
    QString evidenceLevel;                  // strong, weak, none (only for crypto-valid signatures)
    QStringList evidenceStatements;         // what a valid signature proves, in plain words
    QString keyPublishedDetail;             // non-empty: the private key was published before the evaluation time

    // DMARC (RFC 7489 §3.1.1): how d= aligns with the From domain, strict or relaxed.
    std::optional<AlignmentResult> dmarcAlignment;

    bool hasFlag(const QString &f) const { return flags.contains(f); }
};

// One header field instance, for the per-message header table.
struct HeaderInstance {
    int headerIndex = -1;
    ByteRange range;        // in the stored file
    QList<int> coveredBy;   // indexes of the signatures whose h= picked this instance
    bool displayed = false; // the instance a mail client shows (the topmost)
};

struct HeaderNameInfo {
    QString name; // lower case
    QList<HeaderInstance> instances;
    QList<int> oversignedBy; // signatures that list the name more often than it occurs
    bool important = false;  // From, Subject, To, Cc, Reply-To, Date, Message-ID, Content-Type
};

// Every header name of a message: instances, which one each signature covers, which one a client shows.
struct HeaderAnalysis {
    QList<HeaderNameInfo> names;   // in order of first appearance
    QStringList unsignedImportant; // important names present whose displayed instance no signature covers
    QStringList oversigned;        // names locked against additions by at least one signature
    QStringList duplicates;        // names with more than one instance
    QList<Finding> findings;
};

struct MessageResult {
    QString file;
    QByteArray sha256; // hex, of the stored bytes
    qint64 size = 0;
    Result result = Result::None;
    QDateTime evaluatedAt;
    QString evaluatedAtBasis; // "now", "given", "date_header", "first_received"
    QList<SignatureResult> signatures;
    QList<Finding> findings; // message-level (parse remarks, line endings, ...)
    HeaderAnalysis headers;
    QList<Finding> replay;    // what the signatures do not prove about the recipients
    QList<Step> messageSteps; // header analysis and replay check, as visible steps

    // The surrounding evidence (issue 7): the ARC chain forwarders sealed, and what receiving servers
    // recorded in Authentication-Results, matched to our signatures. These headers can be forged by
    // anyone upstream of the server that added them.
    ArcResult arc;
    QList<AuthenticationResults> authenticationResults;
    QList<ArDkimMatch> arDkimMatches;
    // The message's DMARC result now (DKIM side; SPF only as a trusted server recorded it), with the
    // record and its provenance. Empty when surrounding evidence is off.
    std::optional<DmarcEvaluation> dmarc;

    // Every time in the message in order (Date, t=, x=, Received hops, ARC seals, key history) and
    // the contradictions between them (findings only: they never change a verdict).
    Timeline timeline;
};

} // namespace dkimi
