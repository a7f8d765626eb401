#pragma once

#include <QCoreApplication>

class QWidget;

namespace dkimi::ui {

// Before the first live DNS lookup: looking a key up is visible to the domain's DNS operator (and to
// whoever runs the resolver), which can tip off the people being investigated. The answer is kept.
class OnlineConsent {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::OnlineConsent)
public:
    enum class Answer { NotAsked, Allowed, Refused };
    static Answer remembered();
    static void remember(Answer a);
    static QString explanation();
    // Asks when no answer is remembered; true when DNS lookups are allowed.
    static bool ask(QWidget *parent);
};

} // namespace dkimi::ui
