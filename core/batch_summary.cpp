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

namespace {

// The reason of the signature that gave the message its result, the distinct signing domains (lower
// case) and those of them with a signature of their own that passed. `result`, `reason` and `domain`
// read one signature.
template <typename Signature, typename ResultOf, typename ReasonOf, typename DomainOf>
void describe(Result messageResult, const QList<Signature> &signatures, ResultOf result, ReasonOf reason,
              DomainOf domain, QString *decidingReason, QStringList *domains, QStringList *passDomains)
{
    *decidingReason = QStringLiteral("unsigned");
    for (const Signature &s : signatures) {
        if (result(s) == messageResult) {
            *decidingReason = reason(s);
            break;
        }
    }
    for (const Signature &s : signatures) {
        const QString d = QString::fromLatin1(domain(s)).toLower();
        if (d.isEmpty())
            continue;
        if (!domains->contains(d))
            *domains << d;
        // Counted as pass for a domain only when one of its own signatures passed.
        if (result(s) == Result::Pass && !passDomains->contains(d))
            *passDomains << d;
    }
}

} // namespace

MessageTally MessageTally::of(const MessageResult &r, const MimeSummary &summary)
{
    MessageTally t;
    t.result = r.result;
    describe(
        r.result, r.signatures, [](const SignatureResult &s) { return s.result; },
        [](const SignatureResult &s) { return s.reason; },
        [](const SignatureResult &s) -> const QByteArray & { return s.signature.domain; }, &t.reason, &t.domains,
        &t.passDomains);
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
    addCounted(t->result, t->reason, t->domains, t->passDomains, t->date);
}

void BatchSummary::add(Result result, const QList<SignatureTally> &signatures, const QDateTime &date)
{
    QString reason;
    QStringList domains, passDomains;
    describe(
        result, signatures, [](const SignatureTally &s) { return s.result; },
        [](const SignatureTally &s) { return s.reason; },
        [](const SignatureTally &s) -> const QByteArray & { return s.domain; }, &reason, &domains, &passDomains);
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
    return out;
}

} // namespace dkimi
