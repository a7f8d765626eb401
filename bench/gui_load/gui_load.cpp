// Times the window on a large archive, as a user sees it: how long until the first rows show in the
// evidence list, how long until every message is in, and the longest the event loop went without
// running (the window "freezing"). Prints one line of figures; bench/gui_load.sh runs it.
//
// usage: bench_gui_load [--keys ZONE] [--slow-events MS] [--grab MS:FILE] ARCHIVE
#include "main_window.h"
#include "message_list_model.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

// CPU time of the calling thread: how much of a stall was work, and how much waiting for a core.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// With --slow-events MS: every event that kept the event loop busy longer than MS (outermost
// deliveries only), with what received it, and every heartbeat gap that long with the time spent
// handling events meanwhile: to find what a stall is made of (one slow event, many small ones, or a
// thread that did not get a core).
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    qint64 threshold = -1;
    qint64 busyNs = 0; // time spent handling events (outermost) since the last heartbeat
    int events = 0;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (threshold < 0 || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const qint64 cpu0 = threadCpuNs();
        const int type = int(event->type());
        const bool r = QApplication::notify(receiver, event);
        const qint64 ms = t.elapsed();
        busyNs += t.nsecsElapsed();
        ++events;
        --m_depth;
        if (ms >= threshold)
            std::fprintf(stderr, "slow_event_ms=%lld cpu_ms=%lld type=%d receiver=%s name=%s\n",
                         static_cast<long long>(ms), static_cast<long long>((threadCpuNs() - cpu0) / 1000000), type,
                         receiver->metaObject()->className(), qPrintable(receiver->objectName()));
        return r;
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    TimingApplication app(argc, argv);
    QCommandLineParser p;
    const QCommandLineOption keys(QStringLiteral("keys"), QStringLiteral("Zone file with the keys."),
                                  QStringLiteral("ZONE"));
    p.addOption(keys);
    const QCommandLineOption slow(QStringLiteral("slow-events"),
                                  QStringLiteral("Print every event that took longer than MS to handle."),
                                  QStringLiteral("MS"));
    p.addOption(slow);
    const QCommandLineOption grab(
        QStringLiteral("grab"), QStringLiteral("Save a picture of the window MS milliseconds after opening, as FILE."),
        QStringLiteral("MS:FILE"));
    p.addOption(grab);
    p.addPositionalArgument(QStringLiteral("archive"), QStringLiteral("mbox, Maildir or folder"));
    p.process(app);
    if (p.isSet(slow))
        app.threshold = p.value(slow).toLongLong();
    if (p.positionalArguments().size() != 1) {
        std::fprintf(stderr, "usage: bench_gui_load [--keys ZONE] [--slow-events MS] ARCHIVE\n");
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
    qint64 firstSecondStall = 0; // the longest that began in the first second, when the first rows come in
    qint64 lastTick = 0;
    qint64 lastCpu = 0;
    // A 10 ms heartbeat: a long gap between two beats is a time the window could not repaint or react.
    QTimer beat;
    beat.setInterval(10);
    QObject::connect(&beat, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longestStall = std::max(longestStall, now - lastTick);
        if (lastTick < 1000)
            firstSecondStall = std::max(firstSecondStall, now - lastTick);
        const qint64 cpu = threadCpuNs();
        if (app.threshold >= 0 && now - lastTick >= app.threshold)
            std::fprintf(stderr, "stall_ms=%lld at_ms=%lld busy_ms=%lld cpu_ms=%lld events=%d rows=%d\n",
                         static_cast<long long>(now - lastTick), static_cast<long long>(lastTick),
                         static_cast<long long>(app.busyNs / 1000000),
                         static_cast<long long>((cpu - lastCpu) / 1000000), app.events, w.listModel()->rowCount());
        lastCpu = cpu;
        app.busyNs = 0;
        app.events = 0;
        lastTick = now;
    });
    QObject::connect(w.listModel(), &QAbstractItemModel::rowsInserted, [&] {
        if (firstRows < 0)
            firstRows = clock.elapsed();
    });
    QObject::connect(&w, &dkimi::ui::MainWindow::loadingFinished, [&] {
        const qint64 all = clock.elapsed();
        std::printf("first_rows_ms=%lld all_rows_ms=%lld rows=%d longest_event_loop_stall_ms=%lld "
                    "first_second_stall_ms=%lld\n",
                    static_cast<long long>(firstRows), static_cast<long long>(all), w.listModel()->rowCount(),
                    static_cast<long long>(longestStall), static_cast<long long>(firstSecondStall));
        std::fflush(stdout);
        app.quit();
    });
    QTimer::singleShot(0, [&] {
        clock.start();
        lastTick = 0;
        lastCpu = threadCpuNs();
        beat.start();
        w.openPaths(p.positionalArguments());
        // To look at the window while it loads (the app's --screenshot waits for the end).
        for (const QString &g : p.values(grab)) {
            const qsizetype colon = g.indexOf(u':');
            const QString file = g.mid(colon + 1);
            QTimer::singleShot(g.left(colon).toInt(), &w, [&w, file] { w.grab().save(file); });
        }
    });
    return app.exec();
}
