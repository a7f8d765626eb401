#include "arc_verifier.h"

#include "canonicalizer.h"
#include "header_hash_input.h"
#include "key_record.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>

namespace dkimi {

const char *arcChainResultName(ArcChainResult r)
{
    switch (r) {
    case ArcChainResult::None:
        return "none";
    case ArcChainResult::Pass:
        return "pass";
    case ArcChainResult::Fail:
        return "fail";
    case ArcChainResult::TempError:
        return "temperror";
    }
    return "none";
}

const ArcHop *ArcResult::hop(int instance) const
{
    for (const ArcHop &h : hops) {
        if (h.instance == instance)
            return &h;
    }
    return nullptr;
}

namespace {

enum class ArcKind { Aar, Ams, Seal };

const char *kindName(ArcKind k)
{
    switch (k) {
    case ArcKind::Aar:
        return "ARC-Authentication-Results";
    case ArcKind::Ams:
        return "ARC-Message-Signature";
    case ArcKind::Seal:
        return "ARC-Seal";
    }
    return "";
}

std::optional<ArcKind> arcKind(QByteArrayView name)
{
    if (name.compare("ARC-Seal", Qt::CaseInsensitive) == 0)
        return ArcKind::Seal;
    if (name.compare("ARC-Message-Signature", Qt::CaseInsensitive) == 0)
        return ArcKind::Ams;
    if (name.compare("ARC-Authentication-Results", Qt::CaseInsensitive) == 0)
        return ArcKind::Aar;
    return std::nullopt;
}

// instance = 1*2DIGIT with value 1..50 (RFC 8617 §4.2.1). Returns -1 when not a number at all, and
// the (possibly out-of-range) number otherwise; absurdly long numbers count as 9999.
int parseInstance(QByteArrayView v)
{
    if (v.isEmpty() || v.size() > 9)
        return v.isEmpty() ? -1 : 9999;
    int n = 0;
    for (char c : v) {
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

// The ARC-Authentication-Results value starts "i=" instance ";" (RFC 8617 §4.1.1), then the RFC 8601
// payload whose first token is the authserv-id.
int aarInstance(QByteArrayView v, QByteArray *authservId)
{
    qsizetype i = 0;
    auto skipWs = [&]() {
        while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n'))
            ++i;
    };
    skipWs();
    if (i >= v.size() || (v[i] != 'i' && v[i] != 'I'))
        return -1;
    ++i;
    skipWs();
    if (i >= v.size() || v[i] != '=')
        return -1;
    ++i;
    skipWs();
    const qsizetype start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9')
        ++i;
    const int n = parseInstance(v.sliced(start, i - start));
    skipWs();
    if (i >= v.size() || v[i] != ';')
        return -1;
    ++i;
    skipWs();
    const qsizetype idStart = i;
    while (i < v.size() && v[i] != ';' && v[i] != ' ' && v[i] != '\t' && v[i] != '\r' && v[i] != '(')
        ++i;
    *authservId = v.sliced(idStart, i - idStart).toByteArray();
    return n;
}

bool parseCanon(QByteArrayView v, Canonicalization *out)
{
    if (v.compare("simple", Qt::CaseInsensitive) == 0)
        *out = Canonicalization::Simple;
    else if (v.compare("relaxed", Qt::CaseInsensitive) == 0)
        *out = Canonicalization::Relaxed;
    else
        return false;
    return true;
}

// An ARC-Message-Signature or ARC-Seal parsed into the DKIM signature structure, so that key checks
// (KeyRecord::checkAgainst) and byte ranges (DkimSignature::tagRange) work unchanged.
// RFC 8617 §4.1.2: the AMS is a DKIM-Signature without v=, with i= the instance.
// RFC 8617 §4.1.3: the AS has i, cv, a, b, d, s (t optional); h= is not allowed; no body hash.
DkimSignature parseArcSignature(const Message &m, const ArcHeader &h, ArcKind kind)
{
    DkimSignature sig;
    sig.headerIndex = h.headerIndex;
    sig.valueOffset = h.valueOffset;
    sig.tags = h.tags;
    auto permerror = [&sig](const QString &code, const QString &detail, QList<ByteRange> where = {}) {
        sig.findings.append(Finding{Severity::Error, code, detail, where});
        if (sig.reason.isEmpty()) {
            sig.reason = code;
            sig.detail = detail;
        }
    };
    if (!sig.tags.isValid()) {
        permerror(sig.tags.errorKind() == TagList::ErrorKind::DuplicateTag ? QStringLiteral("duplicate_tag")
                                                                           : QStringLiteral("tag_syntax"),
                  QStringLiteral("The %1 tag list is malformed: %2.")
                      .arg(QString::fromLatin1(kindName(kind)), sig.tags.errorMessage()),
                  {m.rawRange(h.valueOffset + qMax<qsizetype>(0, sig.tags.errorOffset()), 1)});
        return sig;
    }
    const TagList &t = sig.tags;
    auto rangeOf = [&](const char *name) { return QList<ByteRange>{sig.tagRange(m, name)}; };
    const QList<const char *> required = kind == ArcKind::Ams ? QList<const char *>{"i", "a", "b", "bh", "d", "h", "s"}
                                                              : QList<const char *>{"i", "cv", "a", "b", "d", "s"};
    QStringList missing;
    for (const char *req : required) {
        if (!t.contains(req))
            missing << QString::fromLatin1(req) + QLatin1Char('=');
    }
    if (!missing.isEmpty())
        permerror(QStringLiteral("missing_tag"),
                  QStringLiteral("%1: required tag(s) missing: %2.")
                      .arg(QString::fromLatin1(kindName(kind)), missing.join(QStringLiteral(", "))));
    if (kind == ArcKind::Seal && t.contains("h"))
        permerror(QStringLiteral("arc_seal_has_h"),
                  QStringLiteral("The ARC-Seal has an h= tag, which RFC 8617 §4.1.3 forbids: a seal covers the ARC "
                                 "header fields only, in a fixed order."),
                  rangeOf("h"));
    sig.algorithmText = t.value("a");
    sig.algorithm = signatureAlgorithmOf(sig.algorithmText);
    if (sig.algorithm == SignatureAlgorithm::Unknown && t.contains("a"))
        permerror(QStringLiteral("unsupported_algorithm"),
                  QStringLiteral("a=%1 is not a known signing algorithm.").arg(QString::fromLatin1(sig.algorithmText)),
                  rangeOf("a"));
    if (t.contains("b") && !decodeBase64Strict(stripFws(t.value("b")), &sig.b))
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("b= is not valid base64."), rangeOf("b"));
    if (kind == ArcKind::Ams && t.contains("bh") && !decodeBase64Strict(stripFws(t.value("bh")), &sig.bh))
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("bh= is not valid base64."), rangeOf("bh"));
    if (kind == ArcKind::Ams) {
        // c= as in DKIM, default simple/simple (RFC 6376 §3.5; dkimpy assumes relaxed/relaxed instead).
        if (t.contains("c")) {
            const QByteArray c = t.value("c");
            const qsizetype slash = c.indexOf('/');
            if (!parseCanon(slash < 0 ? QByteArrayView(c) : QByteArrayView(c).first(slash), &sig.headerCanon) ||
                !parseCanon(slash < 0 ? QByteArrayView("simple") : QByteArrayView(c).sliced(slash + 1), &sig.bodyCanon))
                permerror(
                    QStringLiteral("unsupported_canonicalization"),
                    QStringLiteral("c=%1: canonicalization must be simple or relaxed.").arg(QString::fromLatin1(c)),
                    rangeOf("c"));
        }
        for (const QByteArray &part : t.value("h").split(':')) {
            const QByteArray name = stripFws(part);
            if (!name.isEmpty())
                sig.signedHeaders.append(name);
        }
        if (t.contains("h") && sig.signedHeaders.isEmpty())
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("h= is empty."), rangeOf("h"));
        for (const QByteArray &n : std::as_const(sig.signedHeaders)) {
            // RFC 8617 §4.1.2: the AMS must not sign ARC-Seal header fields.
            if (n.compare("arc-seal", Qt::CaseInsensitive) == 0) {
                permerror(QStringLiteral("arc_ams_signs_seal"),
                          QStringLiteral("The ARC-Message-Signature lists ARC-Seal in h=, which RFC 8617 §4.1.2 "
                                         "forbids."),
                          rangeOf("h"));
                break;
            }
        }
        if (t.contains("l")) {
            bool ok = false;
            const qint64 l = t.value("l").toLongLong(&ok);
            if (!ok || l < 0)
                permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("l= is not a number."), rangeOf("l"));
            else
                sig.bodyLength = l;
        }
    }
    sig.domain = t.value("d");
    sig.selector = t.value("s");
    if (t.contains("d") && sig.domain.isEmpty())
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("d= is empty."), rangeOf("d"));
    if (t.contains("s") && sig.selector.isEmpty())
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("s= is empty."), rangeOf("s"));
    // i= is the instance here, not an identity: a key with t=s compares the identity's domain with d=.
    sig.identity = "@" + sig.domain;
    if (t.contains("t")) {
        bool ok = false;
        const qint64 ts = t.value("t").toLongLong(&ok);
        if (ok)
            sig.timestamp = ts;
        else
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("t= is not a number of seconds."),
                      rangeOf("t"));
    }
    return sig;
}

