// The item models of the inspector: MessageListModel (+ its filter proxy), WalkModel and TagTableModel,
// each checked by QAbstractItemModelTester over every sample, plus filtering and sorting.
#include "evidence_loader.h"
#include "message_filter_proxy.h"
#include "message_list_model.h"
#include "tag_table_model.h"
#include "timeline.h"
#include "walk_model.h"
#include "zone_file_resolver.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

class TestUiModels : public QObject {
    Q_OBJECT

private:
    VerificationSettings m_settings;
    QList<EvidencePtr> m_items;

    // The list's rows of items (each keeps its item, as a small folder's rows do).
    static QList<RowPtr> rows(const QList<EvidencePtr> &items)
    {
        QList<RowPtr> out;
        for (const EvidencePtr &e : items)
            out << EvidenceRow::of(e, true);
        return out;
    }

    // A light row of an archive's message (or of a standalone file when index < 0), as the loader
    // makes them: the columns vary with n so that every sortable column has ties and differences.
    static RowPtr lightRow(const QString &file, qint64 index, int n)
    {
        MessageLocation loc;
        loc.file = file;
        loc.container = index >= 0 ? MessageLocation::Container::Mbox : MessageLocation::Container::File;
        loc.index = index;
        auto r = std::make_shared<EvidenceRow>();
        r->path = file;
        r->location = loc;
        const Result results[] = {Result::Pass, Result::Fail, Result::None, Result::PermError};
        r->result = results[n % 4];
        if (r->result != Result::None)
            r->signatures = {RowSignature{n % 3 ? "example.com" : "example.org", "sel", QString(), QString(), r->result,
                                          n % 5 == 0}};
        r->from = QStringLiteral("%1@example.com").arg(QChar(u'a' + (n * 7) % 26));
        r->subject = n % 6 ? QStringLiteral("Subject %1").arg((n * 13) % 17) : QString();
        if (n % 9)
            r->date = QDateTime(QDate(2020, 1 + (n * 5) % 12, 1 + n % 28), QTime(n % 24, 0), Qt::UTC);
        return r;
    }

