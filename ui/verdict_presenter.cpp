#include "verdict_presenter.h"

#include "surrounding_words.h"
#include "verifier.h"

#include <QFileInfo>

#include <iterator>

namespace dkimi::ui {

namespace {

QString dom(const SignatureResult &s, bool rich)
{
    QString d = QString::fromLatin1(s.signature.domain);
    if (d.isEmpty())
        d = VerdictPresenter::tr("(no domain)");
    return rich ? QStringLiteral("<b>%1</b>").arg(d.toHtmlEscaped()) : d;
}

QString keyName(const SignatureResult &s)
{
    if (!s.keyLookup.queryName.isEmpty())
        return QString::fromLatin1(s.keyLookup.queryName);
    return QStringLiteral("%1._domainkey.%2")
        .arg(QString::fromLatin1(s.signature.selector), QString::fromLatin1(s.signature.domain));
}

bool hasRelevantUnsigned(const SignatureResult &s, const QString &name)
{
    return s.unsignedHeaders.contains(name);
}

} // namespace

QString VerdictPresenter::formatUtc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

QString VerdictPresenter::reasonWords(const SignatureResult &s)
{
    const QString &r = s.reason;
    const QString kn = keyName(s);
    if (r == QLatin1String("tag_syntax"))
        return tr("the signature header is malformed");
    if (r == QLatin1String("duplicate_tag"))
        return tr("a tag appears twice in the signature");
    if (r == QLatin1String("missing_tag"))
        return tr("a required tag is missing from the signature");
    if (r == QLatin1String("unsupported_version"))
        return tr("it uses an unknown DKIM version");
    if (r == QLatin1String("unsupported_algorithm"))
        return tr("it uses an algorithm DKIM does not define");
    if (r == QLatin1String("unsupported_canonicalization"))
        return tr("it names an unknown canonicalization");
    if (r == QLatin1String("unsupported_query_method"))
        return tr("it asks for its key in a way other than DNS");
    if (r == QLatin1String("invalid_tag_value"))
        return tr("a tag value in the signature is malformed");
    if (r == QLatin1String("identity_outside_domain"))
        return tr("its identity i= lies outside the signing domain");
    if (r == QLatin1String("from_not_signed"))
        return tr("it does not cover the From header");
    if (r == QLatin1String("expiry_before_timestamp"))
        return tr("its expiry x= is not later than its timestamp t=");
    if (r == QLatin1String("body_length_exceeds"))
        return tr("its body length l= is longer than the body");
    if (r == QLatin1String("key_not_found") && s.keyLookup.sourceKind == QLatin1String("none"))
        return tr("no key source is available to look up %1 (load a key file; live DNS is off)").arg(kn);
    if (r == QLatin1String("key_not_found"))
        return tr("no key is published at %1 (often: the key was rotated away)").arg(kn);
    if (r == QLatin1String("key_revoked"))
        return tr("the domain has revoked the key at %1").arg(kn);
    if (r == QLatin1String("key_syntax"))
        return tr("the key record at %1 is malformed").arg(kn);
    if (r == QLatin1String("key_version"))
        return tr("the key record at %1 has an unknown version").arg(kn);
    if (r == QLatin1String("key_malformed"))
        return tr("the key published at %1 is not a usable key").arg(kn);
    if (r == QLatin1String("key_type_mismatch"))
        return tr("the key at %1 is of another type than the signature").arg(kn);
    if (r == QLatin1String("key_hash_not_allowed"))
        return tr("the key at %1 does not allow this hash algorithm").arg(kn);
    if (r == QLatin1String("key_service_not_allowed"))
        return tr("the key at %1 is not meant for email").arg(kn);
    if (r == QLatin1String("key_strict_identity"))
        return tr("the key requires i= to equal d= exactly");
    if (r == QLatin1String("key_unavailable"))
        return s.keyLookup.detail.isEmpty() ? tr("the key lookup failed") : s.keyLookup.detail;
    // Policy concerns: list every one, never only the first.
    QStringList concerns;
    if (s.hasFlag(QStringLiteral("duplicate_from")))
        concerns << tr("the message has two or more From headers, and a mail client may show an unsigned one");
    if (s.hasFlag(QStringLiteral("key_under_1024")))
        concerns << tr("the %1-bit RSA key is too short to prove anything").arg(s.keyBits);
    if (s.hasFlag(QStringLiteral("sha1")))
        concerns << tr("it uses rsa-sha1, which RFC 8301 forbids");
    if (s.hasFlag(QStringLiteral("expired")) && s.signature.expiration)
        concerns << tr("it expired at %1 (x=)")
                        .arg(formatUtc(QDateTime::fromSecsSinceEpoch(*s.signature.expiration, Qt::UTC)));
    if (s.hasFlag(QStringLiteral("future_timestamp")) && s.signature.timestamp)
        concerns << tr("it claims to have been made at %1 (t=), after the evaluation time")
                        .arg(formatUtc(QDateTime::fromSecsSinceEpoch(*s.signature.timestamp, Qt::UTC)));
    if (!concerns.isEmpty())
        return concerns.join(QStringLiteral("; "));
    return s.detail;
}

QString VerdictPresenter::headline(const SignatureResult &s, bool rich)
{
    const QString d = dom(s, rich);
    switch (s.result) {
    case Result::Pass:
        return hasCaveats(s) ? tr("Signed by %1 — unchanged since signing, with caveats").arg(d)
                             : tr("Signed by %1 — unchanged since signing").arg(d);
    case Result::Policy:
        return tr("The signature by %1 is mathematically valid, but should not be relied on: %2")
            .arg(d, reasonWords(s));
    case Result::Fail:
        if (s.reason == QLatin1String("body_hash_mismatch"))
            return tr("The body was changed after %1 signed it; the signed headers are intact").arg(d);
        if (s.reason == QLatin1String("signature_mismatch"))
            return tr("Signed headers were changed after %1 signed them, or this signature was not made with the "
                      "key published at %2 (often: the key was rotated); the body is intact")
                .arg(d, keyName(s));
        return tr("Neither the body nor the signed headers match what %1 signed").arg(d);
    case Result::PermError:
        return tr("The signature by %1 cannot be checked: %2").arg(d, reasonWords(s));
    case Result::TempError:
        return tr("Could not fetch the key for %1 right now: %2; try again").arg(d, reasonWords(s));
    case Result::None:
        break;
    }
    return noSignature();
}

QString VerdictPresenter::noSignature()
{
    return tr("This message carries no DKIM signature");
}

QString VerdictPresenter::whatItProves()
{
    return tr("DKIM shows that the signing domain vouched for these exact bytes. It does not show who received the "
              "message: a signed message can be resent to anyone.");
}

QString VerdictPresenter::keyLine(const SignatureResult &s)
{
    QString source;
    const KeyLookup &k = s.keyLookup;
    if (k.sourceKind == QLatin1String("zone_file"))
        source = tr("zone file %1").arg(QFileInfo(k.sourceName).fileName());
    else if (k.sourceKind == QLatin1String("dns"))
        source = tr("DNS");
    else if (k.sourceKind == QLatin1String("none"))
        source = tr("no key source (load a key file)");
    else
        source = k.sourceName.isEmpty() ? k.sourceKind : k.sourceKind + QLatin1Char(' ') + k.sourceName;

    if (s.key && !s.key->key.isNull()) {
        const QString type =
            s.key->key.type() == KeyType::Rsa ? tr("RSA %1-bit key").arg(s.keyBits) : tr("Ed25519 key");
        return tr("%1 from %2 (%3)").arg(type, source, QString::fromLatin1(k.queryName));
    }
    if (k.status == KeyLookup::Status::NotFound && !k.queryName.isEmpty())
        return tr("No key at %1 in %2").arg(QString::fromLatin1(k.queryName), source);
    if (k.status == KeyLookup::Status::TempError)
        return tr("Key lookup for %1 failed for now (%2)").arg(QString::fromLatin1(k.queryName), source);
    if (s.key)
        return tr("Unusable key record at %1 from %2").arg(QString::fromLatin1(k.queryName), source);
    return tr("No key was looked up");
}

QString VerdictPresenter::evaluationLine(const MessageResult &r)
{
    QString basis;
    if (r.evaluatedAtBasis == QLatin1String("now"))
        basis = tr("the time of this check");
    else if (r.evaluatedAtBasis == QLatin1String("date_header"))
        basis = tr("the message's Date header");
    else if (r.evaluatedAtBasis == QLatin1String("first_received"))
        basis = tr("the first Received header");
    else
        basis = tr("a chosen time");
    return tr("expiry and timestamps judged at %1 (%2)").arg(formatUtc(r.evaluatedAt), basis);
}

bool VerdictPresenter::hasCaveats(const SignatureResult &s)
{
    for (const Badge &b : badges(s)) {
        if (b.caveat)
            return true;
    }
    return false;
}

QList<VerdictPresenter::Badge> VerdictPresenter::badges(const SignatureResult &s)
{
    QList<Badge> out;
    auto add = [&out](const QString &text, const QString &tip, bool caveat = true) {
        out.append(Badge{text, tip, caveat});
    };
    if (s.hasFlag(QStringLiteral("partial_body"))) {
        if (s.unsignedBodyBytes > 0)
            add(tr("partial body: %n bytes not signed", nullptr, int(s.unsignedBodyBytes)),
                tr("The signature has l=: only the first %1 bytes of the canonical body are signed. Whatever follows "
                   "can say anything.")
                    .arg(s.signature.bodyLength.value_or(0)));
        else
            add(tr("partial body (l=)"), tr("The signature has l=: anything appended to the body later would "
                                            "not break it."));
    }
    if (s.hasFlag(QStringLiteral("key_under_1024")))
        add(tr("weak key (%1 bits)").arg(s.keyBits), tr("RSA keys under 1024 bits are factored cheaply; RFC 8301 "
                                                        "forbids them."));
    else if (s.hasFlag(QStringLiteral("key_under_2048")))
        add(tr("weak key (%1 bits)").arg(s.keyBits), tr("RFC 8301 recommends RSA keys of at least 2048 bits; 1024-bit "
                                                        "keys are within reach of well-funded attackers."));
    if (s.hasFlag(QStringLiteral("sha1")))
        add(tr("rsa-sha1"), tr("SHA-1 collisions can be bought; RFC 8301 forbids rsa-sha1."));
    if (s.hasFlag(QStringLiteral("testing")))
        add(tr("testing key"), tr("The key has t=y: the domain asked verifiers to treat its mail as unsigned."));
    if (s.hasFlag(QStringLiteral("duplicate_from")))
        add(tr("two From headers"), tr("The message has more than one From header. DKIM covers the bottom one; a mail "
                                       "client may display another."));
    if (s.hasFlag(QStringLiteral("expired")))
        add(tr("expired"), tr("x= lies before the evaluation time: intact, but past the date the signer set. Expired "
                              "does not mean forged."));
    if (s.hasFlag(QStringLiteral("future_timestamp")))
        add(tr("signed in the future"), tr("t= lies after the evaluation time."));
    if (s.hasFlag(QStringLiteral("from_not_signed")))
        add(tr("From not signed"), tr("h= does not list From."));
    QStringList unsignedImportant;
    for (const char *n : {"subject", "to", "cc", "reply-to", "content-type"}) {
        if (hasRelevantUnsigned(s, QString::fromLatin1(n)))
            unsignedImportant << QString::fromLatin1(n);
    }
    for (const QString &n : std::as_const(unsignedImportant)) {
        QString pretty = n;
        pretty[0] = pretty[0].toUpper();
        add(tr("%1 not signed").arg(pretty), tr("The message has a %1 header that the signature does not cover: it "
                                                "could have been changed or added.")
                                                 .arg(pretty));
    }
    // DMARC alignment (RFC 7489 §3.1.1): whether d= speaks for the domain a reader sees in From.
    if (const Badge a = SurroundingWords::alignmentBadge(s); !a.text.isEmpty())
        out.append(a);
    if (s.hasFlag(QStringLiteral("key_pkcs1")))
        add(tr("PKCS#1 key"), tr("p= holds a bare RSAPublicKey instead of SubjectPublicKeyInfo (accepted)."), false);
    if (s.key && s.keyLookup.sourceKind != QLatin1String("dns"))
        add(tr("key not from DNS"),
            tr("The key came from %1, not from a live DNS lookup: its provenance is that file.")
                .arg(s.keyLookup.sourceName.isEmpty() ? s.keyLookup.sourceKind
                                                      : QFileInfo(s.keyLookup.sourceName).fileName()),
            false);
    if (s.keyLookup.sourceKind == QLatin1String("dns") && !s.keyLookup.dnssec.isEmpty() &&
        s.keyLookup.dnssec != QLatin1String("secure"))
        add(tr("DNSSEC: %1").arg(s.keyLookup.dnssec), tr("The key's DNS answer was not DNSSEC-validated."));
    if (s.hasFlag(QStringLiteral("lf_line_endings")))
        add(tr("LF line endings"), tr("The file stores bare LF line endings; each was read as CRLF, as DKIM requires."),
            false);
    if (s.hasFlag(QStringLiteral("mbox_from_line")))
        add(tr("mbox From line"), tr("The file starts with an mbox \"From \" line, which is not part of the message."),
            false);
    return out;
}

QString VerdictPresenter::resultWord(Result r)
{
    switch (r) {
    case Result::Pass:
        return tr("pass");
    case Result::Policy:
        return tr("valid, not reliable");
    case Result::Fail:
        return tr("fail");
    case Result::PermError:
        return tr("cannot check");
    case Result::TempError:
        return tr("try again");
    case Result::None:
        return tr("unsigned");
    }
    return QString();
}

QString VerdictPresenter::resultWord(const EvidenceItem &e)
{
    if (e.isError())
        return tr("error");
    if (e.result.result == Result::Pass) {
        for (const SignatureResult &s : e.result.signatures) {
            if (s.result == Result::Pass && !hasCaveats(s))
                return tr("pass");
        }
        return tr("pass, with caveats");
    }
    return resultWord(e.result.result);
}

QString VerdictPresenter::resultWord(const EvidenceRow &r)
{
    if (r.isError())
        return tr("error");
    if (r.result == Result::Pass) {
        for (const RowSignature &s : r.signatures) {
            if (s.result == Result::Pass && !s.caveats)
                return tr("pass");
        }
        return tr("pass, with caveats");
    }
    return resultWord(r.result);
}

QString VerdictPresenter::verdictWord(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return tr("passed");
    case Verdict::Fail:
        return tr("failed");
    case Verdict::Neutral:
        return tr("with concerns");
    case Verdict::TempError:
        return tr("try again");
    case Verdict::PermError:
        return tr("cannot check");
    case Verdict::Skipped:
        return tr("not run");
    }
    return QString();
}