// A header field with the value of its b= tag deleted (RFC 6376 §3.7, RFC 8617 §4.1.2/§4.1.3).
QByteArray fieldWithoutB(const Message &m, const ArcHeader &h)
{
    return fieldWithBEmptied(m, h.headerIndex, h.valueOffset, h.tags);
}

struct KeyOutcome {
    KeyLookup lookup;
    std::optional<KeyRecord> key;
    std::optional<bool> valid;
    QString reason, detail;
    bool temporary = false;
};

QByteArray hashFor(const DkimSignature &sig, const QByteArray &input)
{
    return digest(hashOf(sig.algorithm), input);
}

bool verifyWith(const KeyRecord &k, const DkimSignature &sig, const QByteArray &headerHash)
{
    // RFC 8463 §3: Ed25519 signs the SHA-256 digest; RSA signs it with PKCS#1 v1.5 (RFC 6376 §3.3.1).
    return sig.algorithm == SignatureAlgorithm::Ed25519Sha256
               ? k.key.verifyEd25519(headerHash, sig.b)
               : k.key.verifyRsaDigest(hashOf(sig.algorithm), headerHash, sig.b);
}

// Every record from every source is a candidate; the first that verifies is used, else the first usable.
KeyOutcome fetchAndVerify(const KeyResolver *resolver, const DkimSignature &sig, const QByteArray &headerHash)
{
    KeyOutcome out;
    const QByteArray qname = keyQueryName(sig.domain, sig.selector);
    const QList<KeyLookup> lookups = resolver ? resolver->lookupAll(sig.domain, sig.selector) : QList<KeyLookup>{};
    std::optional<KeyOutcome> firstUsable, firstUnusable;
    for (const KeyLookup &l : lookups) {
        if (l.status != KeyLookup::Status::Found)
            continue;
        for (const QList<QByteArray> &rec : l.records) {
            KeyOutcome c;
            c.lookup = l;
            c.lookup.records = {rec};
            const KeyRecord kr = KeyRecord::parse(KeyLookup::joined(rec));
            c.key = kr;
            c.reason = kr.reason;
            c.detail = kr.detail;
            if (c.reason.isEmpty())
                c.reason = kr.checkAgainst(sig, &c.detail);
            if (!c.reason.isEmpty()) {
                if (!firstUnusable)
                    firstUnusable = c;
                continue;
            }
            c.valid = verifyWith(kr, sig, headerHash);
            if (*c.valid)
                return c;
            if (!firstUsable)
                firstUsable = c;
        }
    }
    if (firstUsable)
        return *firstUsable;
    if (firstUnusable)
        return *firstUnusable;
    out.lookup.queryName = qname;
    QStringList notes;
    for (const KeyLookup &l : lookups) {
        if (l.status == KeyLookup::Status::TempError) {
            out.lookup = l;
            out.temporary = true;
        }
        if (!l.detail.isEmpty())
            notes << l.detail;
    }
    if (out.temporary) {
        out.reason = QStringLiteral("key_temperror");
        out.detail = QStringLiteral("The key at %1 could not be fetched right now: %2.")
                         .arg(QString::fromLatin1(qname), out.lookup.detail);
    } else {
        if (!lookups.isEmpty())
            out.lookup = lookups.first();
        out.lookup.queryName = qname;
        out.reason = QStringLiteral("key_not_found");
        out.detail = QStringLiteral("No key record exists at %1 (%2).")
                         .arg(QString::fromLatin1(qname), lookups.isEmpty() ? QStringLiteral("no key source configured")
                                                                            : notes.join(QStringLiteral("; ")));
    }
    return out;
}

