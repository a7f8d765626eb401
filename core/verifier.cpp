#include "verifier.h"

#include "body_hash_stream.h"
#include "canonicalizer.h"
#include "forensics.h"
#include "header_hash_input.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>

namespace dkimi {

const char *resultName(Result r)
{
    switch (r) {
    case Result::Pass:
        return "pass";
    case Result::Policy:
        return "policy";
    case Result::Fail:
        return "fail";
    case Result::PermError:
        return "permerror";
    case Result::TempError:
        return "temperror";
    case Result::None:
        return "none";
    }
    return "none";
}

int resultRank(Result r)
{
    switch (r) {
    case Result::Pass:
        return 5;
    case Result::Policy:
        return 4;
    case Result::Fail:
        return 3;
    case Result::TempError:
        return 2;
    case Result::PermError:
        return 1;
    case Result::None:
        return 0;
    }
    return 0;
}

QString formatTime(const QDateTime &t)
{
    if (!t.isValid())
        return QString();
    return formatEpoch(t.toSecsSinceEpoch());
}

QString formatEpoch(qint64 secs)
{
    // Written directly: QDateTime::toString goes through the locale and calendar machinery, and the
    // reports print several times per message. Days to civil date as in H. Hinnant's
    // "chrono-compatible low-level date algorithms" (proleptic Gregorian, as Qt's).
    const qint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    const qint64 rem = secs - days * 86400;
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) // outside four digits: Qt's own formatting
        return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    char16_t b[20];
    auto two = [](char16_t *p, qint64 v) {
        p[0] = char16_t('0' + v / 10);
        p[1] = char16_t('0' + v % 10);
    };
    two(b, year / 100);
    two(b + 2, year % 100);
    b[4] = '-';
    two(b + 5, month);
    b[7] = '-';
    two(b + 8, day);
    b[10] = 'T';
    two(b + 11, rem / 3600);
    b[13] = ':';
    two(b + 14, rem / 60 % 60);
    b[16] = ':';
    two(b + 17, rem % 60);
    b[19] = 'Z';
    return QString(reinterpret_cast<const QChar *>(b), 20);
}

std::optional<QDateTime> parseRfc3339(const QString &s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime) {
        // RFC 3339 requires an offset; accept a bare date as midnight UTC for convenience.
        QDate d = QDate::fromString(s, Qt::ISODate);
        if (d.isValid() && s.size() == 10)
            return QDateTime(d, QTime(0, 0), Qt::UTC);
        return std::nullopt;
    }
    return t.toUTC();
}

Verifier::Verifier(VerifierOptions options) : m_opt(std::move(options))
{
    if (!m_opt.evaluationTime.isValid())
        m_opt.evaluationTime = QDateTime::currentDateTimeUtc();
}

MessageResult Verifier::verify(const Message &m) const
{
    MessageResult r;
    r.file = m.name();
    r.sha256 = m.sha256Hex();
    r.size = m.raw().size();
    r.evaluatedAt = m_opt.evaluationTime.toUTC();
    r.evaluatedAtBasis = m_opt.evaluationBasis;
    r.findings = m.parseFindings();
    if (m_opt.timeSource != EvaluationTimeSource::Fixed)
        chooseMessageTime(m, r);
    if (m.hasBareLf())
        r.findings.append(Finding{Severity::Note,
                                  QStringLiteral("lf_line_endings"),
                                  m.hasMixedLineEndings()
                                      ? QStringLiteral("The file mixes CRLF and bare LF line endings; each of its "
                                                       "%1 bare LFs was treated as CRLF.")
                                            .arg(m.bareLfCount())
                                      : QStringLiteral("The file uses bare LF line endings (as stored by many mail "
                                                       "programs); each was treated as CRLF, as DKIM requires."),
                                  {}});
    if (m.hasMboxFromLine())
        r.findings.append(
            Finding{Severity::Note,
                    QStringLiteral("mbox_from_line"),
                    QStringLiteral("The file starts with an mbox \"From \" separator line; it is not "
                                   "part of the message and was skipped."),
                    {m.rawRange(0, m.headers().isEmpty() ? m.bodyOffset() : m.headers().first().offset)}});

    const qint64 evalTime = r.evaluatedAt.toSecsSinceEpoch();
    const QList<int> sigHeaders = m.headerIndexes("DKIM-Signature");
    for (int i = 0; i < sigHeaders.size(); ++i)
        r.signatures.append(verifySignature(m, sigHeaders.at(i), i, evalTime));

    r.result = Result::None;
    for (const SignatureResult &s : std::as_const(r.signatures)) {
        if (r.result == Result::None || resultRank(s.result) > resultRank(r.result))
            r.result = s.result;
    }
    if (m_opt.messageAnalysis)
        analyseMessage(m, r); // header table and replay check
    if (m_opt.surroundingEvidence)
        addSurroundingEvidence(m, r);
    return r;
}

// The message's own evaluation time (Date or first Received), or the run's "now" when it has none.
void Verifier::chooseMessageTime(const Message &m, MessageResult &r) const
{
    const bool date = m_opt.timeSource == EvaluationTimeSource::DateHeader;
    const QDateTime t = date ? dateHeaderTime(m) : firstReceivedTime(m);
    if (t.isValid()) {
        r.evaluatedAt = t.toUTC();
        r.evaluatedAtBasis = date ? QStringLiteral("date_header") : QStringLiteral("first_received");
        return;
    }
    r.evaluatedAtBasis = QStringLiteral("now");
    r.findings.append(
        Finding{Severity::Note,
                date ? QStringLiteral("no_date_fallback_now") : QStringLiteral("no_received_time_fallback_now"),
                QStringLiteral("%1, so x= and t= were judged at the time of this check (%2).")
                    .arg(date ? QStringLiteral("The message has no Date header that reads as a time")
                              : QStringLiteral("The message has no Received header whose time stamp "
                                               "reads as a time"),
                         formatTime(r.evaluatedAt)),
                {}});
}

