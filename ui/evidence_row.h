#pragma once

#include "batch_summary.h"
#include "evidence_item.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace dkimi::ui {

// What the evidence list keeps of one signature: the Signed by, Selector and Result columns, the
// tooltip, the filter and the summary dock's counts.
struct RowSignature {
    QByteArray domain;   // d=, as written
    QByteArray selector; // s=
    QString reason;      // code (docs/codes.md): the summary counts messages by it
    QString headline;    // VerdictPresenter::headline: the list's tooltip
    Result result = Result::PermError;
    bool caveats = false; // VerdictPresenter::hasCaveats: "pass, with caveats"
};

// One row of the evidence list: what the list, its filter and sort, the summary dock and the verdict
// columns need, and nothing else (about 700 bytes of heap in an archive's list, where a full item
// with its result is about 27 KB without the walk). A light row (an archive, a large folder) keeps only this: when the
// message is shown or exported it is read again from its file and location and verified again at the time the row was
// judged (EvidenceLoader::reload). A small folder's rows also keep the full item.
struct EvidenceRow {
    quint64 id = 0; // stable row identity, assigned by the list model
    QString path;   // the file as opened
    MessageLocation location;
    QString error; // non-empty: the file could not be read (an error row)
    Result result = Result::None;
    QDateTime evaluatedAt; // when x= and t= were judged: shown or exported again, it is judged at this time
    QList<RowSignature> signatures;
    QString from;      // decoded (MimeSummary)
    QString subject;   // decoded
    QDateTime date;    // the Date header, parsed (UTC)
    QString dateText;  // the Date header as written, kept only when it could not be parsed
    QStringList notes; // how it was read (MessageSource): e.g. an archive that ends mid-line
    EvidencePtr full;  // the whole item, when kept; null for a light row and an error row

    bool isError() const { return !error.isEmpty(); }
    bool isLight() const { return !full && error.isEmpty(); }

    // The row of a verified message (result and decoded headers).
    static std::shared_ptr<EvidenceRow> make(const QString &path, const MessageLocation &location,
                                             const MessageResult &result, const MimeSummary &mime);
    // The row of a message that could not be read.
    static std::shared_ptr<EvidenceRow> makeError(const QString &path, const MessageLocation &location,
                                                  const QString &error);
    // The row of an item; keep: the row holds the item itself (bytes, walk and all), with its id.
    static std::shared_ptr<EvidenceRow> of(const EvidencePtr &item, bool keep);
    // Gives an item made again from this row the row's identity: id, file, location and reading notes.
    void stamp(EvidenceItem &item) const;
    // What BatchSummary counts of the signatures.
    QList<SignatureTally> tallies() const;
};

using RowPtr = std::shared_ptr<const EvidenceRow>;

} // namespace dkimi::ui
