#pragma once

#include "message.h"
#include "message_source.h"
#include "mime_summary.h"
#include "verification_result.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace dkimi::ui {

// One piece of evidence as the panes show it: a message file, what the verifier concluded, and what a
// mail client would display. Immutable once made; a re-verification makes a new item with the same id.
// The evidence list keeps far less of each message (EvidenceRow); this is made again when it is shown.
struct EvidenceItem {
    quint64 id = 0;                         // the id of its row in the list
    QString path;                           // the file as opened
    MessageLocation location;               // inside an mbox: file, index, offset, length (ArchiveReader)
    QString error;                          // non-empty: the file could not be read (an error item)
    std::shared_ptr<const Message> message; // null for an error item
    MessageResult result;
    MimeSummary mime;
    QStringList notes; // how it was read (MessageSource): e.g. an archive that ends mid-line

    bool isError() const { return !error.isEmpty() || !message; }
};

using EvidencePtr = std::shared_ptr<const EvidenceItem>;

} // namespace dkimi::ui
