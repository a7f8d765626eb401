#pragma once

#include "batch_verifier.h"
#include "evidence_item.h"
#include "evidence_row.h"
#include "expected.h"
#include "verification_settings.h"

#include <QCoreApplication>
#include <QStringList>

#include <atomic>
#include <functional>

namespace dkimi::ui {

// Archives (mbox, Maildir, folder trees holding them) for the evidence list, read through core's
// MessageSource and verified by its BatchVerifier over all cores. The list keeps light rows
// (EvidenceRow) that know their location; a message is read again from file, offset and length when
// it is shown or exported.
class ArchiveReader {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::ArchiveReader)
public:
    // True when an input needs MessageSource: an mbox file, a Maildir, or a folder holding either.
    static bool wants(const QStringList &paths);

    // Called from the worker thread: a batch of light rows, messages done, estimated total.
    using Post = std::function<void(QList<RowPtr>, int, int)>;
    // Runs the whole batch on the calling (worker) thread; returns when done or when cancel is set,
    // with the SHA-256 of each archive read to its end.
    static QList<ArchiveDigest> run(const QStringList &paths, const VerificationSettings &settings,
                                    const std::atomic_bool &cancel, const Post &post);

    static RowPtr rowOf(BatchItem &&item);
    static BatchItem toBatchItem(const EvidenceItem &e);

    // The exact bytes at a location (a whole file for a standalone message).
    static Expected<QByteArray> readAt(const MessageLocation &location);
    // The full item of a light row, read again by its location and verified with these settings;
    // keepTime: at the time the row was judged (showing or exporting it), else at the settings' time
    // (verifying again with new keys or a new time). walk false: without the walk and the MIME tree,
    // as the batch verified it (what a row or an export needs).
    static EvidencePtr reload(const EvidenceRow &row, VerificationSettings settings, bool keepTime = true,
                              bool walk = true);
    // "archive.mbox #12" inside an mbox, else the file name.
    static QString label(const QString &path, const MessageLocation &location);
    static QString label(const EvidenceItem &e) { return label(e.path, e.location); }
    static QString label(const EvidenceRow &r) { return label(r.path, r.location); }
    static bool inContainer(const MessageLocation &l) { return l.container == MessageLocation::Container::Mbox; }
    static bool inContainer(const EvidenceItem &e) { return inContainer(e.location); }
    static bool inContainer(const EvidenceRow &r) { return inContainer(r.location); }
};

} // namespace dkimi::ui
