#pragma once

#include "key_resolver.h"

#include <QDateTime>
#include <QStringList>

#include <memory>

namespace dkimi::ui {

// When x= and t= are judged: the evidence may be old, and "expired" must say "expired at when".
enum class EvaluationChoice {
    Now,           // the time of this check
    DateHeader,    // each message's own Date header (falls back to now when it has none)
    Chosen,        // a time the user picked
    FirstReceived, // the time the first receiving server stamped (bottom-most Received header)
};

// Everything a verification run needs, copied into the worker so the UI may change it meanwhile.
struct VerificationSettings {
    std::shared_ptr<const KeyResolver> resolver;
    EvaluationChoice choice = EvaluationChoice::Now;
    QDateTime chosenTime; // UTC; used with EvaluationChoice::Chosen
    QDateTime now;        // fixed at the start of a run, so every message is judged at the same "now"
    // Receiving servers (authserv-ids) whose Authentication-Results the user trusts; any other such
    // header could have been written by anyone upstream of it.
    QStringList trustedAuthservIds;
};

} // namespace dkimi::ui
