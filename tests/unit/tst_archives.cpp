#include "batch_summary.h"
#include "batch_verifier.h"
#include "csv_writer.h"
#include "message_source.h"
#include "report_writer.h"
#include "zone_file_resolver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace dkimi;

// Archive sources (mbox variants, Maildir, folder trees) and the parallel batch verifier, against
// tests/data/archives/expected.json (written by make_archives.py from how each archive was made).
class TstArchives : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void archive_data();
    void archive();
    void locationsPointAtTheBytes();
    void orderIsStableAcrossJobCounts();
    void hugeMessage();
    void cancellationLeavesAPrefix();
    void summaryTotals();
    void summaryFromTalliesMatches();
    void missingInput();
    void keyLookedUpOncePerRun();
    void leanMatchesFullOnFixtures_data();
    void leanMatchesFullOnFixtures();
    void leanMatchesFullOnGeneratedArchive();
    void csvNeedsNoMessageAnalysis();
    void renderRunsOnWorkers();
    void workerNiceIsTheWorkersOnly();
    void archiveDigests();

private:
    // The fixtures' keys and those of the forensics fixtures, which fail in every way the
    // explanations cover.
    std::shared_ptr<const KeyResolver> withForensicsKeys() const
    {
        auto chain = std::make_shared<ChainResolver>();
        chain->add(m_keys);
        chain->add(*ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/forensics/keys.zone")));
        return chain;
    }
    QList<BatchItem> runAll(const QStringList &inputs, int jobs = 2, BatchObserver *obs = nullptr);
    std::shared_ptr<const KeyResolver> m_keys;
    QJsonObject m_expected;
};

static const QString kDir = QStringLiteral(DKIMI_TEST_DATA "/archives");

void TstArchives::initTestCase()
{
    auto z = ZoneFileResolver::load(QStringLiteral(DKIMI_TEST_DATA "/fixtures/keys.zone"));
    if (!z)
        QFAIL(qPrintable(z.error().toString()));
    m_keys = *z;
    QFile f(kDir + QStringLiteral("/expected.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_expected = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(m_expected.size() >= 7);
}

QList<BatchItem> TstArchives::runAll(const QStringList &inputs, int jobs, BatchObserver *obs)
{
    VerifierOptions vo;
    vo.resolver = m_keys;
    vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    BatchOptions bo;
    bo.jobs = jobs;
    MessageSource src(inputs);
    QList<BatchItem> items;
    BatchVerifier(vo, bo).run(
        src, [&](BatchItem &&i) { items.append(std::move(i)); }, obs);
    return items;
}

void TstArchives::archive_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &k : m_expected.keys())
        QTest::newRow(k.toUtf8().constData()) << k;
}

void TstArchives::archive()
{
    QFETCH(QString, name);
    const QJsonArray want = m_expected.value(name).toArray();
    const QList<BatchItem> got = runAll({kDir + QLatin1Char('/') + name});
    QCOMPARE(got.size(), want.size());
    for (int i = 0; i < got.size(); ++i) {
        const QJsonObject w = want.at(i).toObject();
        const BatchItem &item = got.at(i);
        QCOMPARE(item.sequence, qint64(i));
        const QString where = QStringLiteral("item %1 (%2)").arg(i).arg(item.location.describe());
        if (w.contains(QStringLiteral("error"))) {
            QVERIFY2(!item.result, qPrintable(where));
            QVERIFY2(item.error.contains(w.value(QStringLiteral("error")).toString()), qPrintable(where + item.error));
            continue;
        }
        QVERIFY2(item.result.has_value(), qPrintable(where + item.error));
        QCOMPARE(item.result->signatures.size(), 1);
        const SignatureResult &s = item.result->signatures.first();
        QVERIFY2(QString::fromLatin1(resultName(s.result)) == w.value(QStringLiteral("result")).toString(),
                 qPrintable(where + QStringLiteral(": ") + QString::fromLatin1(resultName(s.result)) +
                            QLatin1Char(' ') + s.reason));
        QCOMPARE(s.reason, w.value(QStringLiteral("reason")).toString());
        for (const QJsonValue &f : w.value(QStringLiteral("flags")).toArray())
            QVERIFY2(s.flags.contains(f.toString()), qPrintable(where + QStringLiteral(" lacks ") + f.toString()));
        if (s.flags.contains(QStringLiteral("mbox_from_unquoted"))) {
            // The un-quoting is a visible step of its own, after the failed hash of the stored bytes.
            bool storedFailed = false, unquotedPassed = false;
            for (const Step &st : s.steps) {
                if (st.kind == StepKind::BodyHash && st.verdict == Verdict::Fail)
                    storedFailed = true;
                if (st.kind == StepKind::BodyHash && st.verdict == Verdict::Pass && storedFailed)
                    unquotedPassed = true;
            }
            QVERIFY(storedFailed);
            QVERIFY(unquotedPassed);
        }
    }
}

