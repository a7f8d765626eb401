#include "dmarc_record.h"

#include "byte_search.h"
#include "dmarc_alignment.h"

namespace dkimi {

namespace {

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

QByteArray trimWsp(QByteArrayView v)
{
    qsizetype b = 0, e = v.size();
    while (b < e && isWsp(v[b]))
        ++b;
    while (e > b && isWsp(v[e - 1]))
        --e;
    return v.sliced(b, e - b).toByteArray();
}

bool isPolicyWord(const QByteArray &v)
{
    return v == "none" || v == "quarantine" || v == "reject";
}

// RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]. The URI (RFC 3986)
// is checked for a scheme, a non-empty rest and no white space, which is what reports need.
bool validDmarcUri(const QByteArray &u)
{
    QByteArray uri = u;
    const qsizetype bang = uri.lastIndexOf('!');
    if (bang >= 0) {
        QByteArray size = uri.mid(bang + 1).toLower();
        if (!size.isEmpty() && QByteArrayView("kmgt").contains(size.back()))
            size.chop(1);
        if (!allDigits(size))
            return false;
        uri.truncate(bang);
    }
    const qsizetype colon = uri.indexOf(':');
    if (colon <= 0 || colon + 1 >= uri.size())
        return false;
    for (qsizetype i = 0; i < colon; ++i) {
        const char c = uri.at(i);
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool ok = alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok)
            return false;
    }
    for (char c : uri) {
        if (isWsp(c) || c == '\r' || c == '\n' || uchar(c) < 0x21)
            return false;
    }
    return true;
}

QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

} // namespace

bool DmarcRecordParser::isDmarcRecord(QByteArrayView text)
{
    // RFC 7489 §6.3: v must be the first tag, and its value exactly "DMARC1".
    qsizetype p = 0;
    while (p < text.size() && isWsp(text[p]))
        ++p;
    if (p >= text.size() || (text[p] != 'v' && text[p] != 'V'))
        return false;
    ++p;
    while (p < text.size() && isWsp(text[p]))
        ++p;
    if (p >= text.size() || text[p] != '=')
        return false;
    ++p;
    while (p < text.size() && isWsp(text[p]))
        ++p;
    if (!text.sliced(p).startsWith("DMARC1"))
        return false;
    p += 6;
    while (p < text.size() && isWsp(text[p]))
        ++p;
    return p == text.size() || text[p] == ';';
}

