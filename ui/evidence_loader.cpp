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

EvidencePtr EvidenceLoader::verify(const EvidenceItem &item, const VerificationSettings &s)
{
    auto out = std::make_shared<EvidenceItem>(item);
    if (!item.message)
        return out;
    const Verifier v(options(s));
    out->result = v.verify(*item.message);
    return out;
}

EvidencePtr EvidenceLoader::load(const QString &path, const VerificationSettings &s)
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
    item.mime = MimeSummary::of(*item.message);
    return verify(item, s);
}

EvidencePtr EvidenceLoader::strip(const EvidencePtr &item)
{
    if (!item->message)
        return item;
    auto light = std::make_shared<EvidenceItem>(*item);
    light->message.reset();
    light->stripped = true;
    compact(*light);
    return light;
}

void EvidenceLoader::compact(EvidenceItem &e)
{
    // The walk (every step with its inputs and findings) is a third of a result's memory and only the
    // panes show it: they verify the message again when it is shown. Export never writes it (the
    // JSON report leaves the walk out unless asked), so what is exported stays the same.
    MessageResult &r = e.result;
    for (SignatureResult &s : r.signatures) {
        s.steps.clear();
        s.headerHashInput.clear();
    }
    r.messageSteps.clear();
    r.arc.steps.clear();
    for (ArcHop &h : r.arc.hops) {
        h.amsCheck.steps.clear();
        h.sealCheck.steps.clear();
    }
}

EvidencePtr EvidenceLoader::reload(const EvidenceItem &item, VerificationSettings settings)
{
    if (ArchiveReader::inContainer(item))
        return ArchiveReader::reload(item, settings);
    if (item.result.evaluatedAt.isValid())
        settings.now = item.result.evaluatedAt;
    auto full = std::make_shared<EvidenceItem>(*load(item.path, settings));
    full->id = item.id;
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
        [settings](const QString &file, int) { return load(file, settings); }, m_stripAbove);
}

void EvidenceLoader::reverify(const QList<EvidencePtr> &items, const VerificationSettings &settings)
{
    QStringList keys;
    for (const EvidencePtr &e : items)
        keys << e->path;
    start([keys] { return keys; },
          [items, settings](const QString &, int i) {
              const EvidencePtr &e = items.at(i);
              if (ArchiveReader::inContainer(*e)) {
                  const EvidencePtr full = ArchiveReader::reload(*e, settings, false);
                  return full->isError() ? full : strip(full);
              }
              if (e->stripped) {
                  auto again = std::make_shared<EvidenceItem>(*load(e->path, settings));
                  again->id = e->id;
                  return EvidencePtr(again);
              }
              return e->message ? verify(*e, settings) : e;
          },
          m_stripAbove);
}

void EvidenceLoader::startArchive(const QStringList &paths, const VerificationSettings &settings)
{
    runInBackground([paths, settings](const std::atomic_bool &cancel, const Post &post) {
        ArchiveReader::run(paths, settings, cancel, post);
    });
}

void EvidenceLoader::start(std::function<QStringList()> discover, std::function<EvidencePtr(const QString &, int)> make,
                           int stripAbove)
{
    runInBackground([discover = std::move(discover), make = std::move(make), stripAbove](const std::atomic_bool &cancel,
                                                                                         const Post &post) {
        const QStringList files = discover();
        const int total = int(files.size());
        post({}, 0, total);
        QList<EvidencePtr> batch;
        QElapsedTimer timer;
        timer.start();
        int done = 0;
        // Files are verified on every core, a small slice at a time so that results still come
        // in file order, the first ones show at once and Stop is honoured within a slice.
        QThreadPool pool;
        pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        const int slice = 4 * pool.maxThreadCount();
        auto one = [&](int i) {
            EvidencePtr item = make(files.at(i), i);
            return total > stripAbove ? strip(item) : item;
        };
        while (done < total && !cancel.load()) {
            QList<int> indexes(std::min(done == 0 ? pool.maxThreadCount() : slice, total - done));
            std::iota(indexes.begin(), indexes.end(), done);
            batch += QtConcurrent::blockingMapped<QList<EvidencePtr>>(&pool, indexes, one);
            done += int(indexes.size());
            if (done <= slice || batch.size() >= 64 || timer.elapsed() > 120) {
                post(std::exchange(batch, {}), done, total);
                timer.restart();
            }
        }
        post(std::exchange(batch, {}), done, total);
    });
}

void EvidenceLoader::runInBackground(std::function<void(const std::atomic_bool &, const Post &)> work)
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
        work(*cancel, [this, gen](QList<EvidencePtr> batch, int done, int all) {
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
            [this, gen, stopped] {
                if (gen != m_generation)
                    return;
                m_busy = false;
                Q_EMIT finished(stopped);
            },
            Qt::QueuedConnection);
    });
}

} // namespace dkimi::ui
