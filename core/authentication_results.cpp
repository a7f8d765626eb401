#include "authentication_results.h"

#include "byte_search.h"
#include "message.h"
#include "verification_result.h"

#include <cstring>

namespace dkimi {

const ArProperty *ArMethodResult::property(QByteArrayView ptype, QByteArrayView name) const
{
    for (const ArProperty &p : properties) {
        if (p.ptype.compare(ptype, Qt::CaseInsensitive) == 0 && p.property.compare(name, Qt::CaseInsensitive) == 0)
            return &p;
    }
    return nullptr;
}

QByteArray ArMethodResult::value(QByteArrayView ptype, QByteArrayView name) const
{
    const ArProperty *p = property(ptype, name);
    return p ? p->value : QByteArray();
}

QList<const ArMethodResult *> AuthenticationResults::methods(QByteArrayView method) const
{
    QList<const ArMethodResult *> out;
    for (const ArMethodResult &r : results) {
        if (r.method.compare(method, Qt::CaseInsensitive) == 0)
            out << &r;
    }
    return out;
}

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A cursor over one header value: CFWS skipping (nested comments, quoted pairs), words, quoted strings.
class Lexer {
public:
    explicit Lexer(QByteArrayView v) : m_v(v) {}

    qsizetype pos = 0;
    QList<QByteArray> comments; // collected by skipCfws since the last take

    bool atEnd() const { return pos >= m_v.size(); }
    char peek() const { return atEnd() ? '\0' : m_v[pos]; }
    QByteArrayView text() const { return m_v; }

