#include "list_exporter.h"

#include "archive_reader.h"
#include "csv_writer.h"
#include "report_writer.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>

namespace dkimi::ui {

QString ListExporter::csv(const QList<EvidencePtr> &items)
{
    QString out = CsvWriter::header();
    for (const EvidencePtr &e : items)
        out += CsvWriter::rows(ArchiveReader::toBatchItem(*e));
    return out;
}

QByteArray ListExporter::jsonLines(const QList<EvidencePtr> &items)
{
    QByteArray out;
    for (const EvidencePtr &e : items) {
        const BatchItem b = ArchiveReader::toBatchItem(*e);
        json::Object o = b.result ? toJson(*b.result, b.summary) : errorToJson(b.location.file, b.error);
        // The same location fields as `dkim-inspector-cli verify --format json`.
        o[QStringLiteral("file")] = b.location.file;
        if (b.location.container == MessageLocation::Container::Mbox) {
            o[QStringLiteral("index")] = double(b.location.index);
            o[QStringLiteral("offset")] = double(b.location.offset);
        }
        out += o.toBytes();
        out += '\n';
    }
    return out;
}

bool ListExporter::write(const QList<EvidencePtr> &items, Format format, const QString &file, QString *error)
{
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    f.write(format == Format::Csv ? csv(items).toUtf8() : jsonLines(items));
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void ListExporter::exportDialog(QWidget *parent, const QList<EvidencePtr> &items, Format format)
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
    QString error;
    if (!write(items, format, file, &error))
        QMessageBox::warning(parent, tr("Export"), tr("The file could not be written:\n%1").arg(error));
}

} // namespace dkimi::ui
