#include "evidence_row.h"

#include "archive_reader.h"
#include "verdict_presenter.h"

namespace dkimi::ui {

std::shared_ptr<EvidenceRow> EvidenceRow::make(const QString &path, const MessageLocation &location,
                                               const MessageResult &result, const MimeSummary &mime)
{
    auto row = std::make_shared<EvidenceRow>();
    row->path = path;
    row->location = location;
    row->result = result.result;
    row->evaluatedAt = result.evaluatedAt;
    row->signatures.reserve(result.signatures.size());
    for (const SignatureResult &s : result.signatures)
        row->signatures.append(RowSignature{s.signature.domain, s.signature.selector, s.reason,
                                            VerdictPresenter::headline(s), s.result, VerdictPresenter::hasCaveats(s)});
    row->from = mime.from;
    row->subject = mime.subject;
    row->date = mime.date;
    if (!mime.date.isValid())
        row->dateText = mime.dateText;
    return row;
}

std::shared_ptr<EvidenceRow> EvidenceRow::makeError(const QString &path, const MessageLocation &location,
                                                    const QString &error)
{
    auto row = std::make_shared<EvidenceRow>();
    row->path = path;
    row->location = location;
    row->error = error;
    return row;
}

std::shared_ptr<EvidenceRow> EvidenceRow::of(const EvidencePtr &item, bool keep)
{
    std::shared_ptr<EvidenceRow> row =
        item->isError() ? makeError(item->path, item->location,
                                    item->error.isEmpty() ? ArchiveReader::tr("could not be read") : item->error)
                        : make(item->path, item->location, item->result, item->mime);
    row->id = item->id;
    row->notes = item->notes;
    if (keep && !item->isError())
        row->full = item;
    return row;
}

void EvidenceRow::stamp(EvidenceItem &item) const
{
    item.id = id;
    item.path = path;
    item.location = location;
    item.notes = notes;
}

QList<SignatureTally> EvidenceRow::tallies() const
{
    QList<SignatureTally> out;
    out.reserve(signatures.size());
    for (const RowSignature &s : signatures)
        out.append({s.result, s.reason, s.domain});
    return out;
}

} // namespace dkimi::ui
