// Issue 6 in the window: explanations in plain words in the banner, appended bytes shaded in the raw
// pane, the Headers pane (instances, coverage, displayed instance, over-signed, important unsigned),
// two From headers as an alarm, the recovered hash beside ours in the Key pane, evidence statements.
#include "byte_view.h"
#include "header_table_model.h"
#include "headers_pane.h"
#include "key_pane.h"
#include "main_window.h"
#include "raw_pane.h"
#include "verdict_banner.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QTableView>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Forensics = QStringLiteral(DKIMI_TEST_DATA) + QStringLiteral("/forensics");

QStringList labelTexts(QWidget *w, const QString &name)
{
    QStringList out;
    for (QLabel *l : w->findChildren<QLabel *>(name))
        out << l->text();
    return out;
}

} // namespace

class TestForensicsView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;

    MainWindow &open(const QString &file, const QString &keys = Forensics + QStringLiteral("/keys.zone"))
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        m_w->loadKeys(keys);
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths({file});
        if (!done.wait(10000))
            qWarning("loading did not finish");
        m_w->selectRow(0);
        return *m_w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_forensics_view"));
        QSettings().clear();
    }

    void cleanup() { m_w.reset(); }

    void appendedFooterInPlainWords()
    {
        MainWindow &w = open(Forensics + QStringLiteral("/footer_plain_relaxed.eml"));
        const QStringList expl = labelTexts(w.banner(), QStringLiteral("verdictExplanation"));
        QCOMPARE(expl.size(), 1);
        QVERIFY2(expl.first().contains(
                     QStringLiteral("134 bytes were added to the end of the body after signing; everything above "
                                    "them is intact")),
                 qPrintable(expl.first()));
        // The appended bytes are shaded in the raw pane, and they are the last 134 bytes of the file.
        const ByteRange shaded = w.rawPane()->view()->shaded();
        QCOMPARE(shaded.length, 134);
        QCOMPARE(shaded.offset + shaded.length, w.currentEvidence()->message->raw().size());
    }

    void twoFromHeadersAreAnAlarm()
    {
        MainWindow &w = open(Forensics + QStringLiteral("/two_from.eml"));
        auto *alarm = w.banner()->findChild<QFrame *>(QStringLiteral("verdictAlarm"));
        QVERIFY(alarm);
        QTRY_VERIFY(alarm->isVisibleTo(w.banner()));
        QVERIFY(labelTexts(alarm, QStringLiteral("verdictHeadline")).join(u' ').contains(QStringLiteral("Two From")));

        HeadersPane *hp = w.headersPane();
        QAbstractItemModelTester tester(hp->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = hp->model()->rowOf(QStringLiteral("from"));
        QVERIFY(row >= 0);
        const QModelIndex count = hp->model()->index(row, HeaderTableModel::InstancesColumn);
        QCOMPARE(count.data().toInt(), 2);
        QVERIFY(hp->model()->index(row, 0).data(HeaderTableModel::AlarmRole).toBool());
        QVERIFY(
            hp->model()->index(row, HeaderTableModel::SignedColumn).data().toString().contains(QStringLiteral("of 2")));
        QVERIFY(hp->summary()->text().contains(QStringLiteral("2 From headers")));

        // Clicking the row marks both instances in the raw message.
        hp->table()->setCurrentIndex(hp->model()->index(row, HeaderTableModel::NameColumn));
        QVERIFY(w.currentSelection().rangesIn(SourceId::RawMessage).size() == 2);
        QCOMPARE(w.rawPane()->view()->highlights().size(), 2);

        // An alarm-free message has no alarm row.
        MainWindow &w2 = open(Forensics + QStringLiteral("/footer_plain_relaxed.eml"));
        QVERIFY(!w2.banner()->findChild<QFrame *>(QStringLiteral("verdictAlarm")));
    }

    void headersTableFlags_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("note");
        QTest::newRow("oversigned") << "oversigned.eml"
                                    << "subject"
                                    << "over-signed";
        QTest::newRow("unsigned subject") << "unsigned_subject_to.eml"
                                          << "subject"
                                          << "important, but no signature covers";
        QTest::newRow("subject added below") << "subject_added_below.eml"
                                             << "subject"
                                             << "appears 2 times";
    }

    void headersTableFlags()
    {
        QFETCH(QString, file);
        QFETCH(QString, header);
        QFETCH(QString, note);
        MainWindow &w = open(Forensics + QLatin1Char('/') + file);
        HeaderTableModel *m = w.headersPane()->model();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = m->rowOf(header);
        QVERIFY(row >= 0);
        const QString notes = m->index(row, HeaderTableModel::NotesColumn).data().toString();
        QVERIFY2(notes.contains(note), qPrintable(notes));
    }

    void recoveredHashBesideOurs()
    {
        MainWindow &w = open(Forensics + QStringLiteral("/header_altered.eml"));
        const QString key = w.keyPane()->summary()->text();
        QVERIFY2(key.contains(QStringLiteral("Signer's hash")), qPrintable(key));
        QVERIFY(key.contains(QStringLiteral("Our hash")));
        QVERIFY(key.contains(QStringLiteral("differs from ours")));
        const SignatureResult &s = w.currentEvidence()->result.signatures.first();
        QVERIFY(key.contains(QString::fromLatin1(s.recoveredHash.toHex())));
        QVERIFY(key.contains(QString::fromLatin1(s.headerHash.toHex())));

        MainWindow &w2 = open(Forensics + QStringLiteral("/wrong_key.eml"));
        QVERIFY(w2.keyPane()->summary()->text().contains(QStringLiteral("b= is not a signature by this key")));
        const QStringList expl = labelTexts(w2.banner(), QStringLiteral("verdictExplanation"));
        QVERIFY(!expl.isEmpty());
        QVERIFY(expl.first().contains(QStringLiteral("not made with this key")));
    }

    void evidenceStatementsShown()
    {
        MainWindow &w = open(QStringLiteral(DKIMI_SAMPLES) + QStringLiteral("/01_intact.eml"),
                             QStringLiteral(DKIMI_SAMPLES) + QStringLiteral("/keys.zone"));
        const SignatureResult &s = w.currentEvidence()->result.signatures.first();
        QVERIFY(!s.evidenceStatements.isEmpty());
        const QString expl = labelTexts(w.banner(), QStringLiteral("verdictExplanation")).join(u'\n');
        QVERIFY2(expl.contains(s.evidenceStatements.first().toHtmlEscaped()), qPrintable(expl));
    }
};

QTEST_MAIN(TestForensicsView)
#include "tst_forensics_view.moc"
