#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DKIM Inspector"));
    QApplication::setOrganizationName(QStringLiteral("DKIM Inspector"));
    QApplication::setApplicationVersion(QStringLiteral(DKIMI_VERSION));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Inspect the DKIM signatures of email evidence."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption keys(QStringLiteral("keys"), QStringLiteral("Key records from a zone file."),
                                  QStringLiteral("FILE"));
    p.addOption(keys);
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Message files or folders to open."));
    p.process(app);

    dkimi::ui::MainWindow w;
    for (const QString &k : p.values(keys))
        w.loadKeys(k);
    w.openPaths(p.positionalArguments());
    w.show();
    return app.exec();
}
