#pragma once

#include "message.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace dkimi {

// What a mail client would show, decoded by GMime (RFC 2047 words, charsets, dates), and the MIME
// structure. For display only: nothing here is ever hashed.
struct MimePart {
    int depth = 0;
    QString contentType;
    QString transferEncoding;
    QString filename;
};

struct MimeSummary {
    QString from;
    QString to;
    QString subject;
    QString dateText; // the Date header as written
    QDateTime date;   // parsed, UTC; invalid if absent or unparseable
    QString messageId;
    QList<MimePart> parts;
    bool parsed = false;

    // Headers decoded and the MIME structure parsed (for display).
    static MimeSummary of(const Message &m);
    // Only the decoded From, To, Subject, Date and Message-ID: cheap enough for whole archives.
    static MimeSummary headersOf(const Message &m);
    // An unstructured header value as a mail client shows it: folding removed, RFC 2047 encoded-words
    // and 8-bit text decoded (GMime), whitespace runs made one space. Printable ASCII without "=?"
    // needs no decoding and is not handed to GMime unless `shortcut` is false (the tests compare).
    static QString decodeText(QByteArrayView raw, bool shortcut = true);
};

} // namespace dkimi
