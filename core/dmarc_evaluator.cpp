#include "dmarc_evaluator.h"

#include "dmarc_alignment.h"
#include "verification_result.h"

namespace dkimi {

const char *dmarcResultName(DmarcResult r)
{
    switch (r) {
    case DmarcResult::Pass:
        return "pass";
    case DmarcResult::Fail:
        return "fail";
    case DmarcResult::None:
        return "none";
    case DmarcResult::TempError:
        return "temperror";
    case DmarcResult::PermError:
        return "permerror";
    case DmarcResult::NotChecked:
        break;
    }
    return "not_checked";
}

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

QString indexList(const QList<int> &idx)
{
    QStringList s;
    for (int i : idx)
        s << QString::number(i + 1);
    return s.join(QStringLiteral(", "));
}

QString provenanceCaveat(const KeyLookup &l)
{
    const QString when = l.fetchedAt.isValid() ? l.fetchedAt.toString(Qt::ISODate) : QStringLiteral("this check");
    if (l.sourceKind == QLatin1String("dns"))
        return QStringLiteral(
                   "This is the DMARC record DNS served at %1 (DNSSEC %2), not necessarily the one published "
                   "when the message was received: DMARC records change over time.")
            .arg(when, l.dnssec.isEmpty() ? QStringLiteral("not checked") : l.dnssec);
    if (l.sourceKind == QLatin1String("zone_file"))
        return QStringLiteral(
                   "This DMARC record comes from the key file %1, not from DNS: the file vouches for it, and "
                   "it does not say when the domain published it. DMARC records change over time.")
            .arg(l.sourceName);
    return QStringLiteral("This DMARC record comes from %1; DMARC records change over time.")
        .arg(l.sourceName.isEmpty() ? l.sourceKind : l.sourceName);
}

// SPF cannot be re-evaluated after delivery: take what a trusted receiving server recorded.
void spfSide(DmarcEvaluation &e, const QList<AuthenticationResults> &ars, const QStringList &trusted)
{
    QStringList ignored;
    for (int i = 0; i < ars.size(); ++i) {
        const AuthenticationResults &ar = ars.at(i);
        const QList<const ArMethodResult *> spf = ar.methods("spf");
        if (spf.isEmpty())
            continue;
        const bool isTrusted = !ar.arc && !ar.authservId.isEmpty() &&
                               trusted.contains(QString::fromLatin1(ar.authservId), Qt::CaseInsensitive);
        if (!isTrusted) {
            ignored << QStringLiteral("%1%2 (spf=%3)")
                           .arg(ar.arc ? QStringLiteral("ARC-Authentication-Results of ") : QString(),
                                ar.authservId.isEmpty() ? QStringLiteral("(no authserv-id)") : latin(ar.authservId),
                                latin(spf.first()->result));
            continue;
        }
        const ArMethodResult *m = spf.first();
        e.spfArIndex = i;
        e.spfAuthservId = ar.authservId;
        e.spfRecorded = m->result;
        QByteArray identity = m->value("smtp", "mailfrom");
        if (identity.isEmpty())
            identity = m->value("smtp", "helo"); // null reverse-path: SPF checks the HELO identity (RFC 7208 §2.4)
        const qsizetype at = identity.lastIndexOf('@');
        e.spfDomain = (at >= 0 ? identity.mid(at + 1) : identity).toLower();
        if (e.spfDomain.endsWith('.'))
            e.spfDomain.chop(1);
        const QString mode = e.aspf == 's' ? QStringLiteral("strict") : QStringLiteral("relaxed");
        if (m->result != "pass") {
            e.spfResult = QStringLiteral("fail");
            e.spfDetail =
                QStringLiteral("%1 (trusted) recorded spf=%2 at receipt").arg(latin(ar.authservId), latin(m->result));
        } else if (e.spfDomain.isEmpty()) {
            e.spfResult = QStringLiteral("fail");
            e.spfDetail = QStringLiteral("%1 (trusted) recorded spf=pass without smtp.mailfrom or smtp.helo: its "
                                         "alignment with the From domain cannot be judged")
                              .arg(latin(ar.authservId));
        } else {
            const AlignmentResult a = DmarcAlignment::check(e.spfDomain, e.fromDomain);
            const bool aligned = e.aspf == 's' ? a.strict() : a.relaxed();
            e.spfResult = aligned ? QStringLiteral("pass") : QStringLiteral("fail");
            e.spfDetail = QStringLiteral("%1 (trusted) recorded spf=pass for %2 at receipt, %3 %4 with %5 (aspf=%6)")
                              .arg(latin(ar.authservId), latin(e.spfDomain),
                                   aligned ? QStringLiteral("aligned") : QStringLiteral("not aligned"), mode,
                                   latin(e.fromDomain), QChar::fromLatin1(e.aspf));
        }
        return;
    }
    e.spfResult = QStringLiteral("not_known");
    e.spfDetail = ignored.isEmpty()
                      ? QStringLiteral("no Authentication-Results header of a server you trust records SPF")
                      : QStringLiteral("SPF recorded only by servers you do not trust, ignored: %1")
                            .arg(ignored.join(QStringLiteral(", ")));
}

} // namespace

