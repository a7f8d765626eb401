// Issue 7 in the window: the ARC tab (chain verdict, one row per instance, its headers and checks),
// the Authentication-Results tab (one row per header, the recorded dkim= results matched to our
// signatures, disagreements), both linked to the raw bytes; the banner's ARC line and DMARC badges.
#include "arc_pane.h"
#include "auth_results_pane.h"
#include "byte_view.h"
#include "main_window.h"
#include "raw_pane.h"
#include "signature_pane.h"
#include "tag_table_model.h"
#include "verdict_banner.h"

#include <QDockWidget>
#include <QLabel>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Samples = QStringLiteral(DKIMI_SAMPLES);
const QString ArcData = QStringLiteral(DKIMI_TEST_DATA) + QStringLiteral("/arc");
const QString ListSample = QStringLiteral("/10_mailing_list_arc.eml");

QList<QTreeWidgetItem *> allItems(QTreeWidget *tree)
{
    QList<QTreeWidgetItem *> out, todo;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        todo << tree->topLevelItem(i);
    while (!todo.isEmpty()) {
        QTreeWidgetItem *it = todo.takeFirst();
        out << it;
        for (int c = 0; c < it->childCount(); ++c)
            todo << it->child(c);
    }
    return out;
}

} // namespace

class TestSurroundingView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;

    MainWindow &open(const QString &file, const QString &keys)
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        m_w->loadKeys(keys);
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths({file});
        if (!done.wait(20000))
            qWarning("loading did not finish");
        m_w->selectRow(0);
        return *m_w;
    }

    MainWindow &openListSample() { return open(Samples + ListSample, Samples + QStringLiteral("/keys.zone")); }

    // Brings a dock's tab to the front, as a click on its tab would.
    static void raiseDock(MainWindow &w, const QString &name)
    {
        auto *dock = w.findChild<QDockWidget *>(name);
        QVERIFY(dock);
        dock->raise();
        QTRY_VERIFY(!dock->widget()->visibleRegion().isEmpty());
    }

    // Clicks a row of a tree, as a user would.
    static void clickItem(QTreeWidget *tree, QTreeWidgetItem *item)
    {
        tree->scrollToItem(item);
        tree->doItemsLayout(); // rows just expanded are laid out lazily
        QCoreApplication::processEvents();
        const QRect r = tree->visualItemRect(item);
        QVERIFY(r.isValid());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          QPoint(qBound(r.left() + 1, tree->viewport()->width() / 2, r.right() - 1), r.center().y()));
        QCOMPARE(tree->currentItem(), item);
    }

    static QList<ByteRange> rawHighlights(MainWindow &w)
    {
        QList<ByteRange> out;
        for (const ByteRange &r : w.rawPane()->view()->highlights()) {
            if (r.source == SourceId::RawMessage)
                out << r;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_surrounding_view"));
        QSettings().clear();
    }

    void cleanup()
    {
        m_w.reset();
        QSettings().clear();
    }

    void arcTabShowsEveryInstance()
    {
        MainWindow &w = openListSample();
        QVERIFY(w.currentEvidence());
        const ArcResult &arc = w.currentEvidence()->result.arc;
        QCOMPARE(arc.result, ArcChainResult::Pass);
        QCOMPARE(arc.hops.size(), 2);

        ArcPane *pane = w.arcPane();
        QVERIFY(!pane->showsEmptyState());
        QCOMPARE(pane->verdictLabel()->text(), QStringLiteral("ARC: chain intact, sealed by 2 forwarders"));
        QVERIFY2(pane->detailLabel()->text().contains(QStringLiteral("lists.example.net → alumni.example.org")),
                 qPrintable(pane->detailLabel()->text()));

        int hops = 0;
        for (int i = 0; i < pane->tree()->topLevelItemCount(); ++i)
            hops += pane->nodeOf(pane->tree()->topLevelItem(i)) == ArcPane::Node::Hop ? 1 : 0;
        QCOMPARE(hops, 2);
        const QStringList sealers{QStringLiteral("lists.example.net"), QStringLiteral("alumni.example.org")};
        const QStringList cvs{QStringLiteral("none"), QStringLiteral("pass")};
        for (int i = 1; i <= 2; ++i) {
            QTreeWidgetItem *row = pane->hopItem(i);
            QVERIFY(row);
            QCOMPARE(row->text(ArcPane::SealerColumn), sealers.at(i - 1));
            QCOMPARE(row->text(ArcPane::CvColumn), cvs.at(i - 1));
            QCOMPARE(row->text(ArcPane::AmsColumn), QStringLiteral("verifies"));
            QCOMPARE(row->text(ArcPane::SealColumn), QStringLiteral("verifies"));
            QCOMPARE(row->text(ArcPane::RecordedByColumn),
                     i == 1 ? QStringLiteral("mx.lists.example.net") : QStringLiteral("mx.alumni.example.org"));
            // Its three headers, then the walk of each check (the same steps as a DKIM signature).
            QVERIFY(pane->headerItem(i, "ARC-Seal"));
            QVERIFY(pane->headerItem(i, "ARC-Message-Signature"));
            QVERIFY(pane->headerItem(i, "ARC-Authentication-Results"));
            int checks = 0;
            for (int c = 0; c < row->childCount(); ++c) {
                if (pane->nodeOf(row->child(c)) == ArcPane::Node::Check) {
                    ++checks;
                    QVERIFY(row->child(c)->childCount() >= 5);
                }
            }
            QCOMPARE(checks, 2);
        }
    }

    void selectingAnInstanceMarksItsBytes()
    {
        MainWindow &w = openListSample();
        raiseDock(w, QStringLiteral("arcDock"));
        const ArcResult &arc = w.currentEvidence()->result.arc;
        const QByteArray raw = w.currentEvidence()->message->raw();
        ArcPane *pane = w.arcPane();

        // The instance: its ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results.
        clickItem(pane->tree(), pane->hopItem(1));
        const ArcHop &hop1 = arc.hops.at(0);
        QCOMPARE(rawHighlights(w), (QList<ByteRange>{hop1.seal.range, hop1.ams.range, hop1.aar.range}));
        QVERIFY(raw.mid(hop1.seal.range.offset, hop1.seal.range.length).startsWith("ARC-Seal: i=1;"));

        // One header of instance 2.
        const ArcHop &hop2 = arc.hops.at(1);
        clickItem(pane->tree(), pane->headerItem(2, "ARC-Message-Signature"));
        QCOMPARE(rawHighlights(w), QList<ByteRange>{hop2.ams.range});
        QVERIFY(raw.mid(hop2.ams.range.offset, hop2.ams.range.length).startsWith("ARC-Message-Signature: i=2;"));
        QCOMPARE(w.currentSelection().headerIndex, hop2.ams.headerIndex);

        // A step of the seal's walk marks what it read: here the cv= tag of seal 2.
        QTreeWidgetItem *sealCheck = nullptr;
        for (int c = 0; c < pane->hopItem(2)->childCount(); ++c) {
            QTreeWidgetItem *ch = pane->hopItem(2)->child(c);
            if (pane->nodeOf(ch) == ArcPane::Node::Check && ch->text(0).contains(QLatin1String("ARC-Seal")))
                sealCheck = ch;
        }
        QVERIFY(sealCheck);
        sealCheck->setExpanded(true);
        QTreeWidgetItem *cvStep = nullptr;
        for (int c = 0; c < sealCheck->childCount(); ++c) {
            if (sealCheck->child(c)->text(0).startsWith(QLatin1String("Chain validation status")))
                cvStep = sealCheck->child(c);
        }
        QVERIFY(cvStep);
        clickItem(pane->tree(), cvStep);
        const QList<ByteRange> marked = rawHighlights(w);
        QVERIFY(!marked.isEmpty());
        QCOMPARE(raw.mid(marked.first().offset, marked.first().length), QByteArray("pass"));
        QVERIFY(hop2.seal.range.contains(marked.first().offset));

        // The other way: a click on the bytes of an ARC header selects its row.
        w.rawPane()->view()->setFocus();
        QTextCursor c(w.rawPane()->view()->document());
        c.setPosition(w.rawPane()->view()->positionOf(hop1.aar.range.offset + 5));
        w.rawPane()->view()->setTextCursor(c);
        QTRY_COMPARE(pane->tree()->currentItem(), pane->headerItem(1, "ARC-Authentication-Results"));
    }

    void authenticationResultsShowTheDisagreement()
    {
        MainWindow &w = openListSample();
        raiseDock(w, QStringLiteral("authResultsDock"));
        const MessageResult &r = w.currentEvidence()->result;
        AuthResultsPane *pane = w.authResultsPane();
        QVERIFY(!pane->showsEmptyState());
        QCOMPARE(r.authenticationResults.size(), 4);
        QCOMPARE(pane->tree()->topLevelItemCount(), 4);

        // Top to bottom, as in the file: the forwarder's AAR and A-R, then the list's.
        const QStringList servers{QStringLiteral("mx.alumni.example.org"), QStringLiteral("mx.alumni.example.org"),
                                  QStringLiteral("mx.lists.example.net"), QStringLiteral("mx.lists.example.net")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(pane->headerItem(i)->text(AuthResultsPane::ServerColumn), servers.at(i));
            QCOMPARE(QString::fromLatin1(r.authenticationResults.at(i).authservId), servers.at(i));
            QCOMPARE(pane->headerItem(i)->text(AuthResultsPane::TrustColumn), QStringLiteral("not trusted"));
        }
        QCOMPARE(pane->headerItem(0)->text(AuthResultsPane::HeaderColumn),
                 QStringLiteral("ARC-Authentication-Results i=2"));
        QCOMPARE(pane->headerItem(1)->text(AuthResultsPane::PositionColumn), QStringLiteral("added after hop 1 of 2"));
        QCOMPARE(pane->headerItem(3)->text(AuthResultsPane::PositionColumn),
                 QStringLiteral("by the first receiving server"));

        // The list recorded dkim=pass for example.com; its body hash fails now.
        const QString sentence =
            QStringLiteral("mx.lists.example.net recorded dkim=pass at receipt; the body has changed since");
        QTreeWidgetItem *row = nullptr;
        for (QTreeWidgetItem *it : allItems(pane->tree())) {
            if (pane->nodeOf(it) == AuthResultsPane::Node::Disagreement && it->text(0) == sentence)
                row = it;
        }
        QVERIFY(row);
        QVERIFY(row->data(0, AuthResultsPane::DisagreesRole).toBool());
        QVERIFY(pane->summary()->text().contains(sentence));
        // The method row above it names the signature it speaks about.
        QTreeWidgetItem *method = row->parent();
        QCOMPARE(method->text(AuthResultsPane::ServerColumn), QStringLiteral("dkim=pass"));
        QCOMPARE(method->text(AuthResultsPane::CheckColumn), QStringLiteral("signature 2 (example.com): fail now; "
                                                                            "disagrees"));
        // The forwarder recorded dkim=fail for it: that one agrees.
        bool agreeing = false;
        for (QTreeWidgetItem *it : allItems(pane->tree()))
            agreeing = agreeing || it->text(AuthResultsPane::CheckColumn) ==
                                       QStringLiteral("signature 2 (example.com): fail now; agrees");
        QVERIFY(agreeing);

        // The calm, permanent note.
        QVERIFY(pane->note()->text().contains(QLatin1String("could have written it")));
        QVERIFY(pane->note()->text().contains(QLatin1String("You have named no trusted servers.")));

        // Selecting a header marks its bytes in the raw pane.
        const AuthenticationResults &listAr = r.authenticationResults.at(3);
        const HeaderField &hf = w.currentEvidence()->message->headers().at(listAr.headerIndex);
        const ByteRange expected = w.currentEvidence()->message->rawRange(hf.offset, hf.length);
        clickItem(pane->tree(), pane->headerItem(3));
        QCOMPARE(rawHighlights(w), QList<ByteRange>{expected});
        QVERIFY(w.currentEvidence()
                    ->message->raw()
                    .mid(expected.offset, expected.length)
                    .startsWith("Authentication-Results: mx.lists.example.net;"));

        // Selecting the recorded dkim= result shows the signature it speaks about.
        clickItem(pane->tree(), method);
        QCOMPARE(w.currentSignature(), 1);
        QCOMPARE(rawHighlights(w).size(), 1);
        QVERIFY(w.currentEvidence()
                    ->message->raw()
                    .mid(rawHighlights(w).first().offset, rawHighlights(w).first().length)
                    .startsWith("dkim=pass header.d=example.com"));
    }

    void trustingAServerMakesItsDisagreementAWarning()
    {
        MainWindow &w = openListSample();
        QSignalSpy done(&w, &MainWindow::loadingFinished);
        w.setTrustedAuthservIds({QStringLiteral(" mx.lists.example.net"), QString()});
        QCOMPARE(w.trustedAuthservIds(), QStringList{QStringLiteral("mx.lists.example.net")});
        QVERIFY(done.wait(20000));
        const MessageResult &r = w.currentEvidence()->result;
        bool warned = false;
        for (const ArDkimMatch &m : r.arDkimMatches) {
            for (const Finding &f : m.findings)
                warned =
                    warned || (m.trusted && f.code == QLatin1String("ar_disagrees") && f.severity == Severity::Warning);
        }
        QVERIFY(warned);
        AuthResultsPane *pane = w.authResultsPane();
        QCOMPARE(pane->headerItem(3)->text(AuthResultsPane::TrustColumn), QStringLiteral("trusted"));
        QCOMPARE(pane->headerItem(1)->text(AuthResultsPane::TrustColumn), QStringLiteral("not trusted"));
        QVERIFY(pane->note()->text().contains(QLatin1String("Trusted servers: mx.lists.example.net.")));
        // Kept for the next session.
        QCOMPARE(QSettings().value(QStringLiteral("verification/trustedAuthservIds")).toStringList(),
                 QStringList{QStringLiteral("mx.lists.example.net")});
    }

    void bannerMentionsArcAndAlignment()
    {
        MainWindow &w = openListSample();
        const MessageResult &r = w.currentEvidence()->result;
        QCOMPARE(r.signatures.size(), 2);
        QCOMPARE(w.banner()->contextText(), QStringLiteral("ARC: chain intact, sealed by 2 forwarders "
                                                           "(lists.example.net → alumni.example.org)"));
        // Signature 1 is the list's own: valid, but not the From domain. Signature 2 is the author's.
        QCOMPARE(r.signatures.at(0).dmarcAlignment->alignment, Alignment::None);
        QVERIFY(w.banner()->badges(0).contains(QStringLiteral("signer is not the From domain example.com")));
        QCOMPARE(w.banner()->headlines().value(0),
                 QStringLiteral("Signed by lists.example.net — unchanged since signing, with caveats"));
        QCOMPARE(r.signatures.at(1).dmarcAlignment->alignment, Alignment::Strict);
        QVERIFY(w.banner()->badges(1).contains(QStringLiteral("aligned with From")));
        QCOMPARE(w.banner()->headlines().value(1),
                 QStringLiteral("The body was changed after example.com signed it; the signed headers are intact"));

        // The Signature pane says it beside d=, for the signature on show.
        auto dNote = [&w] {
            const TagTableModel *m = w.signaturePane()->model();
            return m->rows().at(m->rowOfTag("d")).finding;
        };
        QCOMPARE(dNote(), QStringLiteral("not the From domain example.com (DMARC: not aligned)"));
        w.selectSignature(1);
        QCOMPARE(dNote(), QStringLiteral("the From domain (DMARC: aligned, strict)"));

        // A click on the banner's ARC line brings the ARC tab to the front.
        auto *arcDock = w.findChild<QDockWidget *>(QStringLiteral("arcDock"));
        // A dock behind another tab is moved out of sight rather than hidden: nothing of it shows.
        QVERIFY(arcDock->widget()->visibleRegion().isEmpty()); // the Headers tab is in front
        auto *line = w.banner()->findChild<QLabel *>(QStringLiteral("verdictContextText"));
        QVERIFY(line && line->isVisible());
        QTest::mouseClick(line, Qt::LeftButton, {}, QPoint(5, line->height() / 2));
        QTRY_VERIFY(!arcDock->widget()->visibleRegion().isEmpty());
    }

    void messageWithoutArcShowsTheEmptyState()
    {
        MainWindow &w = open(Samples + QStringLiteral("/01_intact.eml"), Samples + QStringLiteral("/keys.zone"));
        raiseDock(w, QStringLiteral("arcDock"));
        QVERIFY(w.arcPane()->showsEmptyState());
        QVERIFY(!w.arcPane()->emptyLabel()->visibleRegion().isEmpty());
        QCOMPARE(w.arcPane()->verdictLabel()->text(),
                 QStringLiteral("No ARC headers: no forwarder sealed this message."));
        QCOMPARE(w.arcPane()->tree()->topLevelItemCount(), 0);
        QVERIFY(w.authResultsPane()->showsEmptyState());
        QVERIFY(w.authResultsPane()->emptyLabel()->text().startsWith(QLatin1String("No Authentication-Results")));
        QVERIFY(w.banner()->contextText().isEmpty());
        QVERIFY(w.banner()->badges(0).contains(QStringLiteral("aligned with From")));
    }

    void headerWithoutServerNameIsSaidSo()
    {
        // Microsoft writes Authentication-Results without an authserv-id: the row says so.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("no_authserv.eml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Received: from a.example by b.example; Tue, 12 Mar 2024 10:00:00 +0000\r\n"
                "Authentication-Results: spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com;\r\n"
                " dkim=none (message not signed) header.d=none\r\n"
                "From: Eve <eve@example.net>\r\nSubject: Hello\r\n\r\nNo signature here.\r\n");
        f.close();
        MainWindow &w = open(f.fileName(), Samples + QStringLiteral("/keys.zone"));
        const MessageResult &r = w.currentEvidence()->result;
        QCOMPARE(r.authenticationResults.size(), 1);
        QVERIFY(r.authenticationResults.first().authservId.isEmpty());
        AuthResultsPane *pane = w.authResultsPane();
        QTreeWidgetItem *row = pane->headerItem(0);
        QVERIFY(row);
        QCOMPARE(row->text(AuthResultsPane::ServerColumn), QStringLiteral("(no server named)"));
        QCOMPARE(row->text(AuthResultsPane::PositionColumn), QStringLiteral("by the first receiving server"));
        QStringList remarks, methods;
        for (int c = 0; c < row->childCount(); ++c) {
            if (pane->nodeOf(row->child(c)) == AuthResultsPane::Node::Remark)
                remarks << row->child(c)->text(0);
            if (pane->nodeOf(row->child(c)) == AuthResultsPane::Node::Method)
                methods << row->child(c)->text(0);
        }
        QCOMPARE(remarks, QStringList{QStringLiteral("This header does not name the server that wrote it.")});
        QCOMPARE(methods, (QStringList{QStringLiteral("spf=pass"), QStringLiteral("dkim=none")}));
    }

    void brokenChainNamesTheHop()
    {
        // The body was changed after the last of three hops sealed it (tests/data/arc, made by dkimpy).
        MainWindow &w = open(ArcData + QStringLiteral("/arc_body_changed.eml"), ArcData + QStringLiteral("/keys.zone"));
        const ArcResult &arc = w.currentEvidence()->result.arc;
        QCOMPARE(arc.result, ArcChainResult::Fail);
        QCOMPARE(arc.reason, QStringLiteral("arc_ams_fail"));
        const int n = int(arc.hops.size());
        QVERIFY(n >= 1);
        const QString at = QStringLiteral("ARC: chain broken at hop %1 (%2)")
                               .arg(n)
                               .arg(QString::fromLatin1(arc.hops.last().sealDomain));
        QCOMPARE(w.arcPane()->verdictLabel()->text(), at);
        QCOMPARE(w.banner()->contextText(), at);
        QVERIFY(w.arcPane()->hopItem(n)->text(ArcPane::HopColumn).contains(QLatin1String("broken here")));
        QCOMPARE(w.arcPane()->hopItem(n)->text(ArcPane::AmsColumn),
                 QStringLiteral("fails: the body changed after sealing"));
        QVERIFY(w.arcPane()->detailLabel()->text().startsWith(QLatin1String("The message changed after the last "
                                                                            "forwarder")));
    }
};

QTEST_MAIN(TestSurroundingView)
#include "tst_surrounding_view.moc"
