#pragma once

#include "verification_result.h"

#include <QCoreApplication>
#include <QString>

namespace dkimi::ui {

// Plain words for where a key came from (issue 5) and what the key says about b= (issue 6): DNSSEC
// status explained, the key store's history of the key, every candidate key tried, and the signer's
// header hash recovered from b= beside ours. HTML table rows for the Key pane.
class KeyProvenance {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::KeyProvenance)
public:
    static QString dnssecWords(const QString &status);
    static QString originWords(const QString &origin);
    // <tr> rows: provenance of the key used, candidates, recovered hash. Empty when nothing to say.
    static QString rows(const SignatureResult &s);
    static const KeyCandidate *usedCandidate(const SignatureResult &s);
};

} // namespace dkimi::ui
