#pragma once

#include "key_resolver.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dkimi {

// One remark about a DMARC record: an invalid tag value replaced by its default, an unknown tag
// ignored, ... (codes in docs/dmarc.md).
struct DmarcRemark {
    QString code;
    QString detail;
};

// A DMARC policy record (RFC 7489 §6.3, grammar §6.4), as published at _dmarc.<domain>.
// Tag names and keyword values are case-insensitive (RFC 5234 quoted strings); "DMARC1" is
// case-sensitive (%x44 %x4d ...). Invalid values of optional tags fall back to their defaults with
// a remark (§6.6.3: "discarded in favor of default values"); unknown tags are ignored with a remark.
struct DmarcRecord {
    QByteArray text; // the record as published (its character-strings joined)

    // isDmarc: starts with v=DMARC1 (otherwise it is some other TXT record, ignored in discovery).
    // usable: a DMARC record from which a policy can be applied. False when p is missing or invalid
    // and no valid rua saves it (§6.6.3), or when the tag list itself cannot be parsed.
    bool isDmarc = false;
    bool usable = false;
    QString errorCode; // when !usable: dmarc_not_dmarc, dmarc_syntax, dmarc_no_valid_policy
    QString errorDetail;

    QByteArray policy;          // p: none, quarantine, reject (lower case)
    bool policyImplied = false; // p missing/invalid, valid rua: act as p=none (§6.6.3)
    QByteArray subdomainPolicy; // sp; empty when absent (p applies to subdomains too)
    char adkim = 'r';           // 'r' relaxed (default) or 's' strict
    char aspf = 'r';
    int pct = 100;
    QList<QByteArray> rua; // valid reporting URIs
    QList<QByteArray> ruf;
    QByteArray fo = "0";
    QByteArray rf = "afrf";
    qint64 ri = 86400;
    QList<QByteArray> tagsPresent; // tag names in record order, lower case
    QList<DmarcRemark> remarks;

    // The policy that applies to a message whose From domain is `fromDomain` when this record was
    // found at `recordDomain`: sp (when present) for a subdomain found at its organizational domain,
    // else p. *which gets "p" or "sp".
    QByteArray appliedPolicy(const QByteArray &fromDomain, const QByteArray &recordDomain, QString *which) const;
};

class DmarcRecordParser {
public:
    // True when the text starts with the tag v=DMARC1 (whitespace around '=' allowed).
    static bool isDmarcRecord(QByteArrayView text);
    static DmarcRecord parse(QByteArrayView text);
};

// One name asked during discovery, and what it held.
struct DmarcQuery {
    QByteArray name; // _dmarc.example.com
    KeyLookup lookup;
    int dmarcRecords = 0;         // TXT records starting with v=DMARC1
    QList<QByteArray> ignoredTxt; // other TXT records at the name, ignored (§6.6.3 step 2)
    // found, no_record, not_looked_up (no TXT source asked: offline), temperror, multiple_records
    QString outcome;
};

// RFC 7489 §6.6.3 policy discovery for one From domain: _dmarc.<From domain>; when that name holds
// no DMARC record, _dmarc.<organizational domain>. A temporary failure stops the search (the
// record may exist). Several DMARC records at one name: no policy.
struct DmarcDiscovery {
    enum class Status {
        Found,       // `record` (possibly !usable) at `foundAt`
        NoRecord,    // DNS says neither name holds a DMARC record
        NotLookedUp, // no source could answer for some name (offline, the key files do not hold it)
        TempError,   // a lookup failed temporarily
        Multiple,    // more than one DMARC record at the name: no policy applies
    };
    Status status = Status::NotLookedUp;
    QByteArray fromDomain;
    QByteArray orgDomain;
    QByteArray foundAt;        // the queried name that answered (Found, Multiple)
    QByteArray recordDomain;   // foundAt without "_dmarc."
    DmarcRecord record;        // Found only
    KeyLookup provenance;      // the lookup that decided the outcome
    QList<DmarcQuery> lookups; // every name asked, in order
    QString code;              // docs/dmarc.md
    QString detail;            // plain words
};

// `resolver` may be null (nothing is looked up: NotLookedUp).
DmarcDiscovery discoverDmarcPolicy(const QByteArray &fromDomain, const KeyResolver *resolver);

} // namespace dkimi