void TstArchives::locationsPointAtTheBytes()
{
    const QString path = kDir + QStringLiteral("/mboxrd-crlf.mbox");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray all = f.readAll();
    MessageSource src({path});
    SourceItem item;
    int n = 0;
    while (src.next(&item)) {
        QCOMPARE(item.location.index, qint64(n));
        QCOMPARE(all.mid(item.location.offset, item.location.length), item.bytes);
        QVERIFY(all.mid(item.location.separatorOffset).startsWith("From "));
        QVERIFY(item.bytes.startsWith("DKIM-Signature:"));
        QVERIFY(!item.bytes.endsWith("\r\n\r\n")); // the separator blank line is not part of the message
        ++n;
    }
    QCOMPARE(n, 5);
    QCOMPARE(src.bytesRead(), all.size());
}

void TstArchives::orderIsStableAcrossJobCounts()
{
    const QStringList inputs{kDir};
    const QList<BatchItem> one = runAll(inputs, 1);
    const QList<BatchItem> four = runAll(inputs, 4);
    QCOMPARE(one.size(), four.size());
    QVERIFY(one.size() >= 30);
    for (int i = 0; i < one.size(); ++i) {
        QCOMPARE(one.at(i).location.file, four.at(i).location.file);
        QCOMPARE(one.at(i).location.index, four.at(i).location.index);
        QCOMPARE(one.at(i).result.has_value(), four.at(i).result.has_value());
        if (one.at(i).result)
            QCOMPARE(one.at(i).result->sha256, four.at(i).result->sha256);
    }
}

void TstArchives::hugeMessage()
{
    // A 10 MB body inside an mbox between two small messages: all three come out whole.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.mbox"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray big("From a Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: big\n\n");
    const QByteArray line(99, 'x');
    for (int i = 0; i < 100 * 1024; ++i)
        big += line + '\n';
    f.write("From a Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: small\n\nhi\n\n");
    f.write(big + "\n");
    f.write("From a Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: last\n\nbye\n");
    f.close();
    const QList<BatchItem> items = runAll({path});
    QCOMPARE(items.size(), 3);
    QVERIFY(items.at(1).location.length > 10 * 1000 * 1000);
    QCOMPARE(items.at(2).summary.subject, QStringLiteral("last"));
    QCOMPARE(items.at(1).result->result, Result::None);
}

class StopAfter : public BatchObserver {
public:
    explicit StopAfter(qint64 n) : m_n(n) {}
    void progress(qint64 done, qint64, qint64) override { m_done = done; }
    bool shouldStop() const override { return m_done >= m_n; }

private:
    qint64 m_n;
    qint64 m_done = 0;
};

void TstArchives::cancellationLeavesAPrefix()
{
    const QList<BatchItem> all = runAll({kDir}, 2);
    StopAfter stop(5);
    const QList<BatchItem> part = runAll({kDir}, 2, &stop);
    QCOMPARE(part.size(), 5);
    for (int i = 0; i < part.size(); ++i) {
        QCOMPARE(part.at(i).sequence, qint64(i));
        QCOMPARE(part.at(i).location.file, all.at(i).location.file);
        QCOMPARE(part.at(i).location.index, all.at(i).location.index);
    }
}

