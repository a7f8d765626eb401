#include "evaluation_time_control.h"

#include <QButtonGroup>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QTimeZone>

namespace dkimi::ui {

EvaluationTimeControl::EvaluationTimeControl(QWidget *parent) : QWidget(parent)
{
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(8);
    auto *label = new QLabel(tr("Judge expiry at:"), this);
    label->setToolTip(tr("When the signature's expiry (x=) and timestamp (t=) are judged. Old evidence is often "
                         "best judged at its own Date."));
    l->addWidget(label);
    m_group = new QButtonGroup(this);
    auto *now = new QRadioButton(tr("&now"), this);
    now->setObjectName(QStringLiteral("evalNow"));
    now->setToolTip(tr("The time of this check"));
    auto *date = new QRadioButton(tr("&Date header"), this);
    date->setObjectName(QStringLiteral("evalDateHeader"));
    date->setToolTip(tr("Each message's own Date header (messages without one are judged now)"));
    auto *received = new QRadioButton(tr("first &Received"), this);
    received->setObjectName(QStringLiteral("evalFirstReceived"));
    received->setToolTip(tr("When the first receiving server stamped each message (its bottom-most Received "
                            "header); messages without one are judged now"));
    auto *chosen = new QRadioButton(tr("c&hosen:"), this);
    chosen->setObjectName(QStringLiteral("evalChosen"));
    m_group->addButton(now, int(EvaluationChoice::Now));
    m_group->addButton(date, int(EvaluationChoice::DateHeader));
    m_group->addButton(received, int(EvaluationChoice::FirstReceived));
    m_group->addButton(chosen, int(EvaluationChoice::Chosen));
    now->setChecked(true);
    m_edit = new QDateTimeEdit(this);
    m_edit->setObjectName(QStringLiteral("evalTime"));
    m_edit->setTimeSpec(Qt::UTC);
    m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    m_edit->setCalendarPopup(true);
    m_edit->setDateTime(QDateTime::currentDateTimeUtc());
    m_edit->setEnabled(false);
    m_edit->setAccessibleName(tr("Chosen evaluation time (UTC)"));
    l->addWidget(now);
    l->addWidget(date);
    l->addWidget(received);
    l->addWidget(chosen);
    l->addWidget(m_edit);
    connect(m_group, &QButtonGroup::idToggled, this, [this](int id, bool on) {
        if (!on)
            return;
        m_edit->setEnabled(id == int(EvaluationChoice::Chosen));
        Q_EMIT changed();
    });
    connect(m_edit, &QDateTimeEdit::editingFinished, this, [this] {
        if (choice() == EvaluationChoice::Chosen)
            Q_EMIT changed();
    });
}

EvaluationChoice EvaluationTimeControl::choice() const
{
    return EvaluationChoice(m_group->checkedId());
}

QDateTime EvaluationTimeControl::chosenTime() const
{
    QDateTime t = m_edit->dateTime();
    t.setTimeSpec(Qt::UTC);
    return t;
}

void EvaluationTimeControl::setChoice(EvaluationChoice choice)
{
    if (QAbstractButton *b = m_group->button(int(choice)))
        b->setChecked(true);
}

void EvaluationTimeControl::setChosenTime(const QDateTime &utc)
{
    m_edit->setDateTime(utc.toUTC());
    if (choice() == EvaluationChoice::Chosen)
        Q_EMIT changed();
}

QRadioButton *EvaluationTimeControl::button(EvaluationChoice choice) const
{
    return qobject_cast<QRadioButton *>(m_group->button(int(choice)));
}

} // namespace dkimi::ui
