#include "command.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dkim-inspector-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DKIMI_VERSION));
    return dkimi::cli::runCli(QCoreApplication::arguments(), stdout, stderr);
}