// ARC chain, recorded Authentication-Results and DMARC alignment: evidence beside the signatures,
// which never changes a signature's verdict.
void Verifier::addSurroundingEvidence(const Message &m, MessageResult &r) const
{
    // DMARC alignment of each d= with the (bottom-most, i.e. signed) From domain.
    const QList<int> froms = m.headerIndexes("From");
    int mailboxes = 0;
    QByteArray fromDomain;
    if (!froms.isEmpty()) {
        fromDomain = DmarcAlignment::fromDomain(m.headerValue(m.headers().at(froms.last())), &mailboxes);
        if (!fromDomain.isEmpty() && mailboxes == 1) {
            for (SignatureResult &s : r.signatures) {
                if (!s.signature.domain.isEmpty())
                    s.dmarcAlignment = DmarcAlignment::check(s.signature.domain, fromDomain);
            }
        }
    }
    // ARC-* headers are rare; skip the chain walk when there are none.
    bool hasArc = false;
    for (const HeaderField &h : m.headers())
        hasArc = hasArc || (h.name.size() > 4 && h.name.first(4).compare("arc-", Qt::CaseInsensitive) == 0);
    if (hasArc)
        r.arc = ArcVerifier(m_opt.resolver).verify(m);
    else
        r.arc.reason = QStringLiteral("arc_none");
    r.authenticationResults = AuthenticationResultsParser::fromMessage(m);
    if (!r.authenticationResults.isEmpty())
        r.arDkimMatches = matchDkimResults(r.authenticationResults, r.signatures, m_opt.trustedAuthservIds);
    r.dmarc = DmarcEvaluator::evaluate(fromDomain, mailboxes, r.signatures, r.authenticationResults,
                                       m_opt.trustedAuthservIds, m_opt.resolver.get());
    TimelineOptions to;
    to.clockAllowanceSeconds = m_opt.clockAllowanceSeconds;
    r.timeline = TimelineBuilder::build(m, r, to);
}

namespace {

} // namespace

namespace {

// mboxrd quoting turns a body line "From ..." into ">From ..." and ">From" into ">>From"; mboxo
// only does the first. Removing one '>' from every line matching ^>+From undoes mboxrd exactly
// and mboxo whenever the body had no ">From " line of its own.
QByteArray unquoteMboxFromLines(QByteArrayView body, qsizetype *count)
{
    QByteArray out;
    out.reserve(body.size());
    *count = 0;
    qsizetype lineStart = 0;
    while (lineStart < body.size()) {
        qsizetype eol = body.indexOf('\n', lineStart);
        const qsizetype end = eol < 0 ? body.size() : eol + 1;
        const QByteArrayView line = body.sliced(lineStart, end - lineStart);
        qsizetype q = 0;
        while (q < line.size() && line[q] == '>')
            ++q;
        if (q > 0 && line.sliced(q).startsWith("From ")) {
            out.append(line.sliced(1));
            ++*count;
        } else {
            out.append(line);
        }
        lineStart = end;
    }
    return out;
}

} // namespace

// A visible, separate attempt (never a silent retry): does undoing mbox ">From " quoting give
// back the signed body? Inside an mbox archive that quoting is the archive's own encoding, so a
// match there means the message is intact; elsewhere it only explains the failure.
bool Verifier::tryMboxUnquoting(const Message &m, const DkimSignature &sig, SignatureResult &r, Step &step,
                                bool lean) const
{
    qsizetype lines = 0;
    QByteArray h;
    step.kind = StepKind::BodyHash;
    step.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Body hash after undoing mbox >From quoting"));
    if (lean) {
        // The same bytes, un-quoted on the way into the hash: no copy of the body or its canonical form.
        h = BodyHashStream::hash(sig.bodyCanon, hashOf(sig.algorithm), m.body(),
                                 sig.bodyLength ? qint64(*sig.bodyLength) : -1, nullptr, true, &lines);
    } else {
        const QByteArray unquoted = unquoteMboxFromLines(m.body(), &lines);
        QByteArray canon = Canonicalizer::body(sig.bodyCanon, unquoted);
        const QByteArrayView hashed = sig.bodyLength && *sig.bodyLength <= canon.size()
                                          ? QByteArrayView(canon).first(qsizetype(*sig.bodyLength))
                                          : QByteArrayView(canon);
        h = digest(hashOf(sig.algorithm), hashed);
        step.inputs.append(Field{QStringLiteral("quoted lines"), QString::number(lines), {}});
        step.inputs.append(Field{QStringLiteral("computed"), QString::fromLatin1(h.toBase64()), {}});
        step.output = canon;
        step.outputSource = SourceId::CanonBody;
    }
    const bool match = h == sig.bh;
    if (!match) {
        step.verdict = Verdict::Fail;
        step.addFinding(
            Severity::Info, QStringLiteral("mbox_from_quoting_not_it"),
            QStringLiteral("Undoing the \">From \" quoting of %1 line(s) does not reproduce bh= either.").arg(lines));
        return false;
    }
    if (m.isFromMboxArchive()) {
        step.verdict = Verdict::Pass;
        step.addFinding(Severity::Note, QStringLiteral("mbox_from_unquoted"),
                        QStringLiteral("The mbox archive had quoted %1 body line(s) beginning \"From \" as \">From \"; "
                                       "with that quoting undone the body matches bh=.")
                            .arg(lines));
        r.flags << QStringLiteral("mbox_from_unquoted");
        r.computedBodyHash = h;
        return true;
    }
    step.verdict = Verdict::Neutral;
    step.addFinding(Severity::Warning, QStringLiteral("mbox_from_quoting"),
                    QStringLiteral("%1 body line(s) were changed from \"From \" to \">From \" after signing (mbox "
                                   "quoting by a mail store): undoing it reproduces bh=. The body hash still fails on "
                                   "the bytes as they are.")
                        .arg(lines));
    r.flags << QStringLiteral("mbox_from_quoting");
    return false;
}

