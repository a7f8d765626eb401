#pragma once

#include "evidence_row.h"
#include "verification_settings.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

class QIODevice;
class QProgressDialog;
class QWidget;

namespace dkimi::ui {

// Export of the evidence list: CSV (core's CsvWriter, one row per signature) or JSON Lines (one
// object per message, as the CLI's --format json, with file, index and offset inside an mbox).
//
// A row keeps only what the list shows, so a light row (an archive, a large folder) is read again
// from its file and location and verified again, at the time it was judged and with the given
// settings, exactly as when it is shown (EvidenceLoader::reload): the export is what the full result
// gives. A message that cannot be read again becomes an error row; the others go on.
class ListExporter {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::ListExporter)
public:
    enum class Format { Csv, JsonLines };

    // Told the number of rows written so far (on the exporting thread), after each small slice.
    using Progress = std::function<void(int done, int total)>;

    // The CSV header line; empty for JSON Lines.
    static QByteArray header(Format format);
    // What one item exports as: its CSV rows, or its JSON line.
    static QByteArray render(const EvidenceItem &item, Format format);

    // Writes the rows in order, verifying light rows again on every core a slice at a time (memory
    // stays bounded, whatever the number of rows). False when cancel was set or writing failed.
    static bool write(QIODevice &out, const QList<RowPtr> &rows, Format format, const VerificationSettings &settings,
                      const std::atomic_bool *cancel = nullptr, const Progress &progress = {},
                      QString *error = nullptr);
    // The same into a file, which is replaced only when the whole export was written.
    static bool write(const QString &file, const QList<RowPtr> &rows, Format format,
                      const VerificationSettings &settings, const std::atomic_bool *cancel = nullptr,
                      const Progress &progress = {}, QString *error = nullptr);
    // The whole text at once (small lists, tests).
    static QByteArray text(const QList<RowPtr> &rows, Format format, const VerificationSettings &settings);

    // Asks for a file and writes it in the background (below).
    static void exportDialog(QWidget *parent, const QList<RowPtr> &rows, Format format,
                             const VerificationSettings &settings);
    // Writes the file off the UI thread. Past a moment the progress dialog (returned) shows, with
    // Cancel; it deletes itself when the export ends, and tells the user if the file could not be
    // written. Destroyed with its parent, it stops the export and waits for it.
    static QProgressDialog *exportInBackground(QWidget *parent, const QList<RowPtr> &rows, Format format,
                                               const VerificationSettings &settings, const QString &file);
};

} // namespace dkimi::ui
