#pragma once

#include "dkim_signature.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace dkimi::ui {

// Canonicalization (RFC 6376 §3.4) that also records, for every output byte, which input byte made
// it, so that a byte of the hash input can be traced to the stored message and back. The core's
// Canonicalizer stays the authority: callers compare bytes with its output and fall back to a coarse
// mapping if they ever differ.
class CanonicalMap {
public:
    struct Mapped {
        QByteArray bytes;
        QList<qsizetype> origin; // origin[i]: offset (in Message::data()) of the byte that produced bytes[i]
        void add(char c, qsizetype o)
        {
            bytes.append(c);
            origin.append(o);
        }
    };

    // One header field; origin[i] gives the data offset of field[i].
    static Mapped header(Canonicalization c, QByteArrayView field, const QList<qsizetype> &origin);
    // The body; it starts at data offset base.
    static Mapped body(Canonicalization c, QByteArrayView body, qsizetype base);

private:
    static Mapped relaxedHeader(QByteArrayView field, const QList<qsizetype> &origin);
    static Mapped simpleBody(QByteArrayView body, qsizetype base);
    static Mapped relaxedBody(QByteArrayView body, qsizetype base);
};

} // namespace dkimi::ui
