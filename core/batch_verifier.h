#pragma once

#include "message_source.h"
#include "mime_summary.h"
#include "verifier.h"

#include <functional>
#include <optional>

namespace dkimi {

// What the totals (BatchSummary) look at in one signature.
struct SignatureTally {
    Result result = Result::None;
    QString reason;
    QByteArray domain; // d=, as written
};

// What the totals need of one message: made on the worker thread when the result itself is not
// handed over (BatchOptions::keepResult false), and what a light list row keeps in the window.
struct MessageTally {
    Result result = Result::None;
    QList<SignatureTally> signatures; // in order
    QDateTime date;                   // of the Date header, invalid when there is none usable

    static MessageTally of(const MessageResult &r, const MimeSummary &summary);
};

// One message of a batch: where it is, and its verdict or the reason it could not be read.
struct BatchItem {
    qint64 sequence = 0; // position in the run, from 0
    MessageLocation location;
    std::optional<MessageResult> result;
    MimeSummary summary; // decoded headers (no MIME tree)
    QString error;       // non-empty: could not be analysed
    QStringList notes;
    QByteArray rendered; // what BatchOptions::render made of it (e.g. a JSON line), if set
    // Without BatchOptions::keepResult: result and summary are dropped on the worker thread after
    // render, and this is what is left of them for the totals.
    std::optional<MessageTally> tally;
};

// Progress and cancellation, supplied by the caller (ImHex-style task interface).
class BatchObserver {
public:
    virtual ~BatchObserver() = default;
    virtual void progress(qint64 messagesDone, qint64 bytesRead, qint64 bytesTotal)
    {
        Q_UNUSED(messagesDone);
        Q_UNUSED(bytesRead);
        Q_UNUSED(bytesTotal);
    }
    virtual bool shouldStop() const { return false; }
};

struct BatchOptions {
    int jobs = 0;           // worker threads; 0 = one per core
    bool keepWalk = false;  // keep every step's output bytes (memory: about twice each message)
    qsizetype window = 256; // messages in flight at most (bounds memory)
    // Runs on the worker thread once an item is verified, so that formatting output (a JSON line,
    // CSV rows) is spread over the threads instead of done in order on the delivering one.
    std::function<void(BatchItem &)> render;
    // false: the caller only needs what render made, the error and the tally, so each result is
    // freed on the thread that made it (freeing it on the delivering thread made the threads
    // contend for the allocator's locks).
    bool keepResult = true;
    // Linux: added to the workers' nice value (0: they run as the calling thread). The window raises
    // it so that its own thread, sharing the cores with the workers, gets the larger share of them.
    int workerNice = 0;
};

// Verifies every message of a source over all cores. Results are handed to the callback on the
// calling thread, in source order, as they become available; threads never outlive run().
// One unreadable message never stops the rest: it arrives as an item with an error.
class BatchVerifier {
public:
    BatchVerifier(VerifierOptions verifier, BatchOptions options);
    // Returns the number of messages delivered. Stops early (cleanly) when the observer asks.
    qint64 run(MessageSource &source, const std::function<void(BatchItem &&)> &onItem,
               BatchObserver *observer = nullptr);

private:
    VerifierOptions m_vopt;
    BatchOptions m_opt;
};

} // namespace dkimi