    // Returns false on an unterminated comment (the rest of the value is then consumed).
    bool skipCfws()
    {
        while (!atEnd()) {
            const char c = m_v[pos];
            if (isWs(c)) {
                ++pos;
            } else if (c == '(') {
                const qsizetype start = pos;
                int depth = 0;
                while (!atEnd()) {
                    const char d = m_v[pos];
                    if (d == '\\') {
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    if (d == '(')
                        ++depth;
                    else if (d == ')' && --depth == 0)
                        break;
                }
                if (depth != 0) {
                    pos = m_v.size();
                    return false;
                }
                comments << m_v.sliced(start + 1, pos - start - 2).toByteArray().simplified();
            } else {
                break;
            }
        }
        return true;
    }

    // A run of bytes up to white space, '(', ';', '"' or any of `stops`.
    QByteArray word(const char *stops, qsizetype *start)
    {
        *start = pos;
        while (!atEnd()) {
            const char c = m_v[pos];
            if (isWs(c) || c == '(' || c == ';' || c == '"' || std::strchr(stops, c))
                break;
            ++pos;
        }
        return m_v.sliced(*start, pos - *start).toByteArray();
    }

    // A quoted-string at pos (which is '"'); returns its content with quoted pairs undone.
    bool quoted(QByteArray *out)
    {
        ++pos;
        while (!atEnd()) {
            const char c = m_v[pos++];
            if (c == '\\' && !atEnd()) {
                out->append(m_v[pos++]);
                continue;
            }
            if (c == '"')
                return true;
            if (c != '\r' && c != '\n')
                out->append(c);
        }
        return false;
    }

    // value (token or quoted-string) or a pvalue: up to white space, ';' or '('; '=' '/' '@' allowed.
    bool value(QByteArray *out, qsizetype *start, qsizetype *length)
    {
        *start = pos;
        if (peek() == '"') {
            const bool ok = quoted(out);
            if (ok && peek() == '@') { // a quoted local-part: "a b"@example.com, kept with its quotes
                qsizetype ignored = 0;
                *out = '"' + *out + '"' + word("", &ignored);
            }
            *length = pos - *start;
            return ok;
        }
        *out = word("", start);
        *length = pos - *start;
        return !out->isEmpty();
    }

    // Skips to the next ';' outside quotes and comments (error recovery).
    void skipToSemicolon()
    {
        while (!atEnd() && peek() != ';') {
            if (peek() == '"') {
                QByteArray ignored;
                quoted(&ignored);
            } else if (peek() == '(') {
                skipCfws();
            } else {
                ++pos;
            }
        }
    }

private:
    QByteArrayView m_v;
};

} // namespace

AuthenticationResults AuthenticationResultsParser::parse(QByteArrayView v, bool arc)
{
    AuthenticationResults ar;
    ar.arc = arc;
    Lexer lx(v);
    auto remark = [&](Severity s, const QString &code, const QString &msg, qsizetype at, qsizetype len) {
        ar.findings.append(Finding{s, code, msg, {ByteRange{SourceId::RawMessage, at, len}}});
        if (s >= Severity::Warning)
            ar.wellFormed = false;
    };
    auto syntax = [&](const QString &msg, qsizetype at) {
        remark(Severity::Warning, QStringLiteral("ar_syntax"), msg, at, 1);
    };

    // RFC 8617 §4.1.1: an ARC-Authentication-Results value starts with "i=" instance ";".
    if (arc) {
        lx.skipCfws();
        qsizetype at = 0;
        const QByteArray name = lx.word("=", &at);
        lx.skipCfws();
        if (name.compare("i", Qt::CaseInsensitive) == 0 && lx.peek() == '=') {
            ++lx.pos;
            lx.skipCfws();
            const QByteArray n = lx.word("", &at);
            ar.instance = allDigits(n) && n.size() <= 9 ? n.toInt() : -1;
            lx.skipCfws();
            if (ar.instance < 0 || lx.peek() != ';')
                syntax(QStringLiteral("The ARC-Authentication-Results instance i= is not a number followed by ';'."),
                       at);
            else
                ++lx.pos;
        } else {
            syntax(QStringLiteral("An ARC-Authentication-Results value must start with i=<instance>;."), at);
            lx.pos = 0;
        }
    }

    // authserv-id [CFWS authres-version]
    lx.comments.clear();
    lx.skipCfws();
    const qsizetype idPos = lx.pos;
    QByteArray id;
    qsizetype idStart = 0, idLen = 0;
    if (lx.peek() == '"') {
        lx.value(&id, &idStart, &idLen);
    } else {
        id = lx.word("=", &idStart);
        idLen = id.size();
    }
    lx.skipCfws();
    if (lx.peek() == '=' || id.isEmpty()) {
        // "spf=pass ..." straight away: the server wrote no authserv-id (RFC 8601 §2.2 requires one).
        lx.pos = idPos;
        remark(Severity::Note, QStringLiteral("ar_no_authserv_id"),
               QStringLiteral("This header names no authserv-id, so it does not say which server wrote it."), idPos, 0);
    } else {
        ar.authservId = id;
        ar.authservOffset = idStart;
        ar.authservLength = idLen;
        qsizetype at = 0;
        const qsizetype save = lx.pos;
        const QByteArray ver = lx.word("", &at);
        if (allDigits(ver))
            ar.version = ver.size() <= 9 ? ver.toInt() : -1;
        else
            lx.pos = save;
    }

    bool first = ar.authservId.isEmpty();
    while (true) {
        lx.skipCfws();
        if (lx.atEnd())
            break;
        if (!first) {
            if (lx.peek() != ';') {
                syntax(QStringLiteral("Expected ';' before the next result at byte %1.").arg(lx.pos), lx.pos);
                lx.skipToSemicolon();
                continue;
            }
            ++lx.pos;
        }
        first = false;
        lx.comments.clear();
        if (!lx.skipCfws()) {
            syntax(QStringLiteral("A comment is not closed."), lx.pos);
            break;
        }
        if (lx.atEnd()) {
            remark(Severity::Info, QStringLiteral("ar_trailing_semicolon"),
                   QStringLiteral("The header ends with a ';' and no result after it."), lx.pos - 1, 1);
            break;
        }
        ArMethodResult r;
        r.offset = lx.pos;
        qsizetype at = 0;
        r.method = lx.word("=/", &at).toLower();
        lx.skipCfws();
        // no-result = [CFWS] ";" [CFWS] "none"
        if (r.method == "none" && (lx.atEnd() || lx.peek() == ';') && ar.results.isEmpty()) {
            ar.none = true;
            continue;
        }
        if (r.method.isEmpty()) {
            syntax(QStringLiteral("Expected a method name at byte %1.").arg(lx.pos), lx.pos);
            lx.skipToSemicolon();
            continue;
        }
        if (lx.peek() == '/') { // method-version
            ++lx.pos;
            lx.skipCfws();
            const QByteArray ver = lx.word("=", &at);
            r.methodVersion = allDigits(ver) && ver.size() <= 9 ? ver.toInt() : -1;
            lx.skipCfws();
        }
        if (lx.peek() != '=') {
            syntax(QStringLiteral("The method %1 has no '=' and result.").arg(QString::fromLatin1(r.method)), lx.pos);
            lx.skipToSemicolon();
            continue;
        }
        ++lx.pos;
        lx.skipCfws();
        r.result = lx.word("", &r.resultOffset).toLower();
        r.resultLength = r.result.size();
        if (r.result.isEmpty())
            syntax(QStringLiteral("The method %1 has an empty result.").arg(QString::fromLatin1(r.method)), lx.pos);
        qsizetype end = lx.pos;
        // [CFWS reasonspec] [CFWS 1*propspec]; real servers also write name=value without a ptype.
        while (true) {
            if (!lx.skipCfws()) {
                syntax(QStringLiteral("A comment is not closed."), lx.pos);
                break;
            }
            if (lx.atEnd() || lx.peek() == ';')
                break;
            ArProperty p;
            p.offset = lx.pos;
            QByteArray name = lx.word("=.", &at);
            lx.skipCfws();
            if (lx.peek() == '.') { // ptype [CFWS] "." [CFWS] property (RFC 8601 §2.2)
                ++lx.pos;
                lx.skipCfws();
                name += '.' + lx.word("=", &at);
                lx.skipCfws();
            }
            if (name.isEmpty() || lx.peek() != '=') {
                syntax(QStringLiteral("Expected property=value at byte %1 in the %2 result.")
                           .arg(p.offset)
                           .arg(QString::fromLatin1(r.method)),
                       p.offset);
                lx.skipToSemicolon();
                break;
            }
            ++lx.pos;
            lx.skipCfws();
            QByteArray value;
            if (!lx.value(&value, &p.valueOffset, &p.valueLength) && value.isEmpty() && lx.peek() != '"')
                remark(Severity::Note, QStringLiteral("ar_empty_property"),
                       QStringLiteral("The property %1 has an empty value.").arg(QString::fromLatin1(name)), p.offset,
                       name.size() + 1);
            p.value = value;
            p.length = lx.pos - p.offset;
            end = lx.pos;
            if (name.compare("reason", Qt::CaseInsensitive) == 0) {
                r.reason = value;
                continue;
            }
            const qsizetype dot = name.indexOf('.');
            if (dot < 0) {
                p.property = name.toLower();
                remark(Severity::Info, QStringLiteral("ar_property_without_type"),
                       QStringLiteral("%1=%2 is not an RFC 8601 property (no ptype such as header. or smtp.); kept "
                                      "as written.")
                           .arg(QString::fromLatin1(name), QString::fromLatin1(value)),
                       p.offset, p.length);
            } else {
                p.ptype = name.left(dot).toLower();
                p.property = name.mid(dot + 1).toLower();
            }
            r.properties.append(p);
        }
        r.comments = lx.comments;
        r.length = end - r.offset;
        ar.results.append(r);
    }
    if (ar.results.isEmpty() && !ar.none)
        remark(Severity::Note, QStringLiteral("ar_no_results"),
               QStringLiteral("The header records no results (not even \"none\")."), 0, v.size());
    return ar;
}

QList<AuthenticationResults> AuthenticationResultsParser::fromMessage(const Message &m)
{
    QList<AuthenticationResults> out;
    int received = 0;
    for (int i = 0; i < m.headers().size(); ++i) {
        const HeaderField &hf = m.headers().at(i);
        if (hf.name.compare("Received", Qt::CaseInsensitive) == 0) {
            ++received;
            continue;
        }
        const bool arc = hf.name.compare("ARC-Authentication-Results", Qt::CaseInsensitive) == 0;
        if (!arc && hf.name.compare("Authentication-Results", Qt::CaseInsensitive) != 0)
            continue;
        AuthenticationResults ar = parse(m.headerValue(hf), arc);
        ar.headerIndex = i;
        ar.valueOffset = hf.valueOffset();
        ar.receivedAbove = received;
        // Finding ranges were relative to the value: make them point into the stored file.
        for (Finding &f : ar.findings) {
            for (ByteRange &r : f.where)
                r = m.rawRange(ar.valueOffset + r.offset, r.length);
        }
        // Every recorded result carries the caveat, matched to a signature or not.
        ar.findings.append(Finding{Severity::Info,
                                   QStringLiteral("ar_forgeable"),
                                   authenticationResultsCaveat(ar),
                                   {m.rawRange(hf.offset, hf.length)}});
        out.append(ar);
    }
    return out;
}

QString authenticationResultsCaveat(const AuthenticationResults &ar)
{
    const QString who =
        ar.authservId.isEmpty() ? QStringLiteral("the server that added it") : QString::fromLatin1(ar.authservId);
    return QStringLiteral("%1 is plain text in the message: anyone who handled the message before %2 could have "
                          "written it, so it is only as trustworthy as the server named, and only if that server "
                          "removes such headers from incoming mail. Trust only the servers you name.")
        .arg(ar.arc ? QStringLiteral("This ARC-Authentication-Results header (sealed, but only as honest as its "
                                     "sealer)")
                    : QStringLiteral("This Authentication-Results header"),
             who);
}

namespace {

QByteArray domainOfIdentity(const QByteArray &i)
{
    const qsizetype at = i.lastIndexOf('@');
    return (at < 0 ? i : i.mid(at + 1)).toLower();
}

bool isPassLike(Result r)
{
    return r == Result::Pass || r == Result::Policy; // cryptographically valid
}

} // namespace

QList<ArDkimMatch> matchDkimResults(const QList<AuthenticationResults> &ars, const QList<SignatureResult> &signatures,
                                    const QStringList &trustedAuthservIds)
{
    QList<ArDkimMatch> out;
    for (int a = 0; a < ars.size(); ++a) {
        const AuthenticationResults &ar = ars.at(a);
        for (int ri = 0; ri < ar.results.size(); ++ri) {
            const ArMethodResult &rec = ar.results.at(ri);
            if (rec.method != "dkim")
                continue;
            ArDkimMatch mt;
            mt.arIndex = a;
            mt.resultIndex = ri;
            mt.authservId = ar.authservId;
            mt.recorded = rec.result;
            mt.trusted = !ar.authservId.isEmpty() &&
                         trustedAuthservIds.contains(QString::fromLatin1(ar.authservId), Qt::CaseInsensitive);
            const QByteArray hb = rec.value("header", "b");
            const QByteArray hd = rec.value("header", "d").toLower();
            const QByteArray hs = rec.value("header", "s").toLower();
            const QByteArray hi = rec.value("header", "i");
            QList<int> candidates;
            auto pick = [&](auto pred, const QString &by) {
                if (!candidates.isEmpty())
                    return;
                for (int s = 0; s < signatures.size(); ++s) {
                    if (pred(signatures.at(s)))
                        candidates << s;
                }
                if (!candidates.isEmpty())
                    mt.matchedBy = by;
            };
            if (!hb.isEmpty()) {
                // RFC 6008: header.b holds the first characters (at least 8) of the signature's b=.
                pick([&](const SignatureResult &s) { return s.signature.b.toBase64().startsWith(hb); },
                     QStringLiteral("header.b"));
                if (hb.size() < 8)
                    mt.findings.append(Finding{Severity::Note,
                                               QStringLiteral("ar_short_header_b"),
                                               QStringLiteral("header.b=%1 is shorter than the 8 characters RFC 6008 "
                                                              "asks for; the match may be ambiguous.")
                                                   .arg(QString::fromLatin1(hb)),
                                               {}});
            }
            if (!hd.isEmpty() && !hs.isEmpty())
                pick(
                    [&](const SignatureResult &s) {
                        return s.signature.domain.toLower() == hd && s.signature.selector.toLower() == hs;
                    },
                    QStringLiteral("header.d+header.s"));
            if (!hd.isEmpty())
                pick([&](const SignatureResult &s) { return s.signature.domain.toLower() == hd; },
                     QStringLiteral("header.d"));
            if (!hi.isEmpty())
                pick(
                    [&](const SignatureResult &s) {
                        return domainOfIdentity(s.signature.identity) == domainOfIdentity(hi);
                    },
                    QStringLiteral("header.i"));
            const QString server = ar.authservId.isEmpty() ? QStringLiteral("A server that did not name itself")
                                                           : QString::fromLatin1(ar.authservId);
            if (candidates.isEmpty()) {
                mt.findings.append(
                    Finding{Severity::Note,
                            QStringLiteral("ar_no_matching_signature"),
                            QStringLiteral("%1 recorded dkim=%2 for %3, but no DKIM-Signature in the "
                                           "message matches it (removed since, or never there).")
                                .arg(server, QString::fromLatin1(rec.result),
                                     hd.isEmpty() ? QStringLiteral("an unnamed signature") : QString::fromLatin1(hd)),
                            {}});
                out.append(mt);
                continue;
            }
            if (candidates.size() > 1) {
                mt.findings.append(Finding{Severity::Note,
                                           QStringLiteral("ar_ambiguous_match"),
                                           QStringLiteral("%1 signatures fit this dkim=%2 result by %3; it is compared "
                                                          "with none of them.")
                                               .arg(candidates.size())
                                               .arg(QString::fromLatin1(rec.result), mt.matchedBy),
                                           {}});
                out.append(mt);
                continue;
            }
            const SignatureResult &sig = signatures.at(candidates.first());
            mt.signatureIndex = sig.index;
            mt.ours = QString::fromLatin1(resultName(sig.result));
            const bool recPass = rec.result == "pass", recFail = rec.result == "fail";
            const bool oursDecided = isPassLike(sig.result) || sig.result == Result::Fail;
            if ((recPass || recFail) && oursDecided)
                mt.agrees = recPass == isPassLike(sig.result);
            const Severity sev = mt.trusted ? Severity::Warning : Severity::Note;
            if (mt.agrees == false) {
                const QString change =
                    recPass ? QStringLiteral("now the signature fails (%1): %2")
                                  .arg(sig.reason, sig.detail.isEmpty() ? QStringLiteral("see the walk") : sig.detail)
                            : QStringLiteral("now the signature verifies");
                mt.findings.append(
                    Finding{sev,
                            QStringLiteral("ar_disagrees"),
                            QStringLiteral("%1 recorded dkim=%2 for %3 at receipt; %4. %5")
                                .arg(server, QString::fromLatin1(rec.result), QString::fromLatin1(sig.signature.domain),
                                     change, authenticationResultsCaveat(ar)),
                            {}});
            } else if (mt.agrees == true) {
                mt.findings.append(
                    Finding{Severity::Info,
                            QStringLiteral("ar_agrees"),
                            QStringLiteral("%1 recorded dkim=%2 for %3, as we find now. %4")
                                .arg(server, QString::fromLatin1(rec.result), QString::fromLatin1(sig.signature.domain),
                                     authenticationResultsCaveat(ar)),
                            {}});
            } else {
                mt.findings.append(Finding{Severity::Info,
                                           QStringLiteral("ar_not_comparable"),
                                           QStringLiteral("%1 recorded dkim=%2 for %3; we find %4 now, which is not a "
                                                          "pass/fail verdict to compare with.")
                                               .arg(server, QString::fromLatin1(rec.result),
                                                    QString::fromLatin1(sig.signature.domain), mt.ours),
                                           {}});
            }
            out.append(mt);
        }
    }
    return out;
}

} // namespace dkimi
