#include "field_locator.h"

#include "canonical_map.h"

#include <algorithm>

namespace dkimi::ui {

namespace {

const Step *findStep(const SignatureResult &s, StepKind kind)
{
    for (const Step &st : s.steps) {
        if (st.kind == kind)
            return &st;
    }
    return nullptr;
}

void addUnique(QList<ByteRange> &list, const ByteRange &r)
{
    if (r.offset < 0 || r.length <= 0)
        return;
    if (!list.contains(r))
        list.append(r);
}

} // namespace

FieldLocator::FieldLocator(EvidencePtr item) : m_item(std::move(item)) {}

void FieldLocator::setEvidence(EvidencePtr item)
{
    m_item = std::move(item);
    m_maps.clear();
}

qsizetype FieldLocator::dataOffsetOfRaw(qsizetype rawOffset) const
{
    if (!m_item || !m_item->message)
        return rawOffset;
    const Message &m = *m_item->message;
    if (!m.hasBareLf())
        return rawOffset;
    // rawOffset() is monotonic: the first data offset that maps at or beyond the raw byte.
    qsizetype lo = 0, hi = m.data().size();
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (m.rawOffset(mid) < rawOffset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const FieldLocator::SigMap &FieldLocator::map(int signature) const
{
    auto it = m_maps.find(signature);
    if (it != m_maps.end())
        return *it;
    SigMap sm;
    if (m_item && m_item->message && signature >= 0 && signature < m_item->result.signatures.size()) {
        const Message &m = *m_item->message;
        const SignatureResult &s = m_item->result.signatures.at(signature);
        const DkimSignature &sig = s.signature;
        bool exact = true;

        // Header hash input: each used field, then this signature with b= emptied and no final CRLF.
        QByteArray headerBytes;
        for (const SignedHeaderUse &use : s.headerUses) {
            if (use.headerIndex < 0)
                continue;
            const HeaderField &hf = m.headers().at(use.headerIndex);
            QByteArray field = m.headerBytes(hf).toByteArray();
            QList<qsizetype> org(field.size());
            for (qsizetype i = 0; i < field.size(); ++i)
                org[i] = hf.offset + i;
            if (use.headerIndex == sig.headerIndex) {
                if (const Tag *b = sig.tags.find("b")) {
                    const qsizetype rel = sig.valueOffset - hf.offset;
                    const qsizetype from = rel + b->equalsOffset + 1;
                    const qsizetype to = rel + b->specOffset + b->specLength;
                    if (from >= 0 && to <= field.size() && from <= to) {
                        field.remove(from, to - from);
                        org.remove(from, to - from);
                    }
                }
            }
            CanonicalMap::Mapped mapped = CanonicalMap::header(sig.headerCanon, field, org);
            if (use.headerIndex == sig.headerIndex && use.hashOffset + use.hashLength == s.headerHashInput.size() &&
                mapped.bytes.endsWith("\r\n")) {
                mapped.bytes.chop(2);
                mapped.origin.resize(mapped.origin.size() - 2);
            }
            headerBytes += mapped.bytes;
            sm.header += mapped.origin;
        }
        if (headerBytes != s.headerHashInput) {
            exact = false;
            // Coarse: every byte of a use points into its header field.
            sm.header = QList<qsizetype>(s.headerHashInput.size(), 0);
            for (const SignedHeaderUse &use : s.headerUses) {
                if (use.headerIndex < 0)
                    continue;
                const HeaderField &hf = m.headers().at(use.headerIndex);
                for (qsizetype k = 0; k < use.hashLength && use.hashOffset + k < sm.header.size(); ++k)
                    sm.header[use.hashOffset + k] = hf.offset + qMin(k, hf.length - 1);
            }
        }
        if (const Step *cb = findStep(s, StepKind::CanonicalizeBody); cb && cb->outputSource == SourceId::CanonBody) {
            CanonicalMap::Mapped body = CanonicalMap::body(sig.bodyCanon, m.body(), m.bodyOffset());
            if (body.bytes == cb->output) {
                sm.body = body.origin;
            } else {
                exact = false;
                const qsizetype n = m.body().size();
                sm.body = QList<qsizetype>(cb->output.size(), m.bodyOffset());
                for (qsizetype k = 0; k < sm.body.size(); ++k)
                    sm.body[k] = m.bodyOffset() + qMin(k, qMax<qsizetype>(0, n - 1));
            }
        }
        sm.exact = exact;
    }
    return *m_maps.insert(signature, sm);
}

bool FieldLocator::isExact(int signature) const
{
    return map(signature).exact;
}

QList<ByteRange> FieldLocator::rawToCanon(const ByteRange &r, int signature) const
{
    QList<ByteRange> out;
    if (!m_item || !m_item->message)
        return out;
    const SigMap &sm = map(signature);
    const qsizetype a = dataOffsetOfRaw(r.offset);
    const qsizetype b = r.length > 0 ? dataOffsetOfRaw(r.end() - 1) + 1 : a;
    auto runs = [&](const QList<qsizetype> &origin, SourceId src) {
        qsizetype start = -1;
        for (qsizetype i = 0; i <= origin.size(); ++i) {
            const bool in = i < origin.size() && origin[i] >= a && origin[i] < b;
            if (in && start < 0)
                start = i;
            if (!in && start >= 0) {
                out.append(ByteRange{src, start, i - start});
                start = -1;
            }
        }
    };
    runs(sm.header, SourceId::CanonHeaders);
    runs(sm.body, SourceId::CanonBody);
    return out;
}

QList<ByteRange> FieldLocator::canonToRaw(const ByteRange &r, int signature) const
{
    QList<ByteRange> out;
    if (!m_item || !m_item->message || signature < 0 || signature >= m_item->result.signatures.size())
        return out;
    const Message &m = *m_item->message;
    const SigMap &sm = map(signature);
    const QList<qsizetype> &origin = r.source == SourceId::CanonHeaders ? sm.header : sm.body;
    const qsizetype a = qBound<qsizetype>(0, r.offset, origin.size());
    const qsizetype b = qBound<qsizetype>(a, r.end(), origin.size());
    if (a >= b)
        return out;
    if (r.source == SourceId::CanonBody) {
        // Body origins only grow.
        const qsizetype from = origin[a], to = origin[b - 1] + 1;
        out.append(m.rawRange(from, to - from));
        return out;
    }
    // Header input: origins grow within one header use; uses follow h= order, not file order.
    for (const SignedHeaderUse &use : m_item->result.signatures.at(signature).headerUses) {
        const qsizetype ua = qMax(a, use.hashOffset), ub = qMin(b, use.hashOffset + use.hashLength);
        if (use.headerIndex < 0 || ua >= ub)
            continue;
        const qsizetype from = origin[ua], to = origin[ub - 1] + 1;
        out.append(m.rawRange(from, to - from));
    }
    return out;
}

QList<ByteRange> FieldLocator::expand(const QList<ByteRange> &ranges, int signature) const
{
    QList<ByteRange> out;
    for (const ByteRange &r : ranges)
        addUnique(out, r);
    if (!m_item || !m_item->message || signature < 0 || signature >= m_item->result.signatures.size())
        return out;
    for (const ByteRange &r : ranges) {
        if (r.offset < 0 || r.length <= 0)
            continue;
        if (r.source == SourceId::RawMessage) {
            for (const ByteRange &c : rawToCanon(r, signature))
                addUnique(out, c);
        } else if (r.source == SourceId::CanonHeaders || r.source == SourceId::CanonBody) {
            for (const ByteRange &raw : canonToRaw(r, signature))
                addUnique(out, raw);
        }
    }
    return out;
}

FieldSelection FieldLocator::signatureTag(int signature, const QByteArray &tag) const
{
    FieldSelection sel;
    if (!m_item || !m_item->message || signature < 0 || signature >= m_item->result.signatures.size())
        return sel;
    const DkimSignature &sig = m_item->result.signatures.at(signature).signature;
    const Tag *t = sig.tags.find(tag);
    if (!t)
        return sel;
    sel.signature = signature;
    sel.tag = tag;
    ByteRange r = sig.tagRange(*m_item->message, tag);
    if (r.length == 0)
        r = sig.tagRange(*m_item->message, tag, true);
    sel.ranges.append(r);
    sel.label = tr("%1= of signature %2").arg(QString::fromLatin1(tag)).arg(signature + 1);
    return sel;
}

FieldSelection FieldLocator::signatureHeader(int signature) const
{
    FieldSelection sel;
    if (!m_item || !m_item->message || signature < 0 || signature >= m_item->result.signatures.size())
        return sel;
    sel = headerField(m_item->result.signatures.at(signature).signature.headerIndex);
    sel.signature = signature;
    sel.label = tr("DKIM-Signature %1").arg(signature + 1);
    return sel;
}

FieldSelection FieldLocator::headerField(int headerIndex) const
{
    FieldSelection sel;
    if (!m_item || !m_item->message || headerIndex < 0 || headerIndex >= m_item->message->headers().size())
        return sel;
    const Message &m = *m_item->message;
    const HeaderField &hf = m.headers().at(headerIndex);
    sel.headerIndex = headerIndex;
    sel.ranges.append(m.rawRange(hf.offset, hf.length));
    sel.label = hf.name.isEmpty() ? tr("Malformed header line %1").arg(headerIndex + 1)
                                  : tr("Header field %1: %2").arg(headerIndex + 1).arg(QString::fromLatin1(hf.name));
    return sel;
}

FieldSelection FieldLocator::fieldAtData(qsizetype d, int signature) const
{
    FieldSelection sel;
    const Message &m = *m_item->message;
    for (int i = 0; i < m.headers().size(); ++i) {
        const HeaderField &hf = m.headers().at(i);
        if (d < hf.offset || d >= hf.offset + hf.length)
            continue;
        for (int s = 0; s < m_item->result.signatures.size(); ++s) {
            const DkimSignature &sig = m_item->result.signatures.at(s).signature;
            if (sig.headerIndex != i)
                continue;
            const qsizetype rel = d - sig.valueOffset;
            for (const Tag &t : sig.tags.tags()) {
                // The tag-spec and the ';' that ends it belong to the tag.
                if (rel >= t.nameOffset && rel <= t.specOffset + t.specLength)
                    return signatureTag(s, t.name);
            }
            return signatureHeader(s);
        }
        return headerField(i);
    }
    if (d >= m.bodyOffset() && m.bodyOffset() < m.data().size()) {
        const QByteArray &data = m.data();
        qsizetype start = d, end = d;
        while (start > m.bodyOffset() && data[start - 1] != '\n')
            --start;
        while (end < data.size() && data[end] != '\n')
            ++end;
        end = qMin(end + 1, data.size());
        int line = 1;
        for (qsizetype k = m.bodyOffset(); k < start; ++k)
            line += data[k] == '\n' ? 1 : 0;
        sel.ranges.append(m.rawRange(start, end - start));
        sel.label = tr("Body line %1").arg(line);
        sel.signature = signature;
        return sel;
    }
    sel.label = d < (m.headers().isEmpty() ? m.bodyOffset() : m.headers().first().offset)
                    ? tr("mbox separator line (not part of the message)")
                    : tr("Blank line between header and body");
    return sel;
}

FieldSelection FieldLocator::fieldAt(SourceId source, qsizetype offset, int signature) const
{
    if (!m_item || !m_item->message)
        return {};
    qsizetype d = -1;
    if (source == SourceId::RawMessage) {
        d = dataOffsetOfRaw(offset);
    } else if (source == SourceId::CanonHeaders || source == SourceId::CanonBody) {
        const SigMap &sm = map(signature);
        const QList<qsizetype> &origin = source == SourceId::CanonHeaders ? sm.header : sm.body;
        if (offset < 0 || offset >= origin.size())
            return {};
        d = origin[offset];
    } else {
        return {};
    }
    return fieldAtData(d, signature);
}

} // namespace dkimi::ui
