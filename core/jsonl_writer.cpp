#include "jsonl_writer.h"

namespace dkimi {

QByteArray JsonLinesWriter::line(const BatchItem &item, const ReportOptions &opt)
{
    json::Object o =
        item.result ? toJson(*item.result, item.summary, opt) : errorToJson(item.location.file, item.error);
    const MessageLocation &loc = item.location;
    o[QStringLiteral("file")] = loc.file;
    if (loc.container == MessageLocation::Container::Mbox) {
        o[QStringLiteral("container")] = QStringLiteral("mbox");
        o[QStringLiteral("index")] = double(loc.index);
        o[QStringLiteral("offset")] = double(loc.offset);
        o[QStringLiteral("length")] = double(loc.length);
    } else if (loc.container == MessageLocation::Container::Maildir) {
        o[QStringLiteral("container")] = QStringLiteral("maildir");
    }
    if (!item.notes.isEmpty())
        o[QStringLiteral("notes")] = json::Array::fromStringList(item.notes);
    QByteArray b = o.toBytes();
    b.append('\n');
    return b;
}

} // namespace dkimi
