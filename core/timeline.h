#pragma once

#include "byte_range.h"
#include "walk.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dkimi {

class Message;
struct MessageResult;

// -- Dates -------------------------------------------------------------------------------------------

// An RFC 5322 §3.3 date-time as written in a Date or Received header, parsed leniently (the §4.3
// obsolete forms are accepted and noted).
struct MailDate {
    QDateTime time;        // UTC; invalid when the text could not be parsed (see error)
    int offsetSeconds = 0; // the zone as written, east of UTC
    // false: the text gives no usable zone ("-0000", a military letter, an unknown name, none at all).
    // RFC 5322 §4.3: such times carry no information about the local zone and are read as UTC.
    bool zoneKnown = true;
    // Remarks, in order: obsolete_zone (EST, GMT, UT, ...), military_zone, unknown_zone, no_zone,
    // zone_unknown_minus_0000, two_digit_year, three_digit_year, no_seconds, leap_second,
    // asctime_form ("Mon Jan  1 12:00:00 2024"), day_name_mismatch.
    QStringList notes;
    QString error; // plain words; non-empty exactly when time is invalid

    bool isValid() const { return time.isValid(); }
};

// RFC 5322 §3.3 / §4.3. Comments (nested), folding and a trailing "(PST)" are ignored.
MailDate parseMailDate(QByteArrayView text);

// -- Received ----------------------------------------------------------------------------------------

// One clause of a Received field (RFC 5321 §4.4 / RFC 5322 §3.6.7): "from", "by", "via", "with",
// "id" or "for", with the words that follow it up to the next clause name.
struct ReceivedClause {
    QByteArray name;       // lower case
    QString value;         // the words, comments removed, joined by one space
    QString comment;       // the comments that follow the words, each with its parentheses
    qsizetype offset = -1; // of the value, relative to the start of the field value; -1: no value
    qsizetype length = 0;
};

// A Received header field, parsed. Tolerant: a clause may be missing, repeated or written in another
// order; words the grammar does not know are kept in their clause (Exchange writes
// "with Microsoft SMTP Server (version=...)", Exim "with esmtps (TLS1.3) tls ..."), and comments
// before the first clause (qmail's "(qmail 1234 invoked from network)") go to leadingComment.
struct ReceivedHeader {
    QList<ReceivedClause> clauses; // as written
    QString leadingComment;
    bool hasSemicolon = false; // the "; date-time" separator is present
    QString dateText;          // the text after the last ';' outside comments, trimmed
    qsizetype dateOffset = -1; // relative to the start of the field value; -1: no date text
    qsizetype dateLength = 0;
    MailDate date;                     // parsed dateText (invalid when missing or unparsable)
    bool dateWithoutSemicolon = false; // no ';': a date-time was found at the end all the same

    // The first clause of that name; nullptr when absent.
    const ReceivedClause *clause(QByteArrayView name) const;
    QString value(QByteArrayView name) const; // empty when absent
};

ReceivedHeader parseReceived(QByteArrayView value);

// The time the first receiving server stamped: the date of the bottom-most Received field (RFC 5321
// §4.4: each server prepends its own). Invalid when there is no Received field or its date cannot be
// parsed. headerIndex (optional) receives the field's index, or -1.
QDateTime firstReceivedTime(const Message &m, int *headerIndex = nullptr);
// The Date header (the bottom-most, which a signature covers first), parsed; invalid when absent or
// unparsable.
QDateTime dateHeaderTime(const Message &m);

// -- Timeline ----------------------------------------------------------------------------------------

enum class TimelineEventKind {
    Date,                  // the Date header (the author's clock)
    SignatureTimestamp,    // a DKIM-Signature's t= (the signer's clock)
    SignatureExpiry,       // a DKIM-Signature's x=
    Received,              // one Received hop
    ArcSeal,               // an ARC-Seal's t= (the forwarder's clock)
    AuthenticationResults, // where a receiving server recorded its checks (no time of its own)
    KeyFirstSeen,          // the key store first saw the key that made a signature
    KeyLastSeen,           // ... and last saw it
    KeyReplaced,           // the key store first saw a different key at the same selector, after KeyLastSeen
};
const char *timelineEventKindName(TimelineEventKind k); // "date", "signature_timestamp", ...

// One moment of the message's life.
struct TimelineEvent {
    TimelineEventKind kind = TimelineEventKind::Date;
    QDateTime time;          // UTC; invalid: no time of its own (placed by its position among the Received hops)
    QString timeText;        // the time as written (date text, t=/x= value); empty for the key store
    QString source;          // which header: "Date", "DKIM-Signature 1", "Received 3", "ARC-Seal i=1",
                             // "Authentication-Results 2", "key store" (numbers count from 1, top first)
    QString label;           // plain words
    ByteRange range;         // the header field in the stored file; offset -1 for key-store events
    ByteRange timeRange;     // where the time itself is written; offset -1 when not in the message
    int headerIndex = -1;    // in Message::headers()
    int signatureIndex = -1; // DKIM events and key events: index in MessageResult::signatures
    int hop = 0;             // Received: 1 = bottom-most (the first receiving server), counting up
    int arcInstance = 0;     // ArcSeal: i=
    int receivedAbove = -1;  // AuthenticationResults: Received fields above it
    std::optional<ReceivedHeader> received; // Received: the parsed clauses
    // Received: seconds since the nearest lower hop that has a time (negative: the clock went back);
    // nullopt when this hop or every lower one lacks a time.
    std::optional<qint64> delaySeconds;
    int delayFromEvent = -1; // the event delaySeconds is measured from
};

// Two times that cannot both be true as written. A contradiction is evidence that a clock was wrong,
// that a header was forged or edited, or that the message was re-sent later; it never says which,
// and it never changes a DKIM verdict. Codes in docs/codes.md, "Timeline".
struct TimelineContradiction {
    QString code;
    Severity severity = Severity::Warning;
    QString detail;    // plain words, with the times and what it does and does not prove
    QList<int> events; // indexes into Timeline::events
};

struct Timeline {
    QList<TimelineEvent> events; // in time order; events without a time are placed by header position
    QList<TimelineContradiction> contradictions;
    QList<Finding> findings; // unparsable or missing timestamps (date_unparsable, received_date_unparsable,
                             // received_no_date), obsolete date forms (date_obsolete_form)

    int indexOf(TimelineEventKind kind, int signatureIndex = -1) const; // first match; -1: none
};

struct TimelineOptions {
    qint64 clockAllowanceSeconds = 300;     // clocks may differ this much (as VerifierOptions)
    qint64 dateSignatureGapSeconds = 86400; // Date and t= further apart than this: date_far_from_signature
};

// Builds the timeline of a verified message: Date, each signature's t= and x=, every Received hop,
// ARC seals, Authentication-Results positions and the key store's history of each used key, then the
// contradictions between them. Needs r.signatures, r.arc and r.authenticationResults filled.
class TimelineBuilder {
public:
    static Timeline build(const Message &m, const MessageResult &r, const TimelineOptions &options = {});
};

} // namespace dkimi
