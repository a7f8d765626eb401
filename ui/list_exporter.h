#pragma once

#include "evidence_item.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class QWidget;

namespace dkimi::ui {

// Export of the evidence list: CSV (core's CsvWriter, one row per signature) or JSON Lines (one
// object per message, as the CLI's --format json, with file, index and offset inside an mbox).
class ListExporter {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::ListExporter)
public:
    enum class Format { Csv, JsonLines };
    static QString csv(const QList<EvidencePtr> &items);
    static QByteArray jsonLines(const QList<EvidencePtr> &items);
    static bool write(const QList<EvidencePtr> &items, Format format, const QString &file, QString *error);
    // Asks for a file and writes it; tells the user what went wrong.
    static void exportDialog(QWidget *parent, const QList<EvidencePtr> &items, Format format);
};

} // namespace dkimi::ui
