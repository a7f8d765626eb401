#pragma once

#include "batch_verifier.h"
#include "report_writer.h"

#include <QByteArray>

namespace dkimi {

// JSON Lines export of verdicts, one object per message, shared by the CLI (`--format json`) and the
// window's export: the report (or the error) of the message, where it is (file; in an mbox also
// container, index, offset and length; in a Maildir the container) and how it was read (notes).
class JsonLinesWriter {
public:
    // The message's JSON object and a newline.
    static QByteArray line(const BatchItem &item, const ReportOptions &opt = {});
};

} // namespace dkimi
