#include "body_hash_stream.h"

#include "byte_search.h"
#include "canonical_scan.h"

#include <array>
#include <cstring>

namespace dkimi {

BodyHashStream::BodyHashStream(Canonicalization c, HashAlgorithm alg, qint64 limit)
    : m_hasher(alg), m_relaxed(c == Canonicalization::Relaxed), m_limit(limit)
{
}

void BodyHashStream::flushBuffer()
{
    if (m_len == 0)
        return;
    qint64 n = m_len;
    if (m_limit >= 0)
        n = std::min<qint64>(n, m_limit - m_hashed);
    if (n > 0) {
        m_hasher.update(QByteArrayView(m_buf, qsizetype(n)));
        m_hashed += n;
    }
    m_len = 0;
}

void BodyHashStream::emit(const char *p, qsizetype n)
{
    m_total += n;
    if (m_len + n <= kBuffer) {
        std::memcpy(m_buf + m_len, p, size_t(n));
        m_len += n;
        return;
    }
    flushBuffer();
    if (n >= kBuffer / 2) { // a long run goes to the hash directly
        qint64 k = n;
        if (m_limit >= 0)
            k = std::min<qint64>(k, m_limit - m_hashed);
        if (k > 0) {
            m_hasher.update(QByteArrayView(p, qsizetype(k)));
            m_hashed += k;
        }
        return;
    }
    std::memcpy(m_buf, p, size_t(n));
    m_len = n;
}

void BodyHashStream::emitByte(char c)
{
    if (m_len == kBuffer)
        flushBuffer();
    m_buf[m_len++] = c;
    ++m_total;
}

void BodyHashStream::flushHeldLines()
{
    for (; m_heldLines > 0; --m_heldLines) {
        emitByte('\r');
        emitByte('\n');
    }
}

void BodyHashStream::add(QByteArrayView input)
{
    const char *in = input.data();
    const char *const end = in + input.size();
    if (in == end)
        return;
    if (m_pendingCr) {
        m_pendingCr = false;
        if (*in == '\n') { // the CRLF ends the line
            ++in;
            if (m_lineContent) {
                emitByte('\r');
                emitByte('\n');
            } else {
                ++m_heldLines;
            }
            m_lineContent = false;
            m_pendingSpace = false;
        } else { // a bare CR is content
            flushHeldLines();
            if (m_pendingSpace)
                emitByte(' ');
            m_pendingSpace = false;
            emitByte('\r');
            m_lineContent = true;
        }
    }
    if (m_relaxed)
        addRelaxed(in, end);
    else
        addSimple(in, end);
}

// §3.4.4, the same rules as Canonicalizer::relaxedBody: WSP runs become one SP, WSP at line ends
// goes, empty lines at the end go. Most of a text body is already canonical: content, single
// spaces between words, lines with content ended by CRLF. Such stretches are passed on whole.
void BodyHashStream::addRelaxed(const char *in, const char *const end)
{
    static constexpr auto kClass = [] {
        std::array<unsigned char, 256> t{};
        t[' '] = 1;
        t['\t'] = 1;
        t['\r'] = 2;
        return t;
    }();
    auto content = [](const char *p) { return kClass[static_cast<unsigned char>(*p)] == 0; };
    while (in < end) {
        if (content(in)) {
            if (m_heldLines)
                flushHeldLines();
            if (m_pendingSpace) {
                emitByte(' ');
                m_pendingSpace = false;
            }
            const char *const span = in;
            bool lineEnded = false;
            while (true) {
                in = skipRelaxedCanonical(in, end);
                while (in < end && content(in))
                    ++in;
                if (in + 1 < end && *in == ' ' && content(in + 1)) { // one SP between words stays
                    in += 2;
                    continue;
                }
                if (in + 1 < end && in[0] == '\r' && in[1] == '\n') { // a line with content ends
                    in += 2;
                    if (in < end && content(in))
                        continue;
                    lineEnded = true;
                }
                break;
            }
            emit(span, in - span);
            m_lineContent = !lineEnded;
            continue;
        }
        if (*in == '\r') {
            if (in + 1 == end) { // the LF may come with the next piece
                m_pendingCr = true;
                return;
            }
            if (in[1] == '\n') {
                in += 2;
                if (m_lineContent) {
                    emitByte('\r');
                    emitByte('\n');
                } else {
                    ++m_heldLines;
                }
                m_pendingSpace = false;
                m_lineContent = false;
                continue;
            }
            if (m_heldLines) // a bare CR is content
                flushHeldLines();
            if (m_pendingSpace) {
                emitByte(' ');
                m_pendingSpace = false;
            }
            emitByte('\r');
            ++in;
            m_lineContent = true;
            continue;
        }
        m_pendingSpace = true; // SP or HTAB
        ++in;
    }
}

// §3.4.3, the same rules as Canonicalizer::simpleBody: nothing changes but empty lines at the end.
void BodyHashStream::addSimple(const char *in, const char *const end)
{
    while (in < end) {
        const char *cr = static_cast<const char *>(std::memchr(in, '\r', size_t(end - in)));
        if (!cr) {
            if (m_heldLines)
                flushHeldLines();
            emit(in, end - in);
            m_lineContent = true;
            return;
        }
        if (cr > in) {
            if (m_heldLines)
                flushHeldLines();
            emit(in, cr - in);
            m_lineContent = true;
        }
        if (cr + 1 == end) {
            m_pendingCr = true;
            return;
        }
        if (cr[1] == '\n') {
            if (m_lineContent) {
                emitByte('\r');
                emitByte('\n');
            } else {
                ++m_heldLines;
            }
            m_lineContent = false;
            in = cr + 2;
        } else {
            if (m_heldLines)
                flushHeldLines();
            emitByte('\r');
            m_lineContent = true;
            in = cr + 1;
        }
    }
}

QByteArray BodyHashStream::finish(qint64 *canonicalLength)
{
    if (m_pendingCr) { // a CR at the very end is content
        m_pendingCr = false;
        if (m_heldLines)
            flushHeldLines();
        if (m_pendingSpace)
            emitByte(' ');
        m_pendingSpace = false;
        emitByte('\r');
        m_lineContent = true;
    }
    if (m_lineContent) { // the last line had no CRLF: it gets one (relaxed: its trailing WSP dropped)
        emitByte('\r');
        emitByte('\n');
    }
    // Simple: an empty body, or one of empty lines only, is a single CRLF. Relaxed: it stays empty.
    if (!m_relaxed && m_total == 0) {
        emitByte('\r');
        emitByte('\n');
    }
    flushBuffer();
    if (canonicalLength)
        *canonicalLength = m_total;
    return m_hasher.finish();
}

QByteArray BodyHashStream::hash(Canonicalization c, HashAlgorithm alg, QByteArrayView body, qint64 limit,
                                qint64 *canonicalLength, bool unquoteMbox, qsizetype *quotedLines)
{
    BodyHashStream s(c, alg, limit);
    qsizetype lines = 0;
    if (unquoteMbox) {
        // The same lines as the verifier's unquoting: ^>+From , one '>' removed.
        qsizetype from = 0;
        for (qsizetype i = findBytes(body, ">From "); i >= 0; i = findBytes(body, ">From ", i + 1)) {
            qsizetype start = i;
            while (start > 0 && body[start - 1] == '>')
                --start;
            if (start != 0 && body[start - 1] != '\n')
                continue;
            s.add(body.sliced(from, start - from));
            from = start + 1;
            ++lines;
        }
        s.add(body.sliced(from));
    } else {
        s.add(body);
    }
    if (quotedLines)
        *quotedLines = lines;
    return s.finish(canonicalLength);
}

} // namespace dkimi
