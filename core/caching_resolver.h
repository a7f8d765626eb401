#pragma once

#include "key_resolver.h"

#include <QHash>
#include <QMutex>

#include <condition_variable>
#include <mutex>

namespace dkimi {

// Resolves each (domain, selector) once per run and shares the answer between threads: an archive
// of tens of thousands of messages uses a few dozen keys. Concurrent requests for the same key wait
// for the first lookup instead of repeating it.
class CachingResolver : public KeyResolver {
public:
    explicit CachingResolver(std::shared_ptr<const KeyResolver> inner) : m_inner(std::move(inner)) {}
    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    QString describe() const override { return m_inner ? m_inner->describe() : QStringLiteral("no key source"); }
    // Every source's answer (what the verifier asks), cached the same way; keyUsed reaches the inner
    // sources (a key store remembers the keys DNS served).
    QList<KeyLookup> lookupAll(const QByteArray &domain, const QByteArray &selector) const override;
    void keyUsed(const KeyLookup &lookup, const QByteArray &record) const override
    {
        if (m_inner)
            m_inner->keyUsed(lookup, record);
    }
    // TXT lookups (DMARC records) are cached by name the same way.
    bool answersTxt() const override { return m_inner && m_inner->answersTxt(); }
    KeyLookup lookupTxt(const QByteArray &name) const override;
    qsizetype lookups() const; // how many distinct lookups reached the inner resolver

private:
    struct Slot {
        bool done = false;
        KeyLookup value;
        QList<KeyLookup> all;
    };
    std::shared_ptr<const KeyResolver> m_inner;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_cv;
    mutable QHash<QByteArray, std::shared_ptr<Slot>> m_cache;
    mutable QHash<QByteArray, std::shared_ptr<Slot>> m_cacheAll;
    mutable QHash<QByteArray, std::shared_ptr<Slot>> m_cacheTxt;
};

} // namespace dkimi
