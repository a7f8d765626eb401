// The inspector window driven as a user would: open evidence, read the list and the banner, select a
// step, click bytes, toggle whitespace and hex, open a folder with bad files, change the evaluation time.
#include "byte_view.h"
#include "canonical_pane.h"
#include "evaluation_time_control.h"
#include "evidence_loader.h"
#include "key_pane.h"
#include "main_window.h"
#include "message_filter_proxy.h"
#include "message_list_model.h"
#include "raw_pane.h"
#include "signature_pane.h"
#include "tag_table_model.h"
#include "verdict_banner.h"
#include "walk_model.h"
#include "walk_pane.h"
#include "whitespace_markers.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Samples = QStringLiteral(DKIMI_SAMPLES);

QByteArray slice(const QByteArray &b, const ByteRange &r)
{
    return b.mid(r.offset, r.length);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;

    MainWindow &openSamples()
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        m_w->loadKeys(Samples + QStringLiteral("/keys.zone"));
        m_w->openPaths({Samples});
        return *m_w;
    }

    // Clicks the byte at offset in a byte view, as a user would.
    static void clickByte(ByteView *view, qsizetype offset)
    {
        QTextCursor c(view->document());
        c.setPosition(view->positionOf(offset));
        view->setTextCursor(c); // brings it into view
        view->ensureCursorVisible();
        QTextCursor other(view->document());
        other.setPosition(view->positionOf(offset) > 0 ? 0 : view->document()->characterCount() - 1);
        view->setTextCursor(other);
        const QRect r = view->cursorRect(c);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(r.left() + 2, r.center().y()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QSettings().clear();
    }

    void cleanup() { m_w.reset(); }

    void opensSampleFolder()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.listModel()->rowCount(), 11);
        QAbstractItemModelTester tester(w.listProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(w.keysLabel()->text().contains(QLatin1String("keys.zone")));
        QVERIFY(w.offlineLabel()->text().contains(QLatin1String("Offline")));

        QVERIFY(w.selectFile(QStringLiteral("01_intact.eml")));
        QCOMPARE(w.banner()->headlines(),
                 QStringList{QStringLiteral("Signed by example.com — unchanged since signing")});
        QVERIFY(w.banner()->detailText(0).contains(QLatin1String("RSA 2048-bit key from zone file keys.zone")));
        QVERIFY(w.banner()->detailText(0).contains(QLatin1String("time of this check")));

        QVERIFY(w.selectFile(QStringLiteral("02_body_altered.eml")));
        QCOMPARE(w.banner()->headlines().value(0),
                 QStringLiteral("The body was changed after example.com signed it; the signed headers are intact"));

        QVERIFY(w.selectFile(QStringLiteral("05_partial_body.eml")));
        QCOMPARE(w.banner()->headlines().value(0),
                 QStringLiteral("Signed by example.com — unchanged since signing, with caveats"));
        QVERIFY(w.banner()->badges(0).contains(QStringLiteral("partial body: 126 bytes not signed")));

        QVERIFY(w.selectFile(QStringLiteral("04_header_added.eml")));
        QVERIFY(w.banner()->headlines().value(0).startsWith(
            QLatin1String("The signature by example.com is mathematically valid, but should not be relied on")));
        QVERIFY(w.banner()->badges(0).contains(QStringLiteral("two From headers")));

        QVERIFY(w.selectFile(QStringLiteral("07_missing_key.eml")));
        QVERIFY(w.banner()->headlines().value(0).contains(QLatin1String("no key is published at "
                                                                        "rotated2019._domainkey.example.net")));

        QVERIFY(w.selectFile(QStringLiteral("09_unsigned.eml")));
        QCOMPARE(w.banner()->headlines(), QStringList{QStringLiteral("This message carries no DKIM signature")});

        // One banner row per signature, never only the best.
        QVERIFY(w.selectFile(QStringLiteral("rfc8463_football.eml")));
        QCOMPARE(w.banner()->headlines().size(), 2);
        QVERIFY(w.banner()->badges(1).contains(QStringLiteral("weak key (1024 bits)")));
    }

    void filterNarrowsTheList()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QTest::keyClicks(w.filterEdit(), QStringLiteral("example.org"));
        QCOMPARE(w.listProxy()->rowCount(), 1);
        w.filterEdit()->clear();
        w.resultFilter()->setCurrentIndex(w.resultFilter()->findData(int(MessageListModel::Category::Fail)));
        QCOMPARE(w.listProxy()->rowCount(), 2);
    }

    void selectingAStepMarksItsBytes()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectFile(QStringLiteral("05_partial_body.eml")));
        const EvidencePtr e = w.currentEvidence();
        const Message &m = *e->message;
        const SignatureResult &s = e->result.signatures.at(0);

        QTreeView *tree = w.walkPane()->tree();
        tree->setFocus();
        tree->setCurrentIndex(w.walkPane()->model()->stepIndex(0, StepKind::CanonicalizeBody));

        const QList<ByteRange> raw = w.rawPane()->view()->highlights();
        QVERIFY(raw.contains(ByteRange{SourceId::RawMessage, m.bodyOffset(), m.raw().size() - m.bodyOffset()}));
        QVERIFY(raw.contains(s.signature.tagRange(m, "l")));
        QCOMPARE(slice(m.raw(), s.signature.tagRange(m, "l")), QByteArray("64"));
        ByteView *body = w.canonicalPane()->bodyView();
        QVERIFY(body->highlights().contains(ByteRange{SourceId::CanonBody, 0, body->bytes().size()}));
        QCOMPARE(body->shaded(), (ByteRange{SourceId::CanonBody, 64, 126}));
        QVERIFY(w.canonicalPane()->bodyCaption()->text().contains(QLatin1String("126 bytes not covered")));
        QVERIFY(w.canonicalPane()->headerView()->highlights().isEmpty() ||
                w.canonicalPane()->headerView()->highlights().size() <= 2); // only c= and l= in the signature

        // Canonicalize headers: every signed header in the raw pane, the whole hash input in the canonical pane.
        tree->setCurrentIndex(w.walkPane()->model()->stepIndex(0, StepKind::CanonicalizeHeaders));
        const QList<ByteRange> raw2 = w.rawPane()->view()->highlights();
        const HeaderField &from = m.headers().at(m.headerIndexes("From").first());
        QVERIFY(raw2.contains(m.rawRange(from.offset, from.length)));
        QVERIFY(w.canonicalPane()->headerView()->highlights().contains(
            ByteRange{SourceId::CanonHeaders, 0, s.headerHashInput.size()}));
        QVERIFY(w.rawPane()->view()->highlights() != raw);
    }

    void clickInRawPaneSelectsTheField()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectFile(QStringLiteral("01_intact.eml")));
        const EvidencePtr e = w.currentEvidence();
        const QByteArray raw = e->message->raw();

        // A byte inside s=newsroom2024 selects the s= tag everywhere.
        clickByte(w.rawPane()->view(), raw.indexOf("s=newsroom2024") + 5);
        QCOMPARE(w.currentSelection().tag, QByteArray("s"));
        QTableView *table = w.signaturePane()->table();
        QCOMPARE(w.signaturePane()->model()->rows().at(table->currentIndex().row()).tag, QByteArray("s"));
        const QList<ByteRange> canon = w.canonicalPane()->headerView()->highlights();
        QCOMPARE(canon.size(), 1);
        QCOMPARE(slice(e->result.signatures.at(0).headerHashInput, canon.first()), QByteArray("newsroom2024"));
        QCOMPARE(slice(raw, w.rawPane()->view()->highlights().first()), QByteArray("newsroom2024"));
        // The walk follows to the tag's input of "Parse signature".
        QCOMPARE(w.walkPane()->model()->kind(w.walkPane()->tree()->currentIndex()), WalkModel::NodeKind::Input);

        // A byte of the Subject header selects that header and its canonical form.
        clickByte(w.rawPane()->view(), raw.indexOf("Subject: Supplier") + 3);
        QCOMPARE(w.currentSelection().headerIndex, e->message->headerIndexes("Subject").first());
        QVERIFY(w.currentSelection().tag.isEmpty());
        const QList<ByteRange> canon2 = w.canonicalPane()->headerView()->highlights();
        QCOMPARE(canon2.size(), 1);
        QCOMPARE(slice(e->result.signatures.at(0).headerHashInput, canon2.first()),
                 QByteArray("subject:Supplier payment on Friday\r\n"));
        QVERIFY(!table->currentIndex().isValid());

        // Selecting a tag in the Signature pane marks it in the raw pane.
        table->setFocus();
        table->selectRow(w.signaturePane()->model()->rowOfTag("bh"));
        QCOMPARE(slice(raw, w.rawPane()->view()->highlights().value(0)),
                 e->result.signatures.at(0).signature.tags.value("bh"));
    }

    void whitespaceAndHexToggles()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectFile(QStringLiteral("01_intact.eml")));
        ByteView *view = w.rawPane()->view();
        const QString crlf = WhitespaceMarkers::crlf();
        QVERIFY(!view->renderedText().contains(crlf));
        QVERIFY(view->renderedText().contains(QLatin1String("From: Alice Martin")));

        QTest::mouseClick(w.rawPane()->whitespaceToggle(), Qt::LeftButton);
        QVERIFY(view->showWhitespace());
        const QString sp = WhitespaceMarkers::space();
        QVERIFY(view->renderedText().contains(QStringLiteral("From:%1Alice%1Martin").arg(sp)));
        QVERIFY(view->renderedText().contains(QStringLiteral("+0000") + crlf + u'\n'));
        // Every stored byte keeps its place: the marker of the first CR is where that byte is.
        const qsizetype cr = view->bytes().indexOf('\r');
        QCOMPARE(view->renderedText().at(view->positionOf(cr)), WhitespaceMarkers::cr());

        QTest::mouseClick(w.rawPane()->whitespaceToggle(), Qt::LeftButton);
        QVERIFY(!view->renderedText().contains(crlf));

        QTest::mouseClick(w.rawPane()->hexToggle(), Qt::LeftButton);
        QVERIFY(view->hexMode());
        QVERIFY(view->renderedText().startsWith(
            QLatin1String("00000000  44 4b 49 4d 2d 53 69 67  6e 61 74 75 72 65 3a 20  DKIM-Signature: ")));
        // Byte 16 is the first of the second line.
        QCOMPARE(view->byteAt(view->positionOf(16)), 16);
        QTest::mouseClick(w.rawPane()->hexToggle(), Qt::LeftButton);
        QVERIFY(!view->hexMode());

        // The canonical pane shows whitespace by default.
        QVERIFY(w.canonicalPane()->headerView()->renderedText().contains(crlf));
    }

    void folderWithBadFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(Samples + QStringLiteral("/01_intact.eml"), dir.filePath(QStringLiteral("a_good.eml"))));
        {
            QFile garbage(dir.filePath(QStringLiteral("b_garbage.eml")));
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray("\x00\xff\xfe\x01 not a message at all\n\x7f\x80", 28));
        }
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("gone/nowhere.eml")),
                            dir.filePath(QStringLiteral("c_unreadable.eml"))));
        QVERIFY(
            QFile::copy(Samples + QStringLiteral("/02_body_altered.eml"), dir.filePath(QStringLiteral("d_good.eml"))));

        m_w = std::make_unique<MainWindow>();
        MainWindow &w = *m_w;
        w.show();
        w.loadKeys(Samples + QStringLiteral("/keys.zone"));
        w.openPaths({dir.path()});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.listModel()->rowCount(), 4);

        QVERIFY(w.selectFile(QStringLiteral("c_unreadable.eml")));
        QVERIFY(w.currentEvidence()->isError());
        QVERIFY(w.banner()->headlines().value(0).startsWith(QLatin1String("This file could not be read")));
        const int row = w.listModel()->rowOf(w.currentEvidence()->id);
        QCOMPARE(w.listModel()->index(row, MessageListModel::ResultColumn).data().toString(), QStringLiteral("error"));
        QVERIFY(w.listModel()
                    ->index(row, MessageListModel::SubjectColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("could not be read")));
        QVERIFY(w.rawPane()->view()->bytes().isEmpty());

        QVERIFY(w.selectFile(QStringLiteral("b_garbage.eml")));
        QVERIFY(!w.currentEvidence()->isError());
        QCOMPARE(w.banner()->headlines(), QStringList{QStringLiteral("This message carries no DKIM signature")});
        QCOMPARE(w.rawPane()->view()->bytes().size(), 28);

        QVERIFY(w.selectFile(QStringLiteral("a_good.eml")));
        QCOMPARE(w.currentEvidence()->result.result, Result::Pass);
        QVERIFY(w.selectFile(QStringLiteral("d_good.eml")));
        QCOMPARE(w.currentEvidence()->result.result, Result::Fail);

        w.resultFilter()->setCurrentIndex(w.resultFilter()->findData(int(MessageListModel::Category::Error)));
        QCOMPARE(w.listProxy()->rowCount(), 1);
    }

    void evaluationTimeChangesExpiryVerdict()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectFile(QStringLiteral("08_expiring.eml")));
        QCOMPARE(w.currentEvidence()->result.result, Result::Policy);
        QVERIFY(w.banner()->headlines().value(0).contains(QLatin1String("expired at 2024-03-19 09:41:00 UTC")));
        QVERIFY(w.banner()->badges(0).contains(QStringLiteral("expired")));

        QTest::mouseClick(w.evaluationControl()->button(EvaluationChoice::DateHeader), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.currentEvidence()->result.result, Result::Pass);
        QCOMPARE(w.currentEvidence()->result.evaluatedAtBasis, QStringLiteral("date_header"));
        QVERIFY2(w.banner()->headlines().value(0).startsWith(QStringLiteral("Signed by example.com — unchanged")),
                 qPrintable(w.banner()->headlines().join(u'|')));
        QVERIFY(w.banner()->detailText(0).contains(QLatin1String("judged at 2024-03-12 09:41:00 UTC (the message's "
                                                                 "Date header)")));
        QVERIFY(!w.banner()->badges(0).contains(QStringLiteral("expired")));

        // A chosen time after the expiry brings the verdict back.
        w.evaluationControl()->setChosenTime(QDateTime(QDate(2024, 4, 1), QTime(0, 0), Qt::UTC));
        QTest::mouseClick(w.evaluationControl()->button(EvaluationChoice::Chosen), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.currentEvidence()->result.result, Result::Policy);
        QVERIFY(w.banner()->detailText(0).contains(QLatin1String("2024-04-01 00:00:00 UTC (a chosen time)")));
    }

    void keyPaneShowsProvenance()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectFile(QStringLiteral("01_intact.eml")));
        const QString summary = w.keyPane()->summary()->text();
        QVERIFY(summary.contains(QLatin1String("newsroom2024._domainkey.example.com")));
        QVERIFY(summary.contains(QLatin1String("keys.zone")));
        QVERIFY(summary.contains(QLatin1String("RSA, 2048 bits")));
        QVERIFY(summary.contains(
            QString::fromLatin1(w.currentEvidence()->result.signatures.at(0).key->sha256Fingerprint())));
        QAbstractItemModelTester tester(w.keyPane()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(w.keyPane()->model()->rowOfTag("p") >= 0);
    }

    void maximiseRecentAndLayout()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(
            QSettings().value(QStringLiteral("recent")).toStringList().contains(QFileInfo(Samples).absoluteFilePath()));
        // Maximise the raw pane: the other panes step aside; again to restore.
        auto *button = w.rawPane()->findChild<QToolButton *>(QStringLiteral("maximizeButton"));
        QVERIFY(button);
        QVERIFY(button->isCheckable());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(w.rawPane()->isVisible());
        QVERIFY(!w.walkPane()->isVisible());
        QVERIFY(!w.canonicalPane()->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(w.walkPane()->isVisible());
        QVERIFY(w.canonicalPane()->isVisible());
        // The layout is saved on close and restored by the next window.
        w.rawPane()->whitespaceToggle()->setChecked(true);
        w.close();
        MainWindow again;
        QVERIFY(again.rawPane()->whitespaceToggle()->isChecked());
        again.rawPane()->whitespaceToggle()->setChecked(false);
        again.close();
    }

    void keyboardNavigation()
    {
        MainWindow &w = openSamples();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QVERIFY(w.selectRow(0));
        const EvidencePtr first = w.currentEvidence();
        w.listView()->setFocus();
        QTest::keyClick(w.listView(), Qt::Key_Down);
        QVERIFY(w.currentEvidence() != first);
        QVERIFY(w.currentEvidence());
    }

    void largeFoldersKeepLightItems()
    {
        m_w = std::make_unique<MainWindow>();
        MainWindow &w = *m_w;
        w.loader()->setStripAbove(0); // every item light, as in a folder of thousands
        w.loadKeys(Samples + QStringLiteral("/keys.zone"));
        w.openPaths({Samples});
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.listModel()->rowCount(), 11);
        for (const RowPtr &r : w.listModel()->rows()) {
            QVERIFY(r->isLight());
            QVERIFY(!r->full);
            QVERIFY(!r->isError());
        }
        // Shown, a light item is read again in full, with the same verdict.
        QVERIFY(w.selectFile(QStringLiteral("05_partial_body.eml")));
        QVERIFY(w.currentEvidence()->message);
        QCOMPARE(w.currentEvidence()->result.result, Result::Pass);
        QCOMPARE(w.canonicalPane()->bodyView()->bytes().size(), 190);
        QCOMPARE(w.rawPane()->view()->bytes().size(), 1092);
        // Re-verification of light items works too.
        QTest::mouseClick(w.evaluationControl()->button(EvaluationChoice::DateHeader), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 20000);
        QCOMPARE(w.currentEvidence()->result.evaluatedAtBasis, QStringLiteral("date_header"));
        QCOMPARE(w.listModel()->rowCount(), 11);
    }

    void loaderStopsWithItsOwner()
    {
        auto *loader = new EvidenceLoader;
        int delivered = 0;
        connect(loader, &EvidenceLoader::itemsReady, this,
                [&delivered](const QList<RowPtr> &rows) { delivered += int(rows.size()); });
        VerificationSettings s;
        loader->open({Samples, Samples, Samples}, s);
        delete loader; // stops the worker and waits; nothing is delivered afterwards
        const int after = delivered;
        QTest::qWait(100);
        QCOMPARE(delivered, after);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
