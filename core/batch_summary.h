#pragma once

#include "batch_verifier.h"

#include <QMap>
#include <QString>

namespace dkimi {

// Totals over a batch, for the CLI's --summary and the GUI's summary view.
class BatchSummary {
public:
    struct Count {
        qint64 messages = 0;
        qint64 pass = 0;
    };

    void add(const BatchItem &item);
    // The same without a BatchItem (no copy of the result): result null for a message that could not be read.
    void add(const MessageResult *result, const MimeSummary &summary);
    // The same from tallies: the message's result, its signatures in order, its parsed Date header.
    void add(Result result, const QList<SignatureTally> &signatures, const QDateTime &date);
    // From what a batch worker kept of a result (BatchOptions::keepResult false); null: unreadable.
    void add(const MessageTally *tally);
    void addUnreadable();

    qint64 messages() const { return m_messages; }
    qint64 unreadable() const { return m_unreadable; }
    qint64 count(Result r) const { return m_byResult.value(int(r)); }
    const QMap<QString, qint64> &byReason() const { return m_byReason; }
    const QMap<QString, Count> &byDomain() const { return m_byDomain; }
    const QMap<int, Count> &byYear() const { return m_byYear; }       // 0 = no usable Date
    const QMap<QString, Count> &byMonth() const { return m_byMonth; } // "2016-03"

    // The archives the messages came from, named by their SHA-256 (MessageSource::archiveDigests).
    void setArchives(const QList<ArchiveDigest> &archives) { m_archives = archives; }
    const QList<ArchiveDigest> &archives() const { return m_archives; }

    QString toText() const;

private:
    void addCounted(Result result, const QString &reason, const QStringList &domains, const QStringList &passDomains,
                    const QDateTime &date);

    qint64 m_messages = 0;
    qint64 m_unreadable = 0;
    QList<ArchiveDigest> m_archives;
    QMap<int, qint64> m_byResult;
    QMap<QString, qint64> m_byReason;
    QMap<QString, Count> m_byDomain;
    QMap<int, Count> m_byYear;
    QMap<QString, Count> m_byMonth;
};

} // namespace dkimi
