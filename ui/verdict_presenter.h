#pragma once

#include "evidence_item.h"
#include "evidence_row.h"
#include "walk.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace dkimi::ui {

// The plain words of every verdict (docs/UX.md): what a reporter reads in the banner, the list and
// the walk. All strings are translatable; the core's English report text is not used here.
class VerdictPresenter {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::VerdictPresenter)
public:
    struct Badge {
        QString text;       // short, e.g. "partial body: 126 bytes not signed"
        QString tooltip;    // one line explaining why it matters
        bool caveat = true; // false: neutral information (grey), true: a caveat (amber)
    };

    // "Signed by example.com — unchanged since signing". rich: the domain in bold (HTML).
    static QString headline(const SignatureResult &s, bool rich = false);
    // "RSA 2048-bit key from zone file keys.zone"
    static QString keyLine(const SignatureResult &s);
    // "evaluated at 2026-11-29 16:06 UTC (now)"
    static QString evaluationLine(const MessageResult &r);
    static QList<Badge> badges(const SignatureResult &s);
    static bool hasCaveats(const SignatureResult &s);

    static QString resultWord(Result r);              // "pass", "fail", "cannot check", ...
    static QString resultWord(const EvidenceItem &e); // adds "error" and "pass with caveats"
    static QString resultWord(const EvidenceRow &r);  // the same for a list row
    static QString verdictWord(Verdict v);
    static QString severityWord(Severity s);
    static QString reasonWords(const SignatureResult &s);
    static QString stepTitle(const Step &step, const SignatureResult &s);
    // One line in plain words: what this step does and why (tooltip of the walk).
    static QString stepExplanation(StepKind kind);
    static QString noSignature();
    static QString whatItProves();
    static QString formatUtc(const QDateTime &t);
};

} // namespace dkimi::ui
