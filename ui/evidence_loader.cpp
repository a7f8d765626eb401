#include "evidence_loader.h"

#include "archive_reader.h"
#include "timeline.h"
#include "verifier.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <numeric>

namespace dkimi::ui {

EvidenceLoader::EvidenceLoader(QObject *parent) : QObject(parent) {}

EvidenceLoader::~EvidenceLoader()
{
    stop();
    waitForFinished();
}

void EvidenceLoader::stop()
{
    if (m_cancel)
        m_cancel->store(true);
}

void EvidenceLoader::waitForFinished()
{
    if (m_future.isValid())
        m_future.waitForFinished();
}

QStringList EvidenceLoader::messageFiles(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        const bool message = fi.suffix().compare(QLatin1String("eml"), Qt::CaseInsensitive) == 0 ||
                             fi.dir().dirName() == QLatin1String("cur") || fi.dir().dirName() == QLatin1String("new");
        // A dangling link named like a message is listed, so that it shows up as an error row.
        if (message && (fi.isFile() || (fi.isSymLink() && !fi.exists())))
            files << fi.filePath();
    }
    files.sort();
    return files;
}

VerifierOptions EvidenceLoader::options(const VerificationSettings &s)
{
    VerifierOptions o;
    o.resolver = s.resolver;
    o.trustedAuthservIds = s.trustedAuthservIds;
    o.evaluationTime = s.now.isValid() ? s.now : QDateTime::currentDateTimeUtc();
    o.evaluationBasis = QStringLiteral("now");
    // Date and first Received are per message: the verifier reads them, and falls back to now.
    if (s.choice == EvaluationChoice::DateHeader) {
        o.timeSource = EvaluationTimeSource::DateHeader;
    } else if (s.choice == EvaluationChoice::FirstReceived) {
        o.timeSource = EvaluationTimeSource::FirstReceived;
    } else if (s.choice == EvaluationChoice::Chosen && s.chosenTime.isValid()) {
        o.evaluationTime = s.chosenTime.toUTC();
        o.evaluationBasis = QStringLiteral("given");
    }
    return o;
}

EvidencePtr EvidenceLoader::verify(const EvidenceItem &item, const VerificationSettings &s, bool walk)
{
    auto out = std::make_shared<EvidenceItem>(item);
    if (!item.message)
        return out;
    VerifierOptions o = options(s);
    o.lean = !walk; // the same results; no step bytes built only to be dropped
    const Verifier v(o);
    out->result = v.verify(*item.message);
    return out;
}

EvidencePtr EvidenceLoader::load(const QString &path, const VerificationSettings &s, bool walk)
{
    EvidenceItem item;
    item.path = path;
    Expected<Message> m = Message::fromFile(path);
    if (!m) {
        item.error = m.error().message;
        item.result.file = path;
        return std::make_shared<EvidenceItem>(item);
    }
    item.message = std::make_shared<const Message>(std::move(*m));
    item.mime = walk ? MimeSummary::of(*item.message) : MimeSummary::headersOf(*item.message);
    return verify(item, s, walk);
}

EvidencePtr EvidenceLoader::reload(const EvidenceRow &row, VerificationSettings settings, bool walk)
{
    if (row.full)
        return row.full;
    if (row.isError()) {
        // Nothing to read again: the error is what there is to show.
        auto e = std::make_shared<EvidenceItem>();
        row.stamp(*e);
        e->error = row.error;
        e->result.file = row.path;
        return e;
    }
    if (ArchiveReader::inContainer(row))
        return ArchiveReader::reload(row, settings, true, walk);
    if (row.evaluatedAt.isValid())
        settings.now = row.evaluatedAt;
    auto full = std::make_shared<EvidenceItem>(*load(row.path, settings, walk));
    row.stamp(*full);
    return full;
}

void EvidenceLoader::open(const QStringList &paths, const VerificationSettings &settings)
{
    if (ArchiveReader::wants(paths)) {
        startArchive(paths, settings);
        return;
    }
    start(
        [paths] {
            QStringList files;
            for (const QString &p : paths) {
                if (QFileInfo(p).isDir())
                    files += messageFiles(p);
                else
                    files << p;
            }
            return files;
        },
        [settings](const QString &file, int, bool keep) {
            return RowPtr(EvidenceRow::of(load(file, settings, keep), keep));
        },
        m_stripAbove);
}

