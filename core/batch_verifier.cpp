#include "batch_verifier.h"

#include "caching_resolver.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace dkimi {

BatchVerifier::BatchVerifier(VerifierOptions verifier, BatchOptions options)
    : m_vopt(std::move(verifier)), m_opt(options)
{
    // Each (domain, selector) is resolved once per run.
    m_vopt.resolver = std::make_shared<CachingResolver>(m_vopt.resolver);
    // Without the walk, the lean path: same results, no step bytes built only to be dropped.
    m_vopt.lean = !m_opt.keepWalk;
}

namespace {

constexpr size_t kDeliverBatch = 16;

// Frees what a batch does not need: the exact bytes of every step (canonical body, header hash
// input) stay only when the caller wants the walk.
void dropWalkBytes(MessageResult &r)
{
    for (SignatureResult &s : r.signatures) {
        for (Step &st : s.steps)
            st.output.clear();
        s.headerHashInput.clear();
    }
}

} // namespace

qint64 BatchVerifier::run(MessageSource &source, const std::function<void(BatchItem &&)> &onItem,
                          BatchObserver *observer)
{
    const Verifier verifier(m_vopt);
    int jobs = m_opt.jobs > 0 ? m_opt.jobs : QThread::idealThreadCount();
    jobs = std::max(1, jobs);

    std::mutex mutex;
    std::condition_variable ready; // a result arrived, or a worker finished
    std::condition_variable room;  // the window has room again
    std::map<qint64, BatchItem> done;
    qint64 nextToIssue = 0;
    qint64 nextToDeliver = 0;
    int running = jobs;
    bool stop = false;
    bool sourceDone = false;

    auto worker = [&] {
#ifdef Q_OS_LINUX
        // Nice is per thread on Linux: this worker only.
        if (m_opt.workerNice > 0) {
            const auto tid = id_t(syscall(SYS_gettid));
            setpriority(PRIO_PROCESS, tid, std::min(19, getpriority(PRIO_PROCESS, tid) + m_opt.workerNice));
        }
#endif
        while (true) {
            SourceItem item;
            qint64 seq = 0;
            {
                std::unique_lock lock(mutex);
                const auto hasRoom = [&] { return stop || sourceDone || nextToIssue - nextToDeliver < m_opt.window; };
                if (!hasRoom())
                    ready.notify_all(); // about to wait for the deliverer: make sure it is awake
                room.wait(lock, hasRoom);
                if (stop || sourceDone)
                    break;
                // Reading is serialised by the source itself; take the sequence number with it so
                // that order is preserved.
                if (!source.next(&item)) {
                    sourceDone = true;
                    ready.notify_all();
                    break;
                }
                seq = nextToIssue++;
            }
            BatchItem out;
            out.sequence = seq;
            out.location = item.location;
            out.notes = item.notes;
            if (!item.error.isEmpty()) {
                out.error = item.error;
            } else if (item.bytes.isEmpty()) {
                out.error = QStringLiteral("the message is empty");
            } else {
                Message m = Message::fromBytes(item.bytes, item.location.file);
                m.setFromMboxArchive(item.location.container == MessageLocation::Container::Mbox);
                out.result = verifier.verify(m);
                out.summary = MimeSummary::headersOf(m);
                if (!m_opt.keepWalk)
                    dropWalkBytes(*out.result);
            }
            if (m_opt.render)
                m_opt.render(out);
            if (!m_opt.keepResult && out.result) {
                out.tally = MessageTally::of(*out.result, out.summary);
                out.result.reset();
                out.summary = MimeSummary();
            }
            bool wake = false;
            {
                std::lock_guard lock(mutex);
                done.emplace(seq, std::move(out));
                // Results are handed over in small batches: waking the delivering thread for each
                // message cost a futex wake and two context switches per message.
                wake = done.size() >= kDeliverBatch;
            }
            if (wake)
                ready.notify_all();
        }
        std::lock_guard lock(mutex);
        --running;
        ready.notify_all();
    };

    std::vector<std::thread> threads;
    threads.reserve(size_t(jobs));
    for (int i = 0; i < jobs; ++i)
        threads.emplace_back(worker);

    // Deliver in order on this thread.
    while (true) {
        BatchItem item;
        {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return done.count(nextToDeliver) > 0 || (running == 0) || stop; });
            auto it = done.find(nextToDeliver);
            if (it == done.end()) {
                if (running == 0 || stop)
                    break;
                continue;
            }
            item = std::move(it->second);
            done.erase(it);
            ++nextToDeliver;
        }
        room.notify_all();
        onItem(std::move(item));
        if (observer) {
            observer->progress(nextToDeliver, source.bytesRead(), source.totalBytes());
            if (observer->shouldStop()) {
                {
                    std::lock_guard lock(mutex);
                    stop = true;
                }
                room.notify_all();
                break;
            }
        }
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    room.notify_all();
    for (std::thread &t : threads)
        t.join();
    // After a stop, results already verified but not delivered are dropped: the delivered ones are
    // a consistent prefix of the source.
    return nextToDeliver;
}

} // namespace dkimi