namespace {

// -- Which key ---------------------------------------------------------------------------------------

struct KeyChoice {
    QList<KeyCandidate> candidates;
    int lookupIndex = -1; // the chosen candidate's lookup and record; -1: no candidate at all
    int recordIndex = -1;
};

// The header hash as SignatureCheck computes it (RFC 6376 §5.4.2: h= names take instances bottom-up;
// the signature itself last with b= emptied and no final CRLF), so that each candidate key can be
// tried before one is chosen.
QByteArray trialHeaderHash(const Message &m, const DkimSignature &sig)
{
    return digest(hashOf(sig.algorithm), HeaderHashInput::build(m, sig).bytes);
}

KeyChoice chooseKey(const Message &m, const DkimSignature &sig, const QList<KeyLookup> &lookups)
{
    KeyChoice c;
    const bool canVerify = sig.isUsable() && !sig.signedHeaders.isEmpty() && !sig.b.isEmpty() &&
                           sig.algorithm != SignatureAlgorithm::Unknown;
    QByteArray headerHash;
    int firstUsable = -1, firstVerified = -1;
    QList<QPair<int, int>> where;
    QList<QPair<int, PublicKey>> usable;
    for (int li = 0; li < lookups.size(); ++li) {
        const KeyLookup &l = lookups.at(li);
        if (l.status != KeyLookup::Status::Found)
            continue;
        for (int ri = 0; ri < l.records.size(); ++ri) {
            KeyCandidate k;
            k.sourceKind = l.sourceKind;
            k.sourceName = l.sourceName;
            k.dnssec = l.dnssec;
            if (ri < l.recordInfo.size()) {
                const KeyLookup::RecordInfo &info = l.recordInfo.at(ri);
                k.origin = info.origin;
                k.firstSeen = info.firstSeen;
                k.lastSeen = info.lastSeen;
                k.note = info.note;
            }
            k.record = KeyLookup::joined(l.records.at(ri));
            const KeyRecord kr = KeyRecord::parse(k.record);
            k.fingerprint = kr.sha256Fingerprint();
            k.keyBits = kr.key.isNull() ? 0 : kr.key.bits();
            QString detail;
            k.unusable = kr.reason;
            if (k.unusable.isEmpty() && sig.isUsable())
                k.unusable = kr.checkAgainst(sig, &detail);
            if (k.unusable.isEmpty() && kr.key.type() != keyTypeOf(sig.algorithm))
                k.unusable = QStringLiteral("key_type_mismatch");
            if (k.unusable.isEmpty()) {
                if (firstUsable < 0)
                    firstUsable = int(c.candidates.size());
                usable.append({int(c.candidates.size()), kr.key});
            }
            c.candidates.append(k);
            where.append({li, ri});
        }
    }
    // With several usable candidates, each is tried, so the walk can show each outcome and the one
    // that verifies is used. A single candidate is checked once, by the signature check itself.
    if (canVerify && usable.size() > 1) {
        headerHash = trialHeaderHash(m, sig);
        for (const auto &[idx, key] : std::as_const(usable)) {
            const bool ok = sig.algorithm == SignatureAlgorithm::Ed25519Sha256
                                ? key.verifyEd25519(headerHash, sig.b)
                                : key.verifyRsaDigest(hashOf(sig.algorithm), headerHash, sig.b);
            c.candidates[idx].verifies = ok;
            if (ok && firstVerified < 0)
                firstVerified = idx;
        }
    }
    int chosen = firstVerified >= 0 ? firstVerified
                 : firstUsable >= 0 ? firstUsable
                                    : (c.candidates.isEmpty() ? -1 : 0);
    if (chosen >= 0) {
        c.candidates[chosen].used = true;
        c.lookupIndex = where.at(chosen).first;
        c.recordIndex = where.at(chosen).second;
    }
    return c;
}

// No candidate anywhere: NotFound, or TempError when a source failed temporarily (it might have had
// the key). Details of every source are kept.
KeyLookup aggregateLookup(const QList<KeyLookup> &lookups, const QByteArray &qname)
{
    KeyLookup out;
    out.queryName = qname;
    out.status = KeyLookup::Status::NotFound;
    if (lookups.isEmpty()) {
        out.sourceKind = QStringLiteral("none");
        out.detail = QStringLiteral("no key source is configured (offline, and no key file or key store given)");
        return out;
    }
    QStringList notes;
    int temp = -1;
    for (int i = 0; i < lookups.size(); ++i) {
        if (!lookups.at(i).detail.isEmpty())
            notes << lookups.at(i).detail;
        if (lookups.at(i).status == KeyLookup::Status::TempError && temp < 0)
            temp = i;
    }
    out = lookups.at(temp >= 0 ? temp : 0);
    if (temp < 0)
        out.detail = notes.join(QStringLiteral("; "));
    return out;
}

QString candidateText(const KeyCandidate &k)
{
    QString where = k.sourceKind;
    if (k.sourceKind == QLatin1String("dns"))
        where = QStringLiteral("DNS (%1) via %2")
                    .arg(k.dnssec.isEmpty() ? QStringLiteral("no DNSSEC status")
                                            : QStringLiteral("DNSSEC %1").arg(k.dnssec),
                         k.sourceName);
    else if (k.sourceKind == QLatin1String("key_store"))
        where =
            QStringLiteral("key store (%1%2%3)")
                .arg(k.origin,
                     k.firstSeen.isValid() ? QStringLiteral(", first seen %1").arg(formatTime(k.firstSeen)) : QString(),
                     k.lastSeen.isValid() ? QStringLiteral(", last seen %1").arg(formatTime(k.lastSeen)) : QString());
    else if (k.sourceKind == QLatin1String("zone_file"))
        where = QStringLiteral("zone file %1").arg(k.sourceName);
    const QString key =
        k.fingerprint.isEmpty()
            ? QStringLiteral("no usable key")
            : QStringLiteral("%1-bit key SHA-256 %2").arg(k.keyBits).arg(QString::fromLatin1(k.fingerprint.left(16)));
    QString outcome;
    if (!k.unusable.isEmpty())
        outcome = QStringLiteral("not usable here (%1)").arg(k.unusable);
    else if (!k.verifies.has_value())
        outcome = QStringLiteral("not tried");
    else
        outcome = *k.verifies ? QStringLiteral("verifies") : QStringLiteral("does not verify");
    return QStringLiteral("%1: %2: %3%4").arg(where, key, outcome, k.used ? QStringLiteral(" (used)") : QString());
}

// The FetchKey step lists every source's answer and every candidate, and states what the sources
// say about each other: DNSSEC, a key that did not come from DNS, a key that changed in DNS.
void describeKeySources(Step &fetch, SignatureResult &r, const QList<KeyLookup> &lookups, bool lean)
{
    for (const KeyLookup &l : lookups) {
        QString what;
        switch (l.status) {
        case KeyLookup::Status::Found:
            what = QStringLiteral("%1 record(s)").arg(l.records.size());
            break;
        case KeyLookup::Status::NotFound:
            what = QStringLiteral("not found: %1").arg(l.detail);
            break;
        case KeyLookup::Status::TempError:
            what = QStringLiteral("failed: %1").arg(l.detail);
            break;
        }
        if (l.sourceKind == QLatin1String("dns")) {
            // The DNS transcript: query, resolver, time, TTL, CNAMEs, rcode, DNSSEC.
            QStringList t{QStringLiteral("rcode %1").arg(l.rcode)};
            if (l.ttl >= 0)
                t << QStringLiteral("TTL %1 s").arg(l.ttl);
            if (!l.cnameChain.isEmpty()) {
                QStringList names;
                for (const QByteArray &n : l.cnameChain)
                    names << QString::fromLatin1(n);
                t << QStringLiteral("CNAME %1 -> %2")
                         .arg(QString::fromLatin1(l.queryName), names.join(QStringLiteral(" -> ")));
            }
            if (!l.dnssec.isEmpty())
                t << QStringLiteral("DNSSEC %1 (%2)").arg(l.dnssec, l.dnssecDetail);
            t << QStringLiteral("asked %1 at %2, %3 ms").arg(l.resolver, formatTime(l.fetchedAt)).arg(l.elapsedMs);
            what += QStringLiteral("; ") + t.join(QStringLiteral("; "));
            for (int i = 0; !lean && i < l.records.size(); ++i) {
                QStringList strings;
                for (const QByteArray &st : l.records.at(i))
                    strings << QLatin1Char('"') + QString::fromLatin1(st) + QLatin1Char('"');
                fetch.inputs.append(Field{QStringLiteral("dns txt %1").arg(i + 1), strings.join(QLatin1Char(' ')), {}});
            }
            if (l.status == KeyLookup::Status::TempError && l.rcode == QLatin1String("timeout"))
                r.flags << QStringLiteral("dns_timeout");
            else if (l.status == KeyLookup::Status::TempError && l.dnssec != QLatin1String("bogus"))
                r.flags << QStringLiteral("dns_error");
            if (l.dnssec == QLatin1String("secure"))
                r.flags << QStringLiteral("dnssec_secure");
            else if (l.dnssec == QLatin1String("insecure"))
                r.flags << QStringLiteral("dnssec_insecure");
            else if (l.dnssec == QLatin1String("bogus")) {
                r.flags << QStringLiteral("dnssec_bogus");
                fetch.addFinding(Severity::Error, QStringLiteral("dnssec_bogus"),
                                 QStringLiteral("DNSSEC validation of %1 failed (%2): the answer may have been forged "
                                                "or altered on the way, so it was not used.")
                                     .arg(QString::fromLatin1(l.queryName), l.dnssecDetail));
            }
        }
        if (!lean)
            fetch.inputs.append(Field{QStringLiteral("source %1").arg(l.sourceKind),
                                      (l.sourceName.isEmpty() ? QString() : l.sourceName + QStringLiteral(": ")) + what,
                                      {}});
    }
    for (int i = 0; !lean && i < r.keyCandidates.size(); ++i)
        fetch.inputs.append(Field{QStringLiteral("candidate %1").arg(i + 1), candidateText(r.keyCandidates.at(i)), {}});

    const KeyCandidate *used = nullptr;
    for (const KeyCandidate &k : std::as_const(r.keyCandidates)) {
        if (k.used)
            used = &k;
    }
    if (used && used->sourceKind != QLatin1String("dns")) {
        r.flags << QStringLiteral("key_not_from_dns");
        fetch.addFinding(Severity::Note, QStringLiteral("key_not_from_dns"),
                         QStringLiteral("The key used did not come from live DNS but from %1; the evidence rests on "
                                        "that source's provenance.")
                             .arg(used->sourceKind == QLatin1String("key_store")
                                      ? QStringLiteral("the key store (%1)").arg(used->origin)
                                      : QStringLiteral("%1 %2").arg(used->sourceKind, used->sourceName)));
    }
    bool dnsTemp = false, otherFound = false;
    for (const KeyLookup &l : lookups) {
        dnsTemp = dnsTemp || (l.sourceKind == QLatin1String("dns") && l.status == KeyLookup::Status::TempError);
        otherFound = otherFound || (l.sourceKind != QLatin1String("dns") && l.status == KeyLookup::Status::Found);
    }
    if (dnsTemp && otherFound)
        fetch.addFinding(Severity::Warning, QStringLiteral("dns_unavailable"),
                         QStringLiteral("Live DNS could not be asked (see the DNS source above); only keys from "
                                        "other sources were tried."));

    // A key that changed: DNS now serves a key the store did not hold when it last saw another.
    const KeyCandidate *latestStored = nullptr;
    QList<const KeyCandidate *> dnsKeys;
    for (const KeyCandidate &k : std::as_const(r.keyCandidates)) {
        if (k.sourceKind == QLatin1String("dns") && !k.fingerprint.isEmpty())
            dnsKeys << &k;
    }
    for (const KeyCandidate *d : std::as_const(dnsKeys)) {
        const KeyCandidate *sameInStore = nullptr;
        latestStored = nullptr;
        for (const KeyCandidate &k : std::as_const(r.keyCandidates)) {
            if (k.sourceKind != QLatin1String("key_store") || k.fingerprint.isEmpty())
                continue;
            if (k.fingerprint == d->fingerprint)
                sameInStore = &k;
            else if (!latestStored || k.lastSeen > latestStored->lastSeen)
                latestStored = &k;
        }
        if (!latestStored)
            continue;
        if (sameInStore && sameInStore->firstSeen.isValid() && latestStored->lastSeen.isValid() &&
            sameInStore->firstSeen < latestStored->lastSeen)
            continue; // both were seen before: no change at this point
        const QString since =
            latestStored->lastSeen.isValid()    ? latestStored->lastSeen.toString(QStringLiteral("yyyy-MM-dd"))
            : latestStored->firstSeen.isValid() ? latestStored->firstSeen.toString(QStringLiteral("yyyy-MM-dd"))
                                                : QStringLiteral("it was stored");
        r.flags << QStringLiteral("key_changed");
        fetch.addFinding(Severity::Warning, QStringLiteral("key_changed"),
                         QStringLiteral("The key for %1 changed since %2: DNS now serves SHA-256 %3, the key store "
                                        "holds SHA-256 %4 (%5).")
                             .arg(QString::fromLatin1(r.keyLookup.queryName), since,
                                  QString::fromLatin1(d->fingerprint.left(16)),
                                  QString::fromLatin1(latestStored->fingerprint.left(16)), latestStored->origin));
        break;
    }
}

} // namespace

