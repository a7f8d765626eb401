#pragma once

#include "message.h"
#include "message_source.h"
#include "mime_summary.h"
#include "verification_result.h"

#include <QString>

#include <memory>

namespace dkimi::ui {

// One piece of evidence in the list: a message file, what the verifier concluded, and what a mail
// client would display. Immutable once made; a re-verification makes a new item with the same id.
struct EvidenceItem {
    quint64 id = 0;                         // stable row identity, assigned by the list model
    QString path;                           // the file as opened
    MessageLocation location;               // inside an mbox: file, index, offset, length (ArchiveReader)
    QString error;                          // non-empty: the file could not be read (an error row)
    std::shared_ptr<const Message> message; // null for an error row
    MessageResult result;
    MimeSummary mime;
    // Large folders keep only what the list needs: the bytes and the walk outputs are dropped and
    // read again (and verified again) when the message is shown.
    bool stripped = false;

    bool isError() const { return !error.isEmpty() || (!message && !stripped); }
};

using EvidencePtr = std::shared_ptr<const EvidenceItem>;

} // namespace dkimi::ui
