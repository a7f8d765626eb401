#include "forensics.h"

#include "body_explainer.h"
#include "evidence_strength.h"
#include "header_analysis.h"
#include "header_explainer.h"
#include "replay_check.h"
#include "signed_hash_recovery.h"

#include <QFileInfo>

namespace dkimi {

namespace {

QString describeSource(const KeyLookup &kl)
{
    if (kl.sourceKind == QLatin1String("zone_file"))
        return QStringLiteral("zone file %1").arg(QFileInfo(kl.sourceName).fileName());
    return kl.sourceName.isEmpty() ? kl.sourceKind : kl.sourceKind + QLatin1Char(' ') + kl.sourceName;
}

// A key to recover the signed hash with, and where it came from.
struct CandidateKey {
    PublicKey key;
    QString source;
    QByteArray fingerprint; // SHA-256 of the SubjectPublicKeyInfo, hex
};

void addCandidate(QList<CandidateKey> &out, const QByteArray &recordText, const QString &source)
{
    const KeyRecord k = KeyRecord::parse(recordText);
    if (k.key.isNull())
        return;
    const QByteArray fp = k.sha256Fingerprint();
    for (const CandidateKey &c : std::as_const(out)) {
        if (c.fingerprint == fp)
            return;
    }
    out.append(CandidateKey{k.key, source, fp});
}

// The keys this signature could have been made with: the one the verifier used first, then every
// other candidate the key step found (a key store or zone file may hold a key DNS has rotated away).
QList<CandidateKey> candidateKeys(const SignatureResult &r)
{
    QList<CandidateKey> out;
    if (r.key && !r.key->key.isNull())
        out.append(CandidateKey{r.key->key, describeSource(r.keyLookup), r.key->sha256Fingerprint()});
    for (const KeyCandidate &c : r.keyCandidates) {
        const QString src =
            c.sourceKind == QLatin1String("zone_file")
                ? QStringLiteral("zone file %1").arg(QFileInfo(c.sourceName).fileName())
                : (c.sourceName.isEmpty() ? c.sourceKind : c.sourceKind + QLatin1Char(' ') + c.sourceName);
        addCandidate(out, c.record, src);
    }
    for (const QList<QByteArray> &rec : r.keyLookup.records)
        addCandidate(out, KeyLookup::joined(rec), describeSource(r.keyLookup));
    return out;
}

// Signed-hash recovery, header and body explanations, z= comparison: visible steps, never the verdict.
void explainChecks(const Message &m, SignatureResult &r)
{
    const DkimSignature &sig = r.signature;
    const bool isRsa = sig.algorithm == SignatureAlgorithm::RsaSha1 || sig.algorithm == SignatureAlgorithm::RsaSha256;
    const bool headersHashed = !r.headerHash.isEmpty() && !sig.b.isEmpty();
    const bool checkFailed = r.signatureValid.has_value() && !*r.signatureValid;

    // -- Signed-hash recovery (RSA) ---------------------------------------------------------------
    bool recoveredMismatch = false;
    bool keyDidNotSign = false;
    if (isRsa && headersHashed) {
        const QList<CandidateKey> keys = candidateKeys(r);
        // Part of the signature check: its inputs and findings join that step (the walk keeps its shape).
        Step scratch;
        Step *found = nullptr;
        for (Step &x : r.steps) {
            if (x.kind == StepKind::SignatureCheck)
                found = &x;
        }
        Step &st = found ? *found : scratch;
        st.inputs.append(Field{QStringLiteral("our header hash"), QString::fromLatin1(r.headerHash.toHex()), {}});
        int madeBy = -1;
        bool firstValid = false;
        // A verified RSASSA-PKCS1-v1_5 signature already proves what recovery would show: the key
        // used made b=, and the hash it signed is ours. Recovery is for failures.
        const bool verified = r.signatureValid.value_or(false) && !keys.isEmpty();
        if (verified) {
            madeBy = 0;
            firstValid = true;
            r.recoveredHash = r.headerHash;
            r.recoveredWith = keys.first().source;
            st.inputs.append(Field{QStringLiteral("signed hash"),
                                   QStringLiteral("%1 (equal to ours: implied by the successful verification)")
                                       .arg(QString::fromLatin1(r.headerHash.toHex())),
                                   {}});
        }
        for (int i = 0; i < keys.size() && !verified; ++i) {
            const RecoveredHash rh = recoverSignedHash(keys.at(i).key, sig.b, hashOf(sig.algorithm));
            st.inputs.append(Field{
                QStringLiteral("key %1 (%2, %3-bit, SHA-256 %4)")
                    .arg(i + 1)
                    .arg(keys.at(i).source)
                    .arg(keys.at(i).key.bits())
                    .arg(QString::fromLatin1(keys.at(i).fingerprint.left(16))),
                rh.isValid() ? QStringLiteral("signed hash %1").arg(QString::fromLatin1(rh.digest.toHex()))
                             : QString::fromLatin1(recoveredStatusName(rh.status)) + QStringLiteral(": ") + rh.detail,
                {}});
            if (i == 0)
                firstValid = rh.isValid();
            if (rh.isValid() && madeBy < 0) {
                madeBy = i;
                r.recoveredHash = rh.digest;
                r.recoveredWith = keys.at(i).source;
            }
        }
        if (!keys.isEmpty()) {
            r.recoveredHashValid = madeBy >= 0;
            const QString chosen = keys.first().source;
            if (!firstValid) {
                keyDidNotSign = madeBy < 0;
                Explanation e;
                e.code = QStringLiteral("key_does_not_match_signature");
                e.ranges = {sig.tagRange(m, "b")};
                e.count = keys.size();
                e.detail = QStringLiteral("The key at %1 (%2) did not make this signature: under it b= is not a "
                                          "PKCS#1 v1.5 signature at all. Another key made it (typically the domain "
                                          "has rotated its key since), or b= was altered.")
                               .arg(QString::fromLatin1(r.keyLookup.queryName), chosen);
                st.addFinding(Severity::Error, e.code, e.detail, e.ranges);
                r.explanations.append(e);
            }
            if (madeBy > 0) {
                Explanation e;
                e.code = QStringLiteral("other_key_made_signature");
                e.count = 1;
                e.detail =
                    QStringLiteral("Key %1 of %2 (%3, SHA-256 %4) made this signature%5.")
                        .arg(madeBy + 1)
                        .arg(keys.size())
                        .arg(keys.at(madeBy).source, QString::fromLatin1(keys.at(madeBy).fingerprint))
                        .arg(r.recoveredHash == r.headerHash ? QStringLiteral(", over exactly these headers")
                                                             : QStringLiteral(", but over different header values"));
                st.addFinding(Severity::Warning, e.code, e.detail);
                r.explanations.append(e);
            } else if (madeBy < 0 && keys.size() > 1) {
                st.addFinding(Severity::Info, QStringLiteral("no_candidate_key_matches"),
                              QStringLiteral("None of the %1 candidate keys made this signature.").arg(keys.size()));
            }
            if (madeBy >= 0 && r.recoveredHash != r.headerHash) {
                recoveredMismatch = true;
                Explanation e;
                e.code = QStringLiteral("signed_hash_recovered_mismatch");
                e.detail =
                    QStringLiteral("This key made this signature, but the signed header hash (%1) differs from "
                                   "the hash of the headers now present (%2): the signed headers were "
                                   "different when signed.")
                        .arg(QString::fromLatin1(r.recoveredHash.toHex()), QString::fromLatin1(r.headerHash.toHex()));
                st.addFinding(Severity::Error, e.code, e.detail);
                r.explanations.append(e);
            } else if (madeBy >= 0) {
                st.addFinding(Severity::Info, QStringLiteral("signed_hash_recovered"),
                              QStringLiteral("The signed header hash recovered from b= equals ours."));
            }
        }
        if (!found && !keys.isEmpty()) {
            scratch.kind = StepKind::SignatureCheck;
            scratch.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Recover the signed hash from b="));
            scratch.verdict = madeBy >= 0 && r.recoveredHash == r.headerHash ? Verdict::Pass : Verdict::Fail;
            r.steps.append(scratch);
        }
    }

    // -- Header explanations ----------------------------------------------------------------------
    if (checkFailed && headersHashed) {
        if (keyDidNotSign) {
            Step st;
            st.kind = StepKind::HeaderHash;
            st.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Explain header signature"));
            st.verdict = Verdict::Skipped;
            st.addFinding(Severity::Info, QStringLiteral("not_applicable"),
                          QStringLiteral("No candidate key made this signature, so no change to the headers can "
                                         "explain the failure."));
            r.steps.append(st);
        } else {
            const QByteArray recovered = r.recoveredHashValid.value_or(false) ? r.recoveredHash : QByteArray();
            const HashAlgorithm alg = hashOf(sig.algorithm);
            const std::optional<KeyRecord> key = r.key;
            const QByteArray b = sig.b;
            const bool ed = sig.algorithm == SignatureAlgorithm::Ed25519Sha256;
            HeaderExplainer::Oracle oracle = [=](const QByteArray &input) {
                const QByteArray h = digest(alg, input);
                if (!recovered.isEmpty())
                    return h == recovered;
                if (!key || key->key.isNull())
                    return false;
                return ed ? key->key.verifyEd25519(h, b) : key->key.verifyRsaDigest(alg, h, b);
            };
            HeaderExplainer::explain(m, r, oracle, recoveredMismatch, &r.steps, &r.explanations);
        }
    }
    HeaderExplainer::compareCopiedHeaders(m, r, &r.steps, &r.explanations);

    // -- Body explanations ------------------------------------------------------------------------
    if (r.bodyHashMatches.has_value() && !*r.bodyHashMatches)
        BodyExplainer::explain(m, r, &r.steps, &r.explanations);
}

} // namespace

void explainSignature(const Message &m, SignatureResult &r, const PublishedKeyList *published, qint64 evalTime,
                      bool explainFailures)
{
    if (explainFailures)
        explainChecks(m, r);
    // -- A published private key (the verdict step makes it policy reason key_published) ------------
    if (r.reason.isEmpty() && r.bodyHashMatches.value_or(false) && r.signatureValid.value_or(false))
        checkPublishedKey(r, published, evalTime);
}

void analyseMessage(const Message &m, MessageResult &r)
{
    // What each valid signature is worth, stated in its policy step (after the verdict: it never changes it).
    for (SignatureResult &s : r.signatures) {
        if (s.cryptoValid.value_or(false) && !s.steps.isEmpty() && s.steps.last().kind == StepKind::PolicyChecks)
            assessEvidence(s, s.steps.last());
    }
    r.headers = analyseHeaders(m, r.signatures);
    Step table;
    table.kind = StepKind::CanonicalizeHeaders;
    table.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Header analysis"));
    for (const HeaderNameInfo &n : std::as_const(r.headers.names))
        table.inputs.append(
            Field{n.name, QStringLiteral("%1 instance(s)").arg(n.instances.size()), n.instances.first().range});
    table.findings = r.headers.findings;
    table.verdict = Verdict::Neutral;
    r.messageSteps.append(table);
    const Step replay = checkReplay(m, !r.signatures.isEmpty());
    r.replay = replay.findings;
    r.messageSteps.append(replay);
}

} // namespace dkimi