DmarcRecord DmarcRecordParser::parse(QByteArrayView text)
{
    DmarcRecord r;
    r.text = text.toByteArray();
    if (!isDmarcRecord(text)) {
        r.errorCode = QStringLiteral("dmarc_not_dmarc");
        r.errorDetail = QStringLiteral("the record does not start with v=DMARC1 (RFC 7489 §6.3: v must be the first "
                                       "tag and its value exactly DMARC1), so it is not a DMARC record");
        return r;
    }
    r.isDmarc = true;
    auto remark = [&](const char *code, const QString &detail) {
        r.remarks.append(DmarcRemark{QString::fromLatin1(code), detail});
    };

    bool pValid = false, spInvalid = false;
    QByteArray pRaw;
    bool haveP = false;
    const QList<QByteArray> parts = text.toByteArray().split(';');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QByteArray part = trimWsp(parts.at(i));
        if (part.isEmpty()) {
            if (i + 1 < parts.size()) // a trailing ';' is allowed, an empty tag in the middle is not
                remark("dmarc_tag_syntax", QStringLiteral("an empty tag between two ';' was ignored"));
            continue;
        }
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0) {
            remark("dmarc_tag_syntax",
                   QStringLiteral("'%1' is not a tag=value pair; it was ignored (RFC 7489 §6.6.3)").arg(latin(part)));
            continue;
        }
        const QByteArray name = trimWsp(QByteArrayView(part).first(eq)).toLower();
        const QByteArray value = trimWsp(QByteArrayView(part).sliced(eq + 1));
        bool nameOk = true;
        for (char c : name)
            nameOk = nameOk && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
        if (!nameOk) {
            remark("dmarc_tag_syntax", QStringLiteral("'%1' is not a valid tag name; ignored").arg(latin(name)));
            continue;
        }
        if (r.tagsPresent.contains(name)) {
            remark("dmarc_duplicate_tag",
                   QStringLiteral("the tag %1 appears more than once; the first is used").arg(latin(name)));
            continue;
        }
        r.tagsPresent.append(name);
        const QByteArray lower = value.toLower();
        if (name == "v") {
            continue; // checked by isDmarcRecord
        } else if (name == "p") {
            haveP = true;
            pRaw = value;
            pValid = isPolicyWord(lower);
            if (pValid)
                r.policy = lower;
        } else if (name == "sp") {
            if (isPolicyWord(lower)) {
                r.subdomainPolicy = lower;
            } else {
                spInvalid = true;
                remark("dmarc_sp_invalid", QStringLiteral("sp=%1 is not none, quarantine or reject").arg(latin(value)));
            }
        } else if (name == "adkim" || name == "aspf") {
            char &mode = name == "adkim" ? r.adkim : r.aspf;
            if (lower == "r" || lower == "s")
                mode = lower.at(0);
            else
                remark("dmarc_tag_invalid", QStringLiteral("%1=%2 is not r or s; the default r (relaxed) is used")
                                                .arg(latin(name), latin(value)));
        } else if (name == "pct") {
            if (allDigits(value) && value.size() <= 3 && value.toInt() <= 100)
                r.pct = value.toInt();
            else
                remark("dmarc_tag_invalid",
                       QStringLiteral("pct=%1 is not a whole number from 0 to 100; the default 100 is used")
                           .arg(latin(value)));
        } else if (name == "rua" || name == "ruf") {
            QList<QByteArray> &uris = name == "rua" ? r.rua : r.ruf;
            for (const QByteArray &u : value.split(',')) {
                const QByteArray uri = trimWsp(u);
                if (validDmarcUri(uri))
                    uris.append(uri);
                else
                    remark("dmarc_uri_invalid",
                           QStringLiteral("%1: '%2' is not a valid DMARC URI; ignored").arg(latin(name), latin(uri)));
            }
        } else if (name == "fo") {
            bool ok = !value.isEmpty();
            for (const QByteArray &o : value.split(':')) {
                const QByteArray t = trimWsp(o).toLower();
                ok = ok && (t == "0" || t == "1" || t == "d" || t == "s");
            }
            if (ok)
                r.fo = lower;
            else
                remark("dmarc_tag_invalid",
                       QStringLiteral("fo=%1 is not a ':'-separated list of 0, 1, d, s; the default 0 is used")
                           .arg(latin(value)));
        } else if (name == "rf") {
            bool ok = !value.isEmpty();
            for (const QByteArray &o : value.split(':')) {
                const QByteArray t = trimWsp(o);
                ok = ok && !t.isEmpty() && ((t.at(0) >= 'a' && t.at(0) <= 'z') || (t.at(0) >= 'A' && t.at(0) <= 'Z'));
                for (char c : t)
                    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
            }
            if (ok)
                r.rf = lower;
            else
                remark("dmarc_tag_invalid",
                       QStringLiteral("rf=%1 is not a list of report formats; the default afrf is used")
                           .arg(latin(value)));
        } else if (name == "ri") {
            if (allDigits(value) && value.size() <= 10 && value.toLongLong() <= 4294967295LL)
                r.ri = value.toLongLong();
            else
                remark("dmarc_tag_invalid",
                       QStringLiteral("ri=%1 is not a 32-bit number of seconds; the default 86400 is used")
                           .arg(latin(value)));
        } else {
            // RFC 7489 §6.3: unknown tags MUST be ignored.
            remark("dmarc_unknown_tag", QStringLiteral("unknown tag %1 ignored").arg(latin(name)));
        }
    }

    // RFC 7489 §6.6.3: no valid p (or an invalid sp) with a valid rua: act as if p=none.
    if (!pValid || spInvalid) {
        if (!haveP)
            remark("dmarc_p_missing", QStringLiteral("the record has no p= tag"));
        else if (!pValid)
            remark("dmarc_p_invalid", QStringLiteral("p=%1 is not none, quarantine or reject").arg(latin(pRaw)));
        if (!r.rua.isEmpty()) {
            r.policy = "none";
            r.subdomainPolicy.clear();
            r.policyImplied = true;
            remark("dmarc_policy_implied_none",
                   QStringLiteral("no valid policy, but a valid rua=: treated as p=none (RFC 7489 §6.6.3)"));
        } else {
            r.errorCode = QStringLiteral("dmarc_no_valid_policy");
            r.errorDetail = QStringLiteral("the record has no valid p= (or an invalid sp=) and no valid rua=: no DMARC "
                                           "policy applies (RFC 7489 §6.6.3)");
            return r;
        }
    }
    r.usable = true;
    return r;
}

QByteArray DmarcRecord::appliedPolicy(const QByteArray &fromDomain, const QByteArray &recordDomain,
                                      QString *which) const
{
    const bool subdomain = fromDomain.compare(recordDomain, Qt::CaseInsensitive) != 0;
    if (subdomain && !subdomainPolicy.isEmpty()) {
        if (which)
            *which = QStringLiteral("sp");
        return subdomainPolicy;
    }
    if (which)
        *which = QStringLiteral("p");
    return policy;
}

