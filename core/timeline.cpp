#include "timeline.h"

#include "byte_search.h"
#include "message.h"
#include "verification_result.h"
#include "verifier.h"

#include <QRegularExpression>

#include <algorithm>

namespace dkimi {

namespace {

bool isWsp(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Skips an RFC 5322 comment starting at text[i] == '(' (nested, with quoted-pairs); returns the index
// after its closing parenthesis (text.size() when unterminated).
qsizetype skipComment(QByteArrayView text, qsizetype i)
{
    int depth = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\') {
            ++i;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return text.size();
}

// The text with every comment replaced by a space.
QByteArray withoutComments(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        if (text[i] == '(') {
            i = skipComment(text, i);
            out.append(' ');
        } else {
            out.append(text[i++]);
        }
    }
    return out;
}

int monthOf(QByteArrayView word)
{
    static const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (word.first(3).compare(months[i], Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

int dayOfWeekOf(QByteArrayView word)
{
    static const char *days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (word.size() < 3)
        return 0;
    for (int i = 0; i < 7; ++i) {
        if (word.first(3).compare(days[i], Qt::CaseInsensitive) == 0)
            return i + 1; // Qt: Monday = 1
    }
    return 0;
}

// RFC 5322 §4.3 obs-zone, plus "UTC" (common, not in the grammar).
bool namedZone(QByteArrayView w, int *offsetHours, bool *obsolete)
{
    struct Z {
        const char *name;
        int hours;
    };
    static const Z zones[] = {{"UT", 0},   {"GMT", 0},  {"UTC", 0},  {"EST", -5}, {"EDT", -4}, {"CST", -6},
                              {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (const Z &z : zones) {
        if (w.compare(z.name, Qt::CaseInsensitive) == 0) {
            *offsetHours = z.hours;
            *obsolete = true;
            return true;
        }
    }
    return false;
}

} // namespace

MailDate parseMailDate(QByteArrayView text)
{
    MailDate d;
    QByteArray clean = withoutComments(text);
    clean.replace(',', ' ');
    const QList<QByteArray> t = clean.simplified().split(' ');
    QList<QByteArray> tok;
    for (const QByteArray &w : t) {
        if (!w.isEmpty())
            tok << w;
    }
    auto fail = [&d](const QString &why) {
        d.error = why;
        d.time = QDateTime();
        return d;
    };
    if (tok.isEmpty())
        return fail(QStringLiteral("no date-time is written"));
    qsizetype i = 0;
    int dow = 0;
    if (!allDigits(tok.at(0)) && (dow = dayOfWeekOf(tok.at(0))) != 0)
        ++i;
    QByteArray dayW, monthW, yearW, timeW;
    auto at = [&](qsizetype k) { return k < tok.size() ? tok.at(k) : QByteArray(); };
    if (monthOf(at(i)) && !allDigits(at(i))) {
        // asctime / ctime form, written by some old servers: "Mon Jan  1 12:00:00 2024"
        monthW = at(i);
        dayW = at(i + 1);
        timeW = at(i + 2);
        yearW = at(i + 3);
        i += 4;
        d.notes << QStringLiteral("asctime_form");
    } else {
        dayW = at(i);
        monthW = at(i + 1);
        yearW = at(i + 2);
        timeW = at(i + 3);
        i += 4;
    }
    if (!allDigits(dayW) || dayW.size() > 2)
        return fail(QStringLiteral("no day of the month where one was expected"));
    const int month = monthOf(monthW);
    if (!month)
        return fail(QStringLiteral("no month name where one was expected"));
    if (!allDigits(yearW))
        return fail(QStringLiteral("no year where one was expected"));
    int year = yearW.toInt();
    // RFC 5322 §4.3: a two-digit year is 2000+ below 50, 1900+ otherwise; three digits add 1900.
    if (yearW.size() == 2) {
        year += year < 50 ? 2000 : 1900;
        d.notes << QStringLiteral("two_digit_year");
    } else if (yearW.size() == 3) {
        year += 1900;
        d.notes << QStringLiteral("three_digit_year");
    } else if (yearW.size() != 4) {
        return fail(QStringLiteral("the year \"%1\" has %2 digits").arg(QString::fromLatin1(yearW)).arg(yearW.size()));
    }
    const QList<QByteArray> hms = timeW.split(':');
    if (hms.size() < 2 || hms.size() > 3)
        return fail(QStringLiteral("no time of day (hh:mm:ss) where one was expected"));
    for (const QByteArray &p : hms) {
        if (!allDigits(p) || p.size() > 2)
            return fail(QStringLiteral("the time of day \"%1\" is malformed").arg(QString::fromLatin1(timeW)));
    }
    int sec = 0;
    if (hms.size() == 2)
        d.notes << QStringLiteral("no_seconds");
    else
        sec = hms.at(2).toInt();
    if (sec == 60) { // RFC 5322 §3.3 allows a leap second
        sec = 59;
        d.notes << QStringLiteral("leap_second");
    }
    const QDate date(year, month, dayW.toInt());
    const QTime time(hms.at(0).toInt(), hms.at(1).toInt(), sec);
    if (!date.isValid())
        return fail(QStringLiteral("%1 %2 %3 is not a calendar date")
                        .arg(QString::fromLatin1(dayW), QString::fromLatin1(monthW))
                        .arg(year));
    if (!time.isValid())
        return fail(QStringLiteral("%1 is not a time of day").arg(QString::fromLatin1(timeW)));
    const QByteArray zone = at(i);
    if (zone.isEmpty()) {
        d.zoneKnown = false;
        d.notes << QStringLiteral("no_zone");
    } else if ((zone.startsWith('+') || zone.startsWith('-')) &&
               (allDigits(zone.sliced(1)) || (zone.size() == 6 && zone.at(3) == ':'))) {
        QByteArray digits = zone.sliced(1);
        digits.replace(":", "");
        if (digits.size() != 4)
            return fail(QStringLiteral("the zone \"%1\" is malformed").arg(QString::fromLatin1(zone)));
        const int hh = digits.first(2).toInt(), mm = digits.sliced(2).toInt();
        if (mm > 59)
            return fail(QStringLiteral("the zone \"%1\" is malformed").arg(QString::fromLatin1(zone)));
        d.offsetSeconds = (zone.at(0) == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
        if (zone == "-0000") {
            // RFC 5322 §3.3: "-0000" says the time is UTC but the local zone is unknown.
            d.zoneKnown = false;
            d.notes << QStringLiteral("zone_unknown_minus_0000");
        }
    } else {
        int hours = 0;
        bool obsolete = false;
        if (namedZone(zone, &hours, &obsolete)) {
            d.offsetSeconds = hours * 3600;
            d.notes << QStringLiteral("obsolete_zone");
        } else if (zone.size() == 1 && std::isalpha(static_cast<unsigned char>(zone.at(0))) && zone.at(0) != 'j' &&
                   zone.at(0) != 'J') {
            // RFC 5322 §4.3: military zones were defined with the wrong sign in RFC 822; they SHOULD
            // be read as "-0000" (UTC, local zone unknown). "Z" is UTC either way.
            d.zoneKnown = zone.compare("Z", Qt::CaseInsensitive) == 0;
            d.notes << QStringLiteral("military_zone");
        } else {
            d.zoneKnown = false;
            d.notes << QStringLiteral("unknown_zone");
        }
    }
    d.time = QDateTime(date, time, Qt::UTC).addSecs(-d.offsetSeconds);
    if (dow && date.dayOfWeek() != dow)
        d.notes << QStringLiteral("day_name_mismatch");
    return d;
}

// -- Received ----------------------------------------------------------------------------------------

const ReceivedClause *ReceivedHeader::clause(QByteArrayView name) const
{
    for (const ReceivedClause &c : clauses) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QString ReceivedHeader::value(QByteArrayView name) const
{
    const ReceivedClause *c = clause(name);
    return c ? c->value : QString();
}

namespace {

struct Token {
    bool comment = false;
    qsizetype offset = 0;
    qsizetype length = 0;
};

// Words and comments of the clause part. A word runs to whitespace or a comment; quoted strings and
// <...> keep their spaces.
QList<Token> tokenize(QByteArrayView v)
{
    QList<Token> out;
    qsizetype i = 0;
    while (i < v.size()) {
        if (isWsp(v[i])) {
            ++i;
            continue;
        }
        if (v[i] == '(') {
            const qsizetype end = skipComment(v, i);
            out.append(Token{true, i, end - i});
            i = end;
            continue;
        }
        const qsizetype start = i;
        while (i < v.size() && !isWsp(v[i]) && v[i] != '(') {
            const char close = v[i] == '"' ? '"' : v[i] == '<' ? '>' : 0;
            ++i;
            if (close) {
                while (i < v.size() && v[i] != close) {
                    if (close == '"' && v[i] == '\\')
                        ++i;
                    ++i;
                }
                if (i < v.size())
                    ++i;
            }
        }
        out.append(Token{false, start, i - start});
    }
    return out;
}

// The last ';' outside comments, quoted strings and angle brackets; -1 when none.
qsizetype lastTopLevelSemicolon(QByteArrayView v)
{
    qsizetype last = -1;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '(') {
            i = skipComment(v, i) - 1;
        } else if (c == '"') {
            for (++i; i < v.size() && v[i] != '"'; ++i) {
                if (v[i] == '\\')
                    ++i;
            }
        } else if (c == ';') {
            last = i;
        }
    }
    return last;
}

QString simplifiedText(QByteArrayView b)
{
    return QString::fromLatin1(b.data(), b.size()).simplified();
}

} // namespace

ReceivedHeader parseReceived(QByteArrayView v)
{
    ReceivedHeader h;
    qsizetype clauseEnd = v.size();
    qsizetype dateStart = -1;
    const qsizetype semi = lastTopLevelSemicolon(v);
    if (semi >= 0) {
        h.hasSemicolon = true;
        clauseEnd = semi;
        dateStart = semi + 1;
    } else {
        // No ';' (broken software, or a cut header): a date-time at the end is still the stamp.
        static const QRegularExpression re(
            QStringLiteral("(?:\\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?\\b\\d{1,2}\\s+"
                           "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\s+\\d{2,4}\\s+\\d{1,2}:\\d{2}"),
            QRegularExpression::CaseInsensitiveOption);
        const QString s = QString::fromLatin1(v.data(), v.size());
        QRegularExpressionMatchIterator it = re.globalMatch(s);
        qsizetype found = -1;
        while (it.hasNext())
            found = it.next().capturedStart();
        if (found >= 0) {
            clauseEnd = found;
            dateStart = found;
            h.dateWithoutSemicolon = true;
        }
    }

    static const QByteArrayList keywords{"from", "by", "via", "with", "id", "for"};
    const QByteArrayView part = v.first(clauseEnd);
    ReceivedClause *cur = nullptr;
    for (const Token &t : tokenize(part)) {
        const QByteArrayView text = part.sliced(t.offset, t.length);
        if (t.comment) {
            QString &into = cur ? cur->comment : h.leadingComment;
            if (!into.isEmpty())
                into += QLatin1Char(' ');
            into += simplifiedText(text);
            continue;
        }
        const QByteArray lower = text.toByteArray().toLower();
        if (keywords.contains(lower) && (!cur || cur->offset >= 0)) {
            h.clauses.append(ReceivedClause{lower, {}, {}, -1, 0});
            cur = &h.clauses.last();
            continue;
        }
        if (!cur) { // words before any clause: kept, not guessed at
            if (!h.leadingComment.isEmpty())
                h.leadingComment += QLatin1Char(' ');
            h.leadingComment += simplifiedText(text);
            continue;
        }
        if (cur->offset < 0) {
            cur->offset = t.offset;
            cur->value = simplifiedText(text);
        } else {
            cur->value += QLatin1Char(' ') + simplifiedText(text);
        }
        cur->length = t.offset + t.length - cur->offset;
    }

    if (dateStart >= 0) {
        qsizetype a = dateStart, b = v.size();
        while (a < b && isWsp(v[a]))
            ++a;
        while (b > a && isWsp(v[b - 1]))
            --b;
        if (b > a) {
            h.dateOffset = a;
            h.dateLength = b - a;
            h.dateText = simplifiedText(v.sliced(a, b - a));
            h.date = parseMailDate(v.sliced(a, b - a));
        } else {
            h.date.error = QStringLiteral("nothing follows the ';'");
        }
    } else {
        h.date.error = QStringLiteral("the field has no \"; date-time\" part");
    }
    return h;
}

QDateTime firstReceivedTime(const Message &m, int *headerIndex)
{
    const QList<int> received = m.headerIndexes("Received");
    if (headerIndex)
        *headerIndex = received.isEmpty() ? -1 : received.last();
    if (received.isEmpty())
        return {};
    return parseReceived(m.headerValue(m.headers().at(received.last()))).date.time;
}

QDateTime dateHeaderTime(const Message &m)
{
    const QList<int> dates = m.headerIndexes("Date");
    if (dates.isEmpty())
        return {};
    return parseMailDate(m.headerValue(m.headers().at(dates.last()))).time;
}

// -- Timeline ----------------------------------------------------------------------------------------

const char *timelineEventKindName(TimelineEventKind k)
{
    switch (k) {
    case TimelineEventKind::Date:
        return "date";
    case TimelineEventKind::SignatureTimestamp:
        return "signature_timestamp";
    case TimelineEventKind::SignatureExpiry:
        return "signature_expiry";
    case TimelineEventKind::Received:
        return "received";
    case TimelineEventKind::ArcSeal:
        return "arc_seal";
    case TimelineEventKind::AuthenticationResults:
        return "authentication_results";
    case TimelineEventKind::KeyFirstSeen:
        return "key_first_seen";
    case TimelineEventKind::KeyLastSeen:
        return "key_last_seen";
    case TimelineEventKind::KeyReplaced:
        return "key_replaced";
    }
    return "date";
}

int Timeline::indexOf(TimelineEventKind kind, int signatureIndex) const
{
    for (int i = 0; i < events.size(); ++i) {
        if (events.at(i).kind == kind && (signatureIndex < 0 || events.at(i).signatureIndex == signatureIndex))
            return i;
    }
    return -1;
}

namespace {

ByteRange noRange()
{
    return ByteRange{SourceId::RawMessage, -1, 0};
}

QString duration(qint64 secs)
{
    secs = std::llabs(secs);
    if (secs < 120)
        return QStringLiteral("%1 s").arg(secs);
    if (secs < 7200)
        return QStringLiteral("%1 min").arg(secs / 60);
    if (secs < 172800)
        return QStringLiteral("%1 h %2 min").arg(secs / 3600).arg((secs % 3600) / 60);
    return QStringLiteral("%1 days %2 h").arg(secs / 86400).arg((secs % 86400) / 3600);
}

QString describeHop(const ReceivedHeader &h)
{
    const QString from = h.value("from"), by = h.value("by");
    if (!from.isEmpty() && !by.isEmpty())
        return QStringLiteral("%1 received it from %2").arg(by, from);
    if (!by.isEmpty())
        return QStringLiteral("%1 received it").arg(by);
    if (!from.isEmpty())
        return QStringLiteral("received from %1").arg(from);
    return QStringLiteral("a server received it");
}

void addDateNotes(Timeline &t, const MailDate &d, const QString &where, const ByteRange &range)
{
    static const QStringList obsolete{QStringLiteral("obsolete_zone"),  QStringLiteral("military_zone"),
                                      QStringLiteral("unknown_zone"),   QStringLiteral("no_zone"),
                                      QStringLiteral("two_digit_year"), QStringLiteral("three_digit_year"),
                                      QStringLiteral("asctime_form")};
    QStringList found;
    for (const QString &n : d.notes) {
        if (obsolete.contains(n))
            found << n;
    }
    if (!found.isEmpty())
        t.findings.append(Finding{Severity::Info,
                                  QStringLiteral("date_obsolete_form"),
                                  QStringLiteral("%1 writes its time in an obsolete or incomplete form (%2); it was "
                                                 "read as %3.")
                                      .arg(where, found.join(QStringLiteral(", ")), formatTime(d.time)),
                                  {range}});
}

// Builds the events in the message's journey order (author, signer, hops bottom-up, ...); the sort
// afterwards is stable, so equal times keep this order.
struct Collector {
    const Message &m;
    const MessageResult &r;
    Timeline t;
    QList<TimelineEvent> timed, untimed;

    void add(TimelineEvent e) { (e.time.isValid() ? timed : untimed).append(std::move(e)); }
};

} // namespace

Timeline TimelineBuilder::build(const Message &m, const MessageResult &r, const TimelineOptions &o)
{
    Collector c{m, r, {}, {}, {}};
    Timeline &t = c.t;
    const QList<HeaderField> &hs = m.headers();
    auto fieldRange = [&](int i) { return m.rawRange(hs.at(i).offset, hs.at(i).length); };

    // Date (the bottom-most, the one a signature covers first).
    const QList<int> dates = m.headerIndexes("Date");
    if (!dates.isEmpty()) {
        const HeaderField &f = hs.at(dates.last());
        const QByteArrayView v = m.headerValue(f);
        const MailDate d = parseMailDate(v);
        TimelineEvent e;
        e.kind = TimelineEventKind::Date;
        e.time = d.time;
        e.timeText = simplifiedText(v);
        e.source = QStringLiteral("Date");
        e.headerIndex = dates.last();
        e.range = fieldRange(dates.last());
        qsizetype lead = 0, trail = v.size();
        while (lead < trail && isWsp(v[lead]))
            ++lead;
        while (trail > lead && isWsp(v[trail - 1]))
            --trail;
        e.timeRange = m.rawRange(f.valueOffset() + lead, trail - lead);
        e.label = d.isValid() ? QStringLiteral("The author's program dated the message (Date header)")
                              : QStringLiteral("The Date header, which could not be read as a time");
        if (!d.isValid())
            t.findings.append(
                Finding{Severity::Warning,
                        QStringLiteral("date_unparsable"),
                        QStringLiteral("The Date header \"%1\" is not a date-time: %2.").arg(e.timeText, d.error),
                        {e.range}});
        else
            addDateNotes(t, d, QStringLiteral("The Date header"), e.range);
        c.add(std::move(e));
    }

    // DKIM signatures: t= and x=.
    const QList<int> sigHeaders = m.headerIndexes("DKIM-Signature");
    for (const SignatureResult &s : r.signatures) {
        if (s.index < 0 || s.index >= sigHeaders.size())
            continue;
        const int hi = sigHeaders.at(s.index);
        const QString d = QString::fromLatin1(s.signature.domain);
        if (s.signature.timestamp) {
            TimelineEvent e;
            e.kind = TimelineEventKind::SignatureTimestamp;
            e.time = QDateTime::fromSecsSinceEpoch(*s.signature.timestamp, Qt::UTC);
            e.timeText = QString::number(*s.signature.timestamp);
            e.source = QStringLiteral("DKIM-Signature %1").arg(s.index + 1);
            e.headerIndex = hi;
            e.signatureIndex = s.index;
            e.range = fieldRange(hi);
            e.timeRange = s.signature.tagRange(m, "t");
            e.label = QStringLiteral("%1 says it signed the message (t=)").arg(d);
            c.add(std::move(e));
        }
        if (s.signature.expiration) {
            TimelineEvent e;
            e.kind = TimelineEventKind::SignatureExpiry;
            e.time = QDateTime::fromSecsSinceEpoch(*s.signature.expiration, Qt::UTC);
            e.timeText = QString::number(*s.signature.expiration);
            e.source = QStringLiteral("DKIM-Signature %1").arg(s.index + 1);
            e.headerIndex = hi;
            e.signatureIndex = s.index;
            e.range = fieldRange(hi);
            e.timeRange = s.signature.tagRange(m, "x");
            e.label = QStringLiteral("The signature by %1 expires (x=)").arg(d);
            c.add(std::move(e));
        }
        // The key store's history of the key that made the signature, and of the key after it.
        const KeyCandidate *used = nullptr;
        for (const KeyCandidate &k : s.keyCandidates) {
            if (k.used)
                used = &k;
        }
        const KeyCandidate *stored = nullptr;
        if (used && !used->fingerprint.isEmpty()) {
            for (const KeyCandidate &k : s.keyCandidates) {
                if (k.sourceKind == QLatin1String("key_store") && k.fingerprint == used->fingerprint)
                    stored = &k;
            }
        }
        if (!stored)
            continue;
        const QString qname = QStringLiteral("%1._domainkey.%2").arg(QString::fromLatin1(s.signature.selector), d);
        auto keyEvent = [&](TimelineEventKind kind, const QDateTime &when, const QString &label) {
            TimelineEvent e;
            e.kind = kind;
            e.time = when.toUTC();
            e.source = QStringLiteral("key store");
            e.signatureIndex = s.index;
            e.range = noRange();
            e.timeRange = noRange();
            e.label = label;
            c.add(std::move(e));
        };
        if (stored->firstSeen.isValid())
            keyEvent(TimelineEventKind::KeyFirstSeen, stored->firstSeen,
                     QStringLiteral("The key store first saw the key of signature %1 at %2 (%3)")
                         .arg(s.index + 1)
                         .arg(qname, stored->origin));
        if (stored->lastSeen.isValid())
            keyEvent(TimelineEventKind::KeyLastSeen, stored->lastSeen,
                     QStringLiteral("The key store last saw the key of signature %1 at %2 (%3)")
                         .arg(s.index + 1)
                         .arg(qname, stored->origin));
        // The earliest different key the store first saw after it last saw this one: from then on
        // the selector served another key.
        const KeyCandidate *next = nullptr;
        for (const KeyCandidate &k : s.keyCandidates) {
            if (k.sourceKind != QLatin1String("key_store") || k.fingerprint == stored->fingerprint ||
                !k.firstSeen.isValid() || !stored->lastSeen.isValid() || k.firstSeen <= stored->lastSeen)
                continue;
            if (!next || k.firstSeen < next->firstSeen)
                next = &k;
        }
        if (next)
            keyEvent(TimelineEventKind::KeyReplaced, next->firstSeen,
                     QStringLiteral("The key store first saw a different key at %1 (SHA-256 %2, %3): the key of "
                                    "signature %4 had been replaced by then")
                         .arg(qname, QString::fromLatin1(next->fingerprint.left(16)), next->origin)
                         .arg(s.index + 1));
    }

    // Received hops, bottom-up: hop 1 is the first receiving server.
    const QList<int> received = m.headerIndexes("Received");
    for (qsizetype k = received.size() - 1; k >= 0; --k) {
        const int hi = received.at(k);
        const HeaderField &f = hs.at(hi);
        const QByteArrayView v = m.headerValue(f);
        ReceivedHeader h = parseReceived(v);
        TimelineEvent e;
        e.kind = TimelineEventKind::Received;
        e.time = h.date.time;
        e.timeText = h.dateText;
        e.hop = int(received.size() - k);
        e.source = QStringLiteral("Received %1").arg(k + 1);
        e.headerIndex = hi;
        e.range = fieldRange(hi);
        e.timeRange = h.dateOffset >= 0 ? m.rawRange(f.valueOffset() + h.dateOffset, h.dateLength) : noRange();
        e.label = QStringLiteral("Hop %1: %2").arg(e.hop).arg(describeHop(h));
        const QString where = QStringLiteral("Received header %1 (hop %2)").arg(k + 1).arg(e.hop);
        if (!h.date.isValid()) {
            const bool none = h.dateOffset < 0;
            t.findings.append(
                Finding{Severity::Warning,
                        none ? QStringLiteral("received_no_date") : QStringLiteral("received_date_unparsable"),
                        none ? QStringLiteral("%1 carries no time stamp: %2.").arg(where, h.date.error)
                             : QStringLiteral("The time stamp of %1, \"%2\", is not a date-time: %3.")
                                   .arg(where, h.dateText, h.date.error),
                        {e.range}});
        } else {
            addDateNotes(t, h.date, where, e.timeRange);
        }
        e.received = std::move(h);
        c.add(std::move(e));
    }

    // ARC seals: when each forwarder says it sealed.
    for (const ArcHop &a : r.arc.hops) {
        const Tag *tag = a.seal.tags.find("t");
        if (a.seal.headerIndex < 0 || !tag)
            continue;
        bool ok = false;
        const qint64 secs = tag->value.trimmed().toLongLong(&ok);
        if (!ok)
            continue;
        TimelineEvent e;
        e.kind = TimelineEventKind::ArcSeal;
        e.time = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
        e.timeText = QString::number(secs);
        e.arcInstance = a.instance;
        e.source = QStringLiteral("ARC-Seal i=%1").arg(a.instance);
        e.headerIndex = a.seal.headerIndex;
        e.range = a.seal.range;
        e.timeRange = m.rawRange(a.seal.valueOffset + tag->valueOffset, tag->valueLength);
        e.label = QStringLiteral("%1 sealed the message (ARC instance %2, t=)")
                      .arg(QString::fromLatin1(a.sealDomain))
                      .arg(a.instance);
        c.add(std::move(e));
    }

    // Authentication-Results: no time of their own; placed among the hops.
    int arNumber = 0;
    for (const AuthenticationResults &ar : r.authenticationResults) {
        if (ar.arc || ar.headerIndex < 0)
            continue;
        ++arNumber;
        TimelineEvent e;
        e.kind = TimelineEventKind::AuthenticationResults;
        e.source = QStringLiteral("Authentication-Results %1").arg(arNumber);
        e.headerIndex = ar.headerIndex;
        e.range = fieldRange(ar.headerIndex);
        e.timeRange = noRange();
        e.receivedAbove = ar.receivedAbove;
        e.label = QStringLiteral("%1 recorded its checks (%2 Received hop%3 below it)")
                      .arg(ar.authservId.isEmpty() ? QStringLiteral("A server") : QString::fromUtf8(ar.authservId))
                      .arg(received.size() - ar.receivedAbove)
                      .arg(received.size() - ar.receivedAbove == 1 ? QString() : QStringLiteral("s"));
        c.add(std::move(e));
    }

    // Time order; equal times keep journey order.
    std::stable_sort(c.timed.begin(), c.timed.end(),
                     [](const TimelineEvent &a, const TimelineEvent &b) { return a.time < b.time; });
    t.events = c.timed;
    // Events without a time go right after the nearest Received field below them in the header
    // (the hop before which they were written), lowest first; with none below, before the first hop.
    std::stable_sort(c.untimed.begin(), c.untimed.end(),
                     [](const TimelineEvent &a, const TimelineEvent &b) { return a.headerIndex > b.headerIndex; });
    for (TimelineEvent &e : c.untimed) {
        qsizetype at = -1;
        if (e.kind == TimelineEventKind::Date) {
            at = 0;
        } else {
            int best = -1;
            for (qsizetype i = 0; i < t.events.size(); ++i) {
                const TimelineEvent &x = t.events.at(i);
                if (x.kind == TimelineEventKind::Received && x.headerIndex > e.headerIndex &&
                    (best < 0 || x.headerIndex < t.events.at(best).headerIndex))
                    best = int(i);
            }
            if (best >= 0) {
                at = best + 1;
            } else {
                for (qsizetype i = 0; i < t.events.size() && at < 0; ++i) {
                    if (t.events.at(i).kind == TimelineEventKind::Received)
                        at = i;
                }
                if (at < 0)
                    at = t.events.size();
            }
        }
        t.events.insert(at, std::move(e));
    }

    // Delays between hops: from the nearest lower hop that has a time.
    int lowerTimed = -1;
    for (int hop = 1; hop <= received.size(); ++hop) {
        int idx = -1;
        for (int i = 0; i < t.events.size() && idx < 0; ++i) {
            if (t.events.at(i).kind == TimelineEventKind::Received && t.events.at(i).hop == hop)
                idx = i;
        }
        if (idx < 0 || !t.events.at(idx).time.isValid())
            continue;
        if (lowerTimed >= 0) {
            t.events[idx].delaySeconds = t.events.at(lowerTimed).time.secsTo(t.events.at(idx).time);
            t.events[idx].delayFromEvent = lowerTimed;
        }
        lowerTimed = idx;
    }

    // -- Contradictions --------------------------------------------------------------------------------
    auto hopEvent = [&](int hop) {
        for (int i = 0; i < t.events.size(); ++i) {
            if (t.events.at(i).kind == TimelineEventKind::Received && t.events.at(i).hop == hop)
                return i;
        }
        return -1;
    };
    auto add = [&](const QString &code, Severity sev, const QString &detail, QList<int> events) {
        t.contradictions.append(TimelineContradiction{code, sev, detail, std::move(events)});
    };
    const qint64 allowance = o.clockAllowanceSeconds;
    const int firstHop = hopEvent(1);
    const bool firstHopTimed = firstHop >= 0 && t.events.at(firstHop).time.isValid();
    const int dateIdx = t.indexOf(TimelineEventKind::Date);
    const bool dateTimed = dateIdx >= 0 && t.events.at(dateIdx).time.isValid();

    // Hops going back in time.
    for (int i = 0; i < t.events.size(); ++i) {
        const TimelineEvent &e = t.events.at(i);
        if (e.kind != TimelineEventKind::Received || !e.delaySeconds || *e.delaySeconds >= -allowance)
            continue;
        const TimelineEvent &low = t.events.at(e.delayFromEvent);
        add(QStringLiteral("hop_back_in_time"), Severity::Warning,
            QStringLiteral("Hop %1 (%2) is stamped %3 before hop %4 below it (%5), though it must have received the "
                           "message later. One of the two servers' clocks was wrong, or a Received header was "
                           "added or edited; it does not show which.")
                .arg(e.hop)
                .arg(formatTime(e.time), duration(*e.delaySeconds))
                .arg(low.hop)
                .arg(formatTime(low.time)),
            {e.delayFromEvent, i});
    }

    // Date after the first receiving hop.
    if (dateTimed && firstHopTimed && t.events.at(dateIdx).time.secsTo(t.events.at(firstHop).time) < -allowance) {
        add(QStringLiteral("date_after_first_hop"), Severity::Warning,
            QStringLiteral("The Date header (%1) is %2 later than the first receiving server's stamp (%3): the "
                           "message was dated after it was received. The author's clock was wrong, or the Date was "
                           "changed after receipt; it does not show which.")
                .arg(formatTime(t.events.at(dateIdx).time),
                     duration(t.events.at(dateIdx).time.secsTo(t.events.at(firstHop).time)),
                     formatTime(t.events.at(firstHop).time)),
            {dateIdx, firstHop});
    }

    for (const SignatureResult &s : r.signatures) {
        const int ts = t.indexOf(TimelineEventKind::SignatureTimestamp, s.index);
        const int xs = t.indexOf(TimelineEventKind::SignatureExpiry, s.index);
        const QString d = QString::fromLatin1(s.signature.domain);
        // The first hop that handled the signed message: the lowest Received field above the
        // signature (one below it was written before signing, so it must be earlier).
        int receipt = -1;
        const int sigHeader = s.index >= 0 && s.index < sigHeaders.size() ? sigHeaders.at(s.index) : -1;
        for (int i = 0; i < t.events.size(); ++i) {
            const TimelineEvent &e = t.events.at(i);
            if (e.kind == TimelineEventKind::Received && e.time.isValid() && e.headerIndex < sigHeader &&
                (receipt < 0 || e.headerIndex > t.events.at(receipt).headerIndex))
                receipt = i;
        }
        if (ts >= 0 && receipt >= 0) {
            const qint64 gap = t.events.at(receipt).time.secsTo(t.events.at(ts).time);
            if (gap > allowance)
                add(QStringLiteral("signed_after_receipt"), Severity::Warning,
                    QStringLiteral("Signature %1 by %2 says it was made at %3 (t=), %4 after hop %5 received the "
                                   "message (%6). A signature cannot be made after the signed message was "
                                   "received: the signer's or the server's clock was wrong, or the message was "
                                   "signed again later (re-signed or replayed with new headers); it does not show "
                                   "which.")
                        .arg(s.index + 1)
                        .arg(d, formatTime(t.events.at(ts).time), duration(gap))
                        .arg(t.events.at(receipt).hop)
                        .arg(formatTime(t.events.at(receipt).time)),
                    {ts, receipt});
        }
        if (xs >= 0 && receipt >= 0 && t.events.at(xs).time < t.events.at(receipt).time)
            add(QStringLiteral("expired_before_receipt"), Severity::Note,
                QStringLiteral("Signature %1 by %2 had already expired (x= %3) when hop %4 received the message "
                               "(%5). Either the message was delivered late, or these signed bytes were sent again "
                               "after the signature expired (a replay).")
                    .arg(s.index + 1)
                    .arg(d, formatTime(t.events.at(xs).time))
                    .arg(t.events.at(receipt).hop)
                    .arg(formatTime(t.events.at(receipt).time)),
                {xs, receipt});
        if (ts >= 0 && dateTimed) {
            const qint64 gap = t.events.at(dateIdx).time.secsTo(t.events.at(ts).time);
            if (std::llabs(gap) > o.dateSignatureGapSeconds)
                add(QStringLiteral("date_far_from_signature"), Severity::Warning,
                    QStringLiteral("The Date header (%1) and the time signature %2 by %3 says it was made (%4) are "
                                   "%5 apart (more than %6). Mail is normally signed within minutes of being "
                                   "written: a clock was wrong, the message was held back, or the Date (or the "
                                   "whole message) was signed again later; it does not show which.")
                        .arg(formatTime(t.events.at(dateIdx).time))
                        .arg(s.index + 1)
                        .arg(d, formatTime(t.events.at(ts).time), duration(gap), duration(o.dateSignatureGapSeconds)),
                    {dateIdx, ts});
        }
        const int replaced = t.indexOf(TimelineEventKind::KeyReplaced, s.index);
        if (ts >= 0 && replaced >= 0 && t.events.at(replaced).time.secsTo(t.events.at(ts).time) > allowance) {
            const int last = t.indexOf(TimelineEventKind::KeyLastSeen, s.index);
            QList<int> evs{ts, replaced};
            if (last >= 0)
                evs.prepend(last);
            add(QStringLiteral("signed_after_key_replaced"), Severity::Warning,
                QStringLiteral("Signature %1 by %2 says it was made at %3 (t=), but by %4 the key store had seen the "
                               "selector serve a different key%5. A key that was no longer published was used, or t= "
                               "is wrong: if the old private key was leaked or published, anyone could have made "
                               "this signature. The store only proves what it observed: the old key may have stayed "
                               "in use elsewhere.")
                    .arg(s.index + 1)
                    .arg(d, formatTime(t.events.at(ts).time), formatTime(t.events.at(replaced).time),
                         last >= 0
                             ? QStringLiteral(" (it last saw this key at %1)").arg(formatTime(t.events.at(last).time))
                             : QString()),
                evs);
        }
    }

    // ARC seals made before the DKIM signature they would have had to see.
    for (int i = 0; i < t.events.size(); ++i) {
        const TimelineEvent &e = t.events.at(i);
        if (e.kind != TimelineEventKind::ArcSeal)
            continue;
        for (int j = 0; j < t.events.size(); ++j) {
            const TimelineEvent &s = t.events.at(j);
            if (s.kind == TimelineEventKind::SignatureTimestamp && s.headerIndex > e.headerIndex &&
                e.time.secsTo(s.time) > allowance)
                add(QStringLiteral("arc_sealed_before_signature"), Severity::Warning,
                    QStringLiteral("ARC instance %1 was sealed at %2, %3 before DKIM signature %4 below it says it "
                                   "was made (%5). A forwarder seals what it received, so one of the clocks was "
                                   "wrong, or the signature was added later.")
                        .arg(e.arcInstance)
                        .arg(formatTime(e.time), duration(e.time.secsTo(s.time)))
                        .arg(s.signatureIndex + 1)
                        .arg(formatTime(s.time)),
                    {i, j});
        }
    }
    return t;
}

} // namespace dkimi
