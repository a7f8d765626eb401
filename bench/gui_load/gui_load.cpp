// Times the window on a large archive, as a user sees it: how long until the first rows show in the
// evidence list, how long until every message is in, and the longest the event loop went without
// running (the window "freezing"). Prints one line of figures; bench/gui_load.sh runs it.
//
// usage: bench_gui_load [--keys ZONE] ARCHIVE
#include "main_window.h"
#include "message_list_model.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    const QCommandLineOption keys(QStringLiteral("keys"), QStringLiteral("Zone file with the keys."),
                                  QStringLiteral("ZONE"));
    p.addOption(keys);
    p.addPositionalArgument(QStringLiteral("archive"), QStringLiteral("mbox, Maildir or folder"));
    p.process(app);
    if (p.positionalArguments().size() != 1) {
        std::fprintf(stderr, "usage: bench_gui_load [--keys ZONE] ARCHIVE\n");
        return 2;
    }

    dkimi::ui::MainWindow w;
    for (const QString &k : p.values(keys)) {
        QString error;
        if (!w.loadKeys(k, &error)) {
            std::fprintf(stderr, "bench_gui_load: %s\n", qPrintable(error));
            return 2;
        }
    }
    w.resize(1400, 900);
    w.show();

    QElapsedTimer clock;
    qint64 firstRows = -1;
    qint64 longestStall = 0;
    qint64 lastTick = 0;
    // A 10 ms heartbeat: a long gap between two beats is a time the window could not repaint or react.
    QTimer beat;
    beat.setInterval(10);
    QObject::connect(&beat, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longestStall = std::max(longestStall, now - lastTick);
        lastTick = now;
    });
    QObject::connect(w.listModel(), &QAbstractItemModel::rowsInserted, [&] {
        if (firstRows < 0)
            firstRows = clock.elapsed();
    });
    QObject::connect(&w, &dkimi::ui::MainWindow::loadingFinished, [&] {
        const qint64 all = clock.elapsed();
        std::printf("first_rows_ms=%lld all_rows_ms=%lld rows=%d longest_event_loop_stall_ms=%lld\n",
                    static_cast<long long>(firstRows), static_cast<long long>(all), w.listModel()->rowCount(),
                    static_cast<long long>(longestStall));
        std::fflush(stdout);
        app.quit();
    });
    QTimer::singleShot(0, [&] {
        clock.start();
        lastTick = 0;
        beat.start();
        w.openPaths(p.positionalArguments());
    });
    return app.exec();
}
