#pragma once

#include "dkim_signature.h"
#include "key_record.h"
#include "key_resolver.h"
#include "walk.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace dkimi {

enum class Result { Pass, Policy, Fail, PermError, TempError, None };
const char *resultName(Result r);
int resultRank(Result r); // higher is better: pass > policy > fail > temperror > permerror > none

// How one h= entry was resolved to a header instance (bottom-up, RFC 6376 §5.4.2).
struct SignedHeaderUse {
    QByteArray name;          // as written in h=
    int headerIndex = -1;     // -1: no instance left (over-signed: locks the name against additions)
    qsizetype hashOffset = 0; // where its canonical form sits in the header hash input
    qsizetype hashLength = 0;
};

struct SignatureResult {
    int index = 0; // 0-based position among the DKIM-Signature headers, top first
    DkimSignature signature;
    Result result = Result::PermError;
    QString reason;
    QString detail;
    std::optional<bool> cryptoValid;
    std::optional<bool> bodyHashMatches;
    std::optional<bool> signatureValid;
    int keyBits = 0; // 0 = no key
    QStringList flags;
    qint64 unsignedBodyBytes = 0;
    qint64 canonicalBodyLength = -1;

    KeyLookup keyLookup;
    std::optional<KeyRecord> key;
    QByteArray computedBodyHash;
    QByteArray headerHashInput;
    QByteArray headerHash;
    QList<SignedHeaderUse> headerUses;
    QStringList unsignedHeaders;   // names present in the message but covered by no h= entry
    QStringList oversignedHeaders; // names listed in h= more often than they occur
    QList<Step> steps;

    bool hasFlag(const QString &f) const { return flags.contains(f); }
};

struct MessageResult {
    QString file;
    QByteArray sha256; // hex, of the stored bytes
    qint64 size = 0;
    Result result = Result::None;
    QDateTime evaluatedAt;
    QString evaluatedAtBasis; // "now", "given", "date_header"
    QList<SignatureResult> signatures;
    QList<Finding> findings; // message-level (parse remarks, line endings, ...)
};

} // namespace dkimi
