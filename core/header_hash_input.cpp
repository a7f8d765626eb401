#include "header_hash_input.h"

#include "canonicalizer.h"
#include "message.h"

#include <QVarLengthArray>

namespace dkimi {

QByteArray fieldWithBEmptied(const Message &m, int headerIndex, qsizetype valueOffset, const TagList &tags)
{
    const HeaderField &hf = m.headers().at(headerIndex);
    QByteArray field = m.headerBytes(hf).toByteArray();
    const Tag *b = tags.find("b");
    if (!b)
        return field;
    const qsizetype rel = valueOffset - hf.offset; // value start inside the field
    const qsizetype from = rel + b->equalsOffset + 1;
    const qsizetype to = rel + b->specOffset + b->specLength; // up to the ';' or the end of the value
    field.remove(from, to - from);
    return field;
}

QByteArray signatureFieldWithoutB(const Message &m, const DkimSignature &sig)
{
    return fieldWithBEmptied(m, sig.headerIndex, sig.valueOffset, sig.tags);
}

HeaderHashInput HeaderHashInput::build(const Message &m, const DkimSignature &sig)
{
    HeaderHashInput out;
    out.bytes.reserve(1024);
    // Per distinct name (h= lists a handful): where the search for its next instance goes on.
    struct Next {
        QByteArrayView name;
        int from;
    };
    QVarLengthArray<Next, 32> nextFromBottom;
    for (const QByteArray &name : sig.signedHeaders) {
        Next *next = nullptr;
        for (Next &n : nextFromBottom) {
            if (n.name.compare(name, Qt::CaseInsensitive) == 0) {
                next = &n;
                break;
            }
        }
        if (!next) {
            nextFromBottom.append(Next{name, int(m.headers().size())});
            next = &nextFromBottom.back();
        }
        int found = -1;
        for (int i = next->from - 1; i >= 0; --i) {
            if (m.headers().at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
                found = i;
                break;
            }
        }
        next->from = found < 0 ? 0 : found;
        SignedHeaderUse use;
        use.name = name;
        use.headerIndex = found;
        use.hashOffset = out.bytes.size();
        if (found >= 0) {
            out.usedHeaders.insert(found);
            out.bytes.append(Canonicalizer::header(sig.headerCanon, m.headerBytes(m.headers().at(found))));
        } else if (const QString key = QString::fromLatin1(name.toLower()); !out.oversigned.contains(key)) {
            out.oversigned << key;
        }
        use.hashLength = out.bytes.size() - use.hashOffset;
        out.uses.append(use);
    }
    SignedHeaderUse self;
    self.name = m.headers().at(sig.headerIndex).name;
    self.headerIndex = sig.headerIndex;
    self.hashOffset = out.bytes.size();
    QByteArray selfCanon = Canonicalizer::header(sig.headerCanon, signatureFieldWithoutB(m, sig));
    if (selfCanon.endsWith("\r\n"))
        selfCanon.chop(2);
    out.bytes.append(selfCanon);
    self.hashLength = out.bytes.size() - self.hashOffset;
    out.uses.append(self);
    return out;
}

} // namespace dkimi
