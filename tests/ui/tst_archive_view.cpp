// Issue 4 in the window: an mbox or Maildir fills the list progressively (one row per message, named
// "archive.mbox #3"), a selected row is read again by its location and verified in full, Stop leaves a
// consistent partial list, the summary dock totals and charts what is in the list, and the list
// exports as CSV and JSON Lines.
//
// The rows are light (EvidenceRow: no result, no walk): the columns, the summary and the export must
// be what the full results give, and the same as the command-line tool's output for the archive.
#include "archive_reader.h"
#include "batch_verifier.h"
#include "evaluation_time_control.h"
#include "evidence_loader.h"
#include "list_exporter.h"
#include "main_window.h"
#include "message_filter_proxy.h"
#include "message_list_model.h"
#include "raw_pane.h"
#include "summary_dock.h"
#include "summary_view.h"
#include "verdict_banner.h"
#include "verdict_presenter.h"
#include "walk_model.h"
#include "walk_pane.h"
#include "zone_file_resolver.h"

#include <QAbstractBarSeries>
#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include <atomic>
#include <functional>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Data = QStringLiteral(DKIMI_TEST_DATA);
const QString Archives = Data + QStringLiteral("/archives");
const QString Keys = Data + QStringLiteral("/fixtures/keys.zone");

const QString Samples = QStringLiteral(DKIMI_SAMPLES);
const QString SampleKeys = Samples + QStringLiteral("/keys.zone");
const QDateTime At(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The samples (two signatures, ARC, a failure, a missing key, an unsigned message...) as one mboxrd
// archive, the way a mail program stores them: LF line endings, a "From " line before each message,
// body lines that begin with "From " quoted.
QString samplesMbox(const QString &dir)
{
    QByteArray out;
    for (const QString &file : EvidenceLoader::messageFiles(Samples)) {
        QByteArray m = readAll(file);
        m.replace("\r\n", "\n");
        QList<QByteArray> lines = m.split('\n');
        for (QByteArray &line : lines) {
            QByteArray bare = line;
            while (bare.startsWith('>'))
                bare.remove(0, 1);
            if (bare.startsWith("From "))
                line.prepend('>');
        }
        out += "From evidence@example.com Thu Jan  1 00:00:00 2026\n" + lines.join('\n');
        if (!out.endsWith('\n'))
            out += '\n';
        out += '\n';
    }
    const QString path = dir + QStringLiteral("/samples.mbox");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(out) != out.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

// A JSON line without the lookups' own times (fetched_at, elapsed_ms): a record looked up again for
// the export was fetched when the export ran. Everything else must be the same.
QJsonValue withoutLookupTimes(const QJsonValue &v)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        o.remove(QStringLiteral("fetched_at"));
        o.remove(QStringLiteral("elapsed_ms"));
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = withoutLookupTimes(it.value());
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = withoutLookupTimes(*it);
        return a;
    }
    return v;
}

QByteArray withoutLookupTimes(const QByteArray &line)
{
    if (line.isEmpty())
        return line;
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError)
        return "not JSON: " + line;
    return QJsonDocument(withoutLookupTimes(QJsonValue(d.object())).toObject()).toJson(QJsonDocument::Compact);
}

// `dkim-inspector-cli verify` with the samples' keys, offline and without the user's key store (as the
// window in test mode): its standard output.
QByteArray cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(DKIMI_CLI_PATH),
            QStringList{QStringLiteral("verify"), QStringLiteral("--offline"), QStringLiteral("--no-key-store"),
                        QStringLiteral("--keys"), SampleKeys} +
                args);
    if (!p.waitForFinished(120000))
        qWarning("dkim-inspector-cli did not finish");
    return p.readAllStandardOutput();
}

QStringList column(const MessageListModel *m, int col)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, col).data().toString();
    return out;
}

} // namespace