Step makeStep(StepKind kind, const char *title)
{
    Step s;
    s.kind = kind;
    s.title = QString::fromLatin1(title);
    return s;
}

// The walk shared by AMS and AS once the hash input is known: FetchKey, ParseKey, HeaderHash, SignatureCheck.
void finishSignatureWalk(const Message &m, const KeyResolver *resolver, const DkimSignature &sig,
                         const QByteArray &input, ArcSignatureCheck &c, Step canonHeaders)
{
    canonHeaders.output = input;
    canonHeaders.outputSource = SourceId::CanonHeaders;
    canonHeaders.verdict = Verdict::Pass;
    c.headerHashInput = input;
    const QByteArray hh = hashFor(sig, input);

    Step fetch = makeStep(StepKind::FetchKey, QT_TRANSLATE_NOOP("dkimi::Step", "Fetch key"));
    Step parseKey = makeStep(StepKind::ParseKey, QT_TRANSLATE_NOOP("dkimi::Step", "Parse key record"));
    Step hash = makeStep(StepKind::HeaderHash, QT_TRANSLATE_NOOP("dkimi::Step", "Header hash"));
    Step check = makeStep(StepKind::SignatureCheck, QT_TRANSLATE_NOOP("dkimi::Step", "Signature check"));
    hash.inputs.append(Field{QStringLiteral("algorithm"), QString::fromLatin1(hashAlgorithmName(hashOf(sig.algorithm))),
                             sig.tagRange(m, "a")});
    hash.output = hh;
    hash.verdict = Verdict::Pass;

    const KeyOutcome k = fetchAndVerify(resolver, sig, hh);
    c.keyLookup = k.lookup;
    fetch.inputs.append(Field{QStringLiteral("query"), QString::fromLatin1(keyQueryName(sig.domain, sig.selector)),
                              sig.tagRange(m, "s")});
    fetch.inputs.append(Field{QStringLiteral("source"),
                              k.lookup.sourceName.isEmpty()
                                  ? k.lookup.sourceKind
                                  : k.lookup.sourceKind + QStringLiteral(": ") + k.lookup.sourceName,
                              {}});
    if (!k.key) {
        fetch.verdict = k.temporary ? Verdict::TempError : Verdict::PermError;
        fetch.addFinding(Severity::Error, k.reason, k.detail);
        parseKey.verdict = Verdict::Skipped;
        check.verdict = Verdict::Skipped;
        c.reason = k.reason;
        c.detail = k.detail;
    } else {
        fetch.verdict = Verdict::Pass;
        fetch.output = k.key->text;
        fetch.outputSource = SourceId::KeyRecord;
        parseKey.inputs.append(Field{QStringLiteral("record"), QString::fromLatin1(k.key->text),
                                     ByteRange{SourceId::KeyRecord, 0, k.key->text.size()}});
        parseKey.findings = k.key->findings;
        parseKey.output = k.key->keyData;
        if (!k.key->key.isNull())
            c.keyBits = k.key->key.bits();
        parseKey.inputs.append(
            Field{QStringLiteral("key"),
                  QStringLiteral("%1 %2-bit, SHA-256 %3")
                      .arg(k.key->key.type() == KeyType::Ed25519 ? QStringLiteral("Ed25519") : QStringLiteral("RSA"))
                      .arg(c.keyBits)
                      .arg(QString::fromLatin1(k.key->sha256Fingerprint())),
                  {}});
        // RFC 8301: RSA keys under 1024 bits must not be accepted; under 2048 is weak.
        if (k.key->key.type() == KeyType::Rsa && c.keyBits > 0 && c.keyBits < 1024)
            parseKey.addFinding(
                Severity::Warning, QStringLiteral("key_too_small"),
                QStringLiteral("The %1-bit RSA key is too short to prove anything (RFC 8301).").arg(c.keyBits));
        else if (k.key->key.type() == KeyType::Rsa && c.keyBits > 0 && c.keyBits < 2048)
            parseKey.addFinding(
                Severity::Note, QStringLiteral("key_under_2048"),
                QStringLiteral("The %1-bit RSA key is weak; 2048 bits are recommended.").arg(c.keyBits));
        if (!k.valid.has_value()) {
            parseKey.verdict = Verdict::PermError;
            if (k.key->reason.isEmpty())
                parseKey.addFinding(Severity::Error, k.reason, k.detail);
            check.verdict = Verdict::Skipped;
            c.reason = k.reason;
            c.detail = k.detail;
        } else {
            parseKey.verdict = Verdict::Pass;
            check.inputs.append(
                Field{QStringLiteral("b"), QString::fromLatin1(sig.b.toBase64()), sig.tagRange(m, "b")});
            check.verdict = *k.valid ? Verdict::Pass : Verdict::Fail;
            c.valid = *k.valid;
            if (!*k.valid) {
                c.reason = QStringLiteral("signature_mismatch");
                c.detail = QStringLiteral("b= does not verify over the covered header fields with the key at %1.")
                               .arg(QString::fromLatin1(keyQueryName(sig.domain, sig.selector)));
                check.addFinding(Severity::Error, c.reason, c.detail, {sig.tagRange(m, "b")});
            }
        }
    }
    c.steps.append(fetch);
    c.steps.append(parseKey);
    c.steps.append(canonHeaders);
    c.steps.append(hash);
    c.steps.append(check);
}