SignatureResult Verifier::verifySignature(const Message &m, int headerIndex, int sigIndex, qint64 evalTime) const
{
    if (!m_opt.lean)
        return verifySignature(m, headerIndex, sigIndex, evalTime, false);
    SignatureResult r = verifySignature(m, headerIndex, sigIndex, evalTime, true);
    // Anything but a pass is verified again with the full walk: the explanations of a failure
    // read it, and failures are rare in an archive.
    if (r.result != Result::Pass && m_opt.explainFailures)
        return verifySignature(m, headerIndex, sigIndex, evalTime, false);
    return r;
}

SignatureResult Verifier::verifySignature(const Message &m, int headerIndex, int sigIndex, qint64 evalTime,
                                          bool lean) const
{
    SignatureResult r;
    r.index = sigIndex;
    const HeaderField &hf = m.headers().at(headerIndex);

    // -- Locate signature ------------------------------------------------------------------------
    Step locate;
    locate.kind = StepKind::LocateSignature;
    locate.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Locate signature"));
    // Lean: steps keep their verdicts and findings, but not the inputs and bytes only the walk shows.
    if (!lean) {
        locate.inputs.append(
            Field{QStringLiteral("header"),
                  QStringLiteral("DKIM-Signature #%1 (header field %2)").arg(sigIndex + 1).arg(headerIndex + 1),
                  m.rawRange(hf.offset, hf.length)});
        locate.output = m.headerBytes(hf).toByteArray();
    }
    locate.verdict = Verdict::Pass;
    if (m.hasBareLf())
        locate.addFinding(Severity::Note, QStringLiteral("lf_line_endings"),
                          QStringLiteral("The file has bare LF line endings; each was treated as CRLF."));
    r.steps.append(locate);

    // -- Parse tags --------------------------------------------------------------------------------
    r.signature = DkimSignature::parse(m, headerIndex);
    const DkimSignature &sig = r.signature;
    Step parse;
    parse.kind = StepKind::ParseTags;
    parse.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Parse signature"));
    for (qsizetype ti = 0; !lean && ti < sig.tags.tags().size(); ++ti) {
        const Tag &t = sig.tags.tags().at(ti);
        parse.inputs.append(Field{QString::fromLatin1(t.name), QString::fromLatin1(t.value),
                                  m.rawRange(sig.valueOffset + t.valueOffset, t.valueLength)});
    }
    parse.findings = sig.findings;
    parse.verdict = sig.isUsable() ? Verdict::Pass : Verdict::PermError;
    r.steps.append(parse);

    // Facts that hold whatever the outcome.
    if (sig.algorithm == SignatureAlgorithm::RsaSha1)
        r.flags << QStringLiteral("sha1");
    if (sig.bodyLength)
        r.flags << QStringLiteral("partial_body");
    if (sig.expiration && *sig.expiration < evalTime)
        r.flags << QStringLiteral("expired");
    if (sig.timestamp && *sig.timestamp > evalTime + m_opt.clockAllowanceSeconds)
        r.flags << QStringLiteral("future_timestamp");
    const QList<int> froms = m.headerIndexes("From");
    if (froms.size() > 1)
        r.flags << QStringLiteral("duplicate_from");
    if (m.hasBareLf())
        r.flags << QStringLiteral("lf_line_endings");
    if (m.hasMixedLineEndings())
        r.flags << QStringLiteral("mixed_line_endings");
    if (m.hasMboxFromLine())
        r.flags << QStringLiteral("mbox_from_line");
    if (sig.reason == QLatin1String("from_not_signed"))
        r.flags << QStringLiteral("from_not_signed");

    auto finishPermError = [&r](const QString &reason, const QString &detail) {
        r.result = Result::PermError;
        r.reason = reason;
        r.detail = detail;
    };
    if (!sig.isUsable())
        finishPermError(sig.reason, sig.detail);

    // -- Fetch key ---------------------------------------------------------------------------------
    Step fetch;
    fetch.kind = StepKind::FetchKey;
    fetch.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Fetch key"));
    Step parseKey;
    parseKey.kind = StepKind::ParseKey;
    parseKey.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Parse key record"));
    const bool canFetch = sig.isUsable() || (!sig.domain.isEmpty() && !sig.selector.isEmpty() && sig.tags.isValid());
    if (!canFetch) {
        fetch.verdict = Verdict::Skipped;
        parseKey.verdict = Verdict::Skipped;
    } else {
        const QByteArray qname = keyQueryName(sig.domain, sig.selector);
        if (!lean)
            fetch.inputs.append(Field{QStringLiteral("query"), QString::fromLatin1(qname), sig.tagRange(m, "s")});
        // Which key: every source answers (--keys files, the key store, live DNS); every record found
        // is a candidate. The first candidate whose signature verifies is used; when none does, the
        // first usable one (sources in the order configured), so the verdict explains that key.
        QList<KeyLookup> lookups;
        if (m_opt.resolver)
            lookups = m_opt.resolver->lookupAll(sig.domain, sig.selector);
        const KeyChoice choice = chooseKey(m, sig, lookups);
        r.keyCandidates = choice.candidates;
        if (choice.lookupIndex >= 0) {
            r.keyLookup = lookups.at(choice.lookupIndex);
            // Only the chosen record: the rest of the walk describes the key used.
            const QList<QByteArray> rec = r.keyLookup.records.at(choice.recordIndex);
            const qsizetype n = r.keyLookup.records.size();
            r.keyLookup.records = {rec};
            if (!r.keyLookup.recordInfo.isEmpty())
                r.keyLookup.recordInfo = {r.keyLookup.recordInfo.at(choice.recordIndex)};
            if (n > 1 && r.keyLookup.sourceKind != QLatin1String("key_store"))
                fetch.addFinding(Severity::Warning, QStringLiteral("multiple_key_records"),
                                 QStringLiteral("%1 TXT records exist for %2 in %3; each was tried.")
                                     .arg(n)
                                     .arg(QString::fromLatin1(qname), r.keyLookup.sourceKind));
        } else {
            r.keyLookup = aggregateLookup(lookups, qname);
        }
        describeKeySources(fetch, r, lookups, lean);
        // Tell the sources which keys this verification used (a key store remembers what DNS served).
        if (m_opt.resolver) {
            for (int i = 0; i < lookups.size(); ++i) {
                if (lookups.at(i).sourceKind == QLatin1String("dns") &&
                    lookups.at(i).status == KeyLookup::Status::Found) {
                    for (const auto &rec : lookups.at(i).records)
                        m_opt.resolver->keyUsed(lookups.at(i), KeyLookup::joined(rec));
                }
            }
        }
        const KeyLookup &kl = r.keyLookup;
        if (!lean)
            fetch.inputs.append(
                Field{QStringLiteral("source"),
                      kl.sourceName.isEmpty() ? kl.sourceKind : kl.sourceKind + QStringLiteral(": ") + kl.sourceName,
                      {}});
        if (kl.status == KeyLookup::Status::Found) {
            fetch.verdict = Verdict::Pass;
            QList<QByteArray> joined;
            for (const auto &rec : kl.records)
                joined.append(KeyLookup::joined(rec));
            if (!lean) {
                fetch.output = joined.join('\n');
                fetch.outputSource = SourceId::KeyRecord;
            }

            // -- Parse key record -----------------------------------------------------------------
            KeyRecord chosen = KeyRecord::parse(joined.first());
            if (!lean) {
                parseKey.inputs.append(Field{QStringLiteral("record"), QString::fromLatin1(chosen.text),
                                             ByteRange{SourceId::KeyRecord, 0, chosen.text.size()}});
                parseKey.output = chosen.keyData;
            }
            parseKey.findings = chosen.findings;
            if (chosen.testing) {
                r.flags << QStringLiteral("testing");
                parseKey.addFinding(Severity::Warning, QStringLiteral("testing"),
                                    QStringLiteral("The key has t=y: the domain is testing DKIM and asks verifiers "
                                                   "to treat its mail as unsigned."));
            }
            if (chosen.strict)
                r.flags << QStringLiteral("key_strict_identity");
            if (chosen.pkcs1)
                r.flags << QStringLiteral("key_pkcs1");
            if (!chosen.key.isNull()) {
                r.keyBits = chosen.key.bits();
                if (!lean)
                    parseKey.inputs.append(Field{
                        QStringLiteral("key"),
                        QStringLiteral("%1 %2-bit, SHA-256 %3")
                            .arg(chosen.key.type() == KeyType::Rsa ? QStringLiteral("RSA") : QStringLiteral("Ed25519"))
                            .arg(r.keyBits)
                            .arg(QString::fromLatin1(chosen.sha256Fingerprint())),
                        {}});
                if (chosen.key.type() == KeyType::Rsa && r.keyBits < 2048)
                    r.flags << QStringLiteral("key_under_2048");
                if (chosen.key.type() == KeyType::Rsa && r.keyBits < 1024)
                    r.flags << QStringLiteral("key_under_1024");
            }
            QString reason = chosen.reason, detail = chosen.detail;
            if (reason.isEmpty() && sig.isUsable())
                reason = chosen.checkAgainst(sig, &detail);
            parseKey.verdict = reason.isEmpty() ? Verdict::Pass : Verdict::PermError;
            if (!reason.isEmpty() && chosen.reason.isEmpty())
                parseKey.addFinding(Severity::Error, reason, detail);
            if (!reason.isEmpty() && r.reason.isEmpty())
                finishPermError(reason, detail);
            r.key = chosen;
        } else if (kl.status == KeyLookup::Status::NotFound) {
            fetch.verdict = Verdict::PermError;
            const QString d = QStringLiteral("No key record exists at %1 (%2). Often the domain has rotated "
                                             "the key away since the message was sent.")
                                  .arg(QString::fromLatin1(kl.queryName), kl.detail);
            fetch.addFinding(Severity::Error, QStringLiteral("key_not_found"), d);
            parseKey.verdict = Verdict::Skipped;
            if (r.reason.isEmpty())
                finishPermError(QStringLiteral("key_not_found"), d);
        } else {
            fetch.verdict = Verdict::TempError;
            const QString d = QStringLiteral("The key at %1 could not be fetched right now: %2.")
                                  .arg(QString::fromLatin1(kl.queryName), kl.detail);
            fetch.addFinding(Severity::Error, QStringLiteral("key_unavailable"), d);
            parseKey.verdict = Verdict::Skipped;
            if (r.reason.isEmpty()) {
                r.result = Result::TempError;
                r.reason = QStringLiteral("key_unavailable");
                r.detail = d;
            }
        }
    }
    r.steps.append(fetch);
    r.steps.append(parseKey);

    // -- Canonicalize body and hash it ---------------------------------------------------------------
    // Computed whenever the signature's own tags allow, even without a key: whether the body is
    // intact is worth knowing on its own.
    Step canonBody;
    canonBody.kind = StepKind::CanonicalizeBody;
    canonBody.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize body"));
    Step bodyHash;
    bodyHash.kind = StepKind::BodyHash;
    bodyHash.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Body hash"));
    const bool bodyPossible = sig.tags.isValid() && sig.algorithm != SignatureAlgorithm::Unknown && !sig.bh.isEmpty() &&
                              (sig.reason != QLatin1String("unsupported_canonicalization")) &&
                              !(sig.tags.contains("l") && !sig.bodyLength);
    bool bodyOk = false;
    Step unquoteStep;
    if (!bodyPossible) {
        canonBody.verdict = Verdict::Skipped;
        bodyHash.verdict = Verdict::Skipped;
    } else {
        const QByteArrayView body = m.body();
        if (!lean) {
            canonBody.inputs.append(Field{QStringLiteral("body"), QStringLiteral("%1 bytes").arg(body.size()),
                                          m.rawRange(m.bodyOffset(), body.size())});
            canonBody.inputs.append(Field{QStringLiteral("c"), QString::fromLatin1(canonicalizationName(sig.bodyCanon)),
                                          sig.tagRange(m, "c")});
        }
        // Lean: the canonical body goes straight into the hash; the walk keeps no copy of it.
        QByteArray canon;
        qint64 canonSize = 0;
        if (lean) {
            r.computedBodyHash = BodyHashStream::hash(sig.bodyCanon, hashOf(sig.algorithm), body,
                                                      sig.bodyLength ? qint64(*sig.bodyLength) : -1, &canonSize);
        } else {
            canon = Canonicalizer::body(sig.bodyCanon, body);
            canonSize = canon.size();
        }
        r.canonicalBodyLength = canonSize;
        canonBody.verdict = Verdict::Pass;
        bool lengthExceeds = false;
        if (sig.bodyLength) {
            if (!lean)
                canonBody.inputs.append(
                    Field{QStringLiteral("l"), QString::number(*sig.bodyLength), sig.tagRange(m, "l")});
            if (*sig.bodyLength > canonSize) {
                lengthExceeds = true;
                const QString d = QStringLiteral("l=%1 is larger than the %2-byte canonical body.")
                                      .arg(*sig.bodyLength)
                                      .arg(canonSize);
                canonBody.addFinding(Severity::Error, QStringLiteral("body_length_exceeds"), d, {sig.tagRange(m, "l")});
                canonBody.verdict = Verdict::PermError;
                if (r.reason.isEmpty())
                    finishPermError(QStringLiteral("body_length_exceeds"), d);
            } else if (*sig.bodyLength < canonSize) {
                r.unsignedBodyBytes = canonSize - *sig.bodyLength;
                r.flags << QStringLiteral("unsigned_body_bytes");
                canonBody.addFinding(Severity::Warning, QStringLiteral("unsigned_body_bytes"),
                                     QStringLiteral("%1 bytes of the body are not covered by the signature (l=%2): "
                                                    "they can say anything.")
                                         .arg(r.unsignedBodyBytes)
                                         .arg(*sig.bodyLength),
                                     {ByteRange{SourceId::CanonBody, *sig.bodyLength, r.unsignedBodyBytes}});
            }
        }
        const qint64 hashedSize = sig.bodyLength && !lengthExceeds ? qint64(*sig.bodyLength) : canonSize;
        if (!lean)
            r.computedBodyHash = digest(hashOf(sig.algorithm), QByteArrayView(canon).first(qsizetype(hashedSize)));
        bodyOk = r.computedBodyHash == sig.bh;
        if (!lean) {
            canonBody.output = std::move(canon);
            canonBody.outputSource = SourceId::CanonBody;
            bodyHash.inputs.append(
                Field{QStringLiteral("bh"), QString::fromLatin1(sig.bh.toBase64()), sig.tagRange(m, "bh")});
            bodyHash.inputs.append(
                Field{QStringLiteral("computed"), QString::fromLatin1(r.computedBodyHash.toBase64()), {}});
            bodyHash.inputs.append(Field{QStringLiteral("hashed bytes"), QString::number(hashedSize), {}});
            bodyHash.output = r.computedBodyHash;
        }
        const bool storedOk = bodyOk;
        if (!lengthExceeds && !bodyOk && m.bodyHasQuotedFromLines())
            bodyOk = tryMboxUnquoting(m, sig, r, unquoteStep, lean);
        if (!lengthExceeds) {
            r.bodyHashMatches = bodyOk;
            bodyHash.verdict = storedOk ? Verdict::Pass : Verdict::Fail;
            if (!storedOk)
                bodyHash.addFinding(Severity::Error, QStringLiteral("body_hash_mismatch"),
                                    QStringLiteral("The body's hash differs from bh=: the body was changed after "
                                                   "signing (or re-encoded on the way)."),
                                    {sig.tagRange(m, "bh")});
        } else {
            bodyHash.verdict = Verdict::Skipped;
        }
    }
    r.steps.append(canonBody);
    r.steps.append(bodyHash);
    if (bodyPossible && !unquoteStep.title.isEmpty())
        r.steps.append(unquoteStep);
    if (lean && m_opt.explainFailures && (!r.reason.isEmpty() || !bodyOk))
        return r; // cannot pass: verified again on the full path (see below)

    // -- Canonicalize headers ----------------------------------------------------------------------------
    Step canonHeaders;
    canonHeaders.kind = StepKind::CanonicalizeHeaders;
    canonHeaders.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize headers"));
    Step headerHash;
    headerHash.kind = StepKind::HeaderHash;
    headerHash.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Header hash"));
    Step check;
    check.kind = StepKind::SignatureCheck;
    check.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Signature check"));
    const bool headersPossible = bodyPossible && !sig.signedHeaders.isEmpty() && !sig.b.isEmpty();
    if (headersPossible) {
        // RFC 6376 §5.4.2: each name in h= takes the next instance from the bottom up; a name with no
        // instance left contributes nothing (and so locks the name against additions).
        const HeaderHashInput hhi = HeaderHashInput::build(m, sig);
        const QByteArray &input = hhi.bytes;
        const QSet<int> &used = hhi.usedHeaders;
        r.headerUses = hhi.uses;
        r.oversignedHeaders = hhi.oversigned;
        for (qsizetype u = 0; !lean && u + 1 < hhi.uses.size(); ++u) { // the last use is the signature itself
            const SignedHeaderUse &use = hhi.uses.at(u);
            if (use.headerIndex >= 0) {
                const HeaderField &f = m.headers().at(use.headerIndex);
                canonHeaders.inputs.append(Field{QString::fromLatin1(use.name),
                                                 QStringLiteral("header field %1").arg(use.headerIndex + 1),
                                                 m.rawRange(f.offset, f.length)});
            } else {
                canonHeaders.inputs.append(Field{QString::fromLatin1(use.name),
                                                 QStringLiteral("(none: over-signed, no such header may be added)"),
                                                 {}});
            }
        }
        if (!lean) {
            canonHeaders.inputs.append(Field{QStringLiteral("DKIM-Signature"),
                                             QStringLiteral("this signature, b= emptied"),
                                             m.rawRange(hf.offset, hf.length)});
            canonHeaders.inputs.append(Field{
                QStringLiteral("c"), QString::fromLatin1(canonicalizationName(sig.headerCanon)), sig.tagRange(m, "c")});
        }
        if (!r.oversignedHeaders.isEmpty())
            canonHeaders.addFinding(Severity::Info, QStringLiteral("oversigned_headers"),
                                    QStringLiteral("Over-signed (locked against additions): %1.")
                                        .arg(r.oversignedHeaders.join(QStringLiteral(", "))));

        // Headers present but not signed.
        QSet<QString> seen;
        bool subjectPresent = false, subjectSigned = false;
        for (int i = 0; i < m.headers().size(); ++i) {
            const QByteArray n = m.headers().at(i).name;
            if (n.isEmpty() || i == headerIndex)
                continue;
            const bool isSubject = n.compare("subject", Qt::CaseInsensitive) == 0;
            subjectPresent = subjectPresent || isSubject;
            if (used.contains(i)) {
                subjectSigned = subjectSigned || isSubject;
                continue;
            }
            const QString ln = QString::fromLatin1(n).toLower();
            if (!seen.contains(ln)) {
                seen.insert(ln);
                r.unsignedHeaders << ln;
            }
        }
        if (subjectPresent && !subjectSigned)
            r.flags << QStringLiteral("subject_not_signed");
        static const QStringList important{QStringLiteral("subject"),      QStringLiteral("to"),
                                           QStringLiteral("cc"),           QStringLiteral("reply-to"),
                                           QStringLiteral("content-type"), QStringLiteral("date"),
                                           QStringLiteral("message-id")};
        QStringList importantUnsigned;
        for (const QString &h : std::as_const(r.unsignedHeaders)) {
            if (important.contains(h))
                importantUnsigned << h;
        }
        if (!importantUnsigned.isEmpty())
            canonHeaders.addFinding(Severity::Warning, QStringLiteral("important_headers_unsigned"),
                                    QStringLiteral("Present but not signed (could have been changed or added): %1.")
                                        .arg(importantUnsigned.join(QStringLiteral(", "))));
        if (froms.size() > 1)
            canonHeaders.addFinding(Severity::Error, QStringLiteral("duplicate_from"),
                                    QStringLiteral("The message has %1 From headers. DKIM covers the bottom one; "
                                                   "a mail client may display another.")
                                        .arg(froms.size()));
        canonHeaders.verdict = Verdict::Pass;
        canonHeaders.output = input;
        canonHeaders.outputSource = SourceId::CanonHeaders;
        r.headerHashInput = input;

        r.headerHash = digest(hashOf(sig.algorithm), input);
        if (!lean)
            headerHash.inputs.append(Field{QStringLiteral("algorithm"),
                                           QString::fromLatin1(hashAlgorithmName(hashOf(sig.algorithm))),
                                           sig.tagRange(m, "a")});
        headerHash.output = r.headerHash;
        headerHash.verdict = Verdict::Pass;

        // -- Signature check --------------------------------------------------------------------
        if (r.key && !r.key->key.isNull() && r.key->key.type() == keyTypeOf(sig.algorithm) &&
            r.reason != QLatin1String("key_type_mismatch")) {
            bool ok = false;
            if (sig.algorithm == SignatureAlgorithm::Ed25519Sha256)
                ok = r.key->key.verifyEd25519(r.headerHash, sig.b); // RFC 8463 §3: Ed25519 over SHA-256
            else
                ok = r.key->key.verifyRsaDigest(hashOf(sig.algorithm), r.headerHash, sig.b);
            r.signatureValid = ok;
            for (KeyCandidate &k : r.keyCandidates) {
                if (k.used && !k.verifies.has_value())
                    k.verifies = ok;
            }
            if (!lean) {
                check.inputs.append(
                    Field{QStringLiteral("b"), QString::fromLatin1(sig.b.toBase64()), sig.tagRange(m, "b")});
                check.inputs.append(Field{QStringLiteral("key"), QString::fromLatin1(r.keyLookup.queryName), {}});
            }
            check.verdict = ok ? Verdict::Pass : Verdict::Fail;
            if (!ok)
                check.addFinding(Severity::Error, QStringLiteral("signature_mismatch"),
                                 QStringLiteral("The signature b= does not verify over the signed headers with this "
                                                "key: the signed headers were changed, or another key made it."),
                                 {sig.tagRange(m, "b")});
        } else {
            check.verdict = Verdict::Skipped;
        }
    } else {
        canonHeaders.verdict = Verdict::Skipped;
        headerHash.verdict = Verdict::Skipped;
        check.verdict = Verdict::Skipped;
    }
    r.steps.append(canonHeaders);
    r.steps.append(headerHash);
    r.steps.append(check);

    // Lean: a signature that cannot pass goes no further here; the caller verifies it again on the
    // full path, which explains the failure (explaining it twice cost as much as the pass itself).
    // Without explanations the lean path finishes it: the walk the explainers read is not needed.
    if (lean && m_opt.explainFailures &&
        !(r.reason.isEmpty() && r.bodyHashMatches.value_or(false) && r.signatureValid.value_or(false)))
        return r;

    // -- Forensics: recovery, explanations, evidence strength (visible steps; never the verdict) -------
    explainSignature(m, r, m_opt.publishedKeys.get(), evalTime, m_opt.explainFailures);

    // -- Verdict -------------------------------------------------------------------------------------
    Step policy;
    policy.kind = StepKind::PolicyChecks;
    policy.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Policy checks"));
    if (r.reason.isEmpty() && r.bodyHashMatches && r.signatureValid) {
        const bool valid = *r.bodyHashMatches && *r.signatureValid;
        r.cryptoValid = valid;
        if (!valid) {
            r.result = Result::Fail;
            if (!*r.bodyHashMatches && !*r.signatureValid) {
                r.reason = QStringLiteral("body_hash_and_signature_mismatch");
                r.detail = QStringLiteral("Neither the body hash nor the header signature verifies.");
            } else if (!*r.bodyHashMatches) {
                r.reason = QStringLiteral("body_hash_mismatch");
                r.detail = QStringLiteral("The body was changed after %1 signed it; the signed headers are intact.")
                               .arg(QString::fromLatin1(sig.domain));
            } else {
                r.reason = QStringLiteral("signature_mismatch");
                r.detail = QStringLiteral("The body is intact, but the header signature does not verify: the "
                                          "signed headers were changed, or the key is not the one that signed "
                                          "(often: the key was rotated).");
            }
            policy.verdict = Verdict::Skipped;
        } else {
            // Cryptographically valid; now what it is worth (RFC 8301, x=, t=, duplicate From).
            struct Concern {
                QString code;
                QString text;
            };
            QList<Concern> concerns;
            if (r.hasFlag(QStringLiteral("key_published")))
                concerns.append({QStringLiteral("key_published"), r.keyPublishedDetail});
            if (froms.size() > 1)
                concerns.append({QStringLiteral("duplicate_from"),
                                 QStringLiteral("the message has %1 From headers, and a mail client may show an "
                                                "unsigned one")
                                     .arg(froms.size())});
            if (r.key && r.key->key.type() == KeyType::Rsa && r.keyBits < 1024)
                concerns.append({QStringLiteral("key_too_small"),
                                 QStringLiteral("the %1-bit RSA key is too short to prove anything (RFC 8301 "
                                                "requires at least 1024 bits; such keys are factored cheaply)")
                                     .arg(r.keyBits)});
            if (sig.algorithm == SignatureAlgorithm::RsaSha1)
                concerns.append({QStringLiteral("sha1"), QStringLiteral("it uses rsa-sha1, which RFC 8301 forbids")});
            if (r.hasFlag(QStringLiteral("expired")))
                concerns.append(
                    {QStringLiteral("expired"), QStringLiteral("it expired at %1 (x=), before the evaluation time %2")
                                                    .arg(formatEpoch(*sig.expiration), formatEpoch(evalTime))});
            if (r.hasFlag(QStringLiteral("future_timestamp")))
                concerns.append({QStringLiteral("future_timestamp"),
                                 QStringLiteral("it claims to have been made at %1 (t=), after the evaluation time %2")
                                     .arg(formatEpoch(*sig.timestamp), formatEpoch(evalTime))});
            for (const Concern &c : std::as_const(concerns))
                policy.addFinding(Severity::Warning, c.code, c.text);
            if (concerns.isEmpty()) {
                r.result = Result::Pass;
                r.reason = QStringLiteral("ok");
                r.detail = QStringLiteral("Signed by %1; the signed headers and body are unchanged since signing.")
                               .arg(QString::fromLatin1(sig.domain));
                policy.verdict = Verdict::Pass;
            } else {
                r.result = Result::Policy;
                r.reason = concerns.first().code;
                QStringList texts;
                for (const Concern &c : std::as_const(concerns))
                    texts << c.text;
                r.detail = QStringLiteral("The signature by %1 is mathematically valid, but should not be relied "
                                          "on: %2.")
                               .arg(QString::fromLatin1(sig.domain), texts.join(QStringLiteral("; ")));
                policy.verdict = Verdict::Neutral;
            }
        }
    } else {
        policy.verdict = Verdict::Skipped;
        if (r.bodyHashMatches.has_value() && !r.signatureValid.has_value() && !*r.bodyHashMatches)
            r.cryptoValid = std::nullopt;
        if (r.reason.isEmpty()) {
            // Could not reach a crypto verdict without a recorded reason: treat as a permanent error.
            finishPermError(QStringLiteral("tag_syntax"), QStringLiteral("The signature could not be evaluated."));
        }
    }
    if (r.hasFlag(QStringLiteral("testing")))
        policy.addFinding(Severity::Note, QStringLiteral("testing"),
                          QStringLiteral("The key is in testing mode (t=y): the domain asked verifiers to treat "
                                         "its mail as if unsigned."));
    if (r.result == Result::PermError || r.result == Result::TempError) {
        if (r.bodyHashMatches.has_value())
            policy.addFinding(
                Severity::Note, QStringLiteral("body_hash_without_key"),
                QStringLiteral("Although the signature cannot be checked, the body hash %1 bh=.")
                    .arg(*r.bodyHashMatches ? QStringLiteral("matches") : QStringLiteral("does not match")));
    }
    r.steps.append(policy);
    r.flags.removeDuplicates();
    return r;
}

} // namespace dkimi
