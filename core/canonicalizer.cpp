#include "canonicalizer.h"

namespace dkimi {

namespace {

inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

QByteArray Canonicalizer::header(Canonicalization c, QByteArrayView field)
{
    // §3.4.1 simple: the header field is not changed in any way.
    if (c == Canonicalization::Simple)
        return field.toByteArray();
    return relaxedHeader(field);
}

QByteArray Canonicalizer::relaxedHeader(QByteArrayView f)
{
    // §3.4.2 relaxed: lowercase the name; unfold; collapse WSP runs to one SP; delete WSP at the end
    // of the value; delete WSP before and after the colon.
    QByteArray out;
    out.reserve(f.size());
    qsizetype colon = f.indexOf(':');
    if (colon < 0)
        colon = f.size();
    qsizetype nameEnd = colon;
    while (nameEnd > 0 && isWsp(f[nameEnd - 1]))
        --nameEnd;
    for (qsizetype i = 0; i < nameEnd; ++i) {
        char ch = f[i];
        out.append(ch >= 'A' && ch <= 'Z' ? char(ch + 32) : ch);
    }
    out.append(':');
    bool pendingSpace = false;
    bool started = false;
    for (qsizetype i = colon + 1; i < f.size(); ++i) {
        char ch = f[i];
        if (ch == '\r' && i + 1 < f.size() && f[i + 1] == '\n') {
            ++i; // unfold: CRLF removed (a following WSP still counts as WSP)
            pendingSpace = started; // a fold is whitespace; at the end it is dropped anyway
            continue;
        }
        if (isWsp(ch)) {
            pendingSpace = started;
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        started = true;
        out.append(ch);
    }
    out.append("\r\n", 2);
    return out;
}

QByteArray Canonicalizer::body(Canonicalization c, QByteArrayView b)
{
    return c == Canonicalization::Simple ? simpleBody(b) : relaxedBody(b);
}

QByteArray Canonicalizer::simpleBody(QByteArrayView b)
{
    // §3.4.3 simple: ignore all empty lines at the end; an empty body becomes a single CRLF.
    qsizetype end = b.size();
    // A body that does not end in CRLF gets one added (the last line is a line).
    bool addCrlf = !(end >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n');
    if (!addCrlf) {
        while (end >= 4 && b[end - 4] == '\r' && b[end - 3] == '\n' && b[end - 2] == '\r' && b[end - 1] == '\n')
            end -= 2;
        if (end == 2) // body was only CRLFs
            end = 0;
    }
    if (end == 0)
        return QByteArray("\r\n", 2);
    QByteArray out;
    out.reserve(end + 2);
    out.append(b.data(), end);
    if (addCrlf)
        out.append("\r\n", 2);
    return out;
}

QByteArray Canonicalizer::relaxedBody(QByteArrayView b)
{
    // §3.4.4 relaxed: delete WSP at line ends, collapse WSP runs to one SP, ignore empty lines at the
    // end; a non-empty body that does not end in CRLF gets one. An empty body stays empty (erratum 1384).
    QByteArray out;
    out.reserve(b.size() + 2);
    qsizetype lastContentEnd = 0; // out size after the last non-empty line (including its CRLF)
    qsizetype i = 0;
    const qsizetype n = b.size();
    while (i < n) {
        bool pendingSpace = false;
        bool any = false;
        qsizetype lineStart = out.size();
        while (i < n && !(b[i] == '\r' && i + 1 < n && b[i + 1] == '\n')) {
            char ch = b[i++];
            if (isWsp(ch)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
                out.append(' ');
            pendingSpace = false;
            out.append(ch);
            any = true;
        }
        if (i < n)
            i += 2; // CRLF
        out.append("\r\n", 2);
        if (any || out.size() - lineStart > 2)
            lastContentEnd = out.size();
    }
    out.truncate(lastContentEnd);
    return out;
}

} // namespace dkimi
