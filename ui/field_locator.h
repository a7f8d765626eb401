#pragma once

#include "evidence_item.h"
#include "field_selection.h"

#include <QCoreApplication>
#include <QHash>

namespace dkimi::ui {

// Finds the field a byte belongs to and maps byte ranges between the stored message and each
// signature's canonical forms (Wireshark's proto_find_field_from_offset, for DKIM). Works on the
// public core results only: header fields, DKIM-Signature tag offsets, headerUses, the walk outputs.
class FieldLocator {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::FieldLocator)
public:
    explicit FieldLocator(EvidencePtr item = {});
    void setEvidence(EvidencePtr item);
    const EvidencePtr &evidence() const { return m_item; }

    // The field holding one byte of a source. For canonical sources, signature says whose.
    FieldSelection fieldAt(SourceId source, qsizetype offset, int signature) const;
    FieldSelection signatureTag(int signature, const QByteArray &tag) const;
    FieldSelection signatureHeader(int signature) const;
    FieldSelection headerField(int headerIndex) const;

    // The ranges plus the same bytes in every other source this signature has (raw <-> canonical).
    QList<ByteRange> expand(const QList<ByteRange> &ranges, int signature) const;

    qsizetype dataOffsetOfRaw(qsizetype rawOffset) const;
    // True when the byte-exact canonical maps of this signature agree with the core's output.
    bool isExact(int signature) const;

private:
    struct SigMap {
        bool exact = false;
        QList<qsizetype> header; // per byte of the header hash input: data offset
        QList<qsizetype> body;   // per byte of the canonical body: data offset
    };
    const SigMap &map(int signature) const;
    FieldSelection fieldAtData(qsizetype dataOffset, int signature) const;
    QList<ByteRange> canonToRaw(const ByteRange &r, int signature) const;
    QList<ByteRange> rawToCanon(const ByteRange &r, int signature) const;

    EvidencePtr m_item;
    mutable QHash<int, SigMap> m_maps;
};

} // namespace dkimi::ui
