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

RowPtr ArchiveReader::rowOf(BatchItem &&b)
{
    // The row is all that stays of the message: its result and decoded headers go with the batch item.
    std::shared_ptr<EvidenceRow> row =
        b.result ? EvidenceRow::make(b.location.file, b.location, *b.result, b.summary)
                 : EvidenceRow::makeError(b.location.file, b.location,
                                          b.error.isEmpty() ? tr("could not be read") : b.error);
    row->notes = std::move(b.notes);
    return row;
}

BatchItem ArchiveReader::toBatchItem(const EvidenceItem &e)
{
    BatchItem b;
    b.location = e.location;
    if (b.location.file.isEmpty())
        b.location.file = e.path;
    b.summary = e.mime;
    b.notes = e.notes;
    if (e.isError())
        b.error = e.error.isEmpty() ? QStringLiteral("could not be read") : e.error;
    else
        b.result = e.result;
    return b;
}

QList<ArchiveDigest> ArchiveReader::run(const QStringList &paths, const VerificationSettings &s,
                                        const std::atomic_bool &cancel, const Post &post)
{
    MessageSource source(paths);
    source.setDigestArchives(true); // the summary names each archive by its SHA-256, as the CLI's does
    // Date and first Received are read per message by the verifier itself. A row keeps verdicts
    // only (the header table, replay check and explanations of a failure are made again, with the
    // walk, when the message is shown or exported), so they are not worked out here.
    VerifierOptions vo = EvidenceLoader::options(s);
    vo.messageAnalysis = false;
    vo.explainFailures = false;
    BatchOptions bo;
    bo.keepWalk = false;
    // The window's thread shares the cores with the workers: while it lays out and paints the first
    // rows and message, it got half a core and stalled 74-151 ms; with the workers at nice 10, 45-73 ms
    // (bench/gui_load.sh, docs/performance.md). With the machine otherwise idle the workers still get
    // both cores: loading took as long.
    bo.workerNice = 10;

    class Observer : public BatchObserver {
    public:
        explicit Observer(const std::atomic_bool &c) : m_cancel(c) {}
        bool shouldStop() const override { return m_cancel.load(); }

    private:
        const std::atomic_bool &m_cancel;
    } observer(cancel);

    QList<RowPtr> batch;
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
            batch.append(rowOf(std::move(item)));
            ++done;
            if (batch.size() >= 256 || timer.elapsed() > 100) {
                post(std::exchange(batch, {}), done, estimate());
                timer.restart();
            }
        },
        &observer);
    post(std::exchange(batch, {}), done, cancel.load() ? estimate() : done);
    return source.archiveDigests();
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

EvidencePtr ArchiveReader::reload(const EvidenceRow &row, VerificationSettings settings, bool keepTime, bool walk)
{
    if (keepTime && row.evaluatedAt.isValid())
        settings.now = row.evaluatedAt;
    auto full = std::make_shared<EvidenceItem>();
    row.stamp(*full);
    Expected<QByteArray> bytes = readAt(row.location);
    if (!bytes) {
        full->error = bytes.error().message;
        full->result.file = row.path;
        full->mime.from = row.from;
        full->mime.subject = row.subject;
        full->mime.date = row.date;
        return full;
    }
    Message m = Message::fromBytes(*bytes, row.location.file);
    m.setFromMboxArchive(inContainer(row));
    full->message = std::make_shared<const Message>(std::move(m));
    // As BatchVerifier: the decoded headers only, unless the panes will show the MIME tree.
    full->mime = walk ? MimeSummary::of(*full->message) : MimeSummary::headersOf(*full->message);
    return EvidenceLoader::verify(*full, settings, walk);
}

QString ArchiveReader::label(const QString &path, const MessageLocation &location)
{
    const QString name = QFileInfo(location.file.isEmpty() ? path : location.file).fileName();
    if (inContainer(location))
        return QStringLiteral("%1 #%2").arg(name).arg(location.index);
    return name;
}

} // namespace dkimi::ui
