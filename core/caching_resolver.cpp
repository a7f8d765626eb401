#include "caching_resolver.h"

namespace dkimi {

KeyLookup CachingResolver::lookup(const QByteArray &domain, const QByteArray &selector) const
{
    const QByteArray key = keyQueryName(domain, selector).toLower();
    std::shared_ptr<Slot> slot;
    bool mine = false;
    {
        std::unique_lock lock(m_mutex);
        auto it = m_cache.find(key);
        if (it == m_cache.end()) {
            slot = std::make_shared<Slot>();
            m_cache.insert(key, slot);
            mine = true;
        } else {
            slot = *it;
            m_cv.wait(lock, [&] { return slot->done; });
            return slot->value;
        }
    }
    KeyLookup l;
    if (m_inner) {
        l = m_inner->lookup(domain, selector);
    } else {
        l.queryName = keyQueryName(domain, selector);
        l.status = KeyLookup::Status::NotFound;
        l.sourceKind = QStringLiteral("none");
        l.detail = QStringLiteral("no key source is configured");
    }
    Q_ASSERT(mine);
    {
        std::lock_guard lock(m_mutex);
        slot->value = l;
        slot->done = true;
    }
    m_cv.notify_all();
    return l;
}

QList<KeyLookup> CachingResolver::lookupAll(const QByteArray &domain, const QByteArray &selector) const
{
    const QByteArray key = keyQueryName(domain, selector).toLower();
    std::shared_ptr<Slot> slot;
    {
        std::unique_lock lock(m_mutex);
        auto it = m_cacheAll.find(key);
        if (it != m_cacheAll.end()) {
            slot = *it;
            m_cv.wait(lock, [&] { return slot->done; });
            return slot->all;
        }
        slot = std::make_shared<Slot>();
        m_cacheAll.insert(key, slot);
    }
    QList<KeyLookup> all;
    if (m_inner)
        all = m_inner->lookupAll(domain, selector);
    {
        std::lock_guard lock(m_mutex);
        slot->all = all;
        slot->done = true;
    }
    m_cv.notify_all();
    return all;
}

KeyLookup CachingResolver::lookupTxt(const QByteArray &name) const
{
    const QByteArray key = name.toLower();
    std::shared_ptr<Slot> slot;
    {
        std::unique_lock lock(m_mutex);
        auto it = m_cacheTxt.find(key);
        if (it != m_cacheTxt.end()) {
            slot = *it;
            m_cv.wait(lock, [&] { return slot->done; });
            return slot->value;
        }
        slot = std::make_shared<Slot>();
        m_cacheTxt.insert(key, slot);
    }
    const KeyLookup l = m_inner ? m_inner->lookupTxt(name) : KeyResolver::lookupTxt(name);
    {
        std::lock_guard lock(m_mutex);
        slot->value = l;
        slot->done = true;
    }
    m_cv.notify_all();
    return l;
}

qsizetype CachingResolver::lookups() const
{
    std::lock_guard lock(m_mutex);
    return m_cache.size() + m_cacheAll.size() + m_cacheTxt.size();
}

} // namespace dkimi
