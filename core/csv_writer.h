#pragma once

#include "batch_verifier.h"

#include <QString>

namespace dkimi {

// CSV export of verdicts, one row per signature (RFC 4180 quoting), shared by the CLI and the GUI.
class CsvWriter {
public:
    static QString header();
    // Rows for one message; an unsigned message gets one row with empty signature columns, an
    // unreadable one a row with message_result "error" and the error text.
    static QString rows(const BatchItem &item);
};

} // namespace dkimi
