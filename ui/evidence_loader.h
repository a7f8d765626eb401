#pragma once

#include "evidence_item.h"
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

    // Files and folders (every message file below a folder). Each file becomes one item, an
    // unreadable one an error item.
    void open(const QStringList &paths, const VerificationSettings &settings);
    // Verifies items again (new keys, new evaluation time); results keep the items' ids.
    void reverify(const QList<EvidencePtr> &items, const VerificationSettings &settings);
    void stop();
    bool isBusy() const { return m_busy; }
    // Runs with more files than this keep light items (see EvidenceItem::stripped).
    void setStripAbove(int files) { m_stripAbove = files; }
    void waitForFinished();

    static QStringList messageFiles(const QString &folder);
    static EvidencePtr load(const QString &path, const VerificationSettings &settings);
    static EvidencePtr verify(const EvidenceItem &item, const VerificationSettings &settings);
    // The full item again: read from disk and verified at the time the light one was.
    static EvidencePtr reload(const EvidenceItem &item, VerificationSettings settings);
    static EvidencePtr strip(const EvidencePtr &item);
    // Drops the walk from a stripped item: only the panes show it, and they verify the message again.
    static void compact(EvidenceItem &item);
    // The verifier options for these settings (Date and first Received are read per message).
    static VerifierOptions options(const VerificationSettings &settings);

Q_SIGNALS:
    void itemsReady(const QList<dkimi::ui::EvidencePtr> &items);
    void progress(int done, int total);
    void finished(bool stopped);

private:
    void startArchive(const QStringList &paths, const VerificationSettings &settings);
    using Post = std::function<void(QList<EvidencePtr>, int, int)>; // a batch, messages done, messages in all
    // Runs `work` on a worker thread (after stopping the current run) with a cancel flag and a way to
    // post batches and progress; its batches, progress and the end reach this object as signals.
    void runInBackground(std::function<void(const std::atomic_bool &, const Post &)> work);
    void start(std::function<QStringList()> discover, std::function<EvidencePtr(const QString &, int)> make,
               int stripAbove);

    QFuture<void> m_future;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
    int m_stripAbove = 200;
};

} // namespace dkimi::ui
