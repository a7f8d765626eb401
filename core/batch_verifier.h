#pragma once

#include "message_source.h"
#include "mime_summary.h"
#include "verifier.h"

#include <functional>
#include <optional>

namespace dkimi {

// One message of a batch: where it is, and its verdict or the reason it could not be read.
struct BatchItem {
    qint64 sequence = 0; // position in the run, from 0
    MessageLocation location;
    std::optional<MessageResult> result;
    MimeSummary summary; // decoded headers (no MIME tree)
    QString error;       // non-empty: could not be analysed
    QStringList notes;
    QByteArray rendered; // what BatchOptions::render made of it (e.g. a JSON line), if set
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
