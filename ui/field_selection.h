#pragma once

#include "byte_range.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

class QObject;

namespace dkimi::ui {

// What is selected, shared by every pane (Wireshark's field/byte linkage). The main window relays
// one selection to all panes; each pane marks the ranges in its own source and ignores a selection
// it sent itself (origin).
struct FieldSelection {
    const QObject *origin = nullptr;
    int signature = -1;   // the signature the selection belongs to; -1 = keep the current one
    QString label;        // plain words for the status bar ("bh= (body hash) of signature 1")
    QByteArray tag;       // a DKIM-Signature tag name, when the selection is one tag
    QByteArray keyTag;    // a key record tag name, when the selection is one key tag
    int headerIndex = -1; // a header field (index in Message::headers()), when it is one
    int step = -1;        // a walk step (index in SignatureResult::steps), when it is one
    QList<ByteRange> ranges;

    bool isEmpty() const { return ranges.isEmpty() && tag.isEmpty() && keyTag.isEmpty() && step < 0; }
    QList<ByteRange> rangesIn(SourceId source) const
    {
        QList<ByteRange> out;
        for (const ByteRange &r : ranges) {
            if (r.source == source && r.offset >= 0)
                out.append(r);
        }
        return out;
    }
};

} // namespace dkimi::ui

Q_DECLARE_METATYPE(dkimi::ui::FieldSelection)
