#pragma once

#include "expected.h"
#include "key_resolver.h"

#include <QHash>

namespace dkimi {

// Keys from a DNS master file: lines `selector._domainkey.domain. [TTL] [IN] TXT "part" "part"`,
// comments after ';', several quoted strings joined, parentheses spanning lines, names
// case-insensitive, $ORIGIN and $TTL honoured. A name absent from the file does not exist.
class ZoneFileResolver : public KeyResolver {
public:
    struct Entry {
        QList<QByteArray> strings;
        int line = 0;
        qint64 ttl = -1;
    };

    static Expected<std::shared_ptr<ZoneFileResolver>> load(const QString &path);
    static Expected<std::shared_ptr<ZoneFileResolver>> parse(const QByteArray &text, const QString &name);

    KeyLookup lookup(const QByteArray &domain, const QByteArray &selector) const override;
    // A key file may also hold other TXT records, e.g. _dmarc.example.com.
    bool answersTxt() const override { return true; }
    KeyLookup lookupTxt(const QByteArray &name) const override;
    QString describe() const override;
    qsizetype recordCount() const;
    const QString &path() const { return m_path; }
    // Lines that could not be understood (reported, never fatal).
    const QStringList &warnings() const { return m_warnings; }
    // Every TXT record by owner name (lower case, no trailing dot), e.g. for importing into the key store.
    const QHash<QByteArray, QList<Entry>> &records() const { return m_records; }

private:
    QString m_path;
    QHash<QByteArray, QList<Entry>> m_records; // lower-case name without trailing dot
    QStringList m_warnings;
};

} // namespace dkimi
