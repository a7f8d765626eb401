#pragma once

#include "evidence_item.h"
#include "evidence_row.h"
#include "verification_settings.h"
#include "verifier.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace dkimi::ui {

// Reads and verifies evidence off the UI thread (QtConcurrent), in batches, with progress and Stop.
// Results are delivered as queued calls on this object, so they arrive only while it lives
// (KeePassXC's AsyncTask pattern); the destructor stops the work and waits for it.
class EvidenceLoader : public QObject {
    Q_OBJECT
public:
    explicit EvidenceLoader(QObject *parent = nullptr);
    ~EvidenceLoader() override;

    // Files and folders (every message file below a folder). Each file becomes one row, an
    // unreadable one an error row.
    void open(const QStringList &paths, const VerificationSettings &settings);
    // Verifies rows again (new keys, new evaluation time); the new rows keep the old ones' ids.
    void reverify(const QList<RowPtr> &rows, const VerificationSettings &settings);
    void stop();
    bool isBusy() const { return m_busy; }
    // Runs with more files than this keep light rows (EvidenceRow without the full item).
    void setStripAbove(int files) { m_stripAbove = files; }
    void waitForFinished();

    static QStringList messageFiles(const QString &folder);
    // walk false: verified without the walk and without the MIME tree (as a batch: all a row needs).
    static EvidencePtr load(const QString &path, const VerificationSettings &settings, bool walk = true);
    static EvidencePtr verify(const EvidenceItem &item, const VerificationSettings &settings, bool walk = true);
    // The full item of a row: the one it kept, an error item, or (a light row) the message read again
    // and verified at the time the row was judged. walk false: without the walk and the MIME tree.
    static EvidencePtr reload(const EvidenceRow &row, VerificationSettings settings, bool walk = true);
    // The verifier options for these settings (Date and first Received are read per message).
    static VerifierOptions options(const VerificationSettings &settings);

Q_SIGNALS:
    void itemsReady(const QList<dkimi::ui::RowPtr> &rows);
    void progress(int done, int total);
    // The archives a run read to their end, each with its SHA-256; before finished().
    void archivesRead(const QList<dkimi::ArchiveDigest> &archives);
    void finished(bool stopped);

private:
    void startArchive(const QStringList &paths, const VerificationSettings &settings);
    using Post = std::function<void(QList<RowPtr>, int, int)>; // a batch, messages done, messages in all
    // Runs `work` on a worker thread (after stopping the current run) with a cancel flag and a way to
    // post batches and progress; its batches, progress and the end reach this object as signals.
    // `work` returns the archives it read to their end (archivesRead).
    void runInBackground(std::function<QList<ArchiveDigest>(const std::atomic_bool &, const Post &)> work);
    // make(file, index, keep): the row of one file; keep: it keeps its full item (small runs).
    void start(std::function<QStringList()> discover, std::function<RowPtr(const QString &, int, bool)> make,
               int stripAbove);

    QFuture<void> m_future;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
    int m_stripAbove = 200;
};

} // namespace dkimi::ui
