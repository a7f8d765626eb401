#include "list_exporter.h"

#include "archive_reader.h"
#include "caching_resolver.h"
#include "csv_writer.h"
#include "evidence_loader.h"
#include "jsonl_writer.h"

#include <QBuffer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSettings>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <numeric>

namespace dkimi::ui {

QByteArray ListExporter::header(Format format)
{
    return format == Format::Csv ? CsvWriter::header().toUtf8() : QByteArray();
}

QByteArray ListExporter::render(const EvidenceItem &item, Format format)
{
    const BatchItem b = ArchiveReader::toBatchItem(item);
    if (format == Format::Csv)
        return CsvWriter::rows(b).toUtf8();
    return JsonLinesWriter::line(b);
}

bool ListExporter::write(QIODevice &out, const QList<RowPtr> &rows, Format format, const VerificationSettings &settings,
                         const std::atomic_bool *cancel, const Progress &progress, QString *error)
{
    auto cancelled = [cancel] { return cancel && cancel->load(); };
    auto put = [&](const QByteArray &bytes) {
        if (bytes.isEmpty() || out.write(bytes) == bytes.size())
            return true;
        if (error)
            *error = out.errorString();
        return false;
    };
    if (!put(header(format)))
        return false;
    const int total = int(rows.size());
    // As in the batch that made the rows: each (domain, selector) is looked up once per export.
    VerificationSettings once = settings;
    if (once.resolver)
        once.resolver = std::make_shared<CachingResolver>(once.resolver);
    // Rows are verified again on every core, a slice at a time, and written in list order.
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    const int slice = 16 * pool.maxThreadCount();
    auto one = [&](int i) {
        if (cancelled())
            return QByteArray();
        // Without the walk or the MIME tree: neither is exported.
        return render(*EvidenceLoader::reload(*rows.at(i), once, false), format);
    };
    int done = 0;
    while (done < total) {
        if (cancelled())
            return false;
        QList<int> indexes(std::min(slice, total - done));
        std::iota(indexes.begin(), indexes.end(), done);
        const QList<QByteArray> parts = QtConcurrent::blockingMapped<QList<QByteArray>>(&pool, indexes, one);
        if (cancelled())
            return false;
        for (const QByteArray &p : parts) {
            if (!put(p))
                return false;
        }
        done += int(indexes.size());
        if (progress)
            progress(done, total);
    }
    return !cancelled(); // cancelled at the very end: still no export
}

bool ListExporter::write(const QString &file, const QList<RowPtr> &rows, Format format,
                         const VerificationSettings &settings, const std::atomic_bool *cancel, const Progress &progress,
                         QString *error)
{
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    if (!write(f, rows, format, settings, cancel, progress, error)) {
        f.cancelWriting(); // nothing half-written replaces the file
        return false;
    }
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

QByteArray ListExporter::text(const QList<RowPtr> &rows, Format format, const VerificationSettings &settings)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    write(buffer, rows, format, settings);
    return buffer.data();
}

namespace {

// One export in the background. It lives as long as its progress dialog; destroyed (the window closes)
// it stops the export and waits for it, so the worker never reports to a dead object.
class ExportRun : public QObject {
public:
    explicit ExportRun(QObject *parent) : QObject(parent) {}
    ~ExportRun() override
    {
        m_cancel.store(true);
        m_future.waitForFinished();
    }
    std::atomic_bool m_cancel{false};
    QFuture<void> m_future;
};

} // namespace

void ListExporter::exportDialog(QWidget *parent, const QList<RowPtr> &rows, Format format,
                                const VerificationSettings &settings)
{
    QSettings s;
    const bool csvFormat = format == Format::Csv;
    const QString dir = s.value(QStringLiteral("dirs/export")).toString();
    const QString file = QFileDialog::getSaveFileName(
        parent, csvFormat ? tr("Export the list as CSV") : tr("Export the list as JSON Lines"),
        dir + (dir.isEmpty() ? QString() : QStringLiteral("/")) +
            (csvFormat ? QStringLiteral("verdicts.csv") : QStringLiteral("verdicts.jsonl")),
        csvFormat ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.json)"));
    if (file.isEmpty())
        return;
    s.setValue(QStringLiteral("dirs/export"), QFileInfo(file).absolutePath());
    exportInBackground(parent, rows, format, settings, file);
}

QProgressDialog *ListExporter::exportInBackground(QWidget *parent, const QList<RowPtr> &rows, Format format,
                                                  const VerificationSettings &settings, const QString &file)
{
    // Light rows are verified again: a large list takes a while. The dialog only shows when it does.
    auto *dialog =
        new QProgressDialog(tr("Exporting %n messages (each is read and verified again)…", nullptr, int(rows.size())),
                            tr("Cancel"), 0, int(rows.size()), parent);
    dialog->setObjectName(QStringLiteral("exportProgress"));
    dialog->setWindowTitle(tr("Export"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    auto *run = new ExportRun(dialog);
    QObject::connect(dialog, &QProgressDialog::canceled, run, [run] { run->m_cancel.store(true); });
    const QPointer<QWidget> owner(parent);
    run->m_future = QtConcurrent::run([run, dialog, owner, rows, format, settings, file] {
        QString error;
        const bool ok = write(
            file, rows, format, settings, &run->m_cancel,
            [run, dialog](int done, int) {
                QMetaObject::invokeMethod(
                    run, [dialog, done] { dialog->setValue(done); }, Qt::QueuedConnection);
            },
            &error);
        QMetaObject::invokeMethod(
            run,
            [run, dialog, owner, ok, error] {
                const bool cancelled = run->m_cancel.load();
                dialog->deleteLater();
                if (!ok && !cancelled)
                    QMessageBox::warning(owner, tr("Export"), tr("The file could not be written:\n%1").arg(error));
            },
            Qt::QueuedConnection);
    });
    return dialog;
}

} // namespace dkimi::ui