namespace {

DmarcQuery query(const QByteArray &name, const KeyResolver *resolver)
{
    DmarcQuery q;
    q.name = name;
    if (!resolver || !resolver->answersTxt()) {
        q.lookup.queryName = name;
        q.lookup.status = KeyLookup::Status::NotFound;
        q.lookup.sourceKind = QStringLiteral("none");
        q.lookup.detail = QStringLiteral("not looked up: offline, and no key file is given");
        q.outcome = QStringLiteral("not_looked_up");
        return q;
    }
    q.lookup = resolver->lookupTxt(name);
    switch (q.lookup.status) {
    case KeyLookup::Status::TempError:
        q.outcome = QStringLiteral("temperror");
        return q;
    case KeyLookup::Status::NotFound:
        // Only DNS can say that a name holds nothing; a key file without the name just does not hold it.
        q.outcome =
            q.lookup.sourceKind == QLatin1String("dns") ? QStringLiteral("no_record") : QStringLiteral("not_looked_up");
        return q;
    case KeyLookup::Status::Found:
        break;
    }
    for (const QList<QByteArray> &rec : q.lookup.records) {
        const QByteArray text = KeyLookup::joined(rec);
        // RFC 7489 §6.6.3 step 2: TXT records that do not start with v=DMARC1 are discarded.
        if (DmarcRecordParser::isDmarcRecord(text))
            ++q.dmarcRecords;
        else
            q.ignoredTxt.append(text);
    }
    q.outcome = q.dmarcRecords == 0   ? QStringLiteral("no_record")
                : q.dmarcRecords == 1 ? QStringLiteral("found")
                                      : QStringLiteral("multiple_records");
    return q;
}

QString sourceWords(const KeyLookup &l)
{
    if (l.sourceKind == QLatin1String("dns"))
        return QStringLiteral("DNS (%1, DNSSEC %2)")
            .arg(l.resolver, l.dnssec.isEmpty() ? QStringLiteral("-") : l.dnssec);
    if (l.sourceKind == QLatin1String("zone_file"))
        return QStringLiteral("the key file %1").arg(l.sourceName);
    return l.sourceName.isEmpty() ? l.sourceKind : l.sourceName;
}

} // namespace

DmarcDiscovery discoverDmarcPolicy(const QByteArray &fromDomainIn, const KeyResolver *resolver)
{
    DmarcDiscovery d;
    QByteArray from = fromDomainIn.toLower();
    if (from.endsWith('.'))
        from.chop(1);
    d.fromDomain = from;
    if (from.isEmpty()) {
        d.status = DmarcDiscovery::Status::NotLookedUp;
        d.code = QStringLiteral("dmarc_no_from_domain");
        d.detail = QStringLiteral("DMARC needs the domain of exactly one From address; this message has none");
        return d;
    }
    d.orgDomain = DmarcAlignment::organizationalDomain(from);

    auto finish = [&](const DmarcQuery &q, const QByteArray &domain) -> bool {
        d.provenance = q.lookup;
        const QString name = latin(q.name);
        if (q.outcome == QLatin1String("found")) {
            d.status = DmarcDiscovery::Status::Found;
            d.foundAt = q.name;
            d.recordDomain = domain;
            for (const QList<QByteArray> &rec : q.lookup.records) {
                const QByteArray text = KeyLookup::joined(rec);
                if (DmarcRecordParser::isDmarcRecord(text))
                    d.record = DmarcRecordParser::parse(text);
            }
            d.code = QStringLiteral("dmarc_record_found");
            d.detail = QStringLiteral("DMARC record at %1, from %2").arg(name, sourceWords(q.lookup));
            return true;
        }
        if (q.outcome == QLatin1String("multiple_records")) {
            d.status = DmarcDiscovery::Status::Multiple;
            d.foundAt = q.name;
            d.recordDomain = domain;
            d.code = QStringLiteral("dmarc_multiple_records");
            d.detail = QStringLiteral("%1 holds %2 DMARC records: no DMARC policy applies (RFC 7489 §6.6.3)")
                           .arg(name)
                           .arg(q.dmarcRecords);
            return true;
        }
        if (q.outcome == QLatin1String("temperror")) {
            d.status = DmarcDiscovery::Status::TempError;
            d.code = QStringLiteral("dmarc_temperror");
            d.detail = QStringLiteral("the lookup of %1 failed temporarily: %2").arg(name, q.lookup.detail);
            return true;
        }
        return false;
    };

    DmarcQuery first = query("_dmarc." + from, resolver);
    d.lookups.append(first);
    if (finish(first, from))
        return d;
    bool notLookedUp = first.outcome == QLatin1String("not_looked_up");
    // RFC 7489 §6.6.3: no record at the From domain: ask the organizational domain.
    if (!d.orgDomain.isEmpty() && d.orgDomain != from) {
        DmarcQuery second = query("_dmarc." + d.orgDomain, resolver);
        d.lookups.append(second);
        if (finish(second, d.orgDomain)) {
            if (d.status == DmarcDiscovery::Status::Found && notLookedUp)
                d.detail += QStringLiteral(" (%1 was not looked up in DNS: a record there would take precedence)")
                                .arg(latin(first.name));
            return d;
        }
        notLookedUp = notLookedUp || second.outcome == QLatin1String("not_looked_up");
    }
    QStringList names;
    for (const DmarcQuery &q : d.lookups)
        names << latin(q.name);
    if (notLookedUp) {
        d.status = DmarcDiscovery::Status::NotLookedUp;
        d.code = QStringLiteral("dmarc_not_looked_up");
        d.detail =
            QStringLiteral("not looked up: offline, and no key file holds %1").arg(names.join(QStringLiteral(" or ")));
    } else {
        d.status = DmarcDiscovery::Status::NoRecord;
        d.code = QStringLiteral("dmarc_no_record");
        d.detail = QStringLiteral("no DMARC record at %1").arg(names.join(QStringLiteral(" or ")));
    }
    return d;
}

} // namespace dkimi
