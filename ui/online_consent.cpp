#include "online_consent.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace dkimi::ui {

namespace {
const QString Key = QStringLiteral("dns/consent");
}

OnlineConsent::Answer OnlineConsent::remembered()
{
    const QString v = QSettings().value(Key).toString();
    if (v == QLatin1String("allowed"))
        return Answer::Allowed;
    if (v == QLatin1String("refused"))
        return Answer::Refused;
    return Answer::NotAsked;
}

void OnlineConsent::remember(Answer a)
{
    QSettings s;
    if (a == Answer::NotAsked)
        s.remove(Key);
    else
        s.setValue(Key, a == Answer::Allowed ? QStringLiteral("allowed") : QStringLiteral("refused"));
}

QString OnlineConsent::explanation()
{
    return tr("To fetch a signing key, DKIM Inspector asks DNS for selector._domainkey.domain. That lookup is "
              "visible to the domain's DNS operator and to your DNS resolver: they can see that someone is checking "
              "mail from that domain, and when.\n\nOffline, keys come only from key files and the key store, and "
              "nothing leaves this computer.");
}

bool OnlineConsent::ask(QWidget *parent)
{
    const Answer a = remembered();
    if (a == Answer::Allowed)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Look keys up in DNS?"), explanation(), QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("onlineConsent"));
    QPushButton *yes = box.addButton(tr("Go online"), QMessageBox::AcceptRole);
    box.addButton(tr("Stay offline"), QMessageBox::RejectRole);
    auto *rememberBox = new QCheckBox(tr("Remember my choice"), &box);
    rememberBox->setChecked(true);
    box.setCheckBox(rememberBox);
    box.exec();
    const bool allowed = box.clickedButton() == static_cast<QAbstractButton *>(yes);
    if (rememberBox->isChecked())
        remember(allowed ? Answer::Allowed : Answer::Refused);
    return allowed;
}

} // namespace dkimi::ui
