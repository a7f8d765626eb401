#include "canonicalizer.h"

#include "canonical_scan.h"

#include <array>
#include <cstring>

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
    QByteArray out(f.size() + 2, Qt::Uninitialized);
    char *o = out.data();
    const char *in = f.data();
    const qsizetype n = f.size();
    qsizetype colon = f.indexOf(':');
    if (colon < 0)
        colon = n;
    qsizetype nameEnd = colon;
    while (nameEnd > 0 && isWsp(in[nameEnd - 1]))
        --nameEnd;
    for (qsizetype i = 0; i < nameEnd; ++i) {
        const char ch = in[i];
        *o++ = (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch;
    }
    *o++ = ':';
    bool pendingSpace = false;
    bool started = false;
    for (qsizetype i = colon + 1; i < n; ++i) {
        const char ch = in[i];
        if (ch == '\r' && i + 1 < n && in[i + 1] == '\n') {
            ++i; // unfold: CRLF removed; a fold is whitespace, and at the end it is dropped anyway
            pendingSpace = started;
            continue;
        }
        if (isWsp(ch)) {
            pendingSpace = started;
            continue;
        }
        if (pendingSpace)
            *o++ = ' ';
        pendingSpace = false;
        started = true;
        *o++ = ch;
    }
    *o++ = '\r';
    *o++ = '\n';
    out.truncate(o - out.data());
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
    // The output is never longer than the input plus a final CRLF. Runs of ordinary bytes are copied
    // whole: this loop is the hottest in archive verification.
    static constexpr auto kClass = [] {
        std::array<unsigned char, 256> t{};
        t[' '] = 1;
        t['\t'] = 1;
        t['\r'] = 2;
        return t;
    }();
    QByteArray out(b.size() + 2, Qt::Uninitialized);
    char *const start = out.data();
    char *o = start;
    char *lastContentEnd = start; // just after the CRLF of the last non-empty line
    const char *in = b.data();
    const char *const end = in + b.size();
    bool pendingSpace = false;
    bool any = false; // the current line has content
    while (in < end) {
        const char *run = in;
        if (kClass[static_cast<unsigned char>(*in)] == 0) {
            // Content, and single spaces between words, are copied as they are: whole stretches.
            in = skipRelaxedCanonical(in, end);
            while (true) {
                while (in < end && kClass[static_cast<unsigned char>(*in)] == 0)
                    ++in;
                if (in + 1 < end && *in == ' ' && kClass[static_cast<unsigned char>(in[1])] == 0) {
                    in = skipRelaxedCanonical(in + 2, end);
                    continue;
                }
                break;
            }
        }
        if (in > run) {
            if (pendingSpace) {
                *o++ = ' ';
                pendingSpace = false;
            }
            std::memcpy(o, run, size_t(in - run));
            o += in - run;
            any = true;
            continue;
        }
        const char ch = *in;
        if (ch == '\r' && in + 1 < end && in[1] == '\n') {
            in += 2;
            *o++ = '\r';
            *o++ = '\n';
            if (any)
                lastContentEnd = o;
            pendingSpace = false;
            any = false;
            continue;
        }
        if (ch == '\r') { // a bare CR is content
            if (pendingSpace) {
                *o++ = ' ';
                pendingSpace = false;
            }
            *o++ = ch;
            ++in;
            any = true;
            continue;
        }
        pendingSpace = true; // SP or HTAB
        ++in;
    }
    if (any) { // the last line had no CRLF: it ends here (its trailing WSP is dropped)
        *o++ = '\r';
        *o++ = '\n';
        lastContentEnd = o;
    }
    out.truncate(lastContentEnd - start);
    return out;
}

} // namespace dkimi
