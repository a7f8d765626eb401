#pragma once

#include "message.h"
#include "verification_result.h"

namespace dkimi {

// The per-message header table (every name, its instances, which instance each signature covers
// and which one a mail client displays: the topmost), with findings for duplicates, important
// headers no signature covers and a displayed instance that differs from the signed one.
HeaderAnalysis analyseHeaders(const Message &m, const QList<SignatureResult> &signatures);

// The names a reader relies on; unsigned, they are worth a warning.
const QStringList &importantHeaderNames();

} // namespace dkimi
