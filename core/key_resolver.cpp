#include "key_resolver.h"

#include <QStringList>

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

QString ChainResolver::describe() const
{
    QStringList parts;
    for (const auto &r : m_resolvers)
        parts << r->describe();
    return parts.isEmpty() ? QStringLiteral("no key source") : parts.join(QStringLiteral(", "));
}

} // namespace dkimi
