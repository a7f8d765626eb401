#pragma once

#include "mime_summary.h"
#include "verification_result.h"

#include "json_builder.h"
#include <QByteArray>
#include <QString>

namespace dkimi {

struct ReportOptions {
    bool includeWalk = false; // steps with inputs, findings and exact output bytes (base64)
};

// One JSON object per message (the CLI prints them as JSON Lines). Field names are documented in
// docs/cli.md and stay stable: scripts depend on them.
json::Object toJson(const MessageResult &r, const MimeSummary &mime, const ReportOptions &opt = {});
json::Object signatureToJson(const SignatureResult &s, const ReportOptions &opt = {});
// A TXT lookup's provenance (source, DNSSEC, rcode, resolver, TTL, fetched at, CNAME chain): the
// same shape for a DMARC record as `dkim-inspector-cli keys lookup --format json` gives for a key.
json::Object lookupProvenanceJson(const KeyLookup &l);
// The per-message "dmarc" object (docs/dmarc.md).
json::Object dmarcToJson(const DmarcEvaluation &e);
// One line of plain words: "DMARC: PASS (p=reject from _dmarc.example.com, DKIM aligned ...)".
QString dmarcLine(const DmarcEvaluation &e);
json::Object errorToJson(const QString &file, const QString &message);

// Plain words for people.
QString toText(const MessageResult &r, const MimeSummary &mime);

// The verdict headline (docs/UX.md wording).
QString headline(const SignatureResult &s);

} // namespace dkimi
