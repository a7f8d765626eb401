#pragma once

#include "verification_settings.h"

#include <QWidget>

class QButtonGroup;
class QDateTimeEdit;
class QRadioButton;

namespace dkimi::ui {

// Chooses when x= (expiry) and t= (timestamp) are judged: now, at each message's Date header, or at
// a chosen time. The banner says which was used.
class EvaluationTimeControl : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationTimeControl(QWidget *parent = nullptr);

    EvaluationChoice choice() const;
    QDateTime chosenTime() const;
    void setChoice(EvaluationChoice choice);
    void setChosenTime(const QDateTime &utc);
    QRadioButton *button(EvaluationChoice choice) const;

Q_SIGNALS:
    void changed();

private:
    QButtonGroup *m_group = nullptr;
    QDateTimeEdit *m_edit = nullptr;
};

} // namespace dkimi::ui