QString VerdictPresenter::severityWord(Severity s)
{
    switch (s) {
    case Severity::Info:
        return tr("info");
    case Severity::Note:
        return tr("note");
    case Severity::Warning:
        return tr("warning");
    case Severity::Error:
        return tr("error");
    }
    return QString();
}

QString VerdictPresenter::stepExplanation(StepKind kind)
{
    switch (kind) {
    case StepKind::LocateSignature:
        return tr("Find the DKIM-Signature header field among the message's headers.");
    case StepKind::ParseTags:
        return tr("Read the signature's tags (d=, s=, h=, bh=, b=, ...) and check that they are well-formed.");
    case StepKind::FetchKey:
        return tr("Look up the public key the domain publishes at selector._domainkey.domain.");
    case StepKind::ParseKey:
        return tr("Read the key record and check that this key may be used for this signature.");
    case StepKind::CanonicalizeBody:
        return tr("Tidy the body's whitespace the agreed way (c=), so that harmless changes in transit do not "
                  "break the signature.");
    case StepKind::BodyHash:
        return tr("Fingerprint the tidied body and compare it with bh=, the fingerprint the signer wrote down.");
    case StepKind::CanonicalizeHeaders:
        return tr("Collect the signed header fields (h=) bottom-up and tidy them the agreed way.");
    case StepKind::HeaderHash:
        return tr("Fingerprint the collected header fields and the signature itself.");
    case StepKind::SignatureCheck:
        return tr("Check b= with the public key: only the holder of the private key could have made it.");
    case StepKind::PolicyChecks:
        return tr("Judge what a valid signature is worth: key size, algorithm, expiry, duplicate From.");
    }
    return QString();
}

