#pragma once

#include "verification_result.h"
#include "walk.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace dkimi::ui {

// Icons for verdicts and findings, drawn rather than loaded so they are crisp at any size and need
// no image plugin. Each state has its own shape (check, cross, triangle, question mark, arrows,
// dash), never colour alone.
class VerdictIcons {
public:
    enum class Kind { Pass, Caveat, Fail, Unknown, Retry, None, Error, Info, Note, Skipped };

    static QIcon icon(Kind kind);
    static QPixmap pixmap(Kind kind, int size, qreal dpr = 1.0);
    static QColor color(Kind kind);

    static Kind forResult(Result r);
    static Kind forResult(const SignatureResult &s); // pass with caveats gets Caveat
    static Kind forVerdict(Verdict v);
    static Kind forSeverity(Severity s);
};

} // namespace dkimi::ui
