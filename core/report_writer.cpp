#include "report_writer.h"

#include "verifier.h"

#include <QFileInfo>
#include <QLocale>

namespace dkimi {

namespace {

json::Value optBool(const std::optional<bool> &b)
{
    return b ? json::Value(*b) : json::Value();
}

json::Value rangeJson(const ByteRange &r)
{
    if (r.offset < 0)
        return json::Value();
    static const char *names[] = {"raw", "canon_headers", "canon_body", "key_record"};
    return json::Object{{QStringLiteral("source"), QString::fromLatin1(names[int(r.source)])},
                        {QStringLiteral("offset"), double(r.offset)},
                        {QStringLiteral("length"), double(r.length)}};
}

json::Array findingsJson(const QList<Finding> &fs)
{
    json::Array a;
    for (const Finding &f : fs) {
        json::Array where;
        for (const ByteRange &r : f.where)
            where.append(rangeJson(r));
        a.append(json::Object{{QStringLiteral("severity"), QString::fromLatin1(severityName(f.severity))},
                              {QStringLiteral("code"), f.code},
                              {QStringLiteral("message"), f.message},
                              {QStringLiteral("where"), where}});
    }
    return a;
}

QString keyDescription(const SignatureResult &s)
{
    if (!s.key || s.key->key.isNull())
        return QString();
    return QStringLiteral("%1 %2-bit")
        .arg(s.key->key.type() == KeyType::Rsa ? QStringLiteral("RSA") : QStringLiteral("Ed25519"))
        .arg(s.keyBits);
}

QString sourceDescription(const KeyLookup &k)
{
    if (k.sourceKind == QLatin1String("zone_file"))
        return QStringLiteral("zone file %1").arg(QFileInfo(k.sourceName).fileName());
    return k.sourceName.isEmpty() ? k.sourceKind : k.sourceKind + QLatin1Char(' ') + k.sourceName;
}

} // namespace

json::Object signatureToJson(const SignatureResult &s, const ReportOptions &opt)
{
    const DkimSignature &sig = s.signature;
    json::Object o;
    o[QStringLiteral("index")] = s.index;
    o[QStringLiteral("d")] = QString::fromLatin1(sig.domain);
    o[QStringLiteral("s")] = QString::fromLatin1(sig.selector);
    o[QStringLiteral("a")] = QString::fromLatin1(sig.algorithmText);
    o[QStringLiteral("c")] =
        sig.tags.contains("c") || sig.isUsable()
            ? QStringLiteral("%1/%2").arg(QString::fromLatin1(canonicalizationName(sig.headerCanon)),
                                          QString::fromLatin1(canonicalizationName(sig.bodyCanon)))
            : QString();
    o[QStringLiteral("i")] = QString::fromLatin1(sig.identity);
    o[QStringLiteral("result")] = QString::fromLatin1(resultName(s.result));
    o[QStringLiteral("reason")] = s.reason;
    o[QStringLiteral("detail")] = s.detail;
    o[QStringLiteral("crypto_valid")] = optBool(s.cryptoValid);
    o[QStringLiteral("body_hash_matches")] = optBool(s.bodyHashMatches);
    o[QStringLiteral("signature_valid")] = optBool(s.signatureValid);
    o[QStringLiteral("key_bits")] = s.keyBits > 0 ? json::Value(s.keyBits) : json::Value();
    o[QStringLiteral("flags")] = json::Array::fromStringList(s.flags);
    if (s.dmarcAlignment) {
        o[QStringLiteral("dmarc_alignment")] = QString::fromLatin1(alignmentName(s.dmarcAlignment->alignment));
        o[QStringLiteral("from_domain")] = QString::fromLatin1(s.dmarcAlignment->fromDomain);
    } else {
        o[QStringLiteral("dmarc_alignment")] = json::Value();
    }
    if (sig.bodyLength)
        o[QStringLiteral("l")] = double(*sig.bodyLength);
    o[QStringLiteral("unsigned_body_bytes")] = double(s.unsignedBodyBytes);
    o[QStringLiteral("t")] = sig.timestamp ? json::Value(formatEpoch(*sig.timestamp)) : json::Value();
    o[QStringLiteral("x")] = sig.expiration ? json::Value(formatEpoch(*sig.expiration)) : json::Value();
    json::Array h;
    for (const QByteArray &n : sig.signedHeaders)
        h.append(QString::fromLatin1(n));
    o[QStringLiteral("h")] = h;
    o[QStringLiteral("unsigned_headers")] = json::Array::fromStringList(s.unsignedHeaders);
    o[QStringLiteral("oversigned_headers")] = json::Array::fromStringList(s.oversignedHeaders);
    if (!sig.copiedHeaders.isEmpty()) {
        json::Array z;
        for (const QByteArray &c : sig.copiedHeaders)
            z.append(QString::fromUtf8(c));
        o[QStringLiteral("z")] = z;
    }
    json::Object key;
    key[QStringLiteral("query")] = QString::fromLatin1(s.keyLookup.queryName);
    key[QStringLiteral("source")] = s.keyLookup.sourceKind;
    key[QStringLiteral("source_name")] = s.keyLookup.sourceName;
    if (s.key) {
        key[QStringLiteral("record")] = QString::fromLatin1(s.key->text);
        key[QStringLiteral("type")] = QString::fromLatin1(s.key->keyTypeText);
        key[QStringLiteral("sha256")] = QString::fromLatin1(s.key->sha256Fingerprint());
        key[QStringLiteral("testing")] = s.key->testing;
    }
    o[QStringLiteral("key")] = key;
    o[QStringLiteral("body_hash_computed")] =
        s.computedBodyHash.isEmpty() ? json::Value() : json::Value(QString::fromLatin1(s.computedBodyHash.toBase64()));
    o[QStringLiteral("header_hash")] =
        s.headerHash.isEmpty() ? json::Value() : json::Value(QString::fromLatin1(s.headerHash.toHex()));
    // Forensics: why a check failed (each a visible step in the walk), and the signer's recovered hash.
    json::Array explanations;
    for (const Explanation &e : s.explanations) {
        json::Object x{{QStringLiteral("code"), e.code}, {QStringLiteral("detail"), e.detail}};
        if (e.bytes >= 0)
            x[QStringLiteral("bytes")] = double(e.bytes);
        if (e.count >= 0)
            x[QStringLiteral("count")] = double(e.count);
        if (!e.ranges.isEmpty()) {
            json::Array ranges;
            for (const ByteRange &br : e.ranges)
                ranges.append(rangeJson(br));
            x[QStringLiteral("ranges")] = ranges;
        }
        if (!e.headers.isEmpty())
            x[QStringLiteral("headers")] = json::Array::fromStringList(e.headers);
        explanations.append(x);
    }
    o[QStringLiteral("explanations")] = explanations;
    auto hexOrNull = [](const QByteArray &bytes) {
        return bytes.isEmpty() ? json::Value() : json::Value(QString::fromLatin1(bytes.toHex()));
    };
    o[QStringLiteral("computed_header_hash")] = hexOrNull(s.headerHash);
    o[QStringLiteral("recovered_hash")] = hexOrNull(s.recoveredHash);
    o[QStringLiteral("recovered_hash_valid")] = optBool(s.recoveredHashValid);
    if (!s.recoveredWith.isEmpty())
        o[QStringLiteral("recovered_with")] = s.recoveredWith;
    if (!s.evidenceLevel.isEmpty())
        o[QStringLiteral("evidence")] =
            json::Object{{QStringLiteral("level"), s.evidenceLevel},
                         {QStringLiteral("statements"), json::Array::fromStringList(s.evidenceStatements)}};
    if (opt.includeWalk) {
        json::Array steps;
        for (const Step &st : s.steps) {
            json::Array inputs;
            for (const Field &f : st.inputs)
                inputs.append(json::Object{{QStringLiteral("name"), f.name},
                                           {QStringLiteral("value"), f.value},
                                           {QStringLiteral("range"), rangeJson(f.range)}});
            steps.append(json::Object{{QStringLiteral("kind"), QString::fromLatin1(stepKindName(st.kind))},
                                      {QStringLiteral("title"), st.title},
                                      {QStringLiteral("verdict"), QString::fromLatin1(verdictName(st.verdict))},
                                      {QStringLiteral("inputs"), inputs},
                                      {QStringLiteral("output_base64"), QString::fromLatin1(st.output.toBase64())},
                                      {QStringLiteral("findings"), findingsJson(st.findings)}});
        }
        o[QStringLiteral("walk")] = steps;
    }
    return o;
}

namespace {

json::Object arcToJson(const ArcResult &a)
{
    json::Array hops;
    for (const ArcHop &h : a.hops) {
        hops.append(json::Object{{QStringLiteral("instance"), h.instance},
                                 {QStringLiteral("cv"), QString::fromLatin1(h.cv)},
                                 {QStringLiteral("sealed_by"), QString::fromLatin1(h.sealDomain)},
                                 {QStringLiteral("authserv_id"), QString::fromLatin1(h.authservId)},
                                 {QStringLiteral("ams_valid"), optBool(h.amsCheck.valid)},
                                 {QStringLiteral("ams_reason"), h.amsCheck.reason},
                                 {QStringLiteral("seal_valid"), optBool(h.sealCheck.valid)},
                                 {QStringLiteral("seal_reason"), h.sealCheck.reason}});
    }
    return json::Object{{QStringLiteral("result"), QString::fromLatin1(arcChainResultName(a.result))},
                        {QStringLiteral("reason"), a.reason},
                        {QStringLiteral("detail"), a.detail},
                        {QStringLiteral("oldest_pass"), a.oldestPass},
                        {QStringLiteral("instances"), hops.size()},
                        {QStringLiteral("hops"), hops}};
}

json::Array authResultsToJson(const MessageResult &r)
{
    json::Array out;
    for (int i = 0; i < r.authenticationResults.size(); ++i) {
        const AuthenticationResults &ar = r.authenticationResults.at(i);
        json::Array methods;
        for (int ri = 0; ri < ar.results.size(); ++ri) {
            const ArMethodResult &mr = ar.results.at(ri);
            json::Object props;
            for (const ArProperty &p : mr.properties)
                props[QString::fromLatin1(p.ptype.isEmpty() ? p.property : p.ptype + '.' + p.property)] =
                    QString::fromUtf8(p.value);
            json::Object mo{{QStringLiteral("method"), QString::fromLatin1(mr.method)},
                            {QStringLiteral("result"), QString::fromLatin1(mr.result)},
                            {QStringLiteral("properties"), props}};
            if (!mr.reason.isEmpty())
                mo[QStringLiteral("reason")] = QString::fromUtf8(mr.reason);
            // For dkim= entries: does the server's verdict then agree with ours now?
            for (const ArDkimMatch &match : r.arDkimMatches) {
                if (match.arIndex == i && match.resultIndex == ri) {
                    mo[QStringLiteral("signature_index")] = match.signatureIndex;
                    mo[QStringLiteral("matched_by")] = match.matchedBy;
                    mo[QStringLiteral("ours")] = match.ours;
                    mo[QStringLiteral("agrees")] = optBool(match.agrees);
                }
            }
            methods.append(mo);
        }
        json::Object a{{QStringLiteral("authserv_id"), QString::fromUtf8(ar.authservId)},
                       {QStringLiteral("arc"), ar.arc},
                       {QStringLiteral("received_above"), ar.receivedAbove},
                       {QStringLiteral("none"), ar.none},
                       {QStringLiteral("methods"), methods},
                       {QStringLiteral("caveat"), authenticationResultsCaveat(ar)}};
        if (ar.arc)
            a[QStringLiteral("instance")] = ar.instance;
        out.append(a);
    }
    return out;
}

json::Object timelineToJson(const Timeline &t)
{
    json::Array events;
    for (const TimelineEvent &e : t.events) {
        json::Object o{{QStringLiteral("time"), e.time.isValid() ? json::Value(formatTime(e.time)) : json::Value()},
                       {QStringLiteral("kind"), QString::fromLatin1(timelineEventKindName(e.kind))},
                       {QStringLiteral("source"), e.source},
                       {QStringLiteral("label"), e.label},
                       {QStringLiteral("range"), rangeJson(e.range)}};
        if (!e.timeText.isEmpty())
            o[QStringLiteral("time_text")] = e.timeText;
        if (e.timeRange.offset >= 0)
            o[QStringLiteral("time_range")] = rangeJson(e.timeRange);
        if (e.headerIndex >= 0)
            o[QStringLiteral("header_index")] = e.headerIndex;
        if (e.signatureIndex >= 0)
            o[QStringLiteral("signature_index")] = e.signatureIndex;
        if (e.kind == TimelineEventKind::ArcSeal)
            o[QStringLiteral("instance")] = e.arcInstance;
        if (e.kind == TimelineEventKind::AuthenticationResults)
            o[QStringLiteral("received_above")] = e.receivedAbove;
        if (e.received) {
            const ReceivedHeader &h = *e.received;
            o[QStringLiteral("hop")] = e.hop;
            for (const char *name : {"from", "by", "via", "with", "id", "for"}) {
                const ReceivedClause *c = h.clause(name);
                if (!c)
                    continue;
                o[QString::fromLatin1(name)] = c->value;
                if (!c->comment.isEmpty())
                    o[QString::fromLatin1(name) + QStringLiteral("_comment")] = c->comment;
            }
            if (!h.leadingComment.isEmpty())
                o[QStringLiteral("comment")] = h.leadingComment;
            o[QStringLiteral("delay_seconds")] = e.delaySeconds ? json::Value(double(*e.delaySeconds)) : json::Value();
            if (!h.date.isValid() && !h.date.error.isEmpty())
                o[QStringLiteral("time_error")] = h.date.error;
        }
        events.append(o);
    }
    json::Array contradictions;
    for (const TimelineContradiction &c : t.contradictions) {
        json::Array idx;
        for (int i : c.events)
            idx.append(i);
        contradictions.append(json::Object{{QStringLiteral("code"), c.code},
                                           {QStringLiteral("severity"), QString::fromLatin1(severityName(c.severity))},
                                           {QStringLiteral("detail"), c.detail},
                                           {QStringLiteral("events"), idx}});
    }
    return json::Object{{QStringLiteral("events"), events},
                        {QStringLiteral("contradictions"), contradictions},
                        {QStringLiteral("findings"), findingsJson(t.findings)}};
}

} // namespace

json::Object lookupProvenanceJson(const KeyLookup &l)
{
    json::Array records, cnames;
    for (const auto &rec : l.records) {
        json::Array strings;
        for (const QByteArray &str : rec)
            strings.append(QString::fromLatin1(str));
        records.append(strings);
    }
    for (const QByteArray &c : l.cnameChain)
        cnames.append(QString::fromLatin1(c));
    const char *status = l.status == KeyLookup::Status::Found      ? "found"
                         : l.status == KeyLookup::Status::NotFound ? "not_found"
                                                                   : "temperror";
    return json::Object{
        {QStringLiteral("query"), QString::fromLatin1(l.queryName)},
        {QStringLiteral("status"), QLatin1String(status)},
        {QStringLiteral("source"), l.sourceKind},
        {QStringLiteral("source_name"), l.sourceName},
        {QStringLiteral("rcode"), l.rcode},
        {QStringLiteral("resolver"), l.resolver},
        {QStringLiteral("dnssec"), l.dnssec},
        {QStringLiteral("dnssec_detail"), l.dnssecDetail},
        {QStringLiteral("ttl"), double(l.ttl)},
        {QStringLiteral("elapsed_ms"), double(l.elapsedMs)},
        {QStringLiteral("fetched_at"), l.fetchedAt.isValid() ? json::Value(formatTime(l.fetchedAt)) : json::Value()},
        {QStringLiteral("cname_chain"), cnames},
        {QStringLiteral("records"), records},
        {QStringLiteral("detail"), l.detail}};
}

json::Object dmarcToJson(const DmarcEvaluation &e)
{
    auto str = [](const QByteArray &b) { return b.isEmpty() ? json::Value() : json::Value(QString::fromLatin1(b)); };
    const DmarcDiscovery &d = e.discovery;
    const bool haveRecord = d.status == DmarcDiscovery::Status::Found;
    const bool usable = haveRecord && d.record.usable;
    json::Array aligned, notCounted, lookups, remarks;
    for (int i : e.alignedSignatures)
        aligned.append(i);
    for (int i : e.notCountedSignatures)
        notCounted.append(i);
    for (const DmarcQuery &q : d.lookups) {
        json::Array ignored;
        for (const QByteArray &t : q.ignoredTxt)
            ignored.append(QString::fromLatin1(t));
        json::Object lo = lookupProvenanceJson(q.lookup);
        lo[QStringLiteral("query")] = QString::fromLatin1(q.name);
        lo[QStringLiteral("outcome")] = q.outcome;
        lo[QStringLiteral("dmarc_records")] = q.dmarcRecords;
        lo[QStringLiteral("ignored_txt")] = ignored;
        lookups.append(lo);
    }
    for (const DmarcRemark &rm : d.record.remarks)
        remarks.append(json::Object{{QStringLiteral("code"), rm.code}, {QStringLiteral("detail"), rm.detail}});
    const bool dkimKnown = !e.dkimResult.isEmpty();
    json::Object o{
        {QStringLiteral("result"), QString::fromLatin1(dmarcResultName(e.result))},
        {QStringLiteral("code"), e.code},
        {QStringLiteral("domain"), str(e.fromDomain)},
        {QStringLiteral("org_domain"), str(e.orgDomain)},
        {QStringLiteral("record"), haveRecord ? json::Value(QString::fromLatin1(d.record.text)) : json::Value()},
        {QStringLiteral("record_found_at"), str(d.foundAt)},
        {QStringLiteral("record_remarks"), remarks},
        {QStringLiteral("policy"), usable ? json::Value(QString::fromLatin1(e.policy)) : json::Value()},
        {QStringLiteral("policy_tag"), usable ? json::Value(e.policyTag) : json::Value()},
        {QStringLiteral("policy_implied"), usable ? json::Value(d.record.policyImplied) : json::Value()},
        {QStringLiteral("adkim"), usable ? json::Value(QString(QChar::fromLatin1(e.adkim))) : json::Value()},
        {QStringLiteral("aspf"), usable ? json::Value(QString(QChar::fromLatin1(e.aspf))) : json::Value()},
        {QStringLiteral("pct"), usable ? json::Value(e.pct) : json::Value()},
        {QStringLiteral("dkim"),
         json::Object{{QStringLiteral("result"), dkimKnown ? json::Value(e.dkimResult) : json::Value()},
                      {QStringLiteral("aligned_signatures"), aligned},
                      {QStringLiteral("not_counted_signatures"), notCounted}}},
        {QStringLiteral("spf"), json::Object{{QStringLiteral("result"), e.spfResult},
                                             {QStringLiteral("source"), str(e.spfAuthservId)},
                                             {QStringLiteral("recorded"), str(e.spfRecorded)},
                                             {QStringLiteral("domain"), str(e.spfDomain)},
                                             {QStringLiteral("detail"), e.spfDetail}}},
        {QStringLiteral("provenance"),
         d.lookups.isEmpty() ? json::Value() : json::Value(lookupProvenanceJson(d.provenance))},
        {QStringLiteral("lookups"), lookups},
        {QStringLiteral("detail"), e.detail},
        {QStringLiteral("caveats"), json::Array::fromStringList(e.caveats)}};
    return o;
}

QString dmarcLine(const DmarcEvaluation &e)
{
    QString line =
        QStringLiteral("DMARC: %1 — %2")
            .arg(QString::fromLatin1(dmarcResultName(e.result)).toUpper().replace(QLatin1Char('_'), QLatin1Char(' ')),
                 e.detail);
    if (e.result == DmarcResult::Pass || e.result == DmarcResult::Fail) {
        const KeyLookup &p = e.discovery.provenance;
        line += QStringLiteral(" · record from %1%2 · SPF %3")
                    .arg(sourceDescription(p), p.dnssec.isEmpty() ? QString() : QStringLiteral(", DNSSEC ") + p.dnssec,
                         e.spfResult == QLatin1String("not_known")
                             ? QStringLiteral("not known (computed from DKIM alone)")
                             : e.spfResult + QStringLiteral(" as ") + QString::fromLatin1(e.spfAuthservId) +
                                   QStringLiteral(" recorded"));
    }
    return line;
}

json::Object toJson(const MessageResult &r, const MimeSummary &mime, const ReportOptions &opt)
{
    json::Object o;
    o[QStringLiteral("file")] = r.file;
    o[QStringLiteral("sha256")] = QString::fromLatin1(r.sha256);
    o[QStringLiteral("size")] = double(r.size);
    o[QStringLiteral("result")] = QString::fromLatin1(resultName(r.result));
    o[QStringLiteral("evaluated_at")] = formatTime(r.evaluatedAt);
    o[QStringLiteral("evaluated_at_basis")] = r.evaluatedAtBasis;
    o[QStringLiteral("from")] = mime.from;
    o[QStringLiteral("subject")] = mime.subject;
    o[QStringLiteral("date")] = mime.date.isValid() ? json::Value(formatTime(mime.date)) : json::Value();
    json::Array sigs;
    for (const SignatureResult &s : r.signatures)
        sigs.append(signatureToJson(s, opt));
    o[QStringLiteral("signatures")] = sigs;
    o[QStringLiteral("arc")] = arcToJson(r.arc);
    o[QStringLiteral("authentication_results")] = authResultsToJson(r);
    o[QStringLiteral("dmarc")] = r.dmarc ? json::Value(dmarcToJson(*r.dmarc)) : json::Value();
    o[QStringLiteral("findings")] = findingsJson(r.findings);
    // The header table: every name, its instances, which one each signature covers and which one a
    // mail client displays.
    json::Array instances;
    for (const HeaderNameInfo &n : r.headers.names) {
        json::Array insts;
        for (const HeaderInstance &i : n.instances) {
            json::Array covered;
            for (int sig : i.coveredBy)
                covered.append(sig);
            insts.append(json::Object{{QStringLiteral("header_index"), i.headerIndex},
                                      {QStringLiteral("range"), rangeJson(i.range)},
                                      {QStringLiteral("signed_by"), covered},
                                      {QStringLiteral("displayed"), i.displayed}});
        }
        json::Array over;
        for (int sig : n.oversignedBy)
            over.append(sig);
        instances.append(json::Object{{QStringLiteral("name"), n.name},
                                      {QStringLiteral("count"), int(n.instances.size())},
                                      {QStringLiteral("important"), n.important},
                                      {QStringLiteral("oversigned_by"), over},
                                      {QStringLiteral("instances"), insts}});
    }
    o[QStringLiteral("headers")] =
        json::Object{{QStringLiteral("unsigned"), json::Array::fromStringList(r.headers.unsignedImportant)},
                     {QStringLiteral("oversigned"), json::Array::fromStringList(r.headers.oversigned)},
                     {QStringLiteral("duplicates"), json::Array::fromStringList(r.headers.duplicates)},
                     {QStringLiteral("instances"), instances},
                     {QStringLiteral("findings"), findingsJson(r.headers.findings)}};
    o[QStringLiteral("replay")] = findingsJson(r.replay);
    o[QStringLiteral("timeline")] = timelineToJson(r.timeline);
    return o;
}

json::Object errorToJson(const QString &file, const QString &message)
{
    return json::Object{{QStringLiteral("file"), file},
                        {QStringLiteral("result"), QStringLiteral("error")},
                        {QStringLiteral("error"), message},
                        {QStringLiteral("signatures"), json::Array()}};
}

QString headline(const SignatureResult &s)
{
    const QString d =
        QString::fromLatin1(s.signature.domain.isEmpty() ? QByteArray("(no domain)") : s.signature.domain);
    switch (s.result) {
    case Result::Pass:
        return s.flags.contains(QStringLiteral("partial_body")) || s.flags.contains(QStringLiteral("testing")) ||
                       s.flags.contains(QStringLiteral("key_under_2048"))
                   ? QStringLiteral("Signed by %1 — unchanged since signing, with caveats").arg(d)
                   : QStringLiteral("Signed by %1 — unchanged since signing").arg(d);
    case Result::Policy:
        return s.detail;
    case Result::Fail:
        if (s.reason == QLatin1String("body_hash_mismatch"))
            return QStringLiteral("The body was changed after %1 signed it; the signed headers are intact").arg(d);
        if (s.reason == QLatin1String("signature_mismatch"))
            return QStringLiteral("Signed headers were changed after %1 signed them, or this is not the key that "
                                  "signed (often: the key was rotated)")
                .arg(d);
        return QStringLiteral("Neither the body nor the signed headers match what %1 signed").arg(d);
    case Result::PermError:
        return QStringLiteral("The signature by %1 cannot be checked: %2").arg(d, s.detail);
    case Result::TempError:
        return QStringLiteral("Could not fetch the key for %1 right now: %2").arg(d, s.detail);
    case Result::None:
        break;
    }
    return QStringLiteral("This message carries no DKIM signature");
}

namespace {

// The evaluation basis in the words a report can quote.
QString basisWords(const QString &basis)
{
    if (basis == QLatin1String("now"))
        return QStringLiteral("the time of this check");
    if (basis == QLatin1String("date_header"))
        return QStringLiteral("the message's Date header");
    if (basis == QLatin1String("first_received"))
        return QStringLiteral("the first Received hop (the receiving server's clock)");
    return QStringLiteral("a time given by the user");
}

} // namespace

QString toText(const MessageResult &r, const MimeSummary &mime)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    QString out;
    out += QStringLiteral("%1\n").arg(r.file);
    out += QStringLiteral("  sha256 %1, %2 bytes\n").arg(QString::fromLatin1(r.sha256), c.toString(r.size));
    if (!mime.from.isEmpty() || !mime.subject.isEmpty())
        out += QStringLiteral("  From: %1\n  Subject: %2\n").arg(mime.from, mime.subject);
    if (!mime.dateText.isEmpty())
        out += QStringLiteral("  Date: %1\n").arg(mime.dateText);
    out += QStringLiteral("  Result: %1   (evaluated at %2, %3)\n")
               .arg(QString::fromLatin1(resultName(r.result)).toUpper(), formatTime(r.evaluatedAt),
                    basisWords(r.evaluatedAtBasis));
    for (const Finding &f : r.findings)
        out += QStringLiteral("  [%1] %2\n").arg(QString::fromLatin1(severityName(f.severity)), f.message);
    if (r.signatures.isEmpty())
        out += QStringLiteral("  This message carries no DKIM signature.\n");
    for (const SignatureResult &s : r.signatures) {
        const DkimSignature &sig = s.signature;
        out +=
            QStringLiteral("  Signature %1 of %2: d=%3 s=%4 a=%5 c=%6/%7\n")
                .arg(s.index + 1)
                .arg(r.signatures.size())
                .arg(QString::fromLatin1(sig.domain), QString::fromLatin1(sig.selector),
                     QString::fromLatin1(sig.algorithmText), QString::fromLatin1(canonicalizationName(sig.headerCanon)),
                     QString::fromLatin1(canonicalizationName(sig.bodyCanon)));
        out += QStringLiteral("    %1 (%2): %3\n")
                   .arg(QString::fromLatin1(resultName(s.result)).toUpper(), s.reason, headline(s));
        if (s.result != Result::Policy && s.result != Result::PermError && s.result != Result::TempError &&
            s.detail != headline(s))
            out += QStringLiteral("    %1\n").arg(s.detail);
        auto tri = [](const std::optional<bool> &b, const char *yes, const char *no) {
            return b ? QString::fromLatin1(*b ? yes : no) : QStringLiteral("not checked");
        };
        out += QStringLiteral("    body hash: %1 · header signature: %2\n")
                   .arg(tri(s.bodyHashMatches, "matches", "DOES NOT MATCH"), tri(s.signatureValid, "valid", "INVALID"));
        if (!s.keyLookup.queryName.isEmpty()) {
            const QString kd = keyDescription(s);
            out += QStringLiteral("    key: %1%2 (%3)\n")
                       .arg(QString::fromLatin1(s.keyLookup.queryName),
                            kd.isEmpty() ? QString() : QStringLiteral(", ") + kd, sourceDescription(s.keyLookup));
        }
        if (!s.flags.isEmpty()) {
            QStringList fl = s.flags;
            for (QString &f : fl) {
                if (f == QLatin1String("unsigned_body_bytes"))
                    f += QStringLiteral(" (%1 bytes)").arg(s.unsignedBodyBytes);
            }
            out += QStringLiteral("    flags: %1\n").arg(fl.join(QStringLiteral(", ")));
        }
        if (s.dmarcAlignment)
            out += QStringLiteral("    DMARC alignment: %1 — %2\n")
                       .arg(QString::fromLatin1(alignmentName(s.dmarcAlignment->alignment)), s.dmarcAlignment->detail);
        for (const Explanation &e : s.explanations)
            out += QStringLiteral("    explanation (%1): %2\n").arg(e.code, e.detail);
        if (!s.recoveredHash.isEmpty() && s.recoveredHash != s.headerHash)
            out += QStringLiteral("    signed header hash (recovered): %1 · ours: %2\n")
                       .arg(QString::fromLatin1(s.recoveredHash.toHex()), QString::fromLatin1(s.headerHash.toHex()));
        if (!s.evidenceLevel.isEmpty())
            out += QStringLiteral("    evidence: %1 — %2\n").arg(s.evidenceLevel, s.evidenceStatements.first());
        if (!s.unsignedHeaders.isEmpty())
            out += QStringLiteral("    present but not signed: %1\n").arg(s.unsignedHeaders.join(QStringLiteral(", ")));
        if (!s.oversignedHeaders.isEmpty())
            out += QStringLiteral("    over-signed (locked against additions): %1\n")
                       .arg(s.oversignedHeaders.join(QStringLiteral(", ")));
    }
    for (const Finding &f : r.headers.findings) {
        if (f.severity == Severity::Warning || f.severity == Severity::Error)
            out += QStringLiteral("  headers [%1] %2\n").arg(QString::fromLatin1(severityName(f.severity)), f.message);
    }
    for (const Finding &f : r.replay) {
        if (f.code == QLatin1String("recipient_not_addressed"))
            out +=
                QStringLiteral("  recipients [%1] %2\n").arg(QString::fromLatin1(severityName(f.severity)), f.message);
    }
    if (r.arc.result != ArcChainResult::None || (!r.arc.reason.isEmpty() && r.arc.reason != QLatin1String("arc_none")))
        out += QStringLiteral("  ARC chain: %1 (%2 hop%3): %4\n")
                   .arg(QString::fromLatin1(arcChainResultName(r.arc.result)).toUpper())
                   .arg(r.arc.hops.size())
                   .arg(r.arc.hops.size() == 1 ? QString() : QStringLiteral("s"))
                   .arg(r.arc.detail);
    for (const ArDkimMatch &match : r.arDkimMatches) {
        if (match.agrees.has_value() && !*match.agrees)
            out += QStringLiteral("  %1: %2 recorded dkim=%3 at receipt; now it is %4 "
                                  "(such headers can be forged upstream of the server that added them)\n")
                       .arg(match.arIndex >= 0 && match.arIndex < r.authenticationResults.size() &&
                                    r.authenticationResults.at(match.arIndex).arc
                                ? QStringLiteral("ARC-Authentication-Results i=%1")
                                      .arg(r.authenticationResults.at(match.arIndex).instance)
                                : QStringLiteral("Authentication-Results"),
                            QString::fromUtf8(match.authservId), QString::fromLatin1(match.recorded), match.ours);
    }
    if (r.dmarc)
        out += QStringLiteral("  %1\n").arg(dmarcLine(*r.dmarc));
    for (const TimelineContradiction &tc : r.timeline.contradictions)
        out += QStringLiteral("  timeline [%1] %2: %3\n")
                   .arg(QString::fromLatin1(severityName(tc.severity)), tc.code, tc.detail);
    for (const Finding &f : r.timeline.findings) {
        if (f.severity == Severity::Warning || f.severity == Severity::Error)
            out += QStringLiteral("  timeline [%1] %2\n").arg(QString::fromLatin1(severityName(f.severity)), f.message);
    }
    if (!r.signatures.isEmpty())
        out += QStringLiteral("  Note: DKIM shows which domain signed these bytes; it does not show who received "
                              "the message.\n");
    return out;
}

} // namespace dkimi
