#pragma once

#include "crypto.h"
#include "dkim_signature.h"

#include <QByteArray>
#include <QByteArrayView>

namespace dkimi {

// The canonical body (RFC 6376 §3.4.3, §3.4.4) fed straight into its hash, in pieces, without
// building the canonical copy: what a batch needs when no walk is kept. The bytes hashed are
// exactly those of Canonicalizer::body() (the first `limit` of them when limit >= 0, as l= asks);
// the input may arrive split anywhere.
class BodyHashStream {
public:
    BodyHashStream(Canonicalization c, HashAlgorithm alg, qint64 limit = -1);
    void add(QByteArrayView input);
    // The digest of the first min(limit, canonical length) canonical bytes; *canonicalLength gets
    // the whole canonical body's length.
    QByteArray finish(qint64 *canonicalLength = nullptr);

    // One pass over a body. With unquoteMbox, one '>' is removed from every line matching
    // ^>+"From " first (mboxrd quoting undone); *quotedLines counts those lines.
    static QByteArray hash(Canonicalization c, HashAlgorithm alg, QByteArrayView body, qint64 limit,
                           qint64 *canonicalLength, bool unquoteMbox = false, qsizetype *quotedLines = nullptr);

private:
    void addRelaxed(const char *in, const char *end);
    void addSimple(const char *in, const char *end);
    void emit(const char *p, qsizetype n);
    void emitByte(char c);
    void flushHeldLines();
    void flushBuffer();

    static constexpr qsizetype kBuffer = 8192;
    Hasher m_hasher;
    bool m_relaxed;
    qint64 m_limit;              // < 0: no limit
    qint64 m_total = 0;          // canonical bytes produced
    qint64 m_hashed = 0;         // of which fed to the hash
    qint64 m_heldLines = 0;      // empty lines held back: dropped if nothing but empty lines follows
    bool m_pendingCr = false;    // the last input byte was a CR whose LF may come with the next piece
    bool m_pendingSpace = false; // relaxed: WSP seen since the last content byte on this line
    bool m_lineContent = false;  // the current line has content
    qsizetype m_len = 0;
    char m_buf[kBuffer];
};

} // namespace dkimi