QString VerdictPresenter::stepTitle(const Step &step, const SignatureResult &s)
{
    // The core's titles, marked with QT_TRANSLATE_NOOP("dkimi::Step", ...); listed here so lupdate finds them.
    static const char *const titles[] = {
        QT_TRANSLATE_NOOP("dkimi::Step", "Locate signature"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Parse signature"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Fetch key"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Parse key record"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize body"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Body hash"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize headers"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Header hash"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Signature check"),
        QT_TRANSLATE_NOOP("dkimi::Step", "Policy checks"),
    };
    const QString title = QCoreApplication::translate("dkimi::Step", step.title.toUtf8().constData());
    // Only the standard steps get a summary; any other step (e.g. the core's attempts to explain a
    // body hash mismatch, which reuse a kind) keeps its own title.
    if (int(step.kind) < 0 || int(step.kind) >= int(std::size(titles)) ||
        step.title != QLatin1String(titles[int(step.kind)]))
        return title;
    const DkimSignature &sig = s.signature;
    switch (step.kind) {
    case StepKind::FetchKey:
        if (step.verdict == Verdict::Pass)
            return tr("%1 (%2)").arg(title, s.keyLookup.sourceKind == QLatin1String("zone_file")
                                                ? tr("zone file %1").arg(QFileInfo(s.keyLookup.sourceName).fileName())
                                                : s.keyLookup.sourceKind);
        if (step.verdict == Verdict::PermError)
            return tr("%1: no key published").arg(title);
        break;
    case StepKind::CanonicalizeBody:
    case StepKind::CanonicalizeHeaders:
        if (step.verdict != Verdict::Skipped)
            return tr("%1 (%2)").arg(title,
                                     QString::fromLatin1(canonicalizationName(
                                         step.kind == StepKind::CanonicalizeBody ? sig.bodyCanon : sig.headerCanon)));
        break;
    case StepKind::BodyHash:
        if (step.verdict == Verdict::Pass)
            return tr("Body hash matches bh=");
        if (step.verdict == Verdict::Fail)
            return tr("Body hash does not match bh=");
        break;
    case StepKind::SignatureCheck:
        if (step.verdict == Verdict::Pass)
            return tr("Signature verifies");
        if (step.verdict == Verdict::Fail)
            return tr("Signature does not verify");
        break;
    case StepKind::PolicyChecks: {
        int warnings = 0;
        for (const Finding &f : step.findings)
            warnings += f.severity >= Severity::Warning ? 1 : 0;
        if (warnings > 0)
            return tr("%1: %n concerns", nullptr, warnings).arg(title);
        break;
    }
    default:
        break;
    }
    return title;
}

} // namespace dkimi::ui