Step locateStep(const Message &m, const ArcHeader &h, ArcKind kind, int instance)
{
    Step s = makeStep(StepKind::LocateSignature, QT_TRANSLATE_NOOP("dkimi::Step", "Locate signature"));
    s.inputs.append(Field{QStringLiteral("header"),
                          QStringLiteral("%1 i=%2 (header field %3)")
                              .arg(QString::fromLatin1(kindName(kind)))
                              .arg(instance)
                              .arg(h.headerIndex + 1),
                          h.range});
    s.output = m.headerBytes(m.headers().at(h.headerIndex)).toByteArray();
    s.verdict = Verdict::Pass;
    return s;
}

Step parseStep(const Message &m, const DkimSignature &sig)
{
    Step s = makeStep(StepKind::ParseTags, QT_TRANSLATE_NOOP("dkimi::Step", "Parse signature"));
    for (const Tag &t : sig.tags.tags())
        s.inputs.append(Field{QString::fromLatin1(t.name), QString::fromLatin1(t.value),
                              m.rawRange(sig.valueOffset + t.valueOffset, t.valueLength)});
    s.findings = sig.findings;
    s.verdict = sig.isUsable() ? Verdict::Pass : Verdict::PermError;
    return s;
}

} // namespace

ArcVerifier::ArcVerifier(std::shared_ptr<const KeyResolver> resolver) : m_resolver(std::move(resolver)) {}

