#pragma once

#include <QtGlobal>

namespace dkimi {

// Which byte buffer a range refers to. Every parsed field carries its range so that any pane can
// mark it and a click on bytes can find the field again (Wireshark's field/byte linkage).
enum class SourceId {
    RawMessage,   // the evidence file exactly as stored
    CanonHeaders, // the header hash input of one signature
    CanonBody,    // the canonical body of one signature
    KeyRecord,    // the key record text (TXT strings joined)
};

// Half-open range [offset, offset + length) in one source.
struct ByteRange {
    SourceId source = SourceId::RawMessage;
    qsizetype offset = 0;
    qsizetype length = 0;

    qsizetype end() const { return offset + length; }
    bool contains(qsizetype pos) const { return pos >= offset && pos < offset + length; }
    bool isValid() const { return offset >= 0 && length >= 0; }
    friend bool operator==(const ByteRange &a, const ByteRange &b)
    {
        return a.source == b.source && a.offset == b.offset && a.length == b.length;
    }
};

} // namespace dkimi