void TstArchives::summaryTotals()
{
    BatchSummary sum;
    int pass = 0, fail = 0, errors = 0, total = 0;
    for (const QString &k : m_expected.keys()) {
        for (const QJsonValue &v : m_expected.value(k).toArray()) {
            ++total;
            const QJsonObject o = v.toObject();
            if (o.contains(QStringLiteral("error")))
                ++errors;
            else if (o.value(QStringLiteral("result")).toString() == QLatin1String("pass"))
                ++pass;
            else
                ++fail;
        }
    }
    QStringList inputs;
    for (const QString &k : m_expected.keys())
        inputs << kDir + QLatin1Char('/') + k;
    for (const BatchItem &i : runAll(inputs))
        sum.add(i);
    QCOMPARE(sum.messages(), qint64(total));
    QCOMPARE(sum.count(Result::Pass), qint64(pass));
    QCOMPARE(sum.count(Result::Fail), qint64(fail));
    QCOMPARE(sum.unreadable(), qint64(errors));
    QCOMPARE(sum.byDomain().value(QStringLiteral("example.com")).pass, qint64(pass));
    QCOMPARE(sum.byYear().value(2025).messages, qint64(total - errors));
    const QString text = sum.toText();
    QVERIFY2(text.startsWith(QStringLiteral("%1 of %2 messages have a valid DKIM signature").arg(pass).arg(total)),
             qPrintable(text));
}

// Without keepResult the worker drops each result after render and keeps a tally: the totals
// must be the same as from the results, and no result may reach the delivering thread.
void TstArchives::summaryFromTalliesMatches()
{
    auto run = [&](bool keepResult, int *withResult, int *withTally) {
        VerifierOptions vo;
        vo.resolver = m_keys;
        vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        BatchOptions bo;
        bo.jobs = 2;
        bo.keepResult = keepResult;
        bo.render = [](BatchItem &item) { item.rendered = CsvWriter::rows(item).toUtf8(); };
        MessageSource src(
            {kDir, QStringLiteral(DKIMI_TEST_DATA "/fixtures"), QStringLiteral(DKIMI_TEST_DATA "/timeline")});
        QByteArray rows;
        BatchSummary summary;
        BatchVerifier(vo, bo).run(src, [&](BatchItem &&i) {
            summary.add(i);
            rows += i.rendered;
            *withResult += i.result ? 1 : 0;
            *withTally += i.tally ? 1 : 0;
            if (!keepResult)
                QVERIFY(i.summary.from.isEmpty() && i.summary.subject.isEmpty());
        });
        return QString::fromUtf8(rows) + summary.toText();
    };
    int kept = 0, keptTallies = 0, dropped = 0, tallies = 0;
    const QString fromResults = run(true, &kept, &keptTallies);
    const QString fromTallies = run(false, &dropped, &tallies);
    QVERIFY(kept > 50);
    QCOMPARE(keptTallies, 0);
    QCOMPARE(dropped, 0);
    QCOMPARE(tallies, kept);
    QCOMPARE(fromTallies, fromResults);
    // Several domains, results and years: the comparison says something.
    QVERIFY(fromResults.contains(QStringLiteral("By signing domain")));
    QVERIFY(fromResults.contains(QStringLiteral("body_hash_mismatch")));
}

void TstArchives::missingInput()
{
    const QList<BatchItem> items =
        runAll({QStringLiteral("/nonexistent/archive.mbox"), kDir + QStringLiteral("/maildir")});
    QCOMPARE(items.size(), 4);
    QVERIFY(!items.first().result);
    QCOMPARE(items.first().location.file, QStringLiteral("/nonexistent/archive.mbox"));
    QVERIFY(items.at(1).result.has_value());
}

class CountingResolver : public KeyResolver {
public:
    explicit CountingResolver(std::shared_ptr<const KeyResolver> inner) : m_inner(std::move(inner)) {}
    KeyLookup lookup(const QByteArray &d, const QByteArray &s) const override
    {
        ++calls;
        return m_inner->lookup(d, s);
    }
    QString describe() const override { return QStringLiteral("counting"); }
    mutable std::atomic<int> calls{0};

private:
    std::shared_ptr<const KeyResolver> m_inner;
};

