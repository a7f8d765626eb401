#include "archive_reader.h"

#include "evidence_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace dkimi::ui {

namespace {

bool isMboxFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return MessageSource::looksLikeMbox(f.read(64));
}

bool isMaildir(const QString &dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("cur")) && d.exists(QStringLiteral("new"));
}

} // namespace

bool ArchiveReader::wants(const QStringList &paths)
{
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (fi.isFile() && isMboxFile(p))
            return true;
        if (fi.isDir()) {
            if (isMaildir(p))
                return true;
            QDirIterator it(p, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                const QFileInfo sub = it.fileInfo();
                if ((sub.isDir() && isMaildir(sub.filePath())) ||
                    (sub.isFile() && sub.suffix().compare(QLatin1String("mbox"), Qt::CaseInsensitive) == 0))
                    return true;
            }
        }
    }
    return false;
}

EvidencePtr ArchiveReader::fromBatch(BatchItem &&b)
{
    auto e = std::make_shared<EvidenceItem>();
    e->path = b.location.file;
    e->location = b.location;
    e->mime = std::move(b.summary);
    if (b.result) {
        e->result = std::move(*b.result);
        e->stripped = true; // the bytes stay in the archive; read again when shown
        EvidenceLoader::compact(*e);
    } else {
        e->error = b.error.isEmpty() ? tr("could not be read") : b.error;
        e->result.file = b.location.file;
    }
    return e;
}

BatchItem ArchiveReader::toBatchItem(const EvidenceItem &e)
{
    BatchItem b;
    b.location = e.location;
    if (b.location.file.isEmpty())
        b.location.file = e.path;
    b.summary = e.mime;
    if (e.isError())
        b.error = e.error.isEmpty() ? QStringLiteral("could not be read") : e.error;
    else
        b.result = e.result;
    return b;
}

void ArchiveReader::run(const QStringList &paths, const VerificationSettings &s, const std::atomic_bool &cancel,
                        const Post &post)
{
    MessageSource source(paths);
    // Date and first Received are read per message by the verifier itself.
    const VerifierOptions vo = EvidenceLoader::options(s);
    BatchOptions bo;
    bo.keepWalk = false;

    class Observer : public BatchObserver {
    public:
        explicit Observer(const std::atomic_bool &c) : m_cancel(c) {}
        bool shouldStop() const override { return m_cancel.load(); }

    private:
        const std::atomic_bool &m_cancel;
    } observer(cancel);

    QList<EvidencePtr> batch;
    QElapsedTimer timer;
    timer.start();
    int done = 0;
    // The number of messages is not known before the end: estimate it from the bytes read so far.
    auto estimate = [&] {
        const qint64 read = source.bytesRead();
        if (read <= 0 || done == 0)
            return done;
        return int(std::max<qint64>(done, qint64(double(done) * double(source.totalBytes()) / double(read))));
    };
    post({}, 0, 0);
    BatchVerifier verifier(vo, bo);
    verifier.run(
        source,
        [&](BatchItem &&item) {
            batch.append(fromBatch(std::move(item)));
            ++done;
            if (batch.size() >= 256 || timer.elapsed() > 100) {
                post(std::exchange(batch, {}), done, estimate());
                timer.restart();
            }
        },
        &observer);
    post(std::exchange(batch, {}), done, cancel.load() ? estimate() : done);
}

Expected<QByteArray> ArchiveReader::readAt(const MessageLocation &loc)
{
    QFile f(loc.file);
    if (!f.open(QIODevice::ReadOnly))
        return Error{loc.file, f.errorString()};
    if (loc.offset < 0 || loc.length < 0)
        return f.readAll();
    if (!f.seek(loc.offset))
        return Error{loc.file, tr("cannot seek to byte %1").arg(loc.offset)};
    QByteArray b = f.read(loc.length);
    if (b.size() != loc.length)
        return Error{loc.file, tr("the archive changed: %1 bytes expected at offset %2, %3 read")
                                   .arg(loc.length)
                                   .arg(loc.offset)
                                   .arg(b.size())};
    return b;
}

EvidencePtr ArchiveReader::reload(const EvidenceItem &item, VerificationSettings settings, bool keepTime)
{
    if (keepTime && item.result.evaluatedAt.isValid())
        settings.now = item.result.evaluatedAt;
    auto full = std::make_shared<EvidenceItem>();
    full->id = item.id;
    full->path = item.path;
    full->location = item.location;
    Expected<QByteArray> bytes = readAt(item.location);
    if (!bytes) {
        full->error = bytes.error().message;
        full->result.file = item.path;
        full->mime = item.mime;
        return full;
    }
    Message m = Message::fromBytes(*bytes, item.location.file);
    m.setFromMboxArchive(inContainer(item));
    full->message = std::make_shared<const Message>(std::move(m));
    full->mime = MimeSummary::of(*full->message);
    return EvidenceLoader::verify(*full, settings);
}

QString ArchiveReader::label(const EvidenceItem &e)
{
    const QString name = QFileInfo(e.location.file.isEmpty() ? e.path : e.location.file).fileName();
    if (inContainer(e))
        return QStringLiteral("%1 #%2").arg(name).arg(e.location.index);
    return name;
}

} // namespace dkimi::ui
