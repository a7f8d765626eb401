#pragma once

#include "message.h"
#include "walk.h"

namespace dkimi {

// A DKIM signature does not bind the recipients: a signed message can be resent to anyone
// ("replay"). Always says so when the message is signed, and points out Received "for <address>"
// clauses naming someone not in To or Cc (Bcc, a list, a forward, or a replay).
Step checkReplay(const Message &m, bool hasSignatures);

} // namespace dkimi
