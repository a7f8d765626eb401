#pragma once

#include "dkim_signature.h"

#include <QByteArray>
#include <QByteArrayView>

namespace dkimi {

// RFC 6376 §3.4: simple and relaxed canonicalization of header fields and bodies. Inputs are CRLF text.
class Canonicalizer {
public:
    // One header field as stored (name, colon, value with folding, final CRLF).
    static QByteArray header(Canonicalization c, QByteArrayView field);
    static QByteArray body(Canonicalization c, QByteArrayView body);

private:
    static QByteArray relaxedHeader(QByteArrayView field);
    static QByteArray relaxedBody(QByteArrayView body);
    static QByteArray simpleBody(QByteArrayView body);
};

} // namespace dkimi
