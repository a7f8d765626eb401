#pragma once

#include "byte_range.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dkimi {

enum class Severity { Info, Note, Warning, Error };

// A graded observation attached to a step (Wireshark's "expert info"). Steps keep a list: one
// warning never overwrites another.
struct Finding {
    Severity severity = Severity::Info;
    QString code;    // machine code, documented in docs/codes.md
    QString message; // plain words
    QList<ByteRange> where;
};

enum class Verdict { Pass, Fail, Neutral, TempError, PermError, Skipped };

enum class StepKind {
    LocateSignature,
    ParseTags,
    FetchKey,
    ParseKey,
    CanonicalizeBody,
    BodyHash,
    CanonicalizeHeaders,
    HeaderHash,
    SignatureCheck,
    PolicyChecks,
};

// One named input of a step, with where it came from.
struct Field {
    QString name;
    QString value;
    ByteRange range;
};

struct Step {
    StepKind kind = StepKind::LocateSignature;
    QString title; // translatable (QT_TRANSLATE_NOOP("dkimi::Step", ...)), English here
    QList<Field> inputs;
    QByteArray output; // the exact bytes this step produced (canonical body, header hash input, digest, ...)
    SourceId outputSource = SourceId::RawMessage; // what `output` is, when it is a source a pane can show
    Verdict verdict = Verdict::Neutral;
    QList<Finding> findings;

    void addFinding(Severity s, const QString &code, const QString &message, QList<ByteRange> where = {})
    {
        findings.append(Finding{s, code, message, std::move(where)});
    }
};

const char *stepKindName(StepKind kind);
const char *verdictName(Verdict v);
const char *severityName(Severity s);

} // namespace dkimi
