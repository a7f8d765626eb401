// Issue 4 in the window: an mbox or Maildir fills the list progressively (one row per message, named
// "archive.mbox #3"), a selected row is read again by its location and verified in full, Stop leaves a
// consistent partial list, the summary dock totals and charts what is in the list, and the list
// exports as CSV and JSON Lines.
#include "archive_reader.h"
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

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Data = QStringLiteral(DKIMI_TEST_DATA);
const QString Archives = Data + QStringLiteral("/archives");
const QString Keys = Data + QStringLiteral("/fixtures/keys.zone");

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

    MainWindow &open(const QStringList &paths)
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        if (!m_w->loadKeys(Keys))
            qWarning("keys not loaded");
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths(paths);
        if (!done.wait(20000))
            qWarning("loading did not finish");
        return *m_w;
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
        for (const EvidencePtr &e : m->items()) {
            QVERIFY(e->stripped); // the list keeps light results
            QVERIFY(!e->message);
            QCOMPARE(e->location.container, MessageLocation::Container::Mbox);
            pass += e->result.result == Result::Pass;
            fail += e->result.result == Result::Fail;
        }
        QCOMPARE(pass, 4);
        QCOMPARE(fail, 1);
        // Sorted by the number inside the archive, not as text.
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        QCOMPARE(w.listProxy()->index(4, MessageListModel::FileColumn).data().toString(),
                 QStringLiteral("mboxrd-lf.mbox #4"));
    }

    void selectedRowIsReadAgainByLocation()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        QVERIFY(w.selectRow(3));
        const EvidencePtr e = w.currentEvidence();
        QVERIFY(e);
        QVERIFY(!e->stripped);
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

    void reverifiedByLocationWhenTheTimeChanges()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        QSignalSpy done(&w, &MainWindow::loadingFinished);
        w.evaluationControl()->setChoice(EvaluationChoice::DateHeader);
        QVERIFY(done.wait(10000));
        const auto &items = w.listModel()->items();
        QCOMPARE(items.size(), 5);
        int pass = 0;
        for (const EvidencePtr &e : items) {
            QCOMPARE(e->location.container, MessageLocation::Container::Mbox);
            QVERIFY(e->stripped);
            QCOMPARE(e->result.evaluatedAtBasis, QStringLiteral("date_header"));
            pass += e->result.result == Result::Pass;
        }
        QCOMPARE(pass, 4);
    }

    void maildirAndFolderTree()
    {
        MainWindow &w = open({Archives + QStringLiteral("/maildir")});
        QCOMPARE(w.listModel()->rowCount(), 3);
        int pass = 0;
        for (const EvidencePtr &e : w.listModel()->items())
            pass += e->result.result == Result::Pass;
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
            for (const EvidencePtr &e : w.listModel()->items())
                s.add(ArchiveReader::toBatchItem(*e));
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
        const auto &all = m_w->listModel()->items();
        QVERIFY(all.size() > 0);
        QVERIFY(all.size() < 15000);
        // What was read is a prefix of the archive, in order, each row with its own location.
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i)->location.index, qint64(i));
        QVERIFY(!stop->isVisible());
    }

    void exportCsvAndJsonLines()
    {
        MainWindow &w = open({Archives + QStringLiteral("/mboxrd-lf.mbox")});
        w.listView()->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
        const QList<EvidencePtr> items = w.visibleItems();
        QCOMPARE(items.size(), 5);
        QTemporaryDir dir;
        QString error;
        const QString csv = dir.filePath(QStringLiteral("list.csv"));
        QVERIFY2(ListExporter::write(items, ListExporter::Format::Csv, csv, &error), qPrintable(error));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = c.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 6); // header + one row per signature
        QVERIFY(lines.at(0).startsWith("file,"));
        QVERIFY(lines.at(4).contains(",3,")); // index inside the mbox

        const QString jsonl = dir.filePath(QStringLiteral("list.jsonl"));
        QVERIFY2(ListExporter::write(items, ListExporter::Format::JsonLines, jsonl, &error), qPrintable(error));
        QFile j(jsonl);
        QVERIFY(j.open(QIODevice::ReadOnly));
        const QList<QByteArray> objs = j.readAll().trimmed().split('\n');
        QCOMPARE(objs.size(), 5);
        for (int i = 0; i < objs.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(objs.at(i)).object();
            QVERIFY(o.value(QStringLiteral("file")).toString().endsWith(QStringLiteral("mboxrd-lf.mbox")));
            QCOMPARE(o.value(QStringLiteral("index")).toInt(), i);
            QVERIFY(o.contains(QStringLiteral("offset")));
            QCOMPARE(o.value(QStringLiteral("result")).toString(),
                     i == 4 ? QStringLiteral("fail") : QStringLiteral("pass"));
        }
    }
};

QTEST_MAIN(TestArchiveView)
#include "tst_archive_view.moc"
