#include "surrounding_words.h"

#include "key_resolver.h"

#include <QFileInfo>

namespace dkimi::ui {

namespace {

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

QString server(const QByteArray &authservId)
{
    return authservId.isEmpty() ? SurroundingWords::tr("A server that did not name itself") : latin(authservId);
}

const SignatureResult *signatureAt(const MessageResult &r, int index)
{
    for (const SignatureResult &s : r.signatures) {
        if (s.index == index)
            return &s;
    }
    return nullptr;
}

bool hasFinding(const ArDkimMatch &m, const char *code)
{
    for (const Finding &f : m.findings) {
        if (f.code == QLatin1String(code))
            return true;
    }
    return false;
}

} // namespace

int SurroundingWords::arcBrokenAt(const ArcResult &arc)
{
    if (arc.result != ArcChainResult::Fail || arc.hops.isEmpty())
        return 0;
    if (arc.reason == QLatin1String("arc_ams_fail"))
        return arc.hops.last().instance;
    if (arc.reason == QLatin1String("arc_cv_fail")) {
        for (const ArcHop &h : arc.hops) {
            if (h.cv == "fail")
                return h.instance;
        }
    }
    if (arc.reason == QLatin1String("arc_seal_fail")) {
        // RFC 8617 §5.2 step 6 checks the seals from the newest down; the verdict names the first failure.
        for (qsizetype i = arc.hops.size() - 1; i >= 0; --i) {
            if (!arc.hops.at(i).sealCheck.valid.value_or(false))
                return arc.hops.at(i).instance;
        }
    }
    return 0;
}

QString SurroundingWords::arcHeadline(const ArcResult &arc)
{
    switch (arc.result) {
    case ArcChainResult::None:
        return QString();
    case ArcChainResult::Pass:
        return tr("ARC: chain intact, sealed by %n forwarders", nullptr, int(arc.hops.size()));
    case ArcChainResult::TempError:
        return tr("ARC: a forwarder's key could not be fetched right now; try again");
    case ArcChainResult::Fail:
        break;
    }
    if (const int hop = arcBrokenAt(arc); hop > 0) {
        const ArcHop *h = arc.hop(hop);
        return tr("ARC: chain broken at hop %1 (%2)").arg(hop).arg(h ? latin(h->sealDomain) : QString());
    }
    if (arc.reason == QLatin1String("arc_cv_invalid"))
        return tr("ARC: chain broken: a forwarder stated the wrong chain status (cv=)");
    return tr("ARC: chain broken: the ARC headers are not a complete, numbered chain");
}

QString SurroundingWords::arcDetail(const ArcResult &arc)
{
    QStringList sealers;
    for (const ArcHop &h : arc.hops)
        sealers << latin(h.sealDomain);
    const QString order = sealers.join(QStringLiteral(" → "));
    switch (arc.result) {
    case ArcChainResult::None:
        return arcEmpty();
    case ArcChainResult::Pass: {
        QString s = tr("Sealed in turn by %1. Each forwarder vouches for what it recorded when the message reached it, "
                       "not that what it recorded was right.")
                        .arg(order);
        if (arc.oldestPass > 1) {
            const ArcHop *h = arc.hop(arc.oldestPass - 1);
            s += QLatin1Char(' ') + tr("The message changed after hop %1 (%2) sealed it, as mailing lists do: only "
                                       "the later hops vouch for it as it is now.")
                                        .arg(arc.oldestPass - 1)
                                        .arg(h ? latin(h->sealDomain) : QString());
        }
        return s;
    }
    case ArcChainResult::TempError:
        return tr("Sealed by %1. The chain could not be judged: %2").arg(order, arc.detail);
    case ArcChainResult::Fail:
        break;
    }
    const int hop = arcBrokenAt(arc);
    const ArcHop *h = hop > 0 ? arc.hop(hop) : nullptr;
    const QString d = h ? latin(h->sealDomain) : QString();
    if (arc.reason == QLatin1String("arc_ams_fail"))
        return tr("The message changed after the last forwarder, %1, sealed it: its ARC-Message-Signature %2.")
            .arg(d, h ? checkWords(h->amsCheck) : QString());
    if (arc.reason == QLatin1String("arc_seal_fail"))
        return tr("The ARC-Seal of %1 does not verify: the ARC headers it covers were changed after sealing, or "
                  "forged.")
            .arg(d);
    if (arc.reason == QLatin1String("arc_cv_fail"))
        return tr("%1 found the chain already broken when the message reached it (cv=fail); the chain ends there.")
            .arg(d);
    return arc.detail;
}

VerdictIcons::Kind SurroundingWords::arcIcon(const ArcResult &arc)
{
    switch (arc.result) {
    case ArcChainResult::Pass:
        return VerdictIcons::Kind::Pass;
    case ArcChainResult::Fail:
        return VerdictIcons::Kind::Fail;
    case ArcChainResult::TempError:
        return VerdictIcons::Kind::Retry;
    case ArcChainResult::None:
        break;
    }
    return VerdictIcons::Kind::None;
}

QString SurroundingWords::arcEmpty()
{
    return tr("No ARC headers: no forwarder sealed this message.");
}

QString SurroundingWords::checkWords(const ArcSignatureCheck &c)
{
    const QString &r = c.reason;
    if (c.valid.value_or(false))
        return tr("verifies");
    if (!c.valid.has_value()) {
        if (r == QLatin1String("arc_seal_not_evaluated"))
            return tr("not checked: chain already ended (cv=fail)");
        return c.detail.isEmpty() ? tr("not checked") : tr("not checked: %1").arg(c.detail);
    }
    if (r == QLatin1String("body_hash_mismatch"))
        return tr("fails: the body changed after sealing");
    if (r == QLatin1String("signature_mismatch"))
        return tr("fails: what it covers changed after sealing, or it was forged");
    if (r == QLatin1String("body_hash_and_signature_mismatch"))
        return tr("fails: the body and the headers changed after sealing");
    if (r == QLatin1String("key_not_found"))
        return tr("cannot check: no key at %1").arg(latin(keyQueryName(c.domain, c.selector)));
    if (r == QLatin1String("key_temperror"))
        return tr("try again: the key could not be fetched");
    return c.detail.isEmpty() ? tr("fails (%1)").arg(r) : tr("fails: %1").arg(c.detail);
}

VerdictIcons::Kind SurroundingWords::checkIcon(const ArcSignatureCheck &c)
{
    if (!c.valid.has_value())
        return VerdictIcons::Kind::Skipped;
    if (*c.valid)
        return VerdictIcons::Kind::Pass;
    if (c.reason == QLatin1String("key_temperror"))
        return VerdictIcons::Kind::Retry;
    if (c.reason.startsWith(QLatin1String("key_")))
        return VerdictIcons::Kind::Unknown;
    return VerdictIcons::Kind::Fail;
}

VerdictPresenter::Badge SurroundingWords::alignmentBadge(const SignatureResult &s)
{
    if (!s.dmarcAlignment)
        return {};
    const AlignmentResult &a = *s.dmarcAlignment;
    const QString d = latin(a.dkimDomain), from = latin(a.fromDomain);
    if (a.code == QLatin1String("dmarc_public_suffix"))
        return {tr("d= is a public suffix"),
                tr("d=%1 is the From domain, but that name is a public suffix: it identifies no organization.").arg(d),
                true};
    if (a.alignment == Alignment::Strict)
        return {tr("aligned with From"),
                tr("DMARC alignment (strict): the signing domain %1 is the From domain. The signature speaks for the "
                   "domain a reader sees.")
                    .arg(d),
                false};
    if (a.alignment == Alignment::Relaxed)
        return {tr("aligned with From (relaxed)"),
                tr("DMARC alignment (relaxed): the signing domain %1 and the From domain %2 belong to the same "
                   "organization, %3.")
                    .arg(d, from, latin(a.fromOrgDomain)),
                false};
    return {tr("signer is not the From domain %1").arg(from),
            tr("DMARC alignment: none. This signature shows that %1 vouched for the message, not %2, the domain in "
               "the From header. Mailing lists and forwarders sign like this; so can anyone with a domain.")
                .arg(d, from),
            true};
}

QString SurroundingWords::alignmentNote(const SignatureResult &s)
{
    if (!s.dmarcAlignment)
        return QString();
    const AlignmentResult &a = *s.dmarcAlignment;
    if (a.code == QLatin1String("dmarc_public_suffix"))
        return tr("the From domain, but a public suffix: it identifies no organization");
    if (a.alignment == Alignment::Strict)
        return tr("the From domain (DMARC: aligned, strict)");
    if (a.alignment == Alignment::Relaxed)
        return tr("same organization as the From domain %1 (DMARC: aligned, relaxed)").arg(latin(a.fromDomain));
    return tr("not the From domain %1 (DMARC: not aligned)").arg(latin(a.fromDomain));
}

QString SurroundingWords::arPosition(const AuthenticationResults &ar, int receivedCount)
{
    if (receivedCount <= 0)
        return tr("no Received headers in the message");
    const int below = receivedCount - ar.receivedAbove;
    if (below <= 0)
        return tr("by the first receiving server");
    return tr("added after hop %1 of %2").arg(below).arg(receivedCount);
}

QString SurroundingWords::disagreement(const ArDkimMatch &match, const MessageResult &r)
{
    if (!match.agrees.has_value() || *match.agrees)
        return QString();
    const QString who = server(match.authservId);
    const QString recorded = latin(match.recorded);
    const SignatureResult *s = signatureAt(r, match.signatureIndex);
    if (s && (s->result == Result::Pass || s->result == Result::Policy))
        return tr("%1 recorded dkim=%2 at receipt, but the signature verifies now").arg(who, recorded);
    QString since = tr("it fails now");
    if (s && s->reason == QLatin1String("body_hash_mismatch"))
        since = tr("the body has changed since");
    else if (s && s->reason == QLatin1String("signature_mismatch"))
        since = tr("the signed headers, or the published key, have changed since");
    else if (s && s->reason == QLatin1String("body_hash_and_signature_mismatch"))
        since = tr("the body and the signed headers have changed since");
    return tr("%1 recorded dkim=%2 at receipt; %3").arg(who, recorded, since);
}

QString SurroundingWords::matchWords(const ArDkimMatch &match, const MessageResult &r)
{
    if (match.signatureIndex < 0) {
        if (hasFinding(match, "ar_ambiguous_match"))
            return tr("several signatures fit; not compared");
        return tr("no signature of this message fits (removed since, or never there)");
    }
    const SignatureResult *s = signatureAt(r, match.signatureIndex);
    const QString which =
        tr("signature %1 (%2)").arg(match.signatureIndex + 1).arg(s ? latin(s->signature.domain) : QString());
    const QString now = s ? VerdictPresenter::resultWord(s->result) : QString();
    if (!match.agrees.has_value())
        return tr("%1: %2 now; not comparable").arg(which, now);
    return *match.agrees ? tr("%1: %2 now; agrees").arg(which, now) : tr("%1: %2 now; disagrees").arg(which, now);
}

QString SurroundingWords::forgeableNote()
{
    return tr("What servers recorded on receipt. Anyone upstream of the server that added one of these headers could "
              "have written it, so a header proves nothing by itself: only the servers you trust (your own receiving "
              "servers) count.");
}

QString SurroundingWords::dmarcResultWord(DmarcResult r)
{
    switch (r) {
    case DmarcResult::Pass:
        return tr("pass");
    case DmarcResult::Fail:
        return tr("fail");
    case DmarcResult::None:
        return tr("none");
    case DmarcResult::TempError:
        return tr("temporary error");
    case DmarcResult::PermError:
        return tr("permanent error");
    case DmarcResult::NotChecked:
        return tr("not checked");
    }
    return QString();
}

VerdictIcons::Kind SurroundingWords::dmarcIcon(const DmarcEvaluation &e)
{
    switch (e.result) {
    case DmarcResult::Pass:
        return VerdictIcons::Kind::Pass;
    case DmarcResult::Fail:
        return VerdictIcons::Kind::Fail;
    case DmarcResult::TempError:
        return VerdictIcons::Kind::Retry;
    case DmarcResult::PermError:
        return VerdictIcons::Kind::Unknown;
    case DmarcResult::None:
    case DmarcResult::NotChecked:
        return VerdictIcons::Kind::None;
    }
    return VerdictIcons::Kind::None;
}

namespace {

QString signatureList(const QList<int> &indexes, const QList<SignatureResult> *sigs)
{
    QStringList parts;
    for (int i : indexes) {
        const QString d =
            sigs && i >= 0 && i < sigs->size() ? QString::fromLatin1(sigs->at(i).signature.domain) : QString();
        parts << (d.isEmpty() ? QString::number(i + 1) : QStringLiteral("%1 (%2)").arg(i + 1).arg(d));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString SurroundingWords::dmarcHeadline(const DmarcEvaluation &e)
{
    const QString from = QString::fromLatin1(e.fromDomain);
    const QString mode = e.adkim == 's' ? tr("strict") : tr("relaxed");
    QString words;
    switch (e.result) {
    case DmarcResult::Pass:
        words = e.alignedSignatures.isEmpty() ? tr("through SPF, as %1 recorded it at receipt (no aligned DKIM pass)")
                                                    .arg(QString::fromLatin1(e.spfAuthservId))
                : e.alignedSignatures.size() == 1 ? tr("signature %1 is aligned (%2) with the From domain %3")
                                                        .arg(signatureList(e.alignedSignatures, nullptr), mode, from)
                                                  : tr("signatures %1 are aligned (%2) with the From domain %3")
                                                        .arg(signatureList(e.alignedSignatures, nullptr), mode, from);
        break;
    case DmarcResult::Fail:
        words = tr("no passing signature is aligned (%1) with the From domain %2").arg(mode, from);
        if (!e.notCountedSignatures.isEmpty())
            words += tr(" (signature %1 is aligned but not counted: valid, with a policy caveat)")
                         .arg(signatureList(e.notCountedSignatures, nullptr));
        break;
    case DmarcResult::None:
        words = tr("%1 publishes no DMARC record today").arg(from);
        break;
    case DmarcResult::TempError:
        words = tr("the DMARC record of %1 could not be fetched right now").arg(from);
        break;
    case DmarcResult::PermError:
        words = e.code == QLatin1String("dmarc_no_from_domain")
                    ? tr("the From header does not hold exactly one address with a domain")
                : e.code == QLatin1String("dmarc_multiple_records")
                    ? tr("%1 publishes several DMARC records: no policy applies").arg(from)
                    : tr("the DMARC record of %1 is unusable").arg(from);
        break;
    case DmarcResult::NotChecked:
        words = tr("no key file holds a DMARC record for %1, and live DNS is off").arg(from);
        break;
    }
    QString line = tr("DMARC: %1 — %2").arg(dmarcResultWord(e.result), words);
    if ((e.result == DmarcResult::Pass || e.result == DmarcResult::Fail) && !e.policy.isEmpty())
        line += tr("; policy %1=%2").arg(e.policyTag, QString::fromLatin1(e.policy));
    return line;
}

QString SurroundingWords::dmarcSource(const KeyLookup &l)
{
    if (l.sourceKind == QLatin1String("zone_file"))
        return tr("the key file %1").arg(QFileInfo(l.sourceName).fileName());
    if (l.sourceKind == QLatin1String("dns"))
        return l.dnssec.isEmpty() ? tr("live DNS") : tr("live DNS (DNSSEC %1)").arg(l.dnssec);
    return l.sourceName.isEmpty() ? l.sourceKind : l.sourceName;
}

QString SurroundingWords::dmarcBasis(const DmarcEvaluation &e)
{
    QStringList parts;
    if (e.discovery.status == DmarcDiscovery::Status::Found)
        parts << tr("today's record, from %1, not necessarily the one at receipt")
                     .arg(dmarcSource(e.discovery.provenance));
    else if (e.result == DmarcResult::None)
        parts << tr("there may have been a record when the message was received");
    if (e.result == DmarcResult::Pass || e.result == DmarcResult::Fail)
        parts << (e.spfResult == QLatin1String("not_known")
                      ? tr("SPF cannot be re-checked, so this is computed from DKIM alone")
                      : tr("SPF %1 as %2 recorded it (it cannot be re-checked)")
                            .arg(e.spfResult, QString::fromLatin1(e.spfAuthservId)));
    return parts.join(QStringLiteral("; "));
}

QString SurroundingWords::dmarcOutcomeWords(const QString &outcome)
{
    if (outcome == QLatin1String("found"))
        return tr("a DMARC record is published here");
    if (outcome == QLatin1String("no_record"))
        return tr("no DMARC record (DNS says so)");
    if (outcome == QLatin1String("not_looked_up"))
        return tr("not looked up: not in the key files, and live DNS is off");
    if (outcome == QLatin1String("temperror"))
        return tr("the lookup failed for now");
    if (outcome == QLatin1String("multiple_records"))
        return tr("several DMARC records: none applies");
    return outcome;
}

} // namespace dkimi::ui
