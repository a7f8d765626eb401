#include "body_explainer.h"

#include "canonicalizer.h"

#include <QRegularExpression>

#include <openssl/evp.h>

#include <memory>

namespace dkimi {

namespace {

inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const EVP_MD *mdFor(HashAlgorithm alg)
{
    static EVP_MD *const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return alg == HashAlgorithm::Sha1 ? sha1 : sha256;
}

// Body hash of a candidate body, with l= applied as the signature says.
QByteArray bodyHashOf(const DkimSignature &sig, QByteArrayView body)
{
    const QByteArray canon = Canonicalizer::body(sig.bodyCanon, body);
    QByteArrayView hashed(canon);
    if (sig.bodyLength && *sig.bodyLength <= canon.size())
        hashed = hashed.first(qsizetype(*sig.bodyLength));
    return digest(hashOf(sig.algorithm), hashed);
}

Step attemptStep(const QString &title)
{
    Step s;
    s.kind = StepKind::BodyHash;
    s.title = title;
    return s;
}

// Records an attempt's outcome: a match is a Warning finding with the explanation's code (the body
// was changed, in a known way); a miss is an Info note, so that every attempt stays visible.
void finish(Step &step, bool match, const Explanation &e, QList<Step> *steps, QList<Explanation> *out)
{
    if (match) {
        step.verdict = Verdict::Neutral;
        step.addFinding(Severity::Warning, e.code, e.detail, e.ranges);
        out->append(e);
    } else {
        step.verdict = Verdict::Fail;
        step.addFinding(Severity::Info, QStringLiteral("not_reproduced"),
                        QStringLiteral("Undoing this does not reproduce bh= either."));
    }
    steps->append(step);
}

void skip(Step &step, const QString &why, QList<Step> *steps)
{
    step.verdict = Verdict::Skipped;
    step.addFinding(Severity::Info, QStringLiteral("not_applicable"), why);
    steps->append(step);
}

// A MIME leaf part inside the body, with offsets into the body.
struct MimePart {
    qsizetype contentStart = 0, contentEnd = 0;     // the content, without the CRLF before the next delimiter
    qsizetype cteValueStart = -1, cteValueEnd = -1; // Content-Transfer-Encoding value (unfolded), -1 = none
    QByteArray cte;                                 // lower case, trimmed; empty = 7bit by default
    QByteArray contentType;                         // lower case, unfolded
};

QByteArray headerParam(const QByteArray &value, const char *name)
{
    const QRegularExpression re(
        QStringLiteral("(?:^|;)\\s*%1\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)").arg(QLatin1String(name)),
        QRegularExpression::CaseInsensitiveOption);
    const auto mt = re.match(QString::fromLatin1(value));
    if (!mt.hasMatch())
        return {};
    return (mt.captured(2).isNull() ? mt.captured(1) : mt.captured(2)).toLatin1();
}

// Reads the header block of a part starting at `start`; returns the content start.
qsizetype readPartHeaders(QByteArrayView b, qsizetype start, qsizetype end, MimePart &p)
{
    qsizetype pos = start;
    while (pos < end) {
        if (b.sliced(pos, end - pos).startsWith("\r\n"))
            return pos + 2;
        qsizetype fieldEnd = pos;
        do {
            const qsizetype eol = b.indexOf("\r\n", fieldEnd);
            fieldEnd = eol < 0 || eol >= end ? end : eol + 2;
        } while (fieldEnd < end && isWsp(b[fieldEnd]));
        const QByteArrayView field = b.sliced(pos, fieldEnd - pos);
        const qsizetype colon = field.indexOf(':');
        if (colon > 0) {
            const QByteArray name = field.first(colon).trimmed().toByteArray().toLower();
            QByteArray value = field.sliced(colon + 1).toByteArray();
            value.replace("\r\n", "");
            if (name == "content-transfer-encoding") {
                qsizetype vs = pos + colon + 1;
                while (vs < fieldEnd && isWsp(b[vs]))
                    ++vs;
                qsizetype ve = fieldEnd;
                while (ve > vs && (isWsp(b[ve - 1]) || b[ve - 1] == '\r' || b[ve - 1] == '\n'))
                    --ve;
                p.cteValueStart = vs;
                p.cteValueEnd = ve;
                p.cte = value.trimmed().toLower();
            } else if (name == "content-type") {
                p.contentType = value.trimmed();
            }
        }
        pos = fieldEnd;
    }
    return end;
}

// Leaf parts of a multipart body (bounded depth and count); `contentType` is the enclosing type.
void collectParts(QByteArrayView b, qsizetype start, qsizetype end, const QByteArray &contentType, int depth,
                  QList<MimePart> *out)
{
    if (depth > 8 || out->size() > 64)
        return;
    const QByteArray boundary = headerParam(contentType, "boundary");
    if (!contentType.toLower().startsWith("multipart/") || boundary.isEmpty())
        return;
    const QByteArray delim = "--" + boundary;
    // Delimiter lines: at the start of the region or after a CRLF.
    QList<qsizetype> lineStarts; // start of each delimiter line
    qsizetype closeAt = -1;
    for (qsizetype i = b.indexOf(delim, start); i >= 0 && i < end; i = b.indexOf(delim, i + 1)) {
        if (i != start && !(i >= 2 && b[i - 2] == '\r' && b[i - 1] == '\n'))
            continue;
        const qsizetype after = i + delim.size();
        if (b.sliced(after, end - after).startsWith("--")) {
            closeAt = i;
            break;
        }
        lineStarts.append(i);
    }
    for (int k = 0; k < lineStarts.size(); ++k) {
        const qsizetype lineEnd = b.indexOf("\r\n", lineStarts.at(k));
        if (lineEnd < 0 || lineEnd >= end)
            return;
        const qsizetype partStart = lineEnd + 2;
        const qsizetype next = k + 1 < lineStarts.size() ? lineStarts.at(k + 1) : closeAt;
        if (next < 0)
            return;
        const qsizetype partEnd = next >= 2 ? next - 2 : next; // the CRLF belongs to the delimiter
        if (partEnd < partStart)
            continue;
        MimePart p;
        p.contentStart = readPartHeaders(b, partStart, partEnd, p);
        p.contentEnd = partEnd;
        if (p.contentStart > p.contentEnd)
            p.contentStart = p.contentEnd;
        if (p.contentType.toLower().startsWith("multipart/"))
            collectParts(b, p.contentStart, p.contentEnd, p.contentType, depth + 1, out);
        else
            out->append(p);
    }
}

bool hasEightBit(QByteArrayView v)
{
    for (char c : v) {
        if (quint8(c) >= 0x80)
            return true;
    }
    return false;
}

} // namespace

qsizetype BodyExplainer::findAppendedCut(QByteArrayView body, Canonicalization c, HashAlgorithm alg,
                                         const QByteArray &bh)
{
    // Canonicalization works line by line, so the canonical form of the first n lines is a prefix
    // of the whole canonical body (trailing empty lines aside). One running hash over the lines,
    // copied and finished at each line end, tests every cut in a single pass.
    MdCtx running(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    MdCtx probe(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!running || !probe || EVP_DigestInit_ex(running.get(), mdFor(alg), nullptr) != 1)
        return -1;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    auto matches = [&]() {
        if (EVP_MD_CTX_copy_ex(probe.get(), running.get()) != 1 || EVP_DigestFinal_ex(probe.get(), out, &len) != 1)
            return false;
        return qsizetype(len) == bh.size() && memcmp(out, bh.constData(), len) == 0;
    };
    // The empty prefix: simple makes it one CRLF, relaxed nothing.
    {
        MdCtx empty(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
        EVP_DigestInit_ex(empty.get(), mdFor(alg), nullptr);
        if (c == Canonicalization::Simple)
            EVP_DigestUpdate(empty.get(), "\r\n", 2);
        EVP_DigestFinal_ex(empty.get(), out, &len);
        if (!body.isEmpty() && qsizetype(len) == bh.size() && memcmp(out, bh.constData(), len) == 0)
            return 0;
    }
    QByteArray line;
    qsizetype pendingEmpty = 0;
    const char *d = body.data();
    const qsizetype n = body.size();
    qsizetype pos = 0;
    while (pos < n) {
        const void *lf = memchr(d + pos, '\n', size_t(n - pos));
        qsizetype eol = lf ? static_cast<const char *>(lf) - d : n; // index of '\n' or n
        qsizetype contentEnd = eol;
        if (lf && eol > pos && d[eol - 1] == '\r')
            --contentEnd;
        const qsizetype next = lf ? eol + 1 : n;
        const char *cs = d + pos;
        qsizetype cl = contentEnd - pos;
        bool empty;
        if (c == Canonicalization::Simple) {
            empty = cl == 0;
        } else {
            line.resize(cl);
            char *o = line.data();
            bool pendingSpace = false, any = false;
            for (qsizetype i = 0; i < cl; ++i) {
                const char ch = cs[i];
                if (isWsp(ch)) {
                    pendingSpace = any;
                    continue;
                }
                if (pendingSpace)
                    *o++ = ' ';
                pendingSpace = false;
                any = true;
                *o++ = ch;
            }
            cl = o - line.data();
            cs = line.constData();
            empty = cl == 0;
        }
        pos = next;
        if (empty) {
            ++pendingEmpty;
            continue;
        }
        for (; pendingEmpty > 0; --pendingEmpty)
            EVP_DigestUpdate(running.get(), "\r\n", 2);
        EVP_DigestUpdate(running.get(), cs, size_t(cl));
        EVP_DigestUpdate(running.get(), "\r\n", 2);
        if (pos < n && matches())
            return pos;
    }
    return -1;
}

QByteArray BodyExplainer::decodeQuotedPrintable(QByteArrayView in)
{
    QByteArray out;
    out.reserve(in.size());
    auto hex = [](char ch) -> int {
        if (ch >= '0' && ch <= '9')
            return ch - '0';
        if (ch >= 'A' && ch <= 'F')
            return ch - 'A' + 10;
        if (ch >= 'a' && ch <= 'f')
            return ch - 'a' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char ch = in[i];
        if (ch != '=') {
            out.append(ch);
            continue;
        }
        // Soft line break: '=' then optional whitespace then CRLF.
        qsizetype j = i + 1;
        while (j < in.size() && isWsp(in[j]))
            ++j;
        if (j + 1 < in.size() && in[j] == '\r' && in[j + 1] == '\n') {
            i = j + 1;
            continue;
        }
        if (j >= in.size()) {
            i = j;
            continue;
        }
        if (i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
            out.append(char(hex(in[i + 1]) * 16 + hex(in[i + 2])));
            i += 2;
            continue;
        }
        out.append(ch);
    }
    return out;
}

QByteArray BodyExplainer::encodeQuotedPrintable(QByteArrayView in)
{
    static const char digits[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(in.size() * 3 / 2);
    qsizetype pos = 0;
    while (pos <= in.size()) {
        qsizetype eol = in.indexOf("\r\n", pos);
        const bool last = eol < 0;
        if (last)
            eol = in.size();
        const QByteArrayView l = in.sliced(pos, eol - pos);
        qsizetype col = 0;
        for (qsizetype i = 0; i < l.size(); ++i) {
            const auto ch = quint8(l[i]);
            const bool trailingWsp = (ch == ' ' || ch == '\t') && i == l.size() - 1;
            const bool literal = ((ch >= 33 && ch <= 126 && ch != '=') || ch == ' ' || ch == '\t') && !trailingWsp;
            const int w = literal ? 1 : 3;
            if (col + w > 75) { // keep room for the soft break '=' within 76 columns
                out.append("=\r\n");
                col = 0;
            }
            if (literal) {
                out.append(char(ch));
            } else {
                out.append('=');
                out.append(digits[ch >> 4]);
                out.append(digits[ch & 15]);
            }
            col += w;
        }
        if (last)
            break;
        out.append("\r\n");
        pos = eol + 2;
        if (pos == in.size())
            break;
    }
    return out;
}

QByteArray BodyExplainer::encodeBase64Lines(QByteArrayView in)
{
    const QByteArray b64 = in.toByteArray().toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76) {
        out.append(b64.mid(i, 76));
        out.append("\r\n");
    }
    return out;
}

void BodyExplainer::explain(const Message &m, const SignatureResult &r, QList<Step> *steps, QList<Explanation> *out)
{
    const DkimSignature &sig = r.signature;
    const QByteArrayView body = m.body();
    const qsizetype before = out->size();
    const auto reproduces = [&](QByteArrayView candidate) { return bodyHashOf(sig, candidate) == sig.bh; };
    const auto bodyRange = [&](qsizetype off, qsizetype len) { return m.rawRange(m.bodyOffset() + off, len); };

    // -- mbox >From quoting: already tried by the verifier as its own step; reuse its outcome.
    if (r.hasFlag(QStringLiteral("mbox_from_quoting"))) {
        Explanation e;
        e.code = QStringLiteral("mbox_from_quoting");
        for (const Step &s : r.steps) {
            for (const Finding &f : s.findings) {
                if (f.code == QLatin1String("mbox_from_quoting")) {
                    e.detail = f.message;
                    for (const Field &in : s.inputs) {
                        if (in.name == QLatin1String("quoted lines"))
                            e.count = in.value.toLongLong();
                    }
                }
            }
        }
        // Each quoting added one '>' byte.
        if (e.count >= 0)
            e.bytes = e.count;
        out->append(e);
    }

    // -- Content appended after signing -----------------------------------------------------------
    {
        Step st = attemptStep(
            QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: was content appended after signing?")));
        if (sig.bodyLength) {
            skip(st,
                 QStringLiteral("The signature has l=: bytes after the signed length are reported as unsigned, "
                                "not as appended."),
                 steps);
        } else {
            const qsizetype cut = findAppendedCut(body, sig.bodyCanon, hashOf(sig.algorithm), sig.bh);
            st.inputs.append(Field{QStringLiteral("cuts tried"), QStringLiteral("every line end of the body"), {}});
            Explanation e;
            e.code = QStringLiteral("body_content_appended");
            if (cut >= 0) {
                const ByteRange appended = bodyRange(cut, body.size() - cut);
                const QByteArrayView tail = body.sliced(cut);
                e.bytes = appended.length;
                e.count = tail.count("\r\n") + (tail.endsWith("\r\n") ? 0 : 1);
                e.ranges = {appended};
                // After the closing MIME boundary? The last signed non-empty line says.
                const QByteArrayView signedPart = body.first(cut);
                qsizetype le = signedPart.size() - 2;
                while (le >= 2 && signedPart.sliced(le - 2, 2) == "\r\n")
                    le -= 2;
                const qsizetype ls = signedPart.lastIndexOf("\r\n", le - 1) + 1;
                const QByteArrayView lastLine = signedPart.sliced(ls, std::max<qsizetype>(0, le - ls));
                const bool afterClose = lastLine.startsWith("--") && lastLine.endsWith("--") && lastLine.size() > 4;
                e.detail = QStringLiteral("%1 bytes (%2 line(s)) were added to the end of the body after signing%3; "
                                          "everything above them is intact (the first %4 bytes of the body reproduce "
                                          "bh=).")
                               .arg(e.bytes)
                               .arg(e.count)
                               .arg(afterClose ? QStringLiteral(", after the closing MIME boundary") : QString())
                               .arg(bodyRange(0, cut).length);
                st.inputs.append(
                    Field{QStringLiteral("cut"), QString::number(bodyRange(0, cut).length), bodyRange(cut, 0)});
                st.output = Canonicalizer::body(sig.bodyCanon, body.first(cut));
                st.outputSource = SourceId::CanonBody;
            }
            finish(st, cut >= 0, e, steps, out);
        }
    }

    // -- Trailing whitespace (simple only: relaxed ignores it) --------------------------------------
    {
        Step st = attemptStep(
            QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: was trailing whitespace changed?")));
        if (sig.bodyCanon != Canonicalization::Simple) {
            skip(st, QStringLiteral("Relaxed body canonicalization ignores trailing whitespace."), steps);
        } else {
            // (a) whitespace added at line ends; (b) the "-- " signature separator lost its space.
            QByteArray stripped, restored;
            stripped.reserve(body.size());
            restored.reserve(body.size() + 16);
            qsizetype strippedLines = 0, strippedBytes = 0, restoredLines = 0;
            QList<ByteRange> strippedRanges, restoredRanges;
            qsizetype pos = 0;
            while (pos < body.size()) {
                qsizetype eol = body.indexOf("\r\n", pos);
                const qsizetype end = eol < 0 ? body.size() : eol;
                qsizetype e = end;
                while (e > pos && isWsp(body[e - 1]))
                    --e;
                const QByteArrayView content = body.sliced(pos, end - pos);
                if (e < end) {
                    ++strippedLines;
                    strippedBytes += end - e;
                    if (strippedRanges.size() < 100)
                        strippedRanges.append(bodyRange(e, end - e));
                }
                stripped.append(body.sliced(pos, e - pos));
                restored.append(content);
                if (content == "--") {
                    restored.append(' ');
                    ++restoredLines;
                    restoredRanges.append(bodyRange(pos, 2));
                }
                if (eol >= 0) {
                    stripped.append("\r\n");
                    restored.append("\r\n");
                }
                pos = eol < 0 ? body.size() : eol + 2;
            }
            Explanation e;
            e.code = QStringLiteral("trailing_whitespace_changed");
            bool match = false;
            st.inputs.append(
                Field{QStringLiteral("lines with trailing whitespace"), QString::number(strippedLines), {}});
            st.inputs.append(Field{QStringLiteral("\"--\" lines"), QString::number(restoredLines), {}});
            if (strippedLines > 0 && reproduces(stripped)) {
                match = true;
                e.bytes = strippedBytes;
                e.count = strippedLines;
                e.ranges = strippedRanges;
                e.detail = QStringLiteral("Whitespace was added at the end of %1 line(s) (%2 bytes) after signing; "
                                          "without it the body reproduces bh=.")
                               .arg(strippedLines)
                               .arg(strippedBytes);
            } else if (restoredLines > 0 && reproduces(restored)) {
                match = true;
                e.bytes = restoredLines;
                e.count = restoredLines;
                e.ranges = restoredRanges;
                e.detail = QStringLiteral("The trailing space of the \"-- \" signature separator was removed on %1 "
                                          "line(s) after signing; with it restored the body reproduces bh=.")
                               .arg(restoredLines);
            }
            if (strippedLines == 0 && restoredLines == 0)
                skip(st, QStringLiteral("No line ends in whitespace and no line is a bare \"--\"."), steps);
            else
                finish(st, match, e, steps, out);
        }
    }

    // -- Trailing blank lines (simple: lines of only whitespace at the end are not "empty") ---------
    {
        Step st = attemptStep(
            QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: were blank lines added at the end?")));
        // Whole lines of only whitespace at the very end, each ending in CRLF.
        qsizetype end = body.size();
        qsizetype lines = 0;
        while (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
            qsizetype start = end - 2;
            while (start > 0 && isWsp(body[start - 1]))
                --start;
            if (start != 0 && !(start >= 2 && body[start - 2] == '\r' && body[start - 1] == '\n'))
                break; // the line has content
            ++lines;
            end = start;
        }
        if (sig.bodyCanon != Canonicalization::Simple) {
            skip(st, QStringLiteral("Relaxed body canonicalization ignores blank lines at the end."), steps);
        } else if (lines == 0 || body.sliced(end).count(' ') + body.sliced(end).count('\t') == 0) {
            skip(st,
                 QStringLiteral("No whitespace-only lines at the end of the body (empty lines at the end are "
                                "ignored by canonicalization and cannot break the hash)."),
                 steps);
        } else {
            Explanation e;
            e.code = QStringLiteral("trailing_blank_lines_changed");
            const bool match = reproduces(body.first(end));
            if (match) {
                e.bytes = bodyRange(end, body.size() - end).length;
                e.count = lines;
                e.ranges = {bodyRange(end, body.size() - end)};
                e.detail = QStringLiteral("%1 blank line(s) holding whitespace (%2 bytes) were added at the end of the "
                                          "body after signing; without them the body reproduces bh=.")
                               .arg(lines)
                               .arg(e.bytes);
            }
            st.inputs.append(Field{QStringLiteral("blank lines at the end"), QString::number(lines),
                                   bodyRange(end, body.size() - end)});
            finish(st, match, e, steps, out);
        }
    }

    // -- Line endings -------------------------------------------------------------------------------
    {
        Step st = attemptStep(
            QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: were line endings converted?")));
        // Bare LFs are already read as CRLF (RFC 6376 needs CRLF), so CRLF→LF needs no undoing. What
        // remains: CRLF written again as CR CR LF (a text-mode copy of CRLF text), and a signer that
        // hashed bare LFs as they were (the stored file has them, data() does not).
        const qsizetype doubled = body.count("\r\r\n");
        const QByteArray rawBody = m.raw().mid(m.rawOffset(m.bodyOffset()));
        const bool rawHasBareLf = m.hasBareLf() && rawBody.size() != body.size();
        st.inputs.append(Field{QStringLiteral("CR CR LF line ends"), QString::number(doubled), {}});
        st.inputs.append(Field{QStringLiteral("bare LF line ends in the file"),
                               rawHasBareLf ? QStringLiteral("yes") : QStringLiteral("no"),
                               {}});
        if (doubled == 0 && !rawHasBareLf) {
            skip(st, QStringLiteral("No CR CR LF line ends and no bare LFs in the body."), steps);
        } else {
            Explanation e;
            e.code = QStringLiteral("line_endings_converted");
            bool match = false;
            if (doubled > 0) {
                QByteArray fixed = body.toByteArray();
                fixed.replace("\r\r\n", "\r\n");
                if (reproduces(fixed)) {
                    match = true;
                    e.count = doubled;
                    e.bytes = doubled;
                    qsizetype first = body.indexOf("\r\r\n");
                    e.ranges = {bodyRange(first, 3)};
                    e.detail = QStringLiteral("%1 line end(s) were converted from CRLF to CR CR LF after signing (a "
                                              "line-ending conversion applied to text that already had CRLF); undone, "
                                              "the body reproduces bh=.")
                                   .arg(doubled);
                }
            }
            if (!match && rawHasBareLf && reproduces(rawBody)) {
                match = true;
                e.count = m.bareLfCount();
                e.bytes = m.bareLfCount();
                e.detail = QStringLiteral("The signer hashed the body's %1 bare LF(s) as they are; DKIM requires CRLF, "
                                          "so the body hash only matches on the stored bytes, not the CRLF form.")
                               .arg(m.bareLfCount());
            }
            finish(st, match, e, steps, out);
        }
    }

    // -- Transfer encoding of a MIME part -----------------------------------------------------------
    {
        Step st = attemptStep(QStringLiteral(
            QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: was a MIME part re-encoded (8bit, QP, base64)?")));
        QByteArray topType;
        const QList<int> ct = m.headerIndexes("Content-Type");
        if (!ct.isEmpty()) {
            topType = m.headerValue(m.headers().at(ct.first())).toByteArray();
            topType.replace("\r\n", "");
            topType = topType.trimmed();
        }
        QList<MimePart> parts;
        if (topType.toLower().startsWith("multipart/")) {
            collectParts(body, 0, body.size(), topType, 0, &parts);
        } else {
            // A single-part message: its Content-Transfer-Encoding is a message header, outside bh=.
            MimePart p;
            p.contentStart = 0;
            p.contentEnd = body.size();
            const QList<int> cte = m.headerIndexes("Content-Transfer-Encoding");
            if (!cte.isEmpty())
                p.cte = m.headerValue(m.headers().at(cte.first())).trimmed().toByteArray().toLower();
            parts.append(p);
        }
        struct Candidate {
            int part;
            QByteArray from, to;
            QByteArray body;
        };
        int tried = 0;
        bool match = false;
        Explanation e;
        e.code = QStringLiteral("transfer_encoding_changed");
        for (int i = 0; i < parts.size() && !match && tried < 24; ++i) {
            const MimePart &p = parts.at(i);
            const QByteArrayView content = body.sliced(p.contentStart, p.contentEnd - p.contentStart);
            QList<QPair<QByteArray, QByteArray>> variants; // (new CTE value, new content)
            if (p.cte == "quoted-printable" || p.cte == "base64") {
                const QByteArray decoded =
                    p.cte == "base64" ? QByteArray::fromBase64(content.toByteArray()) : decodeQuotedPrintable(content);
                QByteArray d = decoded;
                if (p.cte == "base64" && d.endsWith("\r\n"))
                    d.chop(2); // the delimiter's CRLF follows
                variants.append({"8bit", d});
                if (!hasEightBit(d))
                    variants.append({"7bit", d});
            } else if (hasEightBit(content)) {
                variants.append({"quoted-printable", encodeQuotedPrintable(content)});
                QByteArray b64 = encodeBase64Lines(content);
                b64.chop(2);
                variants.append({"base64", b64});
            }
            for (const auto &[cte, newContent] : std::as_const(variants)) {
                ++tried;
                QByteArray cand;
                cand.reserve(body.size() + newContent.size());
                if (p.cteValueStart >= 0) {
                    cand.append(body.first(p.cteValueStart));
                    cand.append(cte);
                    cand.append(body.sliced(p.cteValueEnd, p.contentStart - p.cteValueEnd));
                } else {
                    cand.append(body.first(p.contentStart));
                }
                cand.append(newContent);
                cand.append(body.sliced(p.contentEnd));
                st.inputs.append(Field{
                    QStringLiteral("part %1").arg(i + 1),
                    QStringLiteral("%1 → %2").arg(QString::fromLatin1(p.cte.isEmpty() ? QByteArray("7bit") : p.cte),
                                                  QString::fromLatin1(cte)),
                    bodyRange(p.contentStart, p.contentEnd - p.contentStart)});
                if (reproduces(cand)) {
                    match = true;
                    e.count = 1;
                    e.bytes = bodyRange(p.contentStart, p.contentEnd - p.contentStart).length;
                    e.ranges = {bodyRange(p.contentStart, p.contentEnd - p.contentStart)};
                    e.detail = QStringLiteral("MIME part %1 was re-encoded from %2 to %3 after signing (%4 bytes now); "
                                              "with it decoded back the body reproduces bh=. The content is the same; "
                                              "only its transfer encoding changed.")
                                   .arg(i + 1)
                                   .arg(QString::fromLatin1(cte),
                                        QString::fromLatin1(p.cte.isEmpty() ? QByteArray("7bit") : p.cte))
                                   .arg(e.bytes);
                    break;
                }
            }
        }
        if (tried == 0)
            skip(st, QStringLiteral("No part is quoted-printable or base64, and none holds 8-bit bytes."), steps);
        else
            finish(st, match, e, steps, out);
    }

    if (out->size() == before) {
        Explanation e;
        e.code = QStringLiteral("unexplained");
        e.detail = QStringLiteral("None of the known transformations (content appended, trailing whitespace, blank "
                                  "lines at the end, line endings, mbox quoting, transfer encoding) reproduces bh=: "
                                  "the body was rewritten after signing.");
        Step st = attemptStep(QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain body hash: unexplained")));
        st.verdict = Verdict::Fail;
        st.addFinding(Severity::Error, e.code, e.detail, {sig.tagRange(m, "bh")});
        steps->append(st);
        out->append(e);
    }
}

} // namespace dkimi