ArcSignatureCheck ArcVerifier::checkAms(const Message &m, const ArcHop &hop) const
{
    ArcSignatureCheck c;
    const DkimSignature sig = parseArcSignature(m, hop.ams, ArcKind::Ams);
    c.domain = sig.domain;
    c.selector = sig.selector;
    c.timestamp = sig.timestamp;
    c.steps.append(locateStep(m, hop.ams, ArcKind::Ams, hop.instance));
    c.steps.append(parseStep(m, sig));
    if (!sig.isUsable()) {
        c.reason = sig.reason;
        c.detail = sig.detail;
        return c;
    }
    if (!sig.tags.contains("c"))
        c.steps.last().addFinding(Severity::Note, QStringLiteral("arc_ams_default_canon"),
                                  QStringLiteral("The ARC-Message-Signature has no c=; DKIM's default simple/simple "
                                                 "was used (dkimpy assumes relaxed/relaxed)."));

    // -- Body, as for a DKIM signature (RFC 6376 §3.7) ---------------------------------------------
    Step canonBody = makeStep(StepKind::CanonicalizeBody, QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize body"));
    Step bodyHash = makeStep(StepKind::BodyHash, QT_TRANSLATE_NOOP("dkimi::Step", "Body hash"));
    const QByteArray canon = Canonicalizer::body(sig.bodyCanon, m.body());
    const QByteArrayView hashed = sig.bodyLength && *sig.bodyLength <= canon.size()
                                      ? QByteArrayView(canon).first(qsizetype(*sig.bodyLength))
                                      : QByteArrayView(canon);
    canonBody.inputs.append(
        Field{QStringLiteral("c"), QString::fromLatin1(canonicalizationName(sig.bodyCanon)), sig.tagRange(m, "c")});
    canonBody.output = canon;
    canonBody.outputSource = SourceId::CanonBody;
    canonBody.verdict = Verdict::Pass;
    const QByteArray bh = digest(hashOf(sig.algorithm), hashed);
    bodyHash.inputs.append(Field{QStringLiteral("bh"), QString::fromLatin1(sig.bh.toBase64()), sig.tagRange(m, "bh")});
    bodyHash.inputs.append(Field{QStringLiteral("computed"), QString::fromLatin1(bh.toBase64()), {}});
    bodyHash.output = bh;
    c.bodyHashMatches = bh == sig.bh;
    bodyHash.verdict = *c.bodyHashMatches ? Verdict::Pass : Verdict::Fail;
    if (!*c.bodyHashMatches)
        bodyHash.addFinding(Severity::Error, QStringLiteral("body_hash_mismatch"),
                            QStringLiteral("The body's hash differs from this hop's bh=: the body was changed after "
                                           "%1 sealed it (instance %2).")
                                .arg(QString::fromLatin1(sig.domain))
                                .arg(hop.instance),
                            {sig.tagRange(m, "bh")});

    // -- Headers: h= bottom-up (RFC 6376 §5.4.2), then the AMS itself with b= emptied -----------------
    Step canonHeaders =
        makeStep(StepKind::CanonicalizeHeaders, QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize headers"));
    // The AMS is hashed exactly as a DKIM signature is (RFC 8617 §4.1.2): one implementation for both.
    const HeaderHashInput hhi = HeaderHashInput::build(m, sig);
    const QByteArray &input = hhi.bytes;
    for (qsizetype u = 0; u + 1 < hhi.uses.size(); ++u) { // the last use is the AMS itself
        const SignedHeaderUse &use = hhi.uses.at(u);
        if (use.headerIndex >= 0) {
            const HeaderField &hf = m.headers().at(use.headerIndex);
            canonHeaders.inputs.append(Field{QString::fromLatin1(use.name),
                                             QStringLiteral("header field %1").arg(use.headerIndex + 1),
                                             m.rawRange(hf.offset, hf.length)});
        } else {
            canonHeaders.inputs.append(Field{QString::fromLatin1(use.name), QStringLiteral("(none: over-signed)"), {}});
        }
    }
    canonHeaders.inputs.append(
        Field{QStringLiteral("ARC-Message-Signature"), QStringLiteral("this signature, b= emptied"), hop.ams.range});
    finishSignatureWalk(m, m_resolver.get(), sig, input, c, canonHeaders);
    // The same order as a DKIM signature's walk: locate, parse, key, body, headers, check.
    c.steps.insert(4, bodyHash);
    c.steps.insert(4, canonBody);
    if (c.valid.value_or(false) && !*c.bodyHashMatches) {
        c.valid = false;
        c.reason = QStringLiteral("body_hash_mismatch");
        c.detail = QStringLiteral("The header signature verifies, but the body changed after instance %1 (%2).")
                       .arg(hop.instance)
                       .arg(QString::fromLatin1(sig.domain));
    } else if (c.valid.has_value() && !*c.valid && !*c.bodyHashMatches) {
        c.reason = QStringLiteral("body_hash_and_signature_mismatch");
        c.detail =
            QStringLiteral("Neither the body hash nor the header signature of instance %1 verifies.").arg(hop.instance);
    }
    return c;
}

ArcSignatureCheck ArcVerifier::checkSeal(const Message &m, const QList<ArcHop> &hops, int upTo) const
{
    ArcSignatureCheck c;
    const ArcHop &hop = hops.at(upTo - 1);
    const DkimSignature sig = parseArcSignature(m, hop.seal, ArcKind::Seal);
    c.domain = sig.domain;
    c.selector = sig.selector;
    c.timestamp = sig.timestamp;
    c.steps.append(locateStep(m, hop.seal, ArcKind::Seal, hop.instance));
    c.steps.append(parseStep(m, sig));
    if (!sig.isUsable()) {
        c.reason = sig.reason;
        c.detail = sig.detail;
        return c;
    }
    // RFC 8617 §5.1.1: the seal covers the ARC sets 1..i in instance order, each as AAR, AMS, AS, with
    // relaxed header canonicalization; the seal itself last, b= emptied, without its final CRLF.
    Step canonHeaders =
        makeStep(StepKind::CanonicalizeHeaders, QT_TRANSLATE_NOOP("dkimi::Step", "Canonicalize ARC sets"));
    QByteArray input;
    for (int j = 0; j < upTo; ++j) {
        const ArcHop &h = hops.at(j);
        const std::pair<const ArcHeader *, ArcKind> parts[] = {
            {&h.aar, ArcKind::Aar}, {&h.ams, ArcKind::Ams}, {&h.seal, ArcKind::Seal}};
        for (const auto &[ah, kind] : parts) {
            const bool self = j == upTo - 1 && kind == ArcKind::Seal;
            QByteArray canon =
                self ? Canonicalizer::header(Canonicalization::Relaxed, fieldWithoutB(m, *ah))
                     : Canonicalizer::header(Canonicalization::Relaxed, m.headerBytes(m.headers().at(ah->headerIndex)));
            if (self && canon.endsWith("\r\n"))
                canon.chop(2);
            input.append(canon);
            canonHeaders.inputs.append(Field{QString::fromLatin1(kindName(kind)),
                                             self ? QStringLiteral("i=%1, this seal, b= emptied").arg(h.instance)
                                                  : QStringLiteral("i=%1").arg(h.instance),
                                             ah->range});
        }
    }
    finishSignatureWalk(m, m_resolver.get(), sig, input, c, canonHeaders);
    return c;
}

ArcResult ArcVerifier::verify(const Message &m) const
{
    ArcResult r;
    Step collect = makeStep(StepKind::LocateSignature, QT_TRANSLATE_NOOP("dkimi::Step", "Collect ARC sets"));
    Step structure = makeStep(StepKind::ParseTags, QT_TRANSLATE_NOOP("dkimi::Step", "Check chain structure"));
    Step verdict = makeStep(StepKind::PolicyChecks, QT_TRANSLATE_NOOP("dkimi::Step", "Chain verdict"));

    auto finish = [&](ArcChainResult res, const QString &code, const QString &detail, Severity sev,
                      QList<ByteRange> where = {}) {
        r.result = res;
        r.reason = code;
        r.detail = detail;
        const Finding f{sev, code, detail, where};
        verdict.findings.append(f);
        r.findings.append(f);
        verdict.verdict = res == ArcChainResult::Pass   ? Verdict::Pass
                          : res == ArcChainResult::None ? Verdict::Neutral
                          : res == ArcChainResult::Fail ? Verdict::Fail
                                                        : Verdict::TempError;
        verdict.inputs.append(Field{QStringLiteral("result"), QString::fromLatin1(arcChainResultName(res)), {}});
        r.steps = {collect, structure, verdict};
        return r;
    };
    auto structureFail = [&](const QString &code, const QString &detail, QList<ByteRange> where = {}) {
        structure.findings.append(Finding{Severity::Error, code, detail, where});
        structure.verdict = Verdict::Fail;
        r.hops.clear();
        return finish(ArcChainResult::Fail, code, detail, Severity::Error, where);
    };

    // -- 1. Collect every ARC header field by instance ---------------------------------------------
    struct Slot {
        QList<ArcHeader> aar, ams, seal;
        QByteArray authservId;
    };
    QMap<int, Slot> byInstance;
    int total = 0;
    for (int i = 0; i < m.headers().size(); ++i) {
        const HeaderField &hf = m.headers().at(i);
        const auto kind = arcKind(hf.name);
        if (!kind)
            continue;
        ++total;
        ArcHeader h;
        h.headerIndex = i;
        h.valueOffset = hf.valueOffset();
        h.range = m.rawRange(hf.offset, hf.length);
        const QByteArrayView value = m.headerValue(hf);
        int instance = -1;
        QByteArray authserv;
        if (*kind == ArcKind::Aar) {
            instance = aarInstance(value, &authserv);
        } else {
            h.tags = TagList::parse(value);
            const Tag *it = h.tags.isValid() ? h.tags.find("i") : nullptr;
            instance = it ? parseInstance(it->value) : -1;
            if (!h.tags.isValid())
                return structureFail(QStringLiteral("arc_instance_invalid"),
                                     QStringLiteral("%1 (header field %2) cannot be read, so its instance is unknown: "
                                                    "%3.")
                                         .arg(QString::fromLatin1(kindName(*kind)))
                                         .arg(i + 1)
                                         .arg(h.tags.errorMessage()),
                                     {h.range});
        }
        collect.inputs.append(
            Field{QString::fromLatin1(kindName(*kind)),
                  instance < 0 ? QStringLiteral("(no instance)") : QStringLiteral("i=%1").arg(instance), h.range});
        // RFC 8617 §4.2.1: instance is 1..50.
        if (instance < 1) {
            return structureFail(
                QStringLiteral("arc_instance_invalid"),
                QStringLiteral("%1 (header field %2) has no valid instance i= (a number from 1 to %3).")
                    .arg(QString::fromLatin1(kindName(*kind)))
                    .arg(i + 1)
                    .arg(kMaxInstances),
                {h.range});
        }
        if (instance > kMaxInstances)
            return structureFail(QStringLiteral("arc_too_many_sets"),
                                 QStringLiteral("%1 (header field %2) has i=%3; RFC 8617 allows at most %4 ARC sets.")
                                     .arg(QString::fromLatin1(kindName(*kind)))
                                     .arg(i + 1)
                                     .arg(instance)
                                     .arg(kMaxInstances),
                                 {h.range});
        Slot &slot = byInstance[instance];
        if (*kind == ArcKind::Aar) {
            slot.aar.append(h);
            slot.authservId = authserv;
        } else if (*kind == ArcKind::Ams) {
            slot.ams.append(h);
        } else {
            slot.seal.append(h);
        }
    }
    collect.verdict = total == 0 ? Verdict::Neutral : Verdict::Pass;
    if (total == 0) {
        structure.verdict = Verdict::Skipped;
        return finish(ArcChainResult::None, QStringLiteral("arc_none"),
                      QStringLiteral("The message has no ARC header fields: it was not ARC-sealed."), Severity::Info);
    }

    // -- 2. Each set exactly one AAR, AMS and AS; instances 1..N without gaps ----------------------
    for (auto it = byInstance.cbegin(); it != byInstance.cend(); ++it) {
        const Slot &s = it.value();
        const std::pair<const QList<ArcHeader> *, ArcKind> parts[] = {
            {&s.aar, ArcKind::Aar}, {&s.ams, ArcKind::Ams}, {&s.seal, ArcKind::Seal}};
        for (const auto &[list, kind] : parts) {
            if (list->size() > 1) {
                QList<ByteRange> where;
                for (const ArcHeader &h : *list)
                    where << h.range;
                return structureFail(QStringLiteral("arc_duplicate_instance"),
                                     QStringLiteral("%1 %2 header fields claim instance i=%3; each ARC set has exactly "
                                                    "one (RFC 8617 §4.1). Someone added or copied ARC header fields.")
                                         .arg(list->size())
                                         .arg(QString::fromLatin1(kindName(kind)))
                                         .arg(it.key()),
                                     where);
            }
            if (list->isEmpty())
                return structureFail(
                    QStringLiteral("arc_incomplete_set"),
                    QStringLiteral("ARC set i=%1 has no %2 (each set is an ARC-Authentication-Results, an "
                                   "ARC-Message-Signature and an ARC-Seal).")
                        .arg(it.key())
                        .arg(QString::fromLatin1(kindName(kind))));
        }
    }
    const int n = byInstance.lastKey();
    if (byInstance.size() != n) {
        QStringList missing;
        for (int i = 1; i <= n; ++i) {
            if (!byInstance.contains(i))
                missing << QString::number(i);
        }
        return structureFail(QStringLiteral("arc_instance_gap"),
                             QStringLiteral("The ARC sets run to i=%1, but instance(s) %2 are missing: sets were "
                                            "removed, or the chain was assembled from pieces.")
                                 .arg(n)
                                 .arg(missing.join(QStringLiteral(", "))));
    }
    for (int i = 1; i <= n; ++i) {
        const Slot &s = byInstance.value(i);
        ArcHop h;
        h.instance = i;
        h.aar = s.aar.first();
        h.ams = s.ams.first();
        h.seal = s.seal.first();
        h.authservId = s.authservId;
        h.cv = h.seal.tags.value("cv").toLower();
        h.sealDomain = h.seal.tags.value("d");
        r.hops.append(h);
    }

    // -- 3. cv= rules (RFC 8617 §5.2 steps 2-3) ----------------------------------------------------
    int failedAt = 0;
    QString cvProblem;
    QList<ByteRange> cvWhere;
    for (const ArcHop &h : std::as_const(r.hops)) {
        const ByteRange where =
            m.rawRange(h.seal.valueOffset + (h.seal.tags.find("cv") ? h.seal.tags.find("cv")->valueOffset : 0),
                       h.seal.tags.find("cv") ? h.seal.tags.find("cv")->valueLength : 0);
        structure.inputs.append(Field{QStringLiteral("i=%1 cv").arg(h.instance), QString::fromLatin1(h.cv), where});
        if (h.cv == "fail") {
            failedAt = failedAt ? failedAt : h.instance;
            continue;
        }
        if (!cvProblem.isEmpty())
            continue;
        if (h.instance == 1 && h.cv != "none") {
            cvProblem = QStringLiteral("ARC-Seal i=1 has cv=%1; the first hop must say cv=none (RFC 8617 §4.1.3).")
                            .arg(QString::fromLatin1(h.cv));
            cvWhere = {where};
        } else if (h.instance > 1 && h.cv != "pass") {
            cvProblem = QStringLiteral("ARC-Seal i=%1 has cv=%2; every hop after the first must say cv=pass "
                                       "(RFC 8617 §4.1.3).")
                            .arg(h.instance)
                            .arg(QString::fromLatin1(h.cv));
            cvWhere = {where};
        }
    }

    // -- 4. Every AMS (the newest decides; older ones give oldest-pass) and every AS -------------------
    for (ArcHop &h : r.hops)
        h.amsCheck = checkAms(m, h);
    if (!failedAt) {
        for (int i = 1; i <= n; ++i)
            r.hops[i - 1].sealCheck = checkSeal(m, r.hops, i);
    } else {
        for (ArcHop &h : r.hops) {
            h.sealCheck.reason = QStringLiteral("arc_seal_not_evaluated");
            h.sealCheck.detail =
                QStringLiteral("Not evaluated: a hop recorded cv=fail, which ends the chain (RFC 8617 §5.2).");
            h.sealCheck.domain = h.sealDomain;
            h.sealCheck.selector = h.seal.tags.value("s");
        }
    }
    // Each seal's walk ends with its cv= value judged (RFC 8617 §4.1.3, §5.2).
    for (ArcHop &h : r.hops) {
        Step cvStep = makeStep(StepKind::PolicyChecks, QT_TRANSLATE_NOOP("dkimi::Step", "Chain validation status"));
        const Tag *cvTag = h.seal.tags.find("cv");
        const ByteRange where =
            cvTag ? m.rawRange(h.seal.valueOffset + cvTag->valueOffset, cvTag->valueLength) : h.seal.range;
        cvStep.inputs.append(Field{QStringLiteral("cv"), QString::fromLatin1(h.cv), where});
        cvStep.inputs.append(Field{QStringLiteral("i"), QString::number(h.instance), {}});
        const QByteArray want = h.instance == 1 ? QByteArray("none") : QByteArray("pass");
        if (h.cv == want) {
            cvStep.verdict = Verdict::Pass;
        } else if (h.cv == "fail") {
            cvStep.verdict = Verdict::Fail;
            cvStep.addFinding(Severity::Error, QStringLiteral("arc_cv_fail"),
                              QStringLiteral("%1 found the chain broken when it received the message (cv=fail).")
                                  .arg(QString::fromLatin1(h.sealDomain)),
                              {where});
        } else {
            cvStep.verdict = Verdict::Fail;
            cvStep.addFinding(Severity::Error, QStringLiteral("arc_cv_invalid"),
                              QStringLiteral("Instance %1 must say cv=%2, not cv=%3.")
                                  .arg(h.instance)
                                  .arg(QString::fromLatin1(want), QString::fromLatin1(h.cv)),
                              {where});
        }
        h.sealCheck.steps.append(cvStep);
    }
    r.oldestPass = -1;
    if (r.hops.last().amsCheck.valid.value_or(false)) {
        int oldest = n;
        while (oldest > 1 && r.hops.at(oldest - 2).amsCheck.valid.value_or(false))
            --oldest;
        r.oldestPass = oldest == 1 ? 0 : oldest;
    }
    for (const ArcHop &h : std::as_const(r.hops)) {
        verdict.inputs.append(
            Field{QStringLiteral("i=%1 %2").arg(h.instance).arg(QString::fromLatin1(h.sealDomain)),
                  QStringLiteral("AMS %1, seal %2, cv=%3, results by %4")
                      .arg(h.amsCheck.valid.has_value()
                               ? (*h.amsCheck.valid ? QStringLiteral("verifies")
                                                    : QStringLiteral("fails (%1)").arg(h.amsCheck.reason))
                               : QStringLiteral("not checked (%1)").arg(h.amsCheck.reason),
                           h.sealCheck.valid.has_value()
                               ? (*h.sealCheck.valid ? QStringLiteral("verifies")
                                                     : QStringLiteral("fails (%1)").arg(h.sealCheck.reason))
                               : QStringLiteral("not checked (%1)").arg(h.sealCheck.reason),
                           QString::fromLatin1(h.cv),
                           h.authservId.isEmpty() ? QStringLiteral("?") : QString::fromLatin1(h.authservId)),
                  h.seal.range});
        if (h.instance < n && h.amsCheck.valid.has_value() && !*h.amsCheck.valid) {
            const Finding f{Severity::Note,
                            QStringLiteral("arc_ams_old_fail"),
                            QStringLiteral("The ARC-Message-Signature of hop %1 (%2) no longer verifies (%3): a later "
                                           "handler changed the message, as mailing lists do. This does not fail the "
                                           "chain; only the newest AMS must verify.")
                                .arg(h.instance)
                                .arg(QString::fromLatin1(h.amsCheck.domain), h.amsCheck.reason),
                            {h.ams.range}};
            verdict.findings.append(f);
            r.findings.append(f);
        }
    }
    verdict.inputs.append(Field{QStringLiteral("oldest-pass"), QString::number(r.oldestPass), {}});

    if (failedAt) {
        structure.verdict = Verdict::Fail;
        const ArcHop &h = r.hops.at(failedAt - 1);
        return finish(ArcChainResult::Fail, QStringLiteral("arc_cv_fail"),
                      QStringLiteral("Hop %1 (%2) sealed the message with cv=fail: it found the chain already broken "
                                     "when it received the message, and the chain ends there (RFC 8617 §5.2).")
                          .arg(failedAt)
                          .arg(QString::fromLatin1(h.sealDomain)),
                      Severity::Error, {h.seal.range});
    }
    if (!cvProblem.isEmpty()) {
        structure.verdict = Verdict::Fail;
        structure.findings.append(Finding{Severity::Error, QStringLiteral("arc_cv_invalid"), cvProblem, cvWhere});
        return finish(ArcChainResult::Fail, QStringLiteral("arc_cv_invalid"), cvProblem, Severity::Error, cvWhere);
    }
    structure.verdict = Verdict::Pass;
    const ArcHop &newest = r.hops.last();
    if (!newest.amsCheck.valid.value_or(false)) {
        const bool temp = newest.amsCheck.reason == QLatin1String("key_temperror");
        return finish(temp ? ArcChainResult::TempError : ArcChainResult::Fail,
                      temp ? QStringLiteral("arc_temperror") : QStringLiteral("arc_ams_fail"),
                      QStringLiteral("The newest ARC-Message-Signature (i=%1, %2) does not verify: %3")
                          .arg(n)
                          .arg(QString::fromLatin1(newest.amsCheck.domain), newest.amsCheck.detail),
                      Severity::Error, {newest.ams.range});
    }
    for (int i = n; i >= 1; --i) { // RFC 8617 §5.2 step 6: from the newest seal down to the first
        const ArcHop &h = r.hops.at(i - 1);
        if (h.sealCheck.valid.value_or(false))
            continue;
        const bool temp = h.sealCheck.reason == QLatin1String("key_temperror");
        return finish(temp ? ArcChainResult::TempError : ArcChainResult::Fail,
                      temp ? QStringLiteral("arc_temperror") : QStringLiteral("arc_seal_fail"),
                      QStringLiteral("The ARC-Seal of hop %1 (%2) does not verify: %3 The ARC header fields it covers "
                                     "were changed after sealing, or forged.")
                          .arg(i)
                          .arg(QString::fromLatin1(h.sealDomain), h.sealCheck.detail),
                      Severity::Error, {h.seal.range});
    }
    QStringList sealers;
    for (const ArcHop &h : std::as_const(r.hops))
        sealers << QString::fromLatin1(h.sealDomain);
    return finish(ArcChainResult::Pass, QStringLiteral("arc_pass"),
                  QStringLiteral("The ARC chain of %1 hop(s) is intact: sealed in turn by %2. It proves what each "
                                 "sealer recorded, not that their results were right.")
                      .arg(n)
                      .arg(sealers.join(QStringLiteral(", "))),
                  Severity::Info);
}

} // namespace dkimi
