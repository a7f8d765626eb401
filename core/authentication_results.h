#pragma once

#include "byte_range.h"
#include "walk.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dkimi {

class Message;
struct SignatureResult;

// Offsets in this file are relative to the header field's value (the bytes after the colon, folding
// included), unless a ByteRange says otherwise. AuthenticationResults::valueOffset maps them to
// Message::data(); Message::rawRange() then maps to the stored file.

// One property of a result: ptype.property=pvalue (RFC 8601 §2.2), e.g. header.d=example.com.
struct ArProperty {
    QByteArray ptype;     // "header", "smtp", "policy", "body", ... lower case; empty for a non-standard "name=value"
    QByteArray property;  // "d", "s", "b", "i", "from", "mailfrom", ... lower case
    QByteArray value;     // unquoted
    qsizetype offset = 0; // the whole propspec
    qsizetype length = 0;
    qsizetype valueOffset = 0;
    qsizetype valueLength = 0;
};

// One method's result: method[/version]=result [reason=...] [props...], with its comments.
struct ArMethodResult {
    QByteArray method; // lower case: dkim, spf, dmarc, arc, iprev, auth, ...
    int methodVersion = -1;
    QByteArray result; // lower case: pass, fail, none, neutral, policy, temperror, permerror, softfail, ...
    QByteArray reason; // reason= value, unquoted
    QList<ArProperty> properties;
    QList<QByteArray> comments; // comment texts found inside this resinfo (without the parentheses)
    qsizetype offset = 0;       // from the method name to the end of the last token
    qsizetype length = 0;
    qsizetype resultOffset = 0;
    qsizetype resultLength = 0;

    const ArProperty *property(QByteArrayView ptype, QByteArrayView name) const; // case-insensitive
    QByteArray value(QByteArrayView ptype, QByteArrayView name) const;
};

// One Authentication-Results or ARC-Authentication-Results header field.
struct AuthenticationResults {
    int headerIndex = -1;      // in Message::headers(); -1 when parsed from a bare value
    qsizetype valueOffset = 0; // in Message::data()
    bool arc = false;          // an ARC-Authentication-Results (value starts "i=N;")
    int instance = -1;         // its i=, ARC only
    QByteArray authservId;     // empty when the header has none (Microsoft writes such headers)
    qsizetype authservOffset = -1;
    qsizetype authservLength = 0;
    int version = -1;  // authres-version, when written
    bool none = false; // "; none": the server evaluated nothing
    QList<ArMethodResult> results;
    int receivedAbove = 0;   // Received header fields above this one (0: added by the last hop)
    QList<Finding> findings; // parse remarks: ar_syntax, ar_no_authserv_id, ...
    bool wellFormed = true;  // false when a part could not be parsed (what could be read is kept)

    QList<const ArMethodResult *> methods(QByteArrayView method) const;
};

// RFC 8601 §2.2 parser, lenient where real servers are: nested comments anywhere, quoted strings,
// several methods, reason=, properties whose values contain '=', '/', '+' or '@', a missing
// authserv-id, a trailing ';', name=value pairs without a ptype, odd spacing and folding.
class AuthenticationResultsParser {
public:
    static AuthenticationResults parse(QByteArrayView value, bool arc = false);
    // Every Authentication-Results and ARC-Authentication-Results field of a message, top first.
    static QList<AuthenticationResults> fromMessage(const Message &m);
};

// A recorded dkim= result and the signature it speaks about.
struct ArDkimMatch {
    int arIndex = -1;        // into the list given to matchDkimResults
    int resultIndex = -1;    // into that header's results
    int signatureIndex = -1; // SignatureResult::index; -1 when no signature of the message matches
    QString matchedBy;       // "header.b", "header.d+header.s", "header.d", "header.i", or empty
    QByteArray authservId;
    QByteArray recorded;        // the result the server recorded
    QString ours;               // our result (resultName), empty without a match
    std::optional<bool> agrees; // nullopt: not comparable (no match, or an error on either side)
    bool trusted = false;       // the authserv-id is one the user named
    QList<Finding> findings;    // ar_disagrees, ar_agrees, ar_no_matching_signature, ar_ambiguous_match, ...
};

// Matches each recorded dkim= result to our signatures by header.b (a prefix of b=, RFC 6008), else
// header.d + header.s, else header.d or header.i's domain when only one signature fits. `agrees` says
// whether the server's pass/fail is ours now. trustedAuthservIds: the servers the user trusts.
QList<ArDkimMatch> matchDkimResults(const QList<AuthenticationResults> &ars, const QList<SignatureResult> &signatures,
                                    const QStringList &trustedAuthservIds = {});

// The plain-words warning that goes with every recorded result: these headers can be forged.
QString authenticationResultsCaveat(const AuthenticationResults &ar);

} // namespace dkimi