void TstArchives::keyLookedUpOncePerRun()
{
    auto counting = std::make_shared<CountingResolver>(m_keys);
    VerifierOptions vo;
    vo.resolver = counting;
    BatchOptions bo;
    bo.jobs = 4;
    MessageSource src({kDir});
    qint64 n = BatchVerifier(vo, bo).run(src, [](BatchItem &&) {});
    QVERIFY(n >= 30);
    QCOMPARE(counting->calls.load(), 1); // every message is signed with the same key
}

namespace {

// Everything a report shows (JSON without the walk), and the walk's shape: step kinds, verdicts
// and finding codes. The lean path may leave out step inputs and output bytes, nothing else.
QByteArray comparable(const MessageResult &r, const MimeSummary &mime)
{
    QJsonObject o = toJson(r, mime).toQJsonObject();
    // When the DMARC record was read is the clock at the lookup: two runs a second apart differ there.
    QJsonObject dmarc = o.value(QStringLiteral("dmarc")).toObject();
    QJsonObject provenance = dmarc.value(QStringLiteral("provenance")).toObject();
    provenance.remove(QStringLiteral("fetched_at"));
    dmarc[QStringLiteral("provenance")] = provenance;
    QJsonArray lookups;
    for (const QJsonValue &l : dmarc.value(QStringLiteral("lookups")).toArray()) {
        QJsonObject lo = l.toObject();
        lo.remove(QStringLiteral("fetched_at"));
        lookups.append(lo);
    }
    dmarc[QStringLiteral("lookups")] = lookups;
    if (o.contains(QStringLiteral("dmarc")))
        o[QStringLiteral("dmarc")] = dmarc;
    QJsonArray walks;
    for (const SignatureResult &s : r.signatures) {
        QJsonArray steps;
        for (const Step &st : s.steps) {
            QJsonArray codes;
            for (const Finding &f : st.findings)
                codes.append(f.code + QLatin1Char(' ') + f.message);
            steps.append(QJsonArray{QString::fromLatin1(stepKindName(st.kind)), st.title,
                                    QString::fromLatin1(verdictName(st.verdict)), codes});
        }
        walks.append(steps);
    }
    o[QStringLiteral("walk_shape")] = walks;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

void TstArchives::leanMatchesFullOnFixtures_data()
{
    QTest::addColumn<bool>("explain");
    QTest::newRow("failures explained (re-verified in full)") << true;
    QTest::newRow("failures not explained (finished lean)") << false;
}

void TstArchives::leanMatchesFullOnFixtures()
{
    QFETCH(bool, explain);
    VerifierOptions vo;
    vo.resolver = withForensicsKeys();
    vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    vo.explainFailures = explain;
    const Verifier full(vo);
    vo.lean = true;
    const Verifier lean(vo);
    QStringList files;
    for (const char *d : {"/fixtures", "/forensics"}) {
        const QDir dir(QStringLiteral(DKIMI_TEST_DATA) + QLatin1String(d));
        for (const QString &n : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name))
            files << dir.filePath(n);
    }
    QVERIFY(files.size() >= 60);
    int passes = 0, others = 0;
    for (const QString &n : files) {
        auto m = Message::fromFile(n);
        QVERIFY2(m.hasValue(), qPrintable(n));
        for (bool inMbox : {false, true}) {
            m->setFromMboxArchive(inMbox);
            const MessageResult a = full.verify(*m);
            const MessageResult b = lean.verify(*m);
            const MimeSummary mime = MimeSummary::headersOf(*m);
            QCOMPARE(comparable(b, mime), comparable(a, mime));
            for (const SignatureResult &s : a.signatures)
                ++(s.result == Result::Pass ? passes : others);
        }
    }
    QVERIFY(passes > 0 && others > 0); // both the lean path and its full re-run were taken
}

// A generated mboxrd (every fixture, body lines "From " quoted as mbox writers do, some bodies given
// such lines), through the batch with and without the walk, over two threads.
void TstArchives::leanMatchesFullOnGeneratedArchive()
{
    const QDir dir(QStringLiteral(DKIMI_TEST_DATA "/fixtures"));
    QByteArray mbox;
    int n = 0;
    for (const QString &name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray msg = f.readAll();
        if (n % 3 == 1) // an unsigned change: the stored body gains a quoted line (a failure to explain)
            msg.append("From the archive\r\n");
        mbox += "From sender@example.com Thu Jan  1 00:00:00 2026\n";
        bool lineStart = true;
        for (qsizetype i = 0; i < msg.size(); ++i) {
            if (lineStart) {
                qsizetype q = i;
                while (q < msg.size() && msg.at(q) == '>')
                    ++q;
                if (msg.mid(q, 5) == "From ")
                    mbox += '>';
            }
            mbox += msg.at(i);
            lineStart = msg.at(i) == '\n';
        }
        if (!mbox.endsWith('\n'))
            mbox += '\n';
        mbox += '\n';
        ++n;
    }
    // And the committed mboxrd archive, whose signed bodies have "From " lines of their own.
    QFile rd(kDir + QStringLiteral("/mboxrd-lf.mbox"));
    QVERIFY(rd.open(QIODevice::ReadOnly));
    mbox += rd.readAll();
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("generated.mbox"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(mbox);
    out.close();

    auto run = [&](bool keepWalk) {
        VerifierOptions vo;
        vo.resolver = m_keys;
        vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        BatchOptions bo;
        bo.jobs = 2;
        bo.keepWalk = keepWalk;
        MessageSource src({path});
        QList<QByteArray> items;
        BatchVerifier(vo, bo).run(
            src, [&](BatchItem &&i) { items.append(i.result ? comparable(*i.result, i.summary) : i.error.toUtf8()); });
        return items;
    };
    const QList<QByteArray> full = run(true);
    const QList<QByteArray> lean = run(false);
    QVERIFY(full.size() > n);
    QCOMPARE(lean.size(), full.size());
    for (int i = 0; i < full.size(); ++i)
        QCOMPARE(lean.at(i), full.at(i));
    QVERIFY(std::any_of(full.cbegin(), full.cend(),
                        [](const QByteArray &j) { return j.contains("\"mbox_from_unquoted\""); }));
}

// The CLI leaves out the header table, replay check, surrounding evidence and failure explanations
// for CSV and --quiet: rows and summary must not change.
void TstArchives::csvNeedsNoMessageAnalysis()
{
    auto run = [&](bool analysis) {
        VerifierOptions vo;
        vo.resolver = withForensicsKeys();
        vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        vo.messageAnalysis = analysis;
        vo.surroundingEvidence = analysis;
        vo.explainFailures = analysis;
        BatchOptions bo;
        bo.jobs = 2;
        MessageSource src(
            {kDir, QStringLiteral(DKIMI_TEST_DATA "/fixtures"), QStringLiteral(DKIMI_TEST_DATA "/forensics")});
        QString csv;
        BatchSummary summary;
        BatchVerifier(vo, bo).run(src, [&](BatchItem &&i) {
            summary.add(i);
            csv += CsvWriter::rows(i);
        });
        return csv + summary.toText();
    };
    const QString with = run(true);
    QVERIFY(with.count(QLatin1Char('\n')) > 100);
    QVERIFY(with.contains(QStringLiteral("body_hash_mismatch")) && with.contains(QStringLiteral("signature_mismatch")));
    QCOMPARE(run(false), with);
}

// BatchOptions::render formats each item on a worker thread; items still arrive in order, each with
// what was rendered for it.
void TstArchives::renderRunsOnWorkers()
{
    VerifierOptions vo;
    vo.resolver = m_keys;
    vo.evaluationTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    BatchOptions bo;
    bo.jobs = 3;
    const Qt::HANDLE delivering = QThread::currentThreadId();
    std::atomic<int> onDeliveringThread{0};
    bo.render = [&](BatchItem &item) {
        if (QThread::currentThreadId() == delivering)
            ++onDeliveringThread;
        item.rendered = QByteArray::number(item.sequence) + ' ' +
                        (item.result ? QByteArray(resultName(item.result->result)) : QByteArray("error"));
    };
    MessageSource src({kDir});
    qint64 n = 0;
    BatchVerifier(vo, bo).run(src, [&](BatchItem &&i) {
        QCOMPARE(i.sequence, n);
        QVERIFY(i.rendered.startsWith(QByteArray::number(n) + ' '));
        if (i.result)
            QVERIFY(i.rendered.endsWith(resultName(i.result->result)));
        ++n;
    });
    QVERIFY(n >= 30);
    QCOMPARE(onDeliveringThread.load(), 0);
}

// Each mbox read to its end is named by the SHA-256 of its bytes (what `sha256sum` gives), its size
// and its number of messages; over several 1 MiB reads too; not when asked not to, and not before the
// archive has been read to its end.
void TstArchives::archiveDigests()
{
    QTemporaryDir tmp;
    QByteArray big;
    const QByteArray msg = "From: a@example.com\nSubject: s\n\n" + QByteArray(50000, 'x') + "\n";
    for (int i = 0; i < 70; ++i) // about 3.5 MB: several chunks, and the buffer is compacted
        big += "From a@example.com Thu Jan  1 00:00:00 2026\n" + msg + "\n";
    const QString bigPath = tmp.filePath(QStringLiteral("big.mbox"));
    QFile out(bigPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(big);
    out.close();

    for (const bool on : {false, true}) {
        MessageSource src({kDir, bigPath});
        src.setDigestArchives(on);
        QMap<QString, qint64> messages;
        SourceItem item;
        while (src.next(&item)) {
            if (item.location.container == MessageLocation::Container::Mbox)
                ++messages[item.location.file];
        }
        const QList<ArchiveDigest> digests = src.archiveDigests();
        if (!on) {
            QVERIFY(digests.isEmpty());
            continue;
        }
        QCOMPARE(digests.size(), messages.size());
        QVERIFY(messages.size() >= 6); // the five fixtures and the big one
        QCOMPARE(messages.value(bigPath), 70);
        for (const ArchiveDigest &d : digests) {
            QFile f(d.file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            QCOMPARE(d.sha256, QCryptographicHash::hash(all, QCryptographicHash::Sha256));
            QCOMPARE(d.bytes, all.size());
            QCOMPARE(d.messages, messages.value(d.file));
        }
    }

    // Stopped after the first message: the archive was not read to its end, so no digest.
    MessageSource part({bigPath});
    part.setDigestArchives(true);
    SourceItem first;
    QVERIFY(part.next(&first));
    QVERIFY(part.archiveDigests().isEmpty());
}

// The window lowers its workers' priority (BatchOptions::workerNice): the workers, and only they, run
// at the nice value asked for; the calling thread keeps its own.
void TstArchives::workerNiceIsTheWorkersOnly()
{
#ifdef Q_OS_LINUX
    auto niceOfThisThread = [] { return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid))); };
    const int before = niceOfThisThread();
    if (before > 19 - 3)
        QSKIP("already running at the lowest priority: nothing to lower");
    for (const int asked : {0, 3}) {
        VerifierOptions vo;
        vo.resolver = m_keys;
        BatchOptions bo;
        bo.jobs = 2;
        bo.workerNice = asked;
        std::atomic<int> wrong{0}, seen{0};
        bo.render = [&](BatchItem &) {
            ++seen;
            if (niceOfThisThread() != before + asked)
                ++wrong;
        };
        MessageSource src({kDir});
        BatchVerifier(vo, bo).run(src, [](BatchItem &&) {});
        QVERIFY(seen.load() >= 30);
        QCOMPARE(wrong.load(), 0);
        QCOMPARE(niceOfThisThread(), before);
    }
#else
    QSKIP("thread nice values are set on Linux only");
#endif
}

QTEST_GUILESS_MAIN(TstArchives)
#include "tst_archives.moc"
