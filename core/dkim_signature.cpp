#include "dkim_signature.h"

#include "message.h"

namespace dkimi {

const char *canonicalizationName(Canonicalization c)
{
    return c == Canonicalization::Relaxed ? "relaxed" : "simple";
}

HashAlgorithm hashOf(SignatureAlgorithm a)
{
    return a == SignatureAlgorithm::RsaSha1 ? HashAlgorithm::Sha1 : HashAlgorithm::Sha256;
}

SignatureAlgorithm signatureAlgorithmOf(QByteArrayView a)
{
    if (a.compare("rsa-sha256", Qt::CaseInsensitive) == 0)
        return SignatureAlgorithm::RsaSha256;
    if (a.compare("rsa-sha1", Qt::CaseInsensitive) == 0)
        return SignatureAlgorithm::RsaSha1;
    if (a.compare("ed25519-sha256", Qt::CaseInsensitive) == 0)
        return SignatureAlgorithm::Ed25519Sha256;
    return SignatureAlgorithm::Unknown;
}

KeyType keyTypeOf(SignatureAlgorithm a)
{
    switch (a) {
    case SignatureAlgorithm::RsaSha1:
    case SignatureAlgorithm::RsaSha256:
        return KeyType::Rsa;
    case SignatureAlgorithm::Ed25519Sha256:
        return KeyType::Ed25519;
    case SignatureAlgorithm::Unknown:
        break;
    }
    return KeyType::None;
}

namespace {

bool parseCanon(QByteArrayView v, Canonicalization *out)
{
    if (v.compare("simple", Qt::CaseInsensitive) == 0) {
        *out = Canonicalization::Simple;
        return true;
    }
    if (v.compare("relaxed", Qt::CaseInsensitive) == 0) {
        *out = Canonicalization::Relaxed;
        return true;
    }
    return false;
}

// 1*DIGIT into a qint64; values too large to represent saturate (they are still numbers).
bool parseNumber(QByteArrayView v, qint64 *out)
{
    if (v.isEmpty())
        return false;
    qint64 n = 0;
    bool saturated = false;
    for (char c : v) {
        if (c < '0' || c > '9')
            return false;
        if (!saturated) {
            if (n > (std::numeric_limits<qint64>::max() - (c - '0')) / 10)
                saturated = true;
            else
                n = n * 10 + (c - '0');
        }
    }
    *out = saturated ? std::numeric_limits<qint64>::max() : n;
    return true;
}

bool isSubdomainOrEqual(QByteArrayView sub, QByteArrayView domain)
{
    if (sub.compare(domain, Qt::CaseInsensitive) == 0)
        return true;
    if (sub.size() <= domain.size() + 1)
        return false;
    return sub.at(sub.size() - domain.size() - 1) == '.' &&
           sub.last(domain.size()).compare(domain, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray decodeDkimQuotedPrintable(QByteArrayView in, bool *ok)
{
    QByteArray out;
    *ok = true;
    auto hexVal = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue; // FWS is ignored in dkim-quoted-printable
        if (c == '=') {
            if (i + 2 < in.size() && hexVal(in[i + 1]) >= 0 && hexVal(in[i + 2]) >= 0) {
                out.append(char(hexVal(in[i + 1]) * 16 + hexVal(in[i + 2])));
                i += 2;
                continue;
            }
            *ok = false;
            out.append(c);
            continue;
        }
        out.append(c);
    }
    return out;
}

ByteRange DkimSignature::tagRange(const Message &m, QByteArrayView tag, bool wholeSpec) const
{
    const Tag *t = tags.find(tag);
    if (!t)
        return ByteRange{SourceId::RawMessage, -1, 0};
    if (wholeSpec)
        return m.rawRange(valueOffset + t->specOffset, t->specLength);
    return m.rawRange(valueOffset + t->valueOffset, t->valueLength);
}

DkimSignature DkimSignature::parse(const Message &m, int headerIndex)
{
    DkimSignature sig;
    sig.headerIndex = headerIndex;
    const HeaderField &hf = m.headers().at(headerIndex);
    sig.valueOffset = hf.valueOffset();
    QByteArrayView text = m.headerValue(hf);

    auto permerror = [&sig](const QString &code, const QString &detail, QList<ByteRange> where = {}) {
        sig.findings.append(Finding{Severity::Error, code, detail, where});
        if (sig.reason.isEmpty()) {
            sig.reason = code;
            sig.detail = detail;
        }
    };

    sig.tags = TagList::parse(text);
    if (!sig.tags.isValid()) {
        const qsizetype at = sig.tags.errorOffset();
        QList<ByteRange> where{m.rawRange(sig.valueOffset + qMax<qsizetype>(0, at), 1)};
        if (sig.tags.errorKind() == TagList::ErrorKind::DuplicateTag)
            permerror(QStringLiteral("duplicate_tag"), sig.tags.errorMessage(), where);
        else
            permerror(QStringLiteral("tag_syntax"),
                      QStringLiteral("The signature's tag list is malformed: %1.").arg(sig.tags.errorMessage()), where);
        return sig;
    }
    const TagList &t = sig.tags;
    auto rangeOf = [&](const char *name) { return QList<ByteRange>{sig.tagRange(m, name)}; };

    // RFC 6376 §3.5: v=, a=, b=, bh=, d=, h=, s= are required.
    QStringList missing;
    for (const char *req : {"v", "a", "b", "bh", "d", "h", "s"}) {
        if (!t.contains(req))
            missing << QString::fromLatin1(req) + QLatin1Char('=');
    }
    if (!missing.isEmpty())
        permerror(QStringLiteral("missing_tag"),
                  QStringLiteral("Required tag%1 missing: %2.")
                      .arg(missing.size() > 1 ? QStringLiteral("s") : QString(), missing.join(QStringLiteral(", "))));

    if (t.contains("v") && t.value("v") != "1")
        permerror(QStringLiteral("unsupported_version"),
                  QStringLiteral("v=%1: only version 1 exists.").arg(QString::fromLatin1(t.value("v"))), rangeOf("v"));

    sig.algorithmText = t.value("a");
    if (t.contains("a")) {
        sig.algorithm = signatureAlgorithmOf(sig.algorithmText);
        if (sig.algorithm == SignatureAlgorithm::Unknown)
            permerror(QStringLiteral("unsupported_algorithm"),
                      QStringLiteral("a=%1 is not an algorithm DKIM defines (rsa-sha256, rsa-sha1, ed25519-sha256).")
                          .arg(QString::fromLatin1(sig.algorithmText)),
                      rangeOf("a"));
    }

    if (t.contains("b")) {
        const QByteArray raw = stripFws(t.value("b"));
        if (raw.isEmpty() || !decodeBase64Strict(raw, &sig.b))
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("b= is not valid base64."), rangeOf("b"));
    }
    if (t.contains("bh")) {
        const QByteArray raw = stripFws(t.value("bh"));
        if (raw.isEmpty() || !decodeBase64Strict(raw, &sig.bh))
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("bh= is not valid base64."), rangeOf("bh"));
    }

