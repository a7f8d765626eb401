#include "evaluation_time_control.h"
#include "main_window.h"
#include "timeline_pane.h"
#include "verifier.h"
#include "walk_model.h"
#include "walk_pane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QHash>
#include <QImageWriter>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

#include <cstdio>
#include <optional>

namespace {

// --step takes the machine names of the walk (docs/codes.md): locate_signature, parse_tags, ...
std::optional<dkimi::StepKind> stepKindFromName(const QString &name)
{
    for (int k = int(dkimi::StepKind::LocateSignature); k <= int(dkimi::StepKind::PolicyChecks); ++k) {
        if (name == QLatin1String(dkimi::stepKindName(dkimi::StepKind(k))))
            return dkimi::StepKind(k);
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("DKIM Inspector"));
    QApplication::setOrganizationName(QStringLiteral("DKIM Inspector"));
    QApplication::setApplicationVersion(QStringLiteral(DKIMI_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.example.DkimInspector"));

    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(QLocale(), QStringLiteral("dkim-inspector"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate("main", "Inspect the DKIM signatures of email evidence."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption keys(QStringLiteral("keys"),
                                  QApplication::translate("main", "Key records from a zone file."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption at(QStringLiteral("at"),
                                QApplication::translate("main", "Judge expiry and timestamps at TIME (RFC 3339)."),
                                QStringLiteral("TIME"));
    const QCommandLineOption dateHeader(QStringLiteral("at-date-header"),
                                        QApplication::translate("main", "Judge expiry at each message's Date header."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "After loading, save a picture of the window to FILE and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption select(
        QStringLiteral("select"),
        QApplication::translate("main", "Show the message with this file name (in an archive: \"NAME #N\")."),
        QStringLiteral("NAME"));
    const QCommandLineOption signature(QStringLiteral("signature"),
                                       QApplication::translate("main", "Show signature N (1 = the top one)."),
                                       QStringLiteral("N"));
    const QCommandLineOption step(QStringLiteral("step"),
                                  QApplication::translate("main", "Select this walk step (e.g. canonicalize_body)."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QApplication::translate(
            "main", "Bring this tab to the front: headers, arc, authentication-results, timeline, summary."),
        QStringLiteral("NAME"));
    const QCommandLineOption event(
        QStringLiteral("timeline-event"),
        QApplication::translate("main", "Select event N of the Timeline (1 = the earliest)."), QStringLiteral("N"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QApplication::translate("main", "Window size for the screenshot, e.g. 1560x1200."),
                                  QStringLiteral("WxH"));
    p.addOptions({keys, at, dateHeader, screenshot, select, signature, step, tab, event, size});
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QApplication::translate("main", "Message files or folders to open."),
                            QStringLiteral("[FILE|FOLDER...]"));
    p.process(app);

    dkimi::ui::MainWindow w;
    for (const QString &k : p.values(keys)) {
        QString error;
        if (!w.loadKeys(k, &error))
            std::fprintf(stderr, "dkim-inspector: %s\n", qPrintable(error));
    }
    if (p.isSet(at)) {
        const auto t = dkimi::parseRfc3339(p.value(at));
        if (!t) {
            std::fprintf(stderr, "dkim-inspector: --at needs an RFC 3339 time, e.g. 2026-01-01T00:00:00Z\n");
            return 2;
        }
        w.evaluationControl()->setChosenTime(*t);
        w.evaluationControl()->setChoice(dkimi::ui::EvaluationChoice::Chosen);
    } else if (p.isSet(dateHeader)) {
        w.evaluationControl()->setChoice(dkimi::ui::EvaluationChoice::DateHeader);
    }

    if (p.isSet(screenshot)) {
        const QString file = p.value(screenshot);
        QObject::connect(
            &w, &dkimi::ui::MainWindow::loadingFinished, &w,
            [&, file] { // file by value: this block's locals are gone when the window has loaded
                // The tab first: the banner is fitted to the space left when the message is shown.
                if (p.isSet(tab)) {
                    const QHash<QString, QString> docks{
                        {QStringLiteral("headers"), QStringLiteral("headersDock")},
                        {QStringLiteral("arc"), QStringLiteral("arcDock")},
                        {QStringLiteral("authentication-results"), QStringLiteral("authResultsDock")},
                        {QStringLiteral("timeline"), QStringLiteral("timelineDock")},
                        {QStringLiteral("summary"), QStringLiteral("summaryDock")}};
                    if (auto *dock = w.findChild<QDockWidget *>(docks.value(p.value(tab).toLower()))) {
                        dock->show();
                        dock->raise();
                        w.resizeDocks({dock}, {qMax(230, w.height() / 3)}, Qt::Vertical);
                        QCoreApplication::processEvents(); // lay the window out before the banner is fitted
                    } else {
                        std::fprintf(stderr, "dkim-inspector: no tab named %s\n", qPrintable(p.value(tab)));
                    }
                }
                if (p.isSet(select))
                    w.selectFile(p.value(select));
                if (p.isSet(signature))
                    w.selectSignature(p.value(signature).toInt() - 1);
                if (p.isSet(event))
                    w.timelinePane()->selectEvent(p.value(event).toInt() - 1);
                w.fitBanner(); // the message may have been shown before the tab took its room
                if (p.isSet(step)) {
                    if (const auto kind = stepKindFromName(p.value(step))) {
                        auto *walk = w.walkPane();
                        const QModelIndex idx = walk->model()->stepIndex(qMax(0, w.currentSignature()), *kind);
                        walk->tree()->setCurrentIndex(idx);
                        walk->tree()->setFocus();
                    }
                }
                QTimer::singleShot(400, &w, [&w, file] {
                    // Opaque RGB and the highest zlib level keep documentation screenshots small.
                    const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB888);
                    QImageWriter writer(file);
                    writer.setQuality(0);
                    const bool ok = writer.write(image);
                    std::fprintf(ok ? stdout : stderr, "dkim-inspector: %s %s\n", ok ? "saved" : "could not save",
                                 qPrintable(file));
                    QApplication::exit(ok ? 0 : 1);
                });
            },
            Qt::SingleShotConnection);
    }
    if (p.isSet(size)) {
        const QStringList wh = p.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2 && wh.at(0).toInt() > 0 && wh.at(1).toInt() > 0)
            w.resize(wh.at(0).toInt(), wh.at(1).toInt());
    }
    w.show();
    w.openPaths(p.positionalArguments());
    if (p.positionalArguments().isEmpty() && p.isSet(screenshot))
        QTimer::singleShot(0, &w, [&w] { Q_EMIT w.loadingFinished(); });
    return app.exec();
}
