#include "batch_summary.h"

#include <QLocale>

#include <algorithm>

namespace dkimi {

void BatchSummary::add(const BatchItem &item)
{
    if (item.tally)
        add(&*item.tally);
    else
        add(item.result ? &*item.result : nullptr, item.summary);
}

MessageTally MessageTally::of(const MessageResult &r, const MimeSummary &summary)
{
    MessageTally t;
    t.result = r.result;
    t.signatures.reserve(r.signatures.size());
    for (const SignatureResult &s : r.signatures)
        t.signatures.append(SignatureTally{s.result, s.reason, s.signature.domain});
    t.date = summary.date;
    return t;
}

void BatchSummary::add(const MessageResult *result, const MimeSummary &summary)
{
    if (!result) {
        addUnreadable();
        return;
    }
    const MessageTally t = MessageTally::of(*result, summary);
    add(&t);
}

void BatchSummary::add(const MessageTally *t)
{
    if (!t) {
        addUnreadable();
        return;
    }
    add(t->result, t->signatures, t->date);
}

void BatchSummary::add(Result result, const QList<SignatureTally> &signatures, const QDateTime &date)
{
    // The reason of the signature that gave the message its result.
    QString reason = QStringLiteral("unsigned");
    for (const SignatureTally &s : signatures) {
        if (s.result == result) {
            reason = s.reason;
            break;
        }
    }
    // The distinct signing domains (lower case), and those with a signature of their own that passed.
    QStringList domains, passDomains;
    for (const SignatureTally &s : signatures) {
        const QString d = QString::fromLatin1(s.domain).toLower();
        if (d.isEmpty())
            continue;
        if (!domains.contains(d))
            domains << d;
        if (s.result == Result::Pass && !passDomains.contains(d))
            passDomains << d;
    }
    addCounted(result, reason, domains, passDomains, date);
}

void BatchSummary::addUnreadable()
{
    ++m_messages;
    ++m_unreadable;
    ++m_byReason[QStringLiteral("unreadable")];
}

void BatchSummary::addCounted(Result result, const QString &reason, const QStringList &domains,
                              const QStringList &passDomains, const QDateTime &date)
{
    ++m_messages;
    ++m_byResult[int(result)];
    const bool pass = result == Result::Pass;
    ++m_byReason[reason];
    if (domains.isEmpty())
        ++m_byDomain[QStringLiteral("(unsigned)")].messages;
    for (const QString &d : domains) {
        Count &c = m_byDomain[d];
        ++c.messages;
        c.pass += passDomains.contains(d) ? 1 : 0;
    }
    Count &y = m_byYear[date.isValid() ? date.date().year() : 0];
    ++y.messages;
    y.pass += pass ? 1 : 0;
    if (date.isValid()) {
        Count &mo = m_byMonth[date.toString(QStringLiteral("yyyy-MM"))];
        ++mo.messages;
        mo.pass += pass ? 1 : 0;
    }
}

QString BatchSummary::toText() const
{
    QLocale c(QLocale::English);
    auto n = [&c](qint64 v) { return c.toString(v); };
    auto pct = [](qint64 a, qint64 b) {
        return b > 0 ? QString::number(100.0 * double(a) / double(b), 'f', 1) : QStringLiteral("0.0");
    };
    QString out;
    const qint64 pass = count(Result::Pass);
    out += QStringLiteral("%1 of %2 messages have a valid DKIM signature (%3%)\n")
               .arg(n(pass), n(m_messages), pct(pass, m_messages));
    if (count(Result::Policy) > 0)
        out += QStringLiteral("%1 more carry a signature that is mathematically valid but should not be relied on "
                              "(rsa-sha1, a key under 1024 bits, expired, or two From headers)\n")
                   .arg(n(count(Result::Policy)));
    out += QStringLiteral("\nBy result:\n");
    const QList<QPair<Result, QString>> results{
        {Result::Pass, QStringLiteral("pass")},           {Result::Policy, QStringLiteral("policy")},
        {Result::Fail, QStringLiteral("fail")},           {Result::PermError, QStringLiteral("permerror")},
        {Result::TempError, QStringLiteral("temperror")}, {Result::None, QStringLiteral("none (unsigned)")}};
    for (const auto &[r, name] : results)
        out += QStringLiteral("  %1 %2 (%3%)\n").arg(name, -16).arg(n(count(r)), 10).arg(pct(count(r), m_messages));
    out += QStringLiteral("  %1 %2\n").arg(QStringLiteral("unreadable"), -16).arg(n(m_unreadable), 10);

    out += QStringLiteral("\nBy reason (of the signature that decided each message):\n");
    QList<QPair<QString, qint64>> reasons;
    for (auto it = m_byReason.cbegin(); it != m_byReason.cend(); ++it)
        reasons.append({it.key(), it.value()});
    std::sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (const auto &[reason, count] : std::as_const(reasons))
        out += QStringLiteral("  %1 %2\n").arg(reason, -34).arg(n(count), 10);

    out += QStringLiteral("\nBy signing domain (messages, of which pass):\n");
    QList<QPair<QString, Count>> domains;
    for (auto it = m_byDomain.cbegin(); it != m_byDomain.cend(); ++it)
        domains.append({it.key(), it.value()});
    std::sort(domains.begin(), domains.end(), [](const auto &a, const auto &b) {
        return a.second.messages != b.second.messages ? a.second.messages > b.second.messages : a.first < b.first;
    });
    int shown = 0;
    for (const auto &[domain, cnt] : std::as_const(domains)) {
        if (++shown > 25) {
            out += QStringLiteral("  ... and %1 more domains\n").arg(domains.size() - 25);
            break;
        }
        out += QStringLiteral("  %1 %2  (%3 pass)\n").arg(domain, -34).arg(n(cnt.messages), 10).arg(n(cnt.pass));
    }

    out += QStringLiteral("\nBy year of the Date header (messages, of which pass):\n");
    for (auto it = m_byYear.cbegin(); it != m_byYear.cend(); ++it)
        out += QStringLiteral("  %1 %2  (%3 pass)\n")
                   .arg(it.key() == 0 ? QStringLiteral("no valid Date") : QString::number(it.key()), -34)
                   .arg(n(it.value().messages), 10)
                   .arg(n(it.value().pass));

    // Each archive as `sha256sum` prints it: whoever holds a copy can check that these totals speak
    // of the same bytes.
    if (!m_archives.isEmpty())
        out += QStringLiteral("\nArchives read (SHA-256 of each file, as sha256sum gives it):\n");
    for (const ArchiveDigest &d : m_archives)
        out += QStringLiteral("  %1  %2\n      %3 messages, %4 bytes\n")
                   .arg(QString::fromLatin1(d.sha256.toHex()), d.file, n(d.messages), n(d.bytes));
    return out;
}

} // namespace dkimi