    // Every pair of neighbours in the proxy is in order by the model's sort values, compared the way
    // QSortFilterProxyModel compares them (case-insensitive text, dates, numbers).
    static bool proxyIsSorted(const QSortFilterProxyModel &proxy, int column, Qt::SortOrder order, QString *why)
    {
        auto less = [](const QVariant &a, const QVariant &b) {
            if (a.userType() == QMetaType::QString || b.userType() == QMetaType::QString)
                return a.toString().compare(b.toString(), Qt::CaseInsensitive) < 0;
            if (a.userType() == QMetaType::QDateTime || b.userType() == QMetaType::QDateTime)
                return a.toDateTime() < b.toDateTime();
            return a.toLongLong() < b.toLongLong();
        };
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QVariant prev = proxy.index(r - 1, column).data(MessageListModel::SortRole);
            const QVariant cur = proxy.index(r, column).data(MessageListModel::SortRole);
            if (order == Qt::AscendingOrder ? less(cur, prev) : less(prev, cur)) {
                *why = QStringLiteral("rows %1 and %2 out of order: %3 / %4")
                           .arg(r - 1)
                           .arg(r)
                           .arg(prev.toString(), cur.toString());
                return false;
            }
        }
        return true;
    }

    EvidencePtr sample(const QString &name) const
    {
        for (const EvidencePtr &e : m_items) {
            if (QFileInfo(e->path).fileName() == name)
                return e;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto zone = ZoneFileResolver::load(QStringLiteral(DKIMI_SAMPLES "/keys.zone"));
        QVERIFY2(zone.hasValue(), qPrintable(zone ? QString() : zone.error().toString()));
        m_settings.resolver = *zone;
        m_settings.now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        const QStringList files = EvidenceLoader::messageFiles(QStringLiteral(DKIMI_SAMPLES));
        QCOMPARE(files.size(), 11);
        for (const QString &f : files)
            m_items.append(EvidenceLoader::load(f, m_settings));
    }

    void listModelPassesTester()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addOrUpdate(rows(m_items.mid(0, 4)));
        model.addOrUpdate(rows(m_items.mid(4)));
        QCOMPARE(model.rowCount(), 11);
        proxy.sort(MessageListModel::ResultColumn);
        proxy.setText(QStringLiteral("example.org"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        // Updating an item keeps its row and id.
        const RowPtr first = model.row(0);
        auto again = std::make_shared<EvidenceRow>(*first);
        again->subject = QStringLiteral("verified again");
        model.addOrUpdate({again});
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(model.row(0)->id, first->id);
        QCOMPARE(model.index(0, MessageListModel::SubjectColumn).data().toString(), QStringLiteral("verified again"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void listColumns_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("domains");
        QTest::addColumn<QString>("selectors");
        QTest::addColumn<QString>("result");
        QTest::addColumn<int>("category");
        QTest::newRow("intact") << "01_intact.eml"
                                << "example.com"
                                << "newsroom2024"
                                << "pass" << int(MessageListModel::Category::Pass);
        QTest::newRow("body altered") << "02_body_altered.eml"
                                      << "example.com"
                                      << "newsroom2024"
                                      << "fail" << int(MessageListModel::Category::Fail);
        QTest::newRow("partial body") << "05_partial_body.eml"
                                      << "example.com"
                                      << "newsroom2024"
                                      << "pass, with caveats" << int(MessageListModel::Category::Caveats);
        QTest::newRow("rsa-sha1") << "06_rsa_sha1.eml"
                                  << "example.org"
                                  << "legacy2016"
                                  << "valid, not reliable" << int(MessageListModel::Category::Caveats);
        QTest::newRow("missing key") << "07_missing_key.eml"
                                     << "example.net"
                                     << "rotated2019"
                                     << "cannot check" << int(MessageListModel::Category::CannotCheck);
        QTest::newRow("unsigned") << "09_unsigned.eml"
                                  << ""
                                  << ""
                                  << "unsigned" << int(MessageListModel::Category::Unsigned);
        QTest::newRow("rfc 8463, two signatures") << "rfc8463_football.eml"
                                                  << "football.example.com"
                                                  << "brisbane, test"
                                                  << "pass" << int(MessageListModel::Category::Pass);
        // The list's own signature passes but is not the From domain's; the author's body hash fails.
        QTest::newRow("mailing list, ARC") << "10_mailing_list_arc.eml"
                                           << "lists.example.net, example.com"
                                           << "lists2024, newsroom2024"
                                           << "pass, with caveats" << int(MessageListModel::Category::Caveats);
    }

    void listColumns()
    {
        QFETCH(QString, file);
        QFETCH(QString, domains);
        QFETCH(QString, selectors);
        QFETCH(QString, result);
        QFETCH(int, category);
        MessageListModel model;
        model.addOrUpdate(rows({sample(file)}));
        QCOMPARE(model.index(0, MessageListModel::DomainColumn).data().toString(), domains);
        QCOMPARE(model.index(0, MessageListModel::SelectorColumn).data().toString(), selectors);
        QCOMPARE(model.index(0, MessageListModel::ResultColumn).data().toString(), result);
        QCOMPARE(model.index(0, 0).data(MessageListModel::ResultCategoryRole).toInt(), category);
        QVERIFY(!model.index(0, MessageListModel::IconColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    }

    void proxyFiltersByCategoryAndText()
    {
        MessageListModel model;
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        model.addOrUpdate(rows(m_items));
        proxy.setCategory(int(MessageListModel::Category::Fail));
        QCOMPARE(proxy.rowCount(), 2); // body altered, subject changed
        proxy.setCategory(-1);
        proxy.setText(QStringLiteral("Resignation"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QStringLiteral("alice newsletter"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QStringLiteral("no-such-word"));
        QCOMPARE(proxy.rowCount(), 0);
    }

    // Rows arrive in batches while the list is sorted by any column, in either order, and filtered:
    // each batch goes to its sorted place and through the filter. Sorted by file, two archives' messages
    // go by their number inside the archive (#2 before #10), beside standalone files, as their text
    // sort values say.
    void rowsArrivingInBatchesAreSortedAndFiltered_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("category");
        QTest::newRow("file ascending") << int(MessageListModel::FileColumn) << int(Qt::AscendingOrder) << QString()
                                        << -1;
        QTest::newRow("file descending") << int(MessageListModel::FileColumn) << int(Qt::DescendingOrder) << QString()
                                         << -1;
        QTest::newRow("date ascending") << int(MessageListModel::DateColumn) << int(Qt::AscendingOrder) << QString()
                                        << -1;
        QTest::newRow("from descending") << int(MessageListModel::FromColumn) << int(Qt::DescendingOrder) << QString()
                                         << -1;
        QTest::newRow("subject ascending")
            << int(MessageListModel::SubjectColumn) << int(Qt::AscendingOrder) << QString() << -1;
        QTest::newRow("result ascending, filtered by text")
            << int(MessageListModel::ResultColumn) << int(Qt::AscendingOrder) << QStringLiteral("example.org") << -1;
        QTest::newRow("file ascending, failures only") << int(MessageListModel::FileColumn) << int(Qt::AscendingOrder)
                                                       << QString() << int(MessageListModel::Category::Fail);
        QTest::newRow("signed by descending, failures of example.org")
            << int(MessageListModel::DomainColumn) << int(Qt::DescendingOrder) << QStringLiteral("EXAMPLE.ORG")
            << int(MessageListModel::Category::Fail);
    }

    void rowsArrivingInBatchesAreSortedAndFiltered()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QString, text);
        QFETCH(int, category);
        MessageListModel model;
        MessageFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setText(text);
        proxy.setCategory(category);
        proxy.sort(column, Qt::SortOrder(order));

        // Two archives read one after the other (the second named so that it sorts first, ignoring
        // case), standalone files between them, one batch out of file order.
        QList<QList<RowPtr>> batches;
        int n = 0;
        QList<RowPtr> batch;
        for (qint64 i = 0; i < 40; ++i) {
            batch << lightRow(QStringLiteral("/evidence/b.mbox"), i, n++);
            if (batch.size() == 7)
                batches << std::exchange(batch, {});
        }
        batches << std::exchange(batch, {});
        batches << QList<RowPtr>{lightRow(QStringLiteral("/evidence/c.eml"), -1, n++),
                                 lightRow(QStringLiteral("/evidence/b.mbox.eml"), -1, n++)};
        for (qint64 i = 0; i < 25; ++i) {
            batch << lightRow(QStringLiteral("/other/A.mbox"), i, n++);
            if (batch.size() == 10)
                batches << std::exchange(batch, {});
        }
        batches << std::exchange(batch, {});
        batches << QList<RowPtr>{lightRow(QStringLiteral("/evidence/b.mbox"), 45, n++),
                                 lightRow(QStringLiteral("/evidence/b.mbox"), 41, n++)};

        auto accepted = [&](const EvidenceRow &r) {
            if (category >= 0 && int(MessageListModel::category(r)) != category)
                return false;
            const QString hay =
                QStringList{r.from, r.subject,
                            QString::fromLatin1(r.signatures.isEmpty() ? QByteArray() : r.signatures.first().domain)}
                    .join(u'\n');
            return text.isEmpty() || hay.contains(text, Qt::CaseInsensitive);
        };
        int expected = 0;
        for (const QList<RowPtr> &b : std::as_const(batches)) {
            model.addOrUpdate(b);
            for (const RowPtr &r : b)
                expected += accepted(*r);
            QCOMPARE(proxy.rowCount(), expected);
            QString why;
            QVERIFY2(proxyIsSorted(proxy, column, Qt::SortOrder(order), &why), qPrintable(why));
        }
        QVERIFY(expected > 0);

        if (column == MessageListModel::FileColumn && category < 0) {
            // By number, not as text: A.mbox #0..#24 first (ascending), b.mbox #0..#39, #41, #45 in order.
            QStringList files;
            for (int r = 0; r < proxy.rowCount(); ++r)
                files << proxy.index(r, column).data().toString();
            if (order == Qt::DescendingOrder)
                std::reverse(files.begin(), files.end());
            QCOMPARE(files.first(), QStringLiteral("A.mbox #0"));
            QCOMPARE(files.at(2), QStringLiteral("A.mbox #2"));
            QCOMPARE(files.at(10), QStringLiteral("A.mbox #10"));
            QCOMPARE(files.at(25), QStringLiteral("b.mbox #0"));
            QCOMPARE(files.at(25 + 39), QStringLiteral("b.mbox #39"));
            QCOMPARE(files.mid(25 + 40), (QStringList{QStringLiteral("b.mbox #41"), QStringLiteral("b.mbox #45"),
                                                      QStringLiteral("b.mbox.eml"), QStringLiteral("c.eml")}));
        }
    }

    void walkModelPassesTester()
    {
        WalkModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const EvidencePtr &e : std::as_const(m_items))
            model.setEvidence(e);
        model.setEvidence({});
        QCOMPARE(model.rowCount(), 0);
    }

    void walkModelShape()
    {
        WalkModel model;
        model.setEvidence(sample(QStringLiteral("rfc8463_football.eml")));
        QCOMPARE(model.rowCount(), 2); // one node per signature, never only the best
        const QModelIndex sig2 = model.signatureIndex(1);
        QVERIFY(sig2.data().toString().contains(QLatin1String("s=test")));
        QCOMPARE(model.rowCount(sig2),
                 sample(QStringLiteral("rfc8463_football.eml"))->result.signatures.at(1).steps.size());
        const QModelIndex body = model.stepIndex(1, StepKind::CanonicalizeBody);
        QVERIFY(body.isValid());
        QCOMPARE(model.kind(body), WalkModel::NodeKind::Step);
        QCOMPARE(model.signatureOf(body), 1);
        // Its children: inputs, then the output.
        bool sawOutput = false;
        for (int r = 0; r < model.rowCount(body); ++r)
            sawOutput = sawOutput || model.kind(model.index(r, 0, body)) == WalkModel::NodeKind::Output;
        QVERIFY(sawOutput);
    }

    void walkSelectionOfCanonicalizeBody()
    {
        const EvidencePtr e = sample(QStringLiteral("05_partial_body.eml"));
        WalkModel model;
        model.setEvidence(e);
        const FieldSelection sel = model.selectionFor(model.stepIndex(0, StepKind::CanonicalizeBody));
        const Message &m = *e->message;
        QVERIFY(sel.ranges.contains(ByteRange{SourceId::RawMessage, m.bodyOffset(), m.raw().size() - m.bodyOffset()}));
        QVERIFY(sel.ranges.contains(e->result.signatures.at(0).signature.tagRange(m, "l")));
        // The finding about the unsigned bytes points at the canonical body beyond l=.
        QVERIFY(sel.ranges.contains(ByteRange{SourceId::CanonBody, 64, 126}));
    }

    void walkFindingsAreGraded()
    {
        WalkModel model;
        model.setEvidence(sample(QStringLiteral("02_body_altered.eml")));
        const QModelIndex bh = model.stepIndex(0, StepKind::BodyHash);
        QCOMPARE(bh.siblingAtColumn(WalkModel::VerdictColumn).data().toString(), QStringLiteral("failed"));
        bool error = false;
        for (int r = 0; r < model.rowCount(bh); ++r) {
            const QModelIndex c = model.index(r, 0, bh);
            if (model.kind(c) == WalkModel::NodeKind::Finding)
                error =
                    error || c.siblingAtColumn(WalkModel::VerdictColumn).data().toString() == QLatin1String("error");
        }
        QVERIFY(error);
    }

    void firstReceivedIsTheBottomHop()
    {
        const Message m =
            Message::fromBytes("Received: from b.example by c.example; Tue, 12 Mar 2024 10:00:00 +0100\r\n"
                               "Received: from a.example by b.example;\r\n\tTue, 12 Mar 2024 09:41:05 +0000 (UTC)\r\n"
                               "From: a@example.com\r\n\r\nbody\r\n");
        QCOMPARE(firstReceivedTime(m), QDateTime(QDate(2024, 3, 12), QTime(9, 41, 5), Qt::UTC));
        QVERIFY(!firstReceivedTime(Message::fromBytes("From: a@example.com\r\n\r\nx\r\n")).isValid());
        // Judged at the first hop; without a Received header, now.
        VerificationSettings s = m_settings;
        s.choice = EvaluationChoice::FirstReceived;
        const EvidencePtr e = EvidenceLoader::verify(*sample(QStringLiteral("08_expiring.eml")), s);
        QCOMPARE(e->result.evaluatedAtBasis, QStringLiteral("now"));
    }

    void tagTableModelPassesTester()
    {
        TagTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(
            {{"v", QStringLiteral("1"), QStringLiteral("version"), QString(), false, {}},
             {"d", QStringLiteral("example.com"), QStringLiteral("domain"), QStringLiteral("note"), true, {}}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfTag("d"), 1);
        QCOMPARE(model.rowOfTag("x"), -1);
        QVERIFY(!model.index(1, TagTableModel::FindingColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