DmarcEvaluation DmarcEvaluator::evaluate(const QByteArray &fromDomain, int mailboxes,
                                         const QList<SignatureResult> &signatures,
                                         const QList<AuthenticationResults> &authenticationResults,
                                         const QStringList &trustedAuthservIds, const KeyResolver *resolver)
{
    DmarcEvaluation e;
    e.fromDomain = fromDomain.toLower();
    if (e.fromDomain.endsWith('.'))
        e.fromDomain.chop(1);
    if (e.fromDomain.isEmpty() || mailboxes != 1) {
        // RFC 7489 §6.6.1: DMARC needs one From address; a message without one is outside its scope.
        e.result = DmarcResult::PermError;
        e.code = QStringLiteral("dmarc_no_from_domain");
        e.detail = mailboxes > 1 ? QStringLiteral("the From header holds %1 addresses: DMARC needs exactly one, so no "
                                                  "DMARC record was looked up")
                                       .arg(mailboxes)
                                 : QStringLiteral("the From header has no address with a domain: DMARC cannot apply");
        e.discovery.code = e.code;
        e.discovery.detail = e.detail;
        return e;
    }
    e.orgDomain = DmarcAlignment::organizationalDomain(e.fromDomain);
    e.discovery = discoverDmarcPolicy(e.fromDomain, resolver);
    const DmarcDiscovery &d = e.discovery;
    switch (d.status) {
    case DmarcDiscovery::Status::NotLookedUp:
        e.result = DmarcResult::NotChecked;
        e.code = QStringLiteral("dmarc_not_looked_up");
        e.detail = d.detail;
        return e;
    case DmarcDiscovery::Status::TempError:
        e.result = DmarcResult::TempError;
        e.code = QStringLiteral("dmarc_temperror");
        e.detail = d.detail;
        return e;
    case DmarcDiscovery::Status::NoRecord:
        e.result = DmarcResult::None;
        e.code = QStringLiteral("dmarc_no_record");
        e.detail = d.detail + QStringLiteral(": the domain publishes no DMARC policy (now)");
        e.caveats << QStringLiteral("No record now does not mean there was none when the message was received.");
        return e;
    case DmarcDiscovery::Status::Multiple:
        e.result = DmarcResult::PermError;
        e.code = QStringLiteral("dmarc_multiple_records");
        e.detail = d.detail;
        e.caveats << provenanceCaveat(d.provenance);
        return e;
    case DmarcDiscovery::Status::Found:
        break;
    }
    e.caveats << provenanceCaveat(d.provenance);
    if (!d.record.usable) {
        e.result = DmarcResult::PermError;
        e.code = d.record.errorCode;
        e.detail = QStringLiteral("%1: %2").arg(latin(d.foundAt), d.record.errorDetail);
        return e;
    }
    e.policy = d.record.appliedPolicy(e.fromDomain, d.recordDomain, &e.policyTag);
    e.adkim = d.record.adkim;
    e.aspf = d.record.aspf;
    e.pct = d.record.pct;

    // DKIM side (RFC 7489 §4.2): a signature that passes, with d= aligned in the adkim mode. A
    // signature with result policy (rsa-sha1, RSA under 1024 bits, expired, ...) does not count:
    // RFC 8301 tells verifiers not to accept such signatures, and most receivers treat them as fail.
    for (const SignatureResult &s : signatures) {
        if (!s.dmarcAlignment || (s.result != Result::Pass && s.result != Result::Policy))
            continue;
        const AlignmentResult &a = *s.dmarcAlignment;
        const bool aligned = e.adkim == 's' ? a.strict() : a.relaxed();
        if (!aligned)
            continue;
        if (s.result == Result::Pass)
            e.alignedSignatures.append(s.index);
        else
            e.notCountedSignatures.append(s.index);
    }
    e.dkimResult = e.alignedSignatures.isEmpty() ? QStringLiteral("fail") : QStringLiteral("pass");
    spfSide(e, authenticationResults, trustedAuthservIds);

    const QString mode = e.adkim == 's' ? QStringLiteral("strict") : QStringLiteral("relaxed");
    const QString where = QStringLiteral("%1=%2 from %3").arg(e.policyTag, latin(e.policy), latin(d.foundAt));
    if (!e.alignedSignatures.isEmpty()) {
        e.result = DmarcResult::Pass;
        e.code = QStringLiteral("dmarc_pass");
        e.detail = QStringLiteral("signature %1 passes with d= aligned (%2) with %3; policy %4")
                       .arg(indexList(e.alignedSignatures), mode, latin(e.fromDomain), where);
    } else if (e.spfResult == QLatin1String("pass")) {
        e.result = DmarcResult::Pass;
        e.code = QStringLiteral("dmarc_pass_spf");
        e.detail = QStringLiteral("through SPF only: no aligned DKIM pass, but %1; policy %2").arg(e.spfDetail, where);
    } else {
        e.result = DmarcResult::Fail;
        e.code = QStringLiteral("dmarc_fail");
        QString extra;
        if (!e.notCountedSignatures.isEmpty())
            extra += QStringLiteral(" (signature %1 is aligned and valid but not counted: result policy)")
                         .arg(indexList(e.notCountedSignatures));
        if (e.spfResult == QLatin1String("fail"))
            extra += QStringLiteral(", and SPF did not pass aligned");
        e.detail = QStringLiteral("no signature that passes has d= aligned (%1) with %2%3; policy %4")
                       .arg(mode, latin(e.fromDomain), extra, where);
    }
    if (e.spfResult == QLatin1String("not_known"))
        e.caveats << QStringLiteral("Computed from DKIM alone: SPF cannot be re-evaluated after delivery, and no "
                                    "Authentication-Results header of a server you trust records it. A message "
                                    "that fails here may have passed DMARC through SPF when it was received.");
    else
        e.caveats << QStringLiteral("The SPF side is what %1 recorded at receipt; it cannot be checked now.")
                         .arg(latin(e.spfAuthservId));
    if (!e.notCountedSignatures.isEmpty())
        e.caveats << QStringLiteral("Signature %1 is aligned and cryptographically valid but not counted: its result "
                                    "is policy (e.g. an RSA key under 1024 bits or rsa-sha1), which most receivers "
                                    "treat as a failing signature.")
                         .arg(indexList(e.notCountedSignatures));
    if (e.pct < 100)
        e.caveats << QStringLiteral("pct=%1: the domain asked receivers to apply its policy to %1% of failing mail "
                                    "only.")
                         .arg(e.pct);
    return e;
}

} // namespace dkimi
