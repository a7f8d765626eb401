#pragma once

#include <QByteArrayView>

#include <string_view>

namespace dkimi {

// Offset of `needle` in `hay` at or after `from`, or -1. QByteArrayView::indexOf with a multi-byte
// needle runs a general matcher that costs several times a memchr for the first byte and a
// compare, which is what std::string_view::find does: use this on whole messages and archives.
inline qsizetype findBytes(QByteArrayView hay, std::string_view needle, qsizetype from = 0)
{
    if (from < 0 || from > hay.size())
        return -1;
    const auto i = std::string_view(hay.data(), size_t(hay.size())).find(needle, size_t(from));
    return i == std::string_view::npos ? -1 : qsizetype(i);
}

// True when `w` is one or more ASCII digits and nothing else.
inline bool allDigits(QByteArrayView w)
{
    if (w.isEmpty())
        return false;
    for (char c : w) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace dkimi