void EvidenceLoader::reverify(const QList<RowPtr> &rows, const VerificationSettings &settings)
{
    QStringList keys;
    for (const RowPtr &r : rows)
        keys << r->path;
    start([keys] { return keys; },
          [rows, settings](const QString &, int i, bool keep) {
              const EvidenceRow &r = *rows.at(i);
              // Messages inside an archive always stay light: they are read again by location.
              const bool archived = ArchiveReader::inContainer(r);
              EvidencePtr again;
              if (r.full)
                  again = verify(*r.full, settings, keep);
              else if (archived)
                  again = ArchiveReader::reload(r, settings, false, false);
              else if (r.isLight())
                  again = load(r.path, settings, keep);
              else
                  return rows.at(i); // an unreadable file stays as it was
              auto row = EvidenceRow::of(again, keep && !archived);
              row->id = r.id;
              return RowPtr(row);
          },
          m_stripAbove);
}

void EvidenceLoader::startArchive(const QStringList &paths, const VerificationSettings &settings)
{
    runInBackground([paths, settings](const std::atomic_bool &cancel, const Post &post) {
        return ArchiveReader::run(paths, settings, cancel, post);
    });
}

void EvidenceLoader::start(std::function<QStringList()> discover,
                           std::function<RowPtr(const QString &, int, bool)> make, int stripAbove)
{
    runInBackground([discover = std::move(discover), make = std::move(make), stripAbove](const std::atomic_bool &cancel,
                                                                                         const Post &post) {
        const QStringList files = discover();
        const int total = int(files.size());
        post({}, 0, total);
        QList<RowPtr> batch;
        QElapsedTimer timer;
        timer.start();
        int done = 0;
        // Files are verified on every core, a small slice at a time so that results still come
        // in file order, the first ones show at once and Stop is honoured within a slice.
        QThreadPool pool;
        pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        const int slice = 4 * pool.maxThreadCount();
        // Small runs keep each full item with its row; large ones keep light rows only.
        const bool keep = total <= stripAbove;
        auto one = [&](int i) { return make(files.at(i), i, keep); };
        while (done < total && !cancel.load()) {
            QList<int> indexes(std::min(done == 0 ? pool.maxThreadCount() : slice, total - done));
            std::iota(indexes.begin(), indexes.end(), done);
            batch += QtConcurrent::blockingMapped<QList<RowPtr>>(&pool, indexes, one);
            done += int(indexes.size());
            if (done <= slice || batch.size() >= 64 || timer.elapsed() > 120) {
                post(std::exchange(batch, {}), done, total);
                timer.restart();
            }
        }
        post(std::exchange(batch, {}), done, total);
        return QList<ArchiveDigest>(); // files one by one: each message's own sha256 names it
    });
}

void EvidenceLoader::runInBackground(std::function<QList<ArchiveDigest>(const std::atomic_bool &, const Post &)> work)
{
    stop();
    waitForFinished();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 gen = ++m_generation;
    m_busy = true;
    // The worker only touches copies and the cancel flag; it reports through queued calls on this
    // object, which the destructor keeps alive until the worker has finished. Results of an older
    // run (another generation) are dropped.
    m_future = QtConcurrent::run([this, gen, cancel, work = std::move(work)] {
        const QList<ArchiveDigest> archives = work(*cancel, [this, gen](QList<RowPtr> batch, int done, int all) {
            QMetaObject::invokeMethod(
                this,
                [this, gen, batch = std::move(batch), done, all] {
                    if (gen != m_generation)
                        return;
                    if (!batch.isEmpty())
                        Q_EMIT itemsReady(batch);
                    Q_EMIT progress(done, all);
                },
                Qt::QueuedConnection);
        });
        const bool stopped = cancel->load();
        QMetaObject::invokeMethod(
            this,
            [this, gen, stopped, archives] {
                if (gen != m_generation)
                    return;
                if (!archives.isEmpty())
                    Q_EMIT archivesRead(archives);
                m_busy = false;
                Q_EMIT finished(stopped);
            },
            Qt::QueuedConnection);
    });
}

} // namespace dkimi::ui
