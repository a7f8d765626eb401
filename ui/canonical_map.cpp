#include "canonical_map.h"

namespace dkimi::ui {

namespace {

inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

CanonicalMap::Mapped CanonicalMap::header(Canonicalization c, QByteArrayView field, const QList<qsizetype> &origin)
{
    if (c == Canonicalization::Relaxed)
        return relaxedHeader(field, origin);
    // §3.4.1 simple: unchanged.
    Mapped m;
    m.bytes = field.toByteArray();
    m.origin = origin;
    return m;
}

CanonicalMap::Mapped CanonicalMap::relaxedHeader(QByteArrayView f, const QList<qsizetype> &org)
{
    // Mirrors Canonicalizer::relaxedHeader (§3.4.2) step for step.
    Mapped m;
    const qsizetype n = f.size();
    if (n == 0)
        return m;
    qsizetype colon = f.indexOf(':');
    if (colon < 0)
        colon = n;
    qsizetype nameEnd = colon;
    while (nameEnd > 0 && isWsp(f[nameEnd - 1]))
        --nameEnd;
    for (qsizetype i = 0; i < nameEnd; ++i) {
        const char ch = f[i];
        m.add((ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch, org[i]);
    }
    m.add(':', org[qMin(colon, n - 1)]);
    bool pendingSpace = false, started = false;
    qsizetype spaceOrigin = 0;
    for (qsizetype i = colon + 1; i < n; ++i) {
        const char ch = f[i];
        const bool fold = ch == '\r' && i + 1 < n && f[i + 1] == '\n';
        if (fold || isWsp(ch)) {
            if (started && !pendingSpace)
                spaceOrigin = org[i];
            pendingSpace = started;
            if (fold)
                ++i;
            continue;
        }
        if (pendingSpace)
            m.add(' ', spaceOrigin);
        pendingSpace = false;
        started = true;
        m.add(ch, org[i]);
    }
    const bool endsCrlf = n >= 2 && f[n - 2] == '\r' && f[n - 1] == '\n';
    m.add('\r', endsCrlf ? org[n - 2] : org[n - 1]);
    m.add('\n', org[n - 1]);
    return m;
}

CanonicalMap::Mapped CanonicalMap::body(Canonicalization c, QByteArrayView b, qsizetype base)
{
    return c == Canonicalization::Simple ? simpleBody(b, base) : relaxedBody(b, base);
}

CanonicalMap::Mapped CanonicalMap::simpleBody(QByteArrayView b, qsizetype base)
{
    // Mirrors Canonicalizer::simpleBody (§3.4.3).
    Mapped m;
    qsizetype end = b.size();
    const qsizetype last = qMax<qsizetype>(0, b.size() - 1);
    const bool addCrlf = !(end >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n');
    if (!addCrlf) {
        while (end >= 4 && b[end - 4] == '\r' && b[end - 3] == '\n' && b[end - 2] == '\r' && b[end - 1] == '\n')
            end -= 2;
        if (end == 2)
            end = 0;
    }
    if (end == 0) {
        m.add('\r', base);
        m.add('\n', base + (b.size() > 1 ? 1 : 0));
        return m;
    }
    for (qsizetype i = 0; i < end; ++i)
        m.add(b[i], base + i);
    if (addCrlf) {
        m.add('\r', base + last);
        m.add('\n', base + last);
    }
    return m;
}

CanonicalMap::Mapped CanonicalMap::relaxedBody(QByteArrayView b, qsizetype base)
{
    // Mirrors Canonicalizer::relaxedBody (§3.4.4).
    Mapped m;
    qsizetype lastContentEnd = 0;
    const qsizetype n = b.size();
    qsizetype i = 0;
    while (i < n) {
        bool pendingSpace = false, any = false;
        qsizetype spaceOrigin = 0;
        while (i < n) {
            const char ch = b[i];
            if (ch == '\r' && i + 1 < n && b[i + 1] == '\n')
                break;
            if (isWsp(ch)) {
                if (!pendingSpace)
                    spaceOrigin = base + i;
                pendingSpace = true;
                ++i;
                continue;
            }
            if (pendingSpace)
                m.add(' ', spaceOrigin);
            pendingSpace = false;
            m.add(ch, base + i);
            any = true;
            ++i;
        }
        const qsizetype crlfAt = qMin(i, qMax<qsizetype>(0, n - 1));
        m.add('\r', base + crlfAt);
        m.add('\n', base + qMin(crlfAt + 1, qMax<qsizetype>(0, n - 1)));
        if (i < n)
            i += 2;
        if (any)
            lastContentEnd = m.bytes.size();
    }
    m.bytes.truncate(lastContentEnd);
    m.origin.resize(lastContentEnd);
    return m;
}

} // namespace dkimi::ui
