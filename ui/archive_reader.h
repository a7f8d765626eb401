#pragma once

#include "batch_verifier.h"
#include "evidence_item.h"
#include "expected.h"
#include "verification_settings.h"

#include <QCoreApplication>
#include <QStringList>

#include <atomic>
#include <functional>

namespace dkimi::ui {

// Archives (mbox, Maildir, folder trees holding them) for the evidence list, read through core's
// MessageSource and verified by its BatchVerifier over all cores. The list keeps light items
// (EvidenceItem::stripped) that know their location; a message is read again from file, offset and
// length when it is shown.
class ArchiveReader {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::ArchiveReader)
public:
    // True when an input needs MessageSource: an mbox file, a Maildir, or a folder holding either.
    static bool wants(const QStringList &paths);

    // Called from the worker thread: a batch of light items, messages done, estimated total.
    using Post = std::function<void(QList<EvidencePtr>, int, int)>;
    // Runs the whole batch on the calling (worker) thread; returns when done or when cancel is set.
    static void run(const QStringList &paths, const VerificationSettings &settings, const std::atomic_bool &cancel,
                    const Post &post);

    static EvidencePtr fromBatch(BatchItem &&item);
    static BatchItem toBatchItem(const EvidenceItem &e);

    // The exact bytes at a location (a whole file for a standalone message).
    static Expected<QByteArray> readAt(const MessageLocation &location);
    // The full item again, verified with these settings; keepTime: at the time the light item was
    // judged (showing it), else at the settings' time (verifying again with new keys or a new time).
    static EvidencePtr reload(const EvidenceItem &item, VerificationSettings settings, bool keepTime = true);
    // "archive.mbox #12" inside an mbox, else the file name.
    static QString label(const EvidenceItem &e);
    static bool inContainer(const EvidenceItem &e) { return e.location.container == MessageLocation::Container::Mbox; }
};

} // namespace dkimi::ui
