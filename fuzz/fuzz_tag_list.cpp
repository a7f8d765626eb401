// Fuzzes the RFC 6376 tag-list parser and the key-record parser built on it.
#include "key_record.h"
#include "tag_list.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in(reinterpret_cast<const char *>(data), qsizetype(size));
    const dkimi::TagList t = dkimi::TagList::parse(in);
    for (const dkimi::Tag &tag : t.tags()) {
        // Every range must lie inside the input.
        if (tag.valueOffset < 0 || tag.valueOffset + tag.valueLength > in.size() || tag.specOffset < 0 ||
            tag.specOffset + tag.specLength > in.size())
            __builtin_trap();
    }
    const dkimi::KeyRecord k = dkimi::KeyRecord::parse(in);
    (void)k.sha256Fingerprint();
    return 0;
}
