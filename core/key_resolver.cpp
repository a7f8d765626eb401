#include "key_resolver.h"

#include <QStringList>

#include <optional>

namespace dkimi {

QByteArray keyQueryName(const QByteArray &domain, const QByteArray &selector)
{
    QByteArray d = domain;
    if (d.endsWith('.'))
        d.chop(1);
    return selector + "._domainkey." + d;
}

KeyLookup ChainResolver::lookup(const QByteArray &domain, const QByteArray &selector) const
{
    KeyLookup first;
    bool haveFirst = false;
    QStringList notes;
    KeyLookup temp;
    bool haveTemp = false;
    for (const auto &r : m_resolvers) {
        KeyLookup l = r->lookup(domain, selector);
        if (l.status == KeyLookup::Status::Found)
            return l;
        if (l.status == KeyLookup::Status::TempError && !haveTemp) {
            temp = l;
            haveTemp = true;
        }
        if (!haveFirst) {
            first = l;
            haveFirst = true;
        }
        if (!l.detail.isEmpty())
            notes << l.detail;
    }
    if (haveTemp)
        return temp;
    if (!haveFirst) {
        first.queryName = keyQueryName(domain, selector);
        first.status = KeyLookup::Status::NotFound;
        first.sourceKind = QStringLiteral("none");
        first.detail = QStringLiteral("No key source is configured (offline, and no key file given).");
        return first;
    }
    first.detail = notes.join(QStringLiteral("; "));
    return first;
}

QList<KeyLookup> ChainResolver::lookupAll(const QByteArray &domain, const QByteArray &selector) const
{
    QList<KeyLookup> all;
    for (const auto &r : m_resolvers)
        all.append(r->lookupAll(domain, selector));
    return all;
}

void ChainResolver::keyUsed(const KeyLookup &lookup, const QByteArray &record) const
{
    for (const auto &r : m_resolvers)
        r->keyUsed(lookup, record);
}

KeyLookup KeyResolver::lookupTxt(const QByteArray &name) const
{
    KeyLookup l;
    l.queryName = name;
    l.status = KeyLookup::Status::NotFound;
    l.sourceKind = QStringLiteral("none");
    l.detail = QStringLiteral("%1 holds only DKIM keys, not other TXT records").arg(describe());
    return l;
}

bool ChainResolver::answersTxt() const
{
    for (const auto &r : m_resolvers) {
        if (r->answersTxt())
            return true;
    }
    return false;
}

KeyLookup ChainResolver::lookupTxt(const QByteArray &name) const
{
    std::optional<KeyLookup> temp, dnsNotFound, firstNotFound;
    QStringList notes;
    for (const auto &r : m_resolvers) {
        if (!r->answersTxt())
            continue;
        KeyLookup l = r->lookupTxt(name);
        if (l.status == KeyLookup::Status::Found)
            return l;
        if (!l.detail.isEmpty())
            notes << l.detail;
        if (l.status == KeyLookup::Status::TempError && !temp)
            temp = l;
        else if (l.status == KeyLookup::Status::NotFound && l.sourceKind == QLatin1String("dns") && !dnsNotFound)
            dnsNotFound = l;
        else if (l.status == KeyLookup::Status::NotFound && !firstNotFound)
            firstNotFound = l;
    }
    if (temp)
        return *temp;
    KeyLookup out;
    if (dnsNotFound) {
        out = *dnsNotFound;
    } else if (firstNotFound) {
        out = *firstNotFound;
    } else {
        out.queryName = name;
        out.status = KeyLookup::Status::NotFound;
        out.sourceKind = QStringLiteral("none");
        out.detail = QStringLiteral("not looked up: offline, and no key file holds %1").arg(QString::fromLatin1(name));
        return out;
    }
    out.detail = notes.join(QStringLiteral("; "));
    return out;
}

QString ChainResolver::describe() const
{
    QStringList parts;
    for (const auto &r : m_resolvers)
        parts << r->describe();
    return parts.isEmpty() ? QStringLiteral("no key source") : parts.join(QStringLiteral(", "));
}

} // namespace dkimi
