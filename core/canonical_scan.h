#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dkimi {

// Skips bytes that relaxed body canonicalization (RFC 6376 §3.4.4) leaves as they are, 16 at a
// time: anything but SP, HTAB and CR, and an SP followed by such a byte (one space between words).
// Returns where a byte needing a closer look is, or where fewer than 17 bytes remain. Call it where
// *in is content (not WSP or CR), so that an accepted SP is never the end of a longer run.
inline const char *skipRelaxedCanonical(const char *in, const char *const end)
{
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i cr = _mm_set1_epi8('\r');
    while (end - in >= 17) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + 1));
        const __m128i aSp = _mm_cmpeq_epi8(a, sp);
        const __m128i aOther = _mm_or_si128(_mm_cmpeq_epi8(a, tab), _mm_cmpeq_epi8(a, cr));
        const __m128i bWsp =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, sp), _mm_cmpeq_epi8(b, tab)), _mm_cmpeq_epi8(b, cr));
        const int mask = _mm_movemask_epi8(_mm_or_si128(aOther, _mm_and_si128(aSp, bWsp)));
        if (mask != 0)
            return in + __builtin_ctz(unsigned(mask));
        in += 16;
    }
#else
    (void)end;
#endif
    return in;
}

} // namespace dkimi
