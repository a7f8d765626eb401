#pragma once

#include "verification_result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace dkimi::ui {

// Plain words for the forensics of a signature (docs/codes.md "Explanations"): what changed after
// signing, said so that a reporter can quote it ("312 bytes were added to the end of the body after
// signing; everything above them is intact").
class ExplanationWords {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::ExplanationWords)
public:
    static QString sentence(const Explanation &e);
    // Every explanation of a signature, one sentence each.
    static QStringList sentences(const SignatureResult &s);
    // Bytes appended after signing (body_content_appended), in the stored file; empty when none.
    static QList<ByteRange> appendedRanges(const SignatureResult &s);
    // "The message has 2 From headers…" when it does; empty otherwise.
    static QString twoFromAlarm(const MessageResult &r);
    // Recovered (signer's) header hash beside ours, in plain words; empty when not tried.
    static QString recoveredHashLine(const SignatureResult &s);
};

} // namespace dkimi::ui
