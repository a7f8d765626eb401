// Issue 7, item 5 in the window: the Timeline tab (every time of a message on a vertical axis, the
// contradictions between them, the evaluation time), linked to the raw bytes both ways; and the
// message's DMARC result in the banner and in the Authentication-Results tab. Fixtures are signed by
// tests/data/timeline/make_timeline.py and tests/data/dmarc/make_dmarc.py (dkimpy).
#include "auth_results_pane.h"
#include "byte_view.h"
#include "dmarc_view.h"
#include "evaluation_time_control.h"
#include "main_window.h"
#include "raw_pane.h"
#include "timeline_pane.h"
#include "timeline_view.h"
#include "verdict_banner.h"
#include "verdict_icons.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <optional>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Samples = QStringLiteral(DKIMI_SAMPLES);
const QString TimelineData = QStringLiteral(DKIMI_TEST_DATA) + QStringLiteral("/timeline/");
const QString DmarcData = QStringLiteral(DKIMI_TEST_DATA) + QStringLiteral("/dmarc/");

QJsonObject expectedCase(const QString &name)
{
    QFile f(TimelineData + QStringLiteral("expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("cases"))
        .toObject()
        .value(name)
        .toObject();
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;

    MainWindow &open(const QString &file, const QString &keys, std::optional<EvaluationChoice> choice = std::nullopt)
    {
        m_w = std::make_unique<MainWindow>();
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        if (choice)
            m_w->evaluationControl()->setChoice(*choice);
        m_w->loadKeys(keys);
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths({file});
        if (!done.wait(20000))
            qWarning("loading did not finish");
        m_w->selectRow(0);
        return *m_w;
    }

    MainWindow &openTimeline(const QString &name, std::optional<EvaluationChoice> choice = std::nullopt)
    {
        MainWindow &w =
            open(TimelineData + name + QStringLiteral(".eml"), TimelineData + QStringLiteral("keys.zone"), choice);
        raiseDock(w, QStringLiteral("timelineDock"));
        return w;
    }

    static void raiseDock(MainWindow &w, const QString &name)
    {
        auto *dock = w.findChild<QDockWidget *>(name);
        QVERIFY(dock);
        dock->raise();
        QTRY_VERIFY(!dock->widget()->visibleRegion().isEmpty());
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

    // Clicks the mark of an event, as a user would.
    static void clickEvent(TimelineView *view, int event)
    {
        view->scrollTo(view->model()->index(event, 0));
        QCoreApplication::processEvents();
        const QRect r = view->eventRect(event);
        QVERIFY(r.isValid());
        const QPoint at(view->viewport()->width() / 2, r.bottom() - 12); // inside the event's band
        QCOMPARE(view->eventAt(at), event);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(view->currentEvent(), event);
    }

    // Puts the raw pane's cursor on one byte, as a click there does.
    static void clickRawByte(MainWindow &w, qsizetype byte)
    {
        ByteView *v = w.rawPane()->view();
        v->setFocus();
        QTextCursor c(v->document());
        c.setPosition(v->positionOf(byte));
        v->setTextCursor(c);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_timeline_view"));
        QSettings().clear();
    }

    void cleanup()
    {
        m_w.reset();
        QSettings().clear();
    }

    void showsEveryEventInCoreOrder()
    {
        MainWindow &w = openTimeline(QStringLiteral("hop_back"));
        const Timeline &t = w.currentEvidence()->result.timeline;
        const QJsonObject exp = expectedCase(QStringLiteral("hop_back"));
        const QJsonArray hops = exp.value(QStringLiteral("hops")).toArray();
        QCOMPARE(hops.size(), 2);
        // Date, t= and two hops (no x=, no ARC, no Authentication-Results in this fixture).
        QCOMPARE(t.events.size(), 4);

        TimelinePane *pane = w.timelinePane();
        QVERIFY(!pane->showsEmptyState());
        TimelineView *view = pane->view();
        QCOMPARE(view->model()->rowCount(), t.events.size());
        for (int i = 0; i < t.events.size(); ++i) {
            QCOMPARE(view->model()->index(i, 0).data(TimelineView::EventRole).toInt(), i);
            if (i > 0)
                QVERIFY(view->eventRect(i).top() > view->eventRect(i - 1).top()); // time flows downward
        }
        // Hop 2 was stamped an hour before hop 1: it comes first on the axis, and its row says so.
        QCOMPARE(t.events.first().kind, TimelineEventKind::Received);
        QCOMPARE(t.events.first().hop, 2);
        QCOMPARE(t.events.first().time, utc(qint64(hops.at(1).toDouble())));
        QCOMPARE(t.events.last().hop, 1);
        const QString spoken = view->model()->index(0, 0).data().toString();
        QVERIFY2(spoken.contains(QLatin1String("Hop 2: store.example.org received it from mx.example.org")),
                 qPrintable(spoken));
        QVERIFY2(spoken.contains(QLatin1String("1 h before hop 1")), qPrintable(spoken));
        QVERIFY(spoken.contains(QLatin1String("part of contradiction 1")));
        QVERIFY(view->model()->index(3, 0).data().toString().contains(QLatin1String("00:00:40 UTC")));

        // The contradiction: listed in words, and a bracket on the axis from hop 2 to hop 1.
        QCOMPARE(t.contradictions.size(), 1);
        QCOMPARE(t.contradictions.first().code, QStringLiteral("hop_back_in_time"));
        QCOMPARE(t.contradictions.first().events, (QList<int>{3, 0}));
        QVERIFY(pane->contradictionsLabel()->isVisible());
        const QString listed = pane->contradictionsLabel()->text();
        QVERIFY2(listed.contains(QLatin1String("A hop is stamped before the hop below it")), qPrintable(listed));
        QVERIFY(listed.contains(QLatin1String("warning")));
        QVERIFY(listed.contains(t.contradictions.first().detail.toHtmlEscaped()));
        QCOMPARE(view->laneOf(0), 0);
        QCOMPARE(TimelineView::severityColor(t.contradictions.first().severity),
                 VerdictIcons::color(VerdictIcons::Kind::Caveat));
        QCOMPARE(pane->title(), QStringLiteral("Timeline"));
        QCOMPARE(pane->titleDetail(), QStringLiteral("4 times, in order · 1 contradiction"));
    }

    void listsEachContradictionInWords_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("words");
        QTest::newRow("signed after receipt") << "signed_after_receipt"
                                              << "Signed after it was received";
        QTest::newRow("Date far from t=") << "date_far"
                                          << "The Date header is far from the signing time";
        QTest::newRow("dated after receipt") << "date_after_receipt"
                                             << "Dated after the first server received it";
        QTest::newRow("expired before receipt") << "expired_before_receipt"
                                                << "The signature had expired when the message arrived";
        QTest::newRow("consistent") << "consistent" << QString();
    }

    void listsEachContradictionInWords()
    {
        QFETCH(QString, name);
        QFETCH(QString, words);
        MainWindow &w = openTimeline(name);
        const Timeline &t = w.currentEvidence()->result.timeline;
        const QJsonArray codes = expectedCase(name).value(QStringLiteral("contradictions")).toArray();
        QCOMPARE(t.contradictions.size(), codes.size());
        QLabel *label = w.timelinePane()->contradictionsLabel();
        if (words.isEmpty()) {
            QVERIFY(!label->isVisible());
            QCOMPARE(w.timelinePane()->titleDetail(), QStringLiteral("5 times, in order; no contradiction"));
            return;
        }
        QCOMPARE(t.contradictions.first().code, codes.first().toString());
        QVERIFY2(label->text().contains(words), qPrintable(label->text()));
        // The bracket joins the events concerned; their rows say they are part of it.
        QCOMPARE(w.timelinePane()->view()->laneOf(0), 0);
        for (int e : t.contradictions.first().events)
            QVERIFY(w.timelinePane()->view()->model()->index(e, 0).data().toString().contains(
                QLatin1String("contradiction")));

        // A click on the contradiction marks the bytes of the events concerned.
        QSignalSpy links(label, &QLabel::linkActivated);
        Q_EMIT label->linkActivated(QStringLiteral("c:0"));
        QList<ByteRange> expected;
        for (int e : t.contradictions.first().events) {
            const FieldSelection s = TimelinePane::selectionFor(w.currentEvidence()->result, e);
            for (const ByteRange &b : s.ranges) {
                if (!expected.contains(b))
                    expected << b;
            }
        }
        QVERIFY(!expected.isEmpty());
        QCOMPARE(rawHighlights(w), expected);
    }

    void selectingAnEventMarksItsBytes()
    {
        MainWindow &w = openTimeline(QStringLiteral("consistent"));
        const MessageResult &r = w.currentEvidence()->result;
        const QByteArray raw = w.currentEvidence()->message->raw();
        const QJsonObject exp = expectedCase(QStringLiteral("consistent"));
        TimelineView *view = w.timelinePane()->view();
        // Date, t=, hop 1, hop 2, x= (a week later).
        QCOMPARE(r.timeline.events.size(), 5);
        for (int i = 0; i < r.timeline.events.size(); ++i) {
            const TimelineEvent &e = r.timeline.events.at(i);
            clickEvent(view, i);
            switch (e.kind) {
            case TimelineEventKind::Received:
                QCOMPARE(rawHighlights(w), QList<ByteRange>{e.range});
                QVERIFY(raw.mid(e.range.offset, e.range.length).startsWith("Received: from "));
                QCOMPARE(w.currentSelection().headerIndex, e.headerIndex);
                break;
            case TimelineEventKind::Date:
                QCOMPARE(rawHighlights(w), QList<ByteRange>{e.range});
                QVERIFY(raw.mid(e.range.offset, e.range.length).startsWith("Date: "));
                break;
            case TimelineEventKind::SignatureTimestamp:
                // The time's own bytes: the value of t=, and the tag in the Signature pane.
                QCOMPARE(rawHighlights(w), QList<ByteRange>{e.timeRange});
                QCOMPARE(raw.mid(e.timeRange.offset, e.timeRange.length),
                         QByteArray::number(qint64(exp.value(QStringLiteral("t")).toDouble())));
                QCOMPARE(w.currentSelection().tag, QByteArray("t"));
                break;
            case TimelineEventKind::SignatureExpiry:
                QCOMPARE(rawHighlights(w), QList<ByteRange>{e.timeRange});
                QCOMPARE(raw.mid(e.timeRange.offset, e.timeRange.length),
                         QByteArray::number(qint64(exp.value(QStringLiteral("x")).toDouble())));
                break;
            default:
                QFAIL("unexpected event in the consistent fixture");
            }
        }
        // Keyboard: Home, then Down moves to the next event and marks its bytes.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(view->currentEvent(), 0);
        QCOMPARE(rawHighlights(w), QList<ByteRange>{r.timeline.events.at(0).range}); // Date
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->currentEvent(), 1);
        QCOMPARE(rawHighlights(w), QList<ByteRange>{r.timeline.events.at(1).timeRange}); // t=
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentEvent(), 4);
        // The same from code (gui_main's --timeline-event).
        w.timelinePane()->selectEvent(2);
        QCOMPARE(view->currentEvent(), 2);
        QCOMPARE(rawHighlights(w), QList<ByteRange>{r.timeline.events.at(2).range}); // hop 1
        QVERIFY(!view->accessibleName().isEmpty());
    }

    void clickingRawBytesSelectsTheEvent()
    {
        MainWindow &w = openTimeline(QStringLiteral("hop_back"));
        const Timeline &t = w.currentEvidence()->result.timeline;
        TimelineView *view = w.timelinePane()->view();
        QCOMPARE(view->currentEvent(), -1);
        for (int i = 0; i < t.events.size(); ++i) {
            const TimelineEvent &e = t.events.at(i);
            // The middle of its header (for t=: of the DKIM-Signature, on some other tag).
            const ByteRange &range = e.range;
            QVERIFY(range.offset >= 0);
            clickRawByte(w, range.offset + range.length / 2);
            QTRY_COMPARE(view->currentEvent(), i);
            QVERIFY(!view->selectionModel()->selectedIndexes().isEmpty());
        }
        // A header without a time (Subject) clears it.
        const QList<int> subj = w.currentEvidence()->message->headerIndexes("Subject");
        QCOMPARE(subj.size(), 1);
        clickRawByte(w, w.currentEvidence()->message->headers().at(subj.first()).offset + 2);
        QTRY_COMPARE(view->currentEvent(), -1);
    }

    void evaluationLineAtTheFirstHop()
    {
        MainWindow &w = openTimeline(QStringLiteral("consistent"), EvaluationChoice::FirstReceived);
        const MessageResult &r = w.currentEvidence()->result;
        const QJsonObject exp = expectedCase(QStringLiteral("consistent"));
        const QDateTime hop1 = utc(qint64(exp.value(QStringLiteral("hops")).toArray().at(0).toDouble()));
        QCOMPARE(r.evaluatedAtBasis, QStringLiteral("first_received"));
        QCOMPARE(r.evaluatedAt, hop1);
        TimelineView *view = w.timelinePane()->view();
        // Right below hop 1 (Date, t=, hop 1 | line | hop 2, x=).
        int hop1Event = -1;
        for (int i = 0; i < r.timeline.events.size(); ++i) {
            if (r.timeline.events.at(i).hop == 1)
                hop1Event = i;
        }
        QCOMPARE(hop1Event, 2);
        QCOMPARE(view->evaluationRow(), hop1Event + 1);
        QCOMPARE(view->evaluationText(), QStringLiteral("x= and t= judged at the first Received hop: 2025-06-01 "
                                                        "00:00:35 UTC"));
    }

    void evaluationLineNow()
    {
        MainWindow &w = openTimeline(QStringLiteral("consistent"), EvaluationChoice::Now);
        const MessageResult &r = w.currentEvidence()->result;
        QCOMPARE(r.evaluatedAtBasis, QStringLiteral("now"));
        int before = 0;
        for (const TimelineEvent &e : r.timeline.events)
            before += e.time <= r.evaluatedAt ? 1 : 0;
        QCOMPARE(w.timelinePane()->view()->evaluationRow(), before);
        QVERIFY(w.timelinePane()->view()->evaluationText().startsWith(QLatin1String("x= and t= judged now")));
        QVERIFY(w.timelinePane()->view()->evaluationText().endsWith(
            r.evaluatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))));
    }

    void messageWithoutTimesShowsTheEmptyState()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("no_times.eml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("From: Eve <eve@example.net>\r\nSubject: Hello\r\n\r\nNo time anywhere.\r\n");
        f.close();
        MainWindow &w = open(f.fileName(), Samples + QStringLiteral("/keys.zone"));
        raiseDock(w, QStringLiteral("timelineDock"));
        QVERIFY(w.currentEvidence()->result.timeline.events.isEmpty());
        QVERIFY(w.timelinePane()->showsEmptyState());
        QVERIFY(!w.timelinePane()->emptyLabel()->visibleRegion().isEmpty());
        QVERIFY(w.timelinePane()->emptyLabel()->text().startsWith(QLatin1String("No times in this message")));
        QCOMPARE(w.timelinePane()->view()->model()->rowCount(), 0);
    }

    void dmarcInBannerAndDetails_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("line");
        QTest::newRow("aligned strict: pass")
            << "aligned_strict.eml" << int(DmarcResult::Pass)
            << "DMARC: pass — signature 1 is aligned (relaxed) with the From domain example.com; policy p=reject";
        QTest::newRow("relaxed from a subdomain: pass, sp=")
            << "aligned_relaxed.eml" << int(DmarcResult::Pass)
            << "DMARC: pass — signature 1 is aligned (relaxed) with the From domain news.example.com; policy "
               "sp=quarantine";
        QTest::newRow("third-party signer: fail")
            << "not_aligned.eml" << int(DmarcResult::Fail)
            << "DMARC: fail — no passing signature is aligned (relaxed) with the From domain example.com; policy "
               "p=reject";
        QTest::newRow("512-bit key not counted: fail")
            << "weak_key.eml" << int(DmarcResult::Fail)
            << "DMARC: fail — no passing signature is aligned (relaxed) with the From domain example.com (signature 1 "
               "is aligned but not counted: valid, with a policy caveat); policy p=reject";
    }

    void dmarcInBannerAndDetails()
    {
        QFETCH(QString, file);
        QFETCH(int, result);
        QFETCH(QString, line);
        MainWindow &w = open(DmarcData + file, DmarcData + QStringLiteral("dmarc.zone"));
        const MessageResult &r = w.currentEvidence()->result;
        QVERIFY(r.dmarc);
        QCOMPARE(int(r.dmarc->result), result);
        // The banner: the result in one line, then what it rests on.
        QCOMPARE(w.banner()->dmarcText(), line);
        auto *text = w.banner()->findChild<QLabel *>(QStringLiteral("verdictDmarcText"));
        QVERIFY(text && text->isVisible());
        QVERIFY2(text->text().contains(QLatin1String("today&#x27;s record, from the key file dmarc.zone")) ||
                     text->text().contains(QLatin1String("today's record, from the key file dmarc.zone")),
                 qPrintable(text->text()));
        QVERIFY(text->text().contains(QLatin1String("SPF cannot be re-checked")));

        // A click on it brings the Authentication-Results tab, with the details, to the front.
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("authResultsDock"));
        QVERIFY(dock->widget()->visibleRegion().isEmpty());
        QTest::mouseClick(text, Qt::LeftButton, {}, QPoint(5, 5));
        QTRY_VERIFY(!dock->widget()->visibleRegion().isEmpty());
        DmarcView *view = w.authResultsPane()->dmarcView();
        QVERIFY(view->isVisible());
        QCOMPARE(view->headline()->text(), line);
        QVERIFY(view->item(DmarcView::Row::Result)
                    ->text(1)
                    .startsWith(QStringLiteral("%1 (%2)").arg(result == int(DmarcResult::Pass) ? QStringLiteral("pass")
                                                                                               : QStringLiteral("fail"),
                                                              r.dmarc->code)));
        QCOMPARE(view->item(DmarcView::Row::Record)->text(1),
                 QStringLiteral("v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc-reports@example.com"));
        QCOMPARE(view->item(DmarcView::Row::FoundAt)->text(1), QStringLiteral("_dmarc.example.com"));
        QVERIFY(view->item(DmarcView::Row::Source)->text(1).startsWith(QLatin1String("the key file dmarc.zone")));
        QVERIFY(view->item(DmarcView::Row::Spf)
                    ->text(1)
                    .startsWith(QLatin1String("not known: SPF cannot be "
                                              "re-checked")));
        QStringList caveats;
        for (QTreeWidgetItem *it : view->items(DmarcView::Row::Caveat))
            caveats << it->text(1);
        QVERIFY(caveats.join(QLatin1Char('\n')).contains(QLatin1String("comes from the key file")));
        QCOMPARE(view->items(DmarcView::Row::Caveat).size(), r.dmarc->caveats.size() + 1);
        QCOMPARE(view->items(DmarcView::Row::Lookup).size(), r.dmarc->discovery.lookups.size() + 1);

        // Selecting the From domain marks the From header DMARC checked.
        QTreeWidgetItem *from = view->item(DmarcView::Row::FromDomain);
        view->tree()->setCurrentItem(from);
        const QList<int> froms = w.currentEvidence()->message->headerIndexes("From");
        const HeaderField &hf = w.currentEvidence()->message->headers().at(froms.last());
        QCOMPARE(rawHighlights(w), QList<ByteRange>{w.currentEvidence()->message->rawRange(hf.offset, hf.length)});
    }

    void dmarcNotCheckedWithoutARecord()
    {
        // The sample key file holds no _dmarc record, and live DNS is off.
        MainWindow &w = open(Samples + QStringLiteral("/01_intact.eml"), Samples + QStringLiteral("/keys.zone"));
        const MessageResult &r = w.currentEvidence()->result;
        QVERIFY(r.dmarc);
        QCOMPARE(r.dmarc->result, DmarcResult::NotChecked);
        QCOMPARE(w.banner()->dmarcText(),
                 QStringLiteral("DMARC: not checked — no key file holds a DMARC record for %1, and live DNS is off")
                     .arg(QString::fromLatin1(r.dmarc->fromDomain)));
        QVERIFY(w.authResultsPane()->showsEmptyState()); // no Authentication-Results; the DMARC details stay
        QVERIFY(w.authResultsPane()
                    ->dmarcView()
                    ->item(DmarcView::Row::Result)
                    ->text(1)
                    .startsWith(QLatin1String("not checked (dmarc_not_looked_up)")));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
