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
