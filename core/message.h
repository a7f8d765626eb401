#pragma once

#include "byte_range.h"
#include "expected.h"
#include "walk.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dkimi {

// One header field exactly as stored, with its folding. Offsets are in the CRLF-normalised data
// (Message::data()); use Message::rawRange() to map them to the stored file.
struct HeaderField {
    QByteArray name;      // as written, trailing WSP before the colon removed; empty for a malformed line
    qsizetype offset = 0; // start of the field
    qsizetype length = 0; // whole field including its final CRLF
    qsizetype colon = -1; // offset of ':' (absolute), -1 when missing
    qsizetype lineCount = 1;

    qsizetype valueOffset() const { return colon + 1; }
};

// A message file's bytes, split into header fields and body without altering them.
// RFC 6376 works on CRLF text: a file with bare LF line endings is treated as if every bare LF were
// CRLF; data() holds that normalised form, raw() the bytes as stored, and rawRange() maps between them.
class Message {
public:
    // Opens the file read-only and reads it exactly as stored.
    static Expected<Message> fromFile(const QString &path);
    static Message fromBytes(const QByteArray &raw, const QString &name = QString());

    const QString &name() const { return m_name; }
    const QByteArray &raw() const { return m_raw; }
    const QByteArray &data() const { return m_data; }
    QByteArray sha256Hex() const; // of raw(), the evidence hash

    const QList<HeaderField> &headers() const { return m_headers; }
    QByteArrayView headerBytes(const HeaderField &h) const { return QByteArrayView(m_data).sliced(h.offset, h.length); }
    // The value after the colon, folding included, final CRLF excluded.
    QByteArrayView headerValue(const HeaderField &h) const;
    QList<int> headerIndexes(QByteArrayView name) const; // case-insensitive, top to bottom

    qsizetype bodyOffset() const { return m_bodyOffset; } // in data(); == data().size() when there is no body
    bool hasBodySeparator() const { return m_hasSeparator; }
    QByteArrayView body() const { return QByteArrayView(m_data).sliced(m_bodyOffset); }

    bool hasBareLf() const { return !m_insertedCr.isEmpty(); }
    bool hasMixedLineEndings() const { return m_mixedEol; }
    bool hasMboxFromLine() const { return m_mboxFromLine; }
    qsizetype bareLfCount() const { return m_insertedCr.size(); }

    // Set by archive readers: the message was cut out of an mbox, whose ">From " quoting of body
    // lines is the archive's own encoding (undone as a visible step when it explains a failure).
    void setFromMboxArchive(bool on) { m_fromMbox = on; }
    bool isFromMboxArchive() const { return m_fromMbox; }
    // Lines of the body that start with ">From " (any number of '>'), mbox-quoted or written so.
    bool bodyHasQuotedFromLines() const;

    // Parsing remarks (malformed header lines, no blank line before the body, ...).
    const QList<Finding> &parseFindings() const { return m_parseFindings; }

    // Maps a range in data() to a RawMessage range in raw().
    ByteRange rawRange(qsizetype offset, qsizetype length) const;
    qsizetype rawOffset(qsizetype dataOffset) const;

private:
    void parse();

    QString m_name;
    QByteArray m_raw;
    QByteArray m_data;
    QList<qsizetype> m_insertedCr; // positions in m_data where a CR was inserted before a bare LF
    QList<HeaderField> m_headers;
    qsizetype m_bodyOffset = 0;
    bool m_hasSeparator = false;
    bool m_mixedEol = false;
    bool m_mboxFromLine = false;
    bool m_fromMbox = false;
    QList<Finding> m_parseFindings;
};

} // namespace dkimi
