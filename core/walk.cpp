#include "walk.h"

namespace dkimi {

const char *stepKindName(StepKind kind)
{
    switch (kind) {
    case StepKind::LocateSignature:
        return "locate_signature";
    case StepKind::ParseTags:
        return "parse_tags";
    case StepKind::FetchKey:
        return "fetch_key";
    case StepKind::ParseKey:
        return "parse_key";
    case StepKind::CanonicalizeBody:
        return "canonicalize_body";
    case StepKind::BodyHash:
        return "body_hash";
    case StepKind::CanonicalizeHeaders:
        return "canonicalize_headers";
    case StepKind::HeaderHash:
        return "header_hash";
    case StepKind::SignatureCheck:
        return "signature_check";
    case StepKind::PolicyChecks:
        return "policy_checks";
    }
    return "unknown";
}

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Fail:
        return "fail";
    case Verdict::Neutral:
        return "neutral";
    case Verdict::TempError:
        return "temperror";
    case Verdict::PermError:
        return "permerror";
    case Verdict::Skipped:
        return "skipped";
    }
    return "unknown";
}

const char *severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Note:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "unknown";
}

} // namespace dkimi