class TestArchiveView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;

    MainWindow &open(const QStringList &paths, const QString &keys = Keys,
                     const std::function<void(MainWindow &)> &before = {})
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        if (!m_w->loadKeys(keys))
            qWarning("keys not loaded");
        if (before)
            before(*m_w);
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths(paths);
        if (!done.wait(20000))
            qWarning("loading did not finish");
        return *m_w;
    }

    // The samples' keys; judged at At, or at each message's Date header.
    MainWindow &openWithSamples(const QStringList &paths, bool dateHeader)
    {
        return open(paths, SampleKeys, [dateHeader](MainWindow &w) {
            w.evaluationControl()->setChosenTime(At);
            w.evaluationControl()->setChoice(dateHeader ? EvaluationChoice::DateHeader : EvaluationChoice::Chosen);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_archive_view"));
        QSettings().clear();
    }

    void cleanup() { m_w.reset(); }

    void detectsArchives()
    {
        QVERIFY(ArchiveReader::wants({Archives + QStringLiteral("/mboxrd-lf.mbox")}));
        QVERIFY(ArchiveReader::wants({Archives + QStringLiteral("/maildir")}));
        QVERIFY(ArchiveReader::wants({Archives}));
        QVERIFY(!ArchiveReader::wants({QStringLiteral(DKIMI_SAMPLES)}));
    }

    void mboxRowsPerMessage()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        const MessageListModel *m = w.listModel();
        QAbstractItemModelTester tester(w.listModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), 5);
        QStringList names = column(m, MessageListModel::FileColumn);
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("mboxrd-lf.mbox #0"), QStringLiteral("mboxrd-lf.mbox #1"),
                                     QStringLiteral("mboxrd-lf.mbox #2"), QStringLiteral("mboxrd-lf.mbox #3"),
                                     QStringLiteral("mboxrd-lf.mbox #4")}));
        int pass = 0, fail = 0;
        for (const RowPtr &r : m->rows()) {
            QVERIFY(r->isLight()); // the list keeps light rows
            QVERIFY(!r->full);
            QCOMPARE(r->location.container, MessageLocation::Container::Mbox);
            pass += r->result == Result::Pass;
            fail += r->result == Result::Fail;
        }
        QCOMPARE(pass, 4);
        QCOMPARE(fail, 1);
        // Sorted by the number inside the archive, not as text.
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        QCOMPARE(w.listProxy()->index(4, MessageListModel::FileColumn).data().toString(),
                 QStringLiteral("mboxrd-lf.mbox #4"));
    }

    // The first message is shown once the first rows are in (on the next turn of the event loop, not in
    // the call that inserts them), and a row the user picked meanwhile is not taken away from them.
    void firstRowIsShownUnlessOneWasPicked()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QCOMPARE(w.listView()->currentIndex().row(), 0);
        QCOMPARE(w.windowTitle(), QStringLiteral("mboxrd-lf.mbox #0 — DKIM Inspector"));

        m_w = std::make_unique<MainWindow>();
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QVERIFY(m_w->loadKeys(Keys));
        // Runs after the window's own handler of the same signal: the rows are in the list.
        connect(m_w->loader(), &EvidenceLoader::itemsReady, m_w.get(), [this] {
            if (!m_w->listView()->currentIndex().isValid() && m_w->listProxy()->rowCount() > 1)
                m_w->listView()->setCurrentIndex(m_w->listProxy()->index(1, MessageListModel::FromColumn));
        });
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QVERIFY(done.wait(20000));
        QCOMPARE(m_w->listView()->currentIndex().row(), 1);
        QCOMPARE(m_w->windowTitle(), QStringLiteral("mboxrd-lf.mbox #1 — DKIM Inspector"));
    }

    void selectedRowIsReadAgainByLocation()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        QVERIFY(w.selectRow(3));
        const EvidencePtr e = w.currentEvidence();
        QVERIFY(e);
        QVERIFY(e->message);
        QCOMPARE(e->location.index, 3);
        QFile f(Archives + QStringLiteral("/mboxrd-lf.mbox"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QCOMPARE(e->message->raw(), all.mid(e->location.offset, e->location.length));
        // The ">From " quoted message: verified in full, with the un-quoting step visible.
        QCOMPARE(e->result.result, Result::Pass);
        QVERIFY(e->result.signatures.first().hasFlag(QStringLiteral("mbox_from_unquoted")));
        QVERIFY(!e->result.signatures.first().steps.isEmpty());
        QVERIFY(w.windowTitle().contains(QStringLiteral("mboxrd-lf.mbox #3")));
    }

    // How a message was read stays with its row: the last message of an archive that ends mid-line
    // says it may be truncated, in the banner and in the export (as the CLI's JSON line does).
    void truncatedArchiveIsSaidInTheBannerAndExport()
    {
        const QString mbox = Archives + QStringLiteral("/truncated.mbox");
        MainWindow &w = open({mbox}, Keys, [](MainWindow &before) {
            before.evaluationControl()->setChosenTime(At);
            before.evaluationControl()->setChoice(EvaluationChoice::Chosen);
        });
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        const QList<RowPtr> rows = w.visibleRows();
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows.at(0)->notes.isEmpty());
        QVERIFY(rows.at(1)->notes.isEmpty());
        QCOMPARE(rows.at(2)->notes.size(), 1);
        QVERIFY(rows.at(2)->notes.first().contains(QStringLiteral("truncated")));

        QVERIFY(w.selectRow(0));
        QVERIFY(!w.banner()->findChild<QFrame *>(QStringLiteral("verdictReadNote")));
        QVERIFY(w.selectRow(2));
        QCOMPARE(w.currentEvidence()->notes, rows.at(2)->notes);
        auto *note = w.banner()->findChild<QFrame *>(QStringLiteral("verdictReadNote"));
        QVERIFY(note);
        QTRY_VERIFY(note->isVisibleTo(w.banner()));
        QStringList texts;
        for (const QLabel *l : note->findChildren<QLabel *>())
            texts << l->text();
        QVERIFY2(texts.join(u' ').contains(QStringLiteral("truncated.mbox #2")), qPrintable(texts.join(u'|')));
        QVERIFY2(texts.join(u' ').contains(rows.at(2)->notes.first()), qPrintable(texts.join(u'|')));

        const QList<QByteArray> lines =
            ListExporter::text(rows, ListExporter::Format::JsonLines, w.settings()).split('\n');
        QProcess p;
        p.start(QStringLiteral(DKIMI_CLI_PATH),
                {QStringLiteral("verify"), QStringLiteral("--offline"), QStringLiteral("--no-key-store"),
                 QStringLiteral("--keys"), Keys, QStringLiteral("--at"), At.toString(Qt::ISODate),
                 QStringLiteral("--format"), QStringLiteral("json"), mbox});
        QVERIFY(p.waitForFinished(60000));
        const QList<QByteArray> cliLines = p.readAllStandardOutput().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(cliLines.size(), 4);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(o.value(QStringLiteral("notes")).toVariant().toStringList(), rows.at(i)->notes);
            QCOMPARE(withoutLookupTimes(lines.at(i)), withoutLookupTimes(cliLines.at(i)));
        }
    }

    void reverifiedByLocationWhenTheTimeChanges()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QSignalSpy done(&w, &MainWindow::loadingFinished);
        w.evaluationControl()->setChoice(EvaluationChoice::DateHeader);
        QVERIFY(done.wait(10000));
        const auto &rows = w.listModel()->rows();
        QCOMPARE(rows.size(), 5);
        int pass = 0;
        for (const RowPtr &r : rows) {
            QCOMPARE(r->location.container, MessageLocation::Container::Mbox);
            QVERIFY(r->isLight());
            QVERIFY(r->date.isValid());
            QCOMPARE(r->evaluatedAt, r->date); // judged at its own Date header
            pass += r->result == Result::Pass;
        }
        QCOMPARE(pass, 4);
        // Shown again, a row is judged at that same time, on the same basis.
        QVERIFY(w.selectRow(0));
        QCOMPARE(w.currentEvidence()->result.evaluatedAtBasis, QStringLiteral("date_header"));
    }

    void maildirAndFolderTree()
    {
        MainWindow &w = open({Archives + QStringLiteral("/maildir")});
        QCOMPARE(w.listModel()->rowCount(), 3);
        int pass = 0;
        for (const RowPtr &r : w.listModel()->rows())
            pass += r->result == Result::Pass;
        QCOMPARE(pass, 2);
        QVERIFY(w.selectRow(0));
        QVERIFY(w.currentEvidence()->message);
    }

    void summaryDockTotalsAndCharts()
    {
        MainWindow &w =
            open({Archives + QStringLiteral("/mboxrd-lf.mbox"), Archives + QStringLiteral("/mboxo-lf.mbox")});
        SummaryDock *dock = w.summaryDock();
        QVERIFY(dock->isVisible()); // brought up by opening an archive
        dock->refresh();
        QCOMPARE(dock->summary().messages(), 10);
        QCOMPARE(dock->summary().count(Result::Pass), 7);
        QCOMPARE(dock->view()->headline(), QStringLiteral("7 of 10 messages have a valid DKIM signature (70.0%)"));
        auto *domains = dock->findChild<QChartView *>(QStringLiteral("domainsChart"));
        QVERIFY(domains && domains->chart());
        // Horizontal bars: the domains run down the side.
        const auto axes = domains->chart()->axes(Qt::Vertical);
        QCOMPARE(axes.size(), 1);
        QVERIFY(qobject_cast<QBarCategoryAxis *>(axes.first()));
        QCOMPARE(qobject_cast<QBarCategoryAxis *>(axes.first())->categories(),
                 QStringList{QStringLiteral("example.com")});
        auto *months = dock->findChild<QChartView *>(QStringLiteral("monthsChart"));
        QVERIFY(months && months->chart());
        QVERIFY(
            !qobject_cast<QBarCategoryAxis *>(months->chart()->axes(Qt::Horizontal).first())->categories().isEmpty());
        // Each archive is named by its SHA-256, as sha256sum gives it.
        QCOMPARE(dock->summary().archives().size(), 2);
        for (const QString &name : {QStringLiteral("mboxrd-lf.mbox"), QStringLiteral("mboxo-lf.mbox")}) {
            QFile f(Archives + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString hex =
                QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
            QVERIFY2(dock->view()->archivesText().contains(name + QStringLiteral(" · 5 messages · SHA-256 ") + hex),
                     qPrintable(dock->view()->archivesText()));
        }
        // Closing everything forgets them.
        w.listModel()->clear();
        dock->refresh();
        QVERIFY(dock->summary().archives().isEmpty());
        QVERIFY(dock->view()->archivesText().isEmpty());
        // The View menu toggles it.
        dock->toggleViewAction()->trigger();
        QVERIFY(!dock->isVisible());
    }

    // The dock counts appended rows on their own; a re-check (rows replaced in place) recounts, so the
    // totals always equal a count over the whole list.
    void summaryDockCountsAppendsAndRecountsChanges()
    {
        MainWindow &w =
            open({Archives + QStringLiteral("/mboxrd-lf.mbox"), Archives + QStringLiteral("/mboxo-lf.mbox")});
        SummaryDock *dock = w.summaryDock();
        auto countAll = [&] {
            BatchSummary s;
            for (const RowPtr &r : w.listModel()->rows()) {
                if (r->isError())
                    s.addUnreadable();
                else
                    s.add(r->result, r->tallies(), r->date);
            }
            return s;
        };
        dock->refresh();
        QCOMPARE(dock->summary().messages(), countAll().messages());
        QCOMPARE(dock->summary().count(Result::Pass), countAll().count(Result::Pass));
        QCOMPARE(dock->summary().byReason(), countAll().byReason());

        // Judged at the Date header, a signature that had expired by now passes: every row is replaced.
        QSignalSpy done(&w, &MainWindow::loadingFinished);
        w.evaluationControl()->setChoice(EvaluationChoice::DateHeader);
        QVERIFY(done.wait(10000));
        dock->refresh();
        QCOMPARE(dock->summary().messages(), 10); // not 20: the re-checked rows were not added again
        QCOMPARE(dock->summary().count(Result::Pass), countAll().count(Result::Pass));
        QCOMPARE(dock->summary().byReason(), countAll().byReason());
        QCOMPARE(dock->summary().byDomain().keys(), countAll().byDomain().keys());
    }

    // Several batches arrive between two refreshes of a large archive: they are appends, added on their
    // own. Counting the whole list again for them made the window stall longer and longer as the list
    // grew (over 100 ms at a time at 60,000 messages).
    void summaryDockAddsBatchesWithoutRecounting()
    {
        MessageListModel model;
        SummaryDock dock(&model);
        const int before = dock.recounts();
        auto batch = [](int n, Result result) {
            QList<RowPtr> rows;
            for (int i = 0; i < n; ++i) {
                auto r = std::make_shared<EvidenceRow>();
                r->result = result;
                r->signatures = {RowSignature{"example.com", "sel", QString(), QString(), result, false}};
                r->date = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
                rows << r;
            }
            return rows;
        };
        model.addOrUpdate(batch(3, Result::Pass));
        model.addOrUpdate(batch(2, Result::Fail));
        model.addOrUpdate(batch(4, Result::Pass));
        dock.refresh();
        QCOMPARE(dock.recounts(), before);
        QCOMPARE(dock.summary().messages(), 9);
        QCOMPARE(dock.summary().count(Result::Pass), 7);
        model.addOrUpdate(batch(1, Result::Fail));
        dock.refresh();
        QCOMPARE(dock.recounts(), before);
        QCOMPARE(dock.summary().messages(), 10);
        QCOMPARE(dock.summary().byMonth().value(QStringLiteral("2025-06")).messages, 10);

        // A row replaced in place (verified again) is counted again with the rest.
        auto again = std::make_shared<EvidenceRow>(*model.row(0));
        again->result = Result::Fail;
        again->signatures.first().result = Result::Fail;
        model.addOrUpdate({again});
        dock.refresh();
        QCOMPARE(dock.recounts(), before + 1);
        QCOMPARE(dock.summary().messages(), 10);
        QCOMPARE(dock.summary().count(Result::Pass), 6);
    }

    // Refreshed with new counts over the same domains and months, the charts' bars change in place (the
    // same chart, not a new one at every refresh); a new domain or month builds the chart again. Either
    // way every bar is the count.
    void summaryChartsFollowTheCounts()
    {
        SummaryView view;
        auto *domains = view.findChild<QChartView *>(QStringLiteral("domainsChart"));
        auto *months = view.findChild<QChartView *>(QStringLiteral("monthsChart"));
        QVERIFY(domains && months);
        // Category -> "pass/other", as drawn.
        auto bars = [](QChartView *v, Qt::Orientation categories) {
            QMap<QString, QString> out;
            QChart *chart = v->chart();
            if (!chart || chart->series().size() != 1)
                return out;
            auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
            auto *axis = qobject_cast<QBarCategoryAxis *>(chart->axes(categories).value(0));
            if (!series || !axis || series->count() != 2)
                return out;
            const QStringList names = axis->categories();
            for (int i = 0; i < names.size(); ++i)
                out.insert(
                    names.at(i),
                    QStringLiteral("%1/%2").arg(series->barSets().at(0)->at(i)).arg(series->barSets().at(1)->at(i)));
            return out;
        };
        BatchSummary s;
        auto add = [&s](const char *domain, Result r, int month) {
            s.add(r, {SignatureTally{r, QString(), QByteArray(domain)}},
                  QDateTime(QDate(2025, month, 3), QTime(12, 0), Qt::UTC));
        };
        using Bars = QMap<QString, QString>;
        add("a.example", Result::Pass, 1);
        add("a.example", Result::Fail, 2);
        add("b.example", Result::Pass, 2);
        view.setSummary(s);
        QCOMPARE(bars(domains, Qt::Vertical), (Bars{{QStringLiteral("a.example"), QStringLiteral("1/1")},
                                                    {QStringLiteral("b.example"), QStringLiteral("1/0")}}));
        QCOMPARE(bars(months, Qt::Horizontal), (Bars{{QStringLiteral("2025-01"), QStringLiteral("1/0")},
                                                     {QStringLiteral("2025-02"), QStringLiteral("1/1")}}));
        // Domain names are never cut to "...".
        auto *domainAxis = qobject_cast<QBarCategoryAxis *>(domains->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(domainAxis);
        QVERIFY(!domainAxis->truncateLabels());
        const QChart *domainChart = domains->chart();
        const QChart *monthChart = months->chart();

        add("a.example", Result::Pass, 1);
        add("a.example", Result::Pass, 2);
        add("b.example", Result::Fail, 1);
        view.setSummary(s);
        QCOMPARE(domains->chart(), domainChart); // the same categories: updated in place
        QCOMPARE(months->chart(), monthChart);
        QCOMPARE(bars(domains, Qt::Vertical), (Bars{{QStringLiteral("a.example"), QStringLiteral("3/1")},
                                                    {QStringLiteral("b.example"), QStringLiteral("1/1")}}));
        QCOMPARE(bars(months, Qt::Horizontal), (Bars{{QStringLiteral("2025-01"), QStringLiteral("2/1")},
                                                     {QStringLiteral("2025-02"), QStringLiteral("2/1")}}));
        // The value axis follows the largest stack.
        auto *y = qobject_cast<QValueAxis *>(domains->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(y && y->max() >= 4);

        add("c.example", Result::Fail, 3);
        view.setSummary(s);
        QCOMPARE(bars(domains, Qt::Vertical), (Bars{{QStringLiteral("a.example"), QStringLiteral("3/1")},
                                                    {QStringLiteral("b.example"), QStringLiteral("1/1")},
                                                    {QStringLiteral("c.example"), QStringLiteral("0/1")}}));
        QCOMPARE(bars(months, Qt::Horizontal), (Bars{{QStringLiteral("2025-01"), QStringLiteral("2/1")},
                                                     {QStringLiteral("2025-02"), QStringLiteral("2/1")},
                                                     {QStringLiteral("2025-03"), QStringLiteral("0/1")}}));
    }

    void stopLeavesConsistentPartialList()
    {
        QTemporaryDir dir;
        QFile in(Archives + QStringLiteral("/mboxrd-lf.mbox"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray one = in.readAll();
        const QString big = dir.filePath(QStringLiteral("big.mbox"));
        QFile out(big);
        QVERIFY(out.open(QIODevice::WriteOnly));
        for (int i = 0; i < 3000; ++i)
            out.write(one);
        out.close();

        m_w = std::make_unique<MainWindow>();
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        QSignalSpy items(m_w->loader(), &EvidenceLoader::itemsReady);
        m_w->openPaths({big});
        QVERIFY(items.wait(10000));
        auto *stop = m_w->findChild<QPushButton *>(QStringLiteral("stopButton"));
        QVERIFY(stop);
        QTRY_VERIFY(stop->isVisible());
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(done.wait(20000));
        const auto &all = m_w->listModel()->rows();
        QVERIFY(all.size() > 0);
        QVERIFY(all.size() < 15000);
        // What was read is a prefix of the archive, in order, each row with its own location.
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i)->location.index, qint64(i));
        QVERIFY(!stop->isVisible());
    }

    // -- Light rows: what they show, count and export is what the full results give ---------------------

    // The list and its export, judged at a given time or at each message's Date header.
    void exportIsWhatTheCliWrites_data()
    {
        QTest::addColumn<bool>("dateHeader");
        QTest::newRow("at a given time") << false;
        QTest::newRow("at each Date header") << true;
    }

    // Each light row is read again from the archive and verified again for the export: the CSV is byte
    // for byte what `dkim-inspector-cli verify --format csv` writes for the archive, and each JSON line
    // is the CLI's object, location included (the times DNS lookups took aside). Both are also what the
    // full results (as the panes get them) export.
    void exportIsWhatTheCliWrites()
    {
        QFETCH(bool, dateHeader);
        QTemporaryDir dir;
        const QString mbox = samplesMbox(dir.path());
        MainWindow &w = openWithSamples({mbox}, dateHeader);
        QCOMPARE(w.listModel()->rowCount(), 11);
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        const QList<RowPtr> rows = w.visibleRows();
        for (const RowPtr &r : rows)
            QVERIFY(r->isLight());
        const QStringList at = dateHeader ? QStringList{QStringLiteral("--at"), QStringLiteral("date")}
                                          : QStringList{QStringLiteral("--at"), At.toString(Qt::ISODate)};

        // CSV: the whole file, byte for byte.
        const QString csvFile = dir.filePath(QStringLiteral("list.csv"));
        QString error;
        int reported = 0;
        QVERIFY2(ListExporter::write(
                     csvFile, rows, ListExporter::Format::Csv, w.settings(), nullptr,
                     [&reported](int done, int) { reported = done; }, &error),
                 qPrintable(error));
        QCOMPARE(reported, 11);
        const QByteArray csv = readAll(csvFile);
        const QByteArray cliCsv = cli(at + QStringList{QStringLiteral("--format"), QStringLiteral("csv"), mbox});
        qsizetype lines = 1; // the header, then a line per signature (one for an unsigned message)
        for (const RowPtr &r : rows)
            lines += std::max<qsizetype>(1, r->signatures.size());
        QCOMPARE(lines, 14); // two messages have two signatures
        QCOMPARE(csv.count('\n'), lines);
        QCOMPARE(csv, cliCsv);

        // JSON Lines: the same objects, line by line.
        const QByteArray jsonl = ListExporter::text(rows, ListExporter::Format::JsonLines, w.settings());
        const QList<QByteArray> objects = jsonl.split('\n');
        const QList<QByteArray> cliLines =
            cli(at + QStringList{QStringLiteral("--format"), QStringLiteral("json"), mbox}).split('\n');
        QCOMPARE(objects.size(), 12); // and a final empty piece after the last newline
        QCOMPARE(cliLines.size(), objects.size());
        for (int i = 0; i < 11; ++i) {
            QCOMPARE(withoutLookupTimes(objects.at(i)), withoutLookupTimes(cliLines.at(i)));
            const QJsonObject ours = QJsonDocument::fromJson(objects.at(i)).object();
            QCOMPARE(ours.value(QStringLiteral("container")).toString(), QStringLiteral("mbox"));
            QCOMPARE(qint64(ours.value(QStringLiteral("length")).toDouble()), rows.at(i)->location.length);
            QCOMPARE(ours.value(QStringLiteral("index")).toInt(), i);
            QCOMPARE(ours.value(QStringLiteral("evaluated_at_basis")).toString(),
                     dateHeader ? QStringLiteral("date_header") : QStringLiteral("given"));
            QVERIFY(!ours.value(QStringLiteral("timeline")).toObject().isEmpty());
        }

        // The full results, with the walk, as showing each row gives them: the same export.
        QByteArray fromFull = ListExporter::header(ListExporter::Format::Csv);
        QByteArray fromFullJson;
        for (const RowPtr &r : rows) {
            const EvidencePtr full = EvidenceLoader::reload(*r, w.settings());
            QVERIFY(full->message);
            QVERIFY(!full->result.signatures.isEmpty() == !r->signatures.isEmpty());
            fromFull += ListExporter::render(*full, ListExporter::Format::Csv);
            fromFullJson += ListExporter::render(*full, ListExporter::Format::JsonLines);
        }
        QCOMPARE(csv, fromFull);
        const QList<QByteArray> fullObjects = fromFullJson.split('\n');
        QCOMPARE(fullObjects.size(), objects.size());
        for (int i = 0; i < objects.size(); ++i)
            QCOMPARE(withoutLookupTimes(objects.at(i)), withoutLookupTimes(fullObjects.at(i)));
    }

    // A message that can no longer be read (here: the archive was cut short after it was opened) is an
    // error row in the export; the rows before it are exported as usual.
    void exportGoesOnPastUnreadableMessages()
    {
        QTemporaryDir dir;
        const QString mbox = dir.filePath(QStringLiteral("cut.mbox"));
        QVERIFY(QFile::copy(Archives + QStringLiteral("/mboxrd-lf.mbox"), mbox));
        MainWindow &w = open({mbox});
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        const QList<RowPtr> rows = w.visibleRows();
        QCOMPARE(rows.size(), 5);
        const QByteArray before = ListExporter::text(rows, ListExporter::Format::JsonLines, w.settings());
        QFile f(mbox);
        QVERIFY(f.resize(rows.at(3)->location.offset + 10)); // #3 and #4 are gone

        const QByteArray after = ListExporter::text(rows, ListExporter::Format::JsonLines, w.settings());
        const QList<QByteArray> was = before.split('\n'), is = after.split('\n');
        QCOMPARE(is.size(), 6);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(withoutLookupTimes(is.at(i)), withoutLookupTimes(was.at(i)));
        for (int i = 3; i < 5; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(is.at(i)).object();
            QCOMPARE(o.value(QStringLiteral("result")).toString(), QStringLiteral("error"));
            QVERIFY2(o.value(QStringLiteral("error")).toString().contains(QStringLiteral("archive changed")),
                     is.at(i).constData());
            QCOMPARE(o.value(QStringLiteral("index")).toInt(), i);
            QVERIFY(o.value(QStringLiteral("signatures")).toArray().isEmpty());
        }
        const QList<QByteArray> csv =
            ListExporter::text(rows, ListExporter::Format::Csv, w.settings()).trimmed().split('\n');
        QCOMPARE(csv.size(), 6);
        QVERIFY(csv.at(4).contains(",error,"));
        QVERIFY(csv.at(5).contains("archive changed"));
    }

    // Cancelled, an export stops and leaves no file behind; an existing file stays as it was.
    void cancelledExportLeavesNoFile()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("list.jsonl"));
        std::atomic_bool cancel{true};
        QString error;
        QVERIFY(!ListExporter::write(file, w.visibleRows(), ListExporter::Format::JsonLines, w.settings(), &cancel, {},
                                     &error));
        QVERIFY(!QFile::exists(file));
        {
            QFile old(file);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        // Cancelled after the first slice: the old file is kept whole.
        cancel = false;
        QVERIFY(!ListExporter::write(
            file, w.visibleRows(), ListExporter::Format::JsonLines, w.settings(), &cancel,
            [&cancel](int, int) { cancel = true; }, &error));
        QCOMPARE(readAll(file), QByteArray("old"));
    }

    // From the window, the export runs in the background: the file appears when it is done, the same as
    // written directly. Cancel, or closing the window, stops it and leaves no file.
    void exportRunsInTheBackground()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QTemporaryDir dir;
        const QList<RowPtr> rows = w.visibleRows();
        const QString file = dir.filePath(QStringLiteral("list.csv"));
        QPointer<QProgressDialog> dialog =
            ListExporter::exportInBackground(&w, rows, ListExporter::Format::Csv, w.settings(), file);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 20000); // it goes away by itself at the end
        QCOMPARE(readAll(file), ListExporter::text(rows, ListExporter::Format::Csv, w.settings()));
        QCOMPARE(readAll(file).count('\n'), 6);

        // A long list (the same messages again and again), cancelled at once.
        QList<RowPtr> many;
        for (int i = 0; i < 400; ++i)
            many += rows;
        const QString cancelled = dir.filePath(QStringLiteral("cancelled.csv"));
        dialog = ListExporter::exportInBackground(&w, many, ListExporter::Format::Csv, w.settings(), cancelled);
        Q_EMIT dialog->canceled(); // what its Cancel button and Esc do
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 20000);
        QVERIFY(!QFile::exists(cancelled));

        // The window closes during an export: it stops, and nothing reports to the dead window.
        const QString closed = dir.filePath(QStringLiteral("closed.csv"));
        dialog = ListExporter::exportInBackground(&w, many, ListExporter::Format::Csv, w.settings(), closed);
        m_w.reset();
        QVERIFY(!dialog);
        QTest::qWait(50);
        QVERIFY(!QFile::exists(closed));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("list.csv")});
    }

    // What a light row keeps is enough for every column, the tooltip, the filter text and the verdict
    // category: each is what the message's full result gives. The summary dock counts what the
    // command-line tool's --summary counts.
    void lightRowsShowAndCountWhatFullResultsGive()
    {
        QTemporaryDir dir;
        const QString mbox = samplesMbox(dir.path());
        MainWindow &w = openWithSamples({mbox}, false);
        const MessageListModel *m = w.listModel();
        QCOMPARE(m->rowCount(), 11);
        QSet<int> categories;
        for (int row = 0; row < m->rowCount(); ++row) {
            const RowPtr r = m->row(row);
            QVERIFY(r->isLight());
            const EvidencePtr full = EvidenceLoader::reload(*r, w.settings());
            QVERIFY(full->message);
            const MessageResult &res = full->result;
            auto text = [&](int col, int role = Qt::DisplayRole) { return m->index(row, col).data(role).toString(); };
            QStringList domains, selectors, headlines{r->location.describe()};
            for (const SignatureResult &s : res.signatures) {
                if (!domains.contains(QString::fromLatin1(s.signature.domain)))
                    domains << QString::fromLatin1(s.signature.domain);
                if (!selectors.contains(QString::fromLatin1(s.signature.selector)))
                    selectors << QString::fromLatin1(s.signature.selector);
                headlines << VerdictPresenter::headline(s);
            }
            if (res.signatures.isEmpty())
                headlines << VerdictPresenter::noSignature();
            QCOMPARE(text(MessageListModel::DomainColumn), domains.join(QStringLiteral(", ")));
            QCOMPARE(text(MessageListModel::SelectorColumn), selectors.join(QStringLiteral(", ")));
            QCOMPARE(text(MessageListModel::ResultColumn), VerdictPresenter::resultWord(*full));
            QCOMPARE(text(MessageListModel::IconColumn, Qt::AccessibleTextRole), VerdictPresenter::resultWord(*full));
            QCOMPARE(text(MessageListModel::FromColumn), full->mime.from);
            QCOMPARE(text(MessageListModel::SubjectColumn), full->mime.subject);
            QCOMPARE(text(MessageListModel::DateColumn),
                     full->mime.date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
            QCOMPARE(m->index(row, MessageListModel::DateColumn).data(MessageListModel::SortRole).toDateTime(),
                     full->mime.date);
            QCOMPARE(text(MessageListModel::FromColumn, Qt::ToolTipRole), headlines.join(u'\n'));
            const QString search = text(0, MessageListModel::SearchTextRole);
            for (const QString &part : {full->mime.from, full->mime.subject, domains.join(u' '), selectors.join(u' '),
                                        VerdictPresenter::resultWord(*full)})
                QVERIFY2(search.contains(part), qPrintable(part));
            // The category as the full result gives it: pass only with a caveat-free passing signature.
            int expected = int(MessageListModel::Category::Unsigned);
            if (res.result == Result::Pass) {
                expected = int(MessageListModel::Category::Caveats);
                for (const SignatureResult &s : res.signatures) {
                    if (s.result == Result::Pass && !VerdictPresenter::hasCaveats(s))
                        expected = int(MessageListModel::Category::Pass);
                }
            } else if (res.result == Result::Policy) {
                expected = int(MessageListModel::Category::Caveats);
            } else if (res.result == Result::Fail) {
                expected = int(MessageListModel::Category::Fail);
            } else if (res.result == Result::PermError || res.result == Result::TempError) {
                expected = int(MessageListModel::Category::CannotCheck);
            }
            QCOMPARE(m->index(row, 0).data(MessageListModel::ResultCategoryRole).toInt(), expected);
            categories << expected;
        }
        QCOMPARE(categories.size(), 5); // pass, caveats, fail, cannot check, unsigned: every kind was compared

        SummaryDock *dock = w.summaryDock();
        dock->refresh();
        QCOMPARE(dock->summary().messages(), 11);
        const QByteArray cliSummary = cli({QStringLiteral("--at"), At.toString(Qt::ISODate), QStringLiteral("--quiet"),
                                           QStringLiteral("--summary"), mbox});
        QVERIFY(cliSummary.contains("By signing domain"));
        QCOMPARE(dock->summary().toText().toUtf8(), cliSummary);
        // The months too (the CLI does not print them): as counted over the full results.
        BatchSummary full;
        for (const RowPtr &r : m->rows()) {
            const EvidencePtr e = EvidenceLoader::reload(*r, w.settings(), false);
            full.add(&e->result, e->mime);
        }
        QCOMPARE(dock->summary().byMonth().keys(), full.byMonth().keys());
        for (const QString &month : full.byMonth().keys()) {
            QCOMPARE(dock->summary().byMonth().value(month).messages, full.byMonth().value(month).messages);
            QCOMPARE(dock->summary().byMonth().value(month).pass, full.byMonth().value(month).pass);
        }
        QCOMPARE(dock->summary().byDomain().keys(), full.byDomain().keys());
        QCOMPARE(dock->summary().byReason(), full.byReason());
    }

    // Selecting a light row shows the whole walk of every signature, read and verified again from the
    // archive: steps, the message's timeline, the ARC chain.
    void selectedLightRowShowsTheFullWalk()
    {
        QTemporaryDir dir;
        const QString mbox = samplesMbox(dir.path());
        MainWindow &w = openWithSamples({mbox}, false);
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        const QStringList files = EvidenceLoader::messageFiles(Samples);
        const int arc = int(files.indexOf(Samples + QStringLiteral("/10_mailing_list_arc.eml")));
        QVERIFY(arc >= 0);
        const RowPtr row = w.visibleRows().at(arc);
        QVERIFY(row->isLight());
        QCOMPARE(row->signatures.size(), 2);
        QVERIFY(w.selectRow(arc));
        const EvidencePtr e = w.currentEvidence();
        QVERIFY(e && e->message);
        QCOMPARE(e->id, row->id);
        QCOMPARE(e->location.index, qint64(arc));
        QCOMPARE(e->result.signatures.size(), 2);
        // The same message verified on its own, from its file: the same verdicts and the same walk.
        VerificationSettings s = w.settings();
        s.now = row->evaluatedAt;
        const EvidencePtr alone = EvidenceLoader::load(files.at(arc), s);
        for (int i = 0; i < 2; ++i) {
            const SignatureResult &sig = e->result.signatures.at(i);
            QCOMPARE(sig.result, alone->result.signatures.at(i).result);
            QCOMPARE(sig.reason, alone->result.signatures.at(i).reason);
            QVERIFY(sig.steps.size() >= 5);
            QCOMPARE(sig.steps.size(), alone->result.signatures.at(i).steps.size());
            QVERIFY(!sig.headerHashInput.isEmpty()); // the canonical header bytes, for the canonical pane
        }
        QVERIFY(!e->result.timeline.events.isEmpty());
        QVERIFY(!e->result.arc.hops.isEmpty());
        QVERIFY(!e->result.headers.names.isEmpty());
        QVERIFY(!e->mime.parts.isEmpty()); // the MIME tree, which rows never keep
        // The walk pane shows every step of the signature shown.
        WalkModel *walk = w.walkPane()->model();
        int steps = 0;
        for (int top = 0; top < walk->rowCount(); ++top)
            steps += walk->rowCount(walk->index(top, 0));
        QVERIFY2(steps >= e->result.signatures.at(0).steps.size() + e->result.signatures.at(1).steps.size(),
                 qPrintable(QString::number(steps)));
    }
};

QTEST_MAIN(TestArchiveView)
#include "tst_archive_view.moc"