    if (t.contains("c")) {
        const QByteArray c = t.value("c");
        const qsizetype slash = c.indexOf('/');
        const QByteArray hc = slash < 0 ? c : c.left(slash);
        const QByteArray bc = slash < 0 ? QByteArray("simple") : c.mid(slash + 1);
        if (!parseCanon(hc, &sig.headerCanon) || !parseCanon(bc, &sig.bodyCanon))
            permerror(QStringLiteral("unsupported_canonicalization"),
                      QStringLiteral("c=%1: canonicalization must be simple or relaxed.").arg(QString::fromLatin1(c)),
                      rangeOf("c"));
    }

    sig.domain = t.value("d");
    if (t.contains("d") && sig.domain.isEmpty())
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("d= is empty."), rangeOf("d"));
    sig.selector = t.value("s");
    if (t.contains("s") && sig.selector.isEmpty())
        permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("s= is empty."), rangeOf("s"));

    if (t.contains("h")) {
        const QByteArray h = t.value("h");
        bool emptyName = false;
        for (const QByteArray &part : h.split(':')) {
            const QByteArray name = stripFws(part);
            if (name.isEmpty())
                emptyName = true;
            else
                sig.signedHeaders.append(name);
        }
        if (emptyName || sig.signedHeaders.isEmpty())
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("h= contains an empty header name."),
                      rangeOf("h"));
        bool hasFrom = false;
        for (const QByteArray &n : std::as_const(sig.signedHeaders))
            hasFrom = hasFrom || n.compare("from", Qt::CaseInsensitive) == 0;
        // RFC 6376 §5.4: the From header field MUST be signed.
        if (!hasFrom && !sig.signedHeaders.isEmpty())
            permerror(QStringLiteral("from_not_signed"),
                      QStringLiteral("h= does not include From: the sender address is not covered by the signature."),
                      rangeOf("h"));
    }

    if (t.contains("i")) {
        // RFC 6376 §3.5: i= is dkim-quoted-printable ("jlong=40example.org").
        bool qpOk = true;
        sig.identity = decodeDkimQuotedPrintable(t.value("i"), &qpOk);
        if (!qpOk)
            sig.identity = t.value("i");
        const qsizetype at = sig.identity.lastIndexOf('@');
        const QByteArray idDomain = at < 0 ? QByteArray() : sig.identity.mid(at + 1);
        if (at < 0)
            permerror(QStringLiteral("invalid_tag_value"), QStringLiteral("i= has no '@'."), rangeOf("i"));
        // RFC 6376 §3.5: the domain of i= must be d= or a subdomain of it.
        else if (!sig.domain.isEmpty() && !isSubdomainOrEqual(idDomain, sig.domain))
            permerror(QStringLiteral("identity_outside_domain"),
                      QStringLiteral("i=%1 is not in the signing domain %2.")
                          .arg(QString::fromLatin1(sig.identity), QString::fromLatin1(sig.domain)),
                      rangeOf("i"));
    } else {
        sig.identity = "@" + sig.domain;
    }

    if (t.contains("l")) {
        qint64 l = 0;
        // RFC 6376 §3.5: l= is 1*76DIGIT.
        if (!parseNumber(t.value("l"), &l) || t.value("l").size() > 76)
            permerror(QStringLiteral("invalid_tag_value"),
                      QStringLiteral("l=%1 is not a number.").arg(QString::fromLatin1(t.value("l"))), rangeOf("l"));
        else
            sig.bodyLength = l;
    }

    if (t.contains("q")) {
        bool dnsTxt = false;
        for (const QByteArray &q : t.value("q").split(':'))
            dnsTxt = dnsTxt || stripFws(q).compare("dns/txt", Qt::CaseInsensitive) == 0;
        if (!dnsTxt)
            permerror(QStringLiteral("unsupported_query_method"),
                      QStringLiteral("q=%1 does not include dns/txt, the only key query method DKIM defines.")
                          .arg(QString::fromLatin1(t.value("q"))),
                      rangeOf("q"));
    }

    for (const char *tn : {"t", "x"}) {
        if (!t.contains(tn))
            continue;
        qint64 v = 0;
        if (!parseNumber(t.value(tn), &v)) {
            permerror(QStringLiteral("invalid_tag_value"),
                      QStringLiteral("%1=%2 is not a number of seconds.")
                          .arg(QString::fromLatin1(tn), QString::fromLatin1(t.value(tn))),
                      rangeOf(tn));
            continue;
        }
        (tn[0] == 't' ? sig.timestamp : sig.expiration) = v;
    }
    // RFC 6376 §3.5: x= MUST be greater than t=.
    if (sig.timestamp && sig.expiration && *sig.expiration <= *sig.timestamp)
        permerror(QStringLiteral("expiry_before_timestamp"),
                  QStringLiteral("x= (%1) is not later than t= (%2).").arg(*sig.expiration).arg(*sig.timestamp),
                  rangeOf("x"));

    if (t.contains("z")) {
        bool allOk = true;
        for (const QByteArray &part : t.value("z").split('|')) {
            bool ok = true;
            sig.copiedHeaders.append(decodeDkimQuotedPrintable(part, &ok));
            allOk = allOk && ok;
        }
        if (!allOk)
            sig.findings.append(Finding{Severity::Note, QStringLiteral("z_malformed"),
                                        QStringLiteral("z= contains malformed quoted-printable; shown as far as "
                                                       "it could be decoded."),
                                        rangeOf("z")});
    }

    for (const Tag &tag : t.tags()) {
        static const QList<QByteArray> known{"v", "a", "b", "bh", "c", "d", "h", "i", "l", "q", "s", "t", "x", "z"};
        if (!known.contains(tag.name))
            sig.findings.append(Finding{Severity::Info,
                                        QStringLiteral("unknown_tag"),
                                        QStringLiteral("Unknown tag %1= ignored, as RFC 6376 §3.2 requires.")
                                            .arg(QString::fromLatin1(tag.name)),
                                        {m.rawRange(sig.valueOffset + tag.specOffset, tag.specLength)}});
    }
    return sig;
}

} // namespace dkimi
