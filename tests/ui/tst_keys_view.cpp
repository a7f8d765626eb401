// Issue 5 in the window: the Keys window over a temporary key store (filter, history per selector,
// note, delete, import), a key pasted by hand used for a verdict and flagged as not from DNS, the
// "key not available" state offering import, and the Offline switch with its consent dialog. Never
// the network: DNS is configured to a loopback port nothing listens on, and nothing is looked up.
#include "key_import.h"
#include "key_pane.h"
#include "key_sources.h"
#include "key_store_model.h"
#include "keys_window.h"
#include "main_window.h"
#include "online_consent.h"
#include "verdict_banner.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace dkimi;
using namespace dkimi::ui;

namespace {

const QString Samples = QStringLiteral(DKIMI_SAMPLES);
const QString Forensics = QStringLiteral(DKIMI_TEST_DATA) + QStringLiteral("/forensics");

// Clicks the button with this text in the next modal message box.
void answerNextMessageBox(const QString &buttonText)
{
    QTimer::singleShot(50, [buttonText] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return answerNextMessageBox(buttonText);
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == buttonText) {
                b->click();
                return;
            }
        }
    });
}

} // namespace

class TestKeysView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_w;
    std::unique_ptr<QTemporaryDir> m_dir;

    MainWindow &window()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_w = std::make_unique<MainWindow>();
        QString error;
        if (!m_w->keySources()->setStorePath(m_dir->filePath(QStringLiteral("keys.sqlite")), &error))
            qWarning("%s", qPrintable(error));
        DnsResolverConfig nowhere;
        nowhere.server = QStringLiteral("127.0.0.1:9"); // discard port: never a real resolver
        nowhere.timeoutMs = 200;
        m_w->keySources()->setDnsConfig(nowhere);
        m_w->show();
        [[maybe_unused]] const bool exposed = QTest::qWaitForWindowExposed(m_w.get());
        return *m_w;
    }

    bool openAndWait(const QString &file)
    {
        QSignalSpy done(m_w.get(), &MainWindow::loadingFinished);
        m_w->openPaths({file});
        return done.wait(10000) && m_w->selectRow(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dkimi-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keys_view"));
        QSettings().clear();
    }

    void cleanup()
    {
        m_w.reset();
        m_dir.reset();
        QSettings().clear();
    }

    void noStoreOutsideTests()
    {
        // In test mode the user's store is never opened by itself.
        MainWindow w;
        QVERIFY(!w.keySources()->store());
        QVERIFY(w.keySources()->resolvers().isEmpty());
    }

    void keysWindowFilterHistoryNoteDelete()
    {
        MainWindow &w = window();
        KeysWindow *kw = w.keysWindow();
        QAbstractItemModelTester tester(kw->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester historyTester(kw->historyModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        kw->show();
        QString error;
        QVERIFY2(kw->importFile(Samples + QStringLiteral("/keys.zone"), {}, {}, &error), qPrintable(error));
        const int all = kw->model()->rowCount();
        QVERIFY(all >= 3);
        QCOMPARE(kw->model()->index(0, KeyStoreModel::SourceColumn).data().toString(),
                 QStringLiteral("imported from a zone file"));

        // Filter by text, then by provenance.
        QTest::keyClicks(kw->filterEdit(), QStringLiteral("football"));
        QVERIFY(kw->model()->rowCount() >= 1);
        QVERIFY(kw->model()->rowCount() < all);
        for (const StoredKey &k : kw->model()->keys())
            QVERIFY(k.domain.contains("football"));
        kw->filterEdit()->clear();
        QCOMPARE(kw->model()->rowCount(), all);
        kw->sourceFilter()->setCurrentIndex(kw->sourceFilter()->findData(QStringLiteral("entered_by_hand")));
        QCOMPARE(kw->model()->rowCount(), 0);
        kw->sourceFilter()->setCurrentIndex(0);

        // History per selector: a second key for example.com/newsroom2024, pasted by hand.
        QVERIFY2(kw->addByHand("example.com", "newsroom2024",
                               "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", &error),
                 qPrintable(error));
        int row = -1;
        for (int r = 0; r < kw->model()->rowCount(); ++r) {
            if (kw->model()->key(r)->selector == "newsroom2024")
                row = r;
        }
        QVERIFY(row >= 0);
        kw->table()->setCurrentIndex(kw->model()->index(row, 0));
        QCOMPARE(kw->historyModel()->rowCount(), 2);

        // A note, edited in place, is written to the store.
        const qint64 id = kw->model()->key(row)->id;
        QVERIFY(kw->model()->setData(kw->model()->index(row, KeyStoreModel::NoteColumn),
                                     QStringLiteral("from the "
                                                    "archive"),
                                     Qt::EditRole));
        QCOMPARE(w.keySources()->store()->key(id)->note, QStringLiteral("from the archive"));

        // Delete.
        const int before = kw->model()->rowCount();
        QVERIFY2(kw->removeKey(id, &error), qPrintable(error));
        QCOMPARE(kw->model()->rowCount(), before - 1);
        QVERIFY(!w.keySources()->store()->key(id));
    }

    void keyNotAvailableThenPastedByHand()
    {
        MainWindow &w = window();
        QVERIFY(openAndWait(Samples + QStringLiteral("/01_intact.eml")));
        QCOMPARE(w.currentEvidence()->result.result, Result::PermError);
        QVERIFY(w.keyPane()->summary()->text().contains(QStringLiteral("Key not available")));
        // The offer opens the paste dialog, prefilled with the signature's domain and selector.
        QSignalSpy importAsked(w.keyPane(), &KeyPane::importKeyRequested);
        QStringList prefilled;
        QTimer::singleShot(100, [&prefilled] {
            auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!d)
                return;
            prefilled << d->objectName();
            for (QLineEdit *e : d->findChildren<QLineEdit *>())
                prefilled << e->text();
            d->reject();
        });
        Q_EMIT w.keyPane()->summary()->linkActivated(QStringLiteral("import"));
        QCOMPARE(importAsked.size(), 1);
        QCOMPARE(prefilled, (QStringList{QStringLiteral("pasteKeyDialog"), QStringLiteral("example.com"),
                                         QStringLiteral("newsroom2024")}));

        // Paste the record of example.com/newsroom2024 by hand: the message verifies, flagged as not from DNS.
        QFile zone(Samples + QStringLiteral("/keys.zone"));
        QVERIFY(zone.open(QIODevice::ReadOnly));
        auto batch = KeyImport::fromZoneFile(zone.readAll(), QStringLiteral("keys.zone"));
        QVERIFY(batch);
        QByteArray record;
        for (const StoredKey &k : batch->keys) {
            if (k.selector == "newsroom2024")
                record = k.record;
        }
        QVERIFY(!record.isEmpty());
        QSignalSpy done(&w, &MainWindow::loadingFinished);
        QString error;
        QVERIFY2(w.keysWindow()->addByHand("example.com", "newsroom2024", record, &error), qPrintable(error));
        QVERIFY(done.wait(10000));
        w.selectRow(0);
        const SignatureResult &s = w.currentEvidence()->result.signatures.first();
        QCOMPARE(s.result, Result::Pass);
        QVERIFY(s.hasFlag(QStringLiteral("key_not_from_dns")));
        QVERIFY(w.keyPane()->summary()->text().contains(QStringLiteral("entered by hand: not from DNS")));
        QVERIFY(w.banner()->badges(0).join(u' ').contains(QStringLiteral("key not from DNS")));
        QCOMPARE(w.keysWindow()->model()->index(0, KeyStoreModel::SourceColumn).data().toString(),
                 QStringLiteral("⚠ entered by hand: not from DNS"));
    }

    void offlineSwitchAsksConsentOnce()
    {
        MainWindow &w = window();
        QToolButton *sw = w.onlineSwitch();
        QVERIFY(!w.keySources()->isOnline());
        QVERIFY(w.offlineLabel()->text().contains(QStringLiteral("Offline")));
        QCOMPARE(OnlineConsent::remembered(), OnlineConsent::Answer::NotAsked);

        // First: the dialog explains the lookup is visible; the user stays offline.
        answerNextMessageBox(QStringLiteral("Stay offline"));
        QTest::mouseClick(sw, Qt::LeftButton);
        QVERIFY(!w.keySources()->isOnline());
        QVERIFY(!sw->isChecked());
        QCOMPARE(OnlineConsent::remembered(), OnlineConsent::Answer::Refused);

        // Then goes online: asked again (they changed their mind), and remembered.
        answerNextMessageBox(QStringLiteral("Go online"));
        QTest::mouseClick(sw, Qt::LeftButton);
        QVERIFY(w.keySources()->isOnline());
        QVERIFY(sw->isChecked());
        QVERIFY(w.offlineLabel()->text().contains(QStringLiteral("Online")));
        QCOMPARE(OnlineConsent::remembered(), OnlineConsent::Answer::Allowed);
        QCOMPARE(QSettings().value(QStringLiteral("dns/consent")).toString(), QStringLiteral("allowed"));
        // Online, the resolvers are the store and DNS (pointed at nothing; no lookup is made here).
        QCOMPARE(w.keySources()->resolvers().size(), 2);

        // Offline again, and online once more without a question.
        QTest::mouseClick(sw, Qt::LeftButton);
        QVERIFY(!w.keySources()->isOnline());
        QCOMPARE(w.keySources()->resolvers().size(), 1);
        QTest::mouseClick(sw, Qt::LeftButton);
        QVERIFY(w.keySources()->isOnline());
        QTest::mouseClick(sw, Qt::LeftButton);
    }

    // When live DNS cannot be set up, going online says so at once instead of leaving DNS out quietly.
    void dnsThatCannotBeSetUpIsSaid()
    {
        MainWindow &w = window();
        DnsResolverConfig bad;
        bad.server = QStringLiteral("not-an-address");
        w.keySources()->setDnsConfig(bad);
        QSettings().setValue(QStringLiteral("dns/consent"), QStringLiteral("allowed"));
        QTest::mouseClick(w.onlineSwitch(), Qt::LeftButton);
        QVERIFY(w.keySources()->isOnline());
        QVERIFY(w.keySources()->dnsError().contains(QStringLiteral("not-an-address")));
        QVERIFY2(w.offlineLabel()->text().contains(QStringLiteral("DNS cannot be used")),
                 qPrintable(w.offlineLabel()->text()));
        QVERIFY(w.offlineLabel()->toolTip().contains(QStringLiteral("is not a DNS server address")));
        QVERIFY(w.onlineSwitch()->toolTip().contains(QStringLiteral("live DNS unusable")));
        QCOMPARE(w.keySources()->resolvers().size(), 1); // the store only

        // A usable server afterwards: the warning goes.
        DnsResolverConfig nowhere;
        nowhere.server = QStringLiteral("127.0.0.1:9");
        w.keySources()->setDnsConfig(nowhere);
        QCOMPARE(w.keySources()->resolvers().size(), 2);
        QTest::mouseClick(w.onlineSwitch(), Qt::LeftButton); // offline
        QVERIFY(w.offlineLabel()->text().contains(QStringLiteral("Offline")));
        QVERIFY(w.keySources()->dnsError().isEmpty());
    }
};

QTEST_MAIN(TestKeysView)
#include "tst_keys_view.moc"
