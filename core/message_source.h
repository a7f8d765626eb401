#pragma once

#include <QByteArray>
#include <QFile>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace dkimi {

// Where one message came from, exactly enough to find its bytes again.
struct MessageLocation {
    enum class Container { File, Mbox, Maildir };
    QString file; // the file that holds it
    Container container = Container::File;
    qint64 index = -1;                    // 0-based position inside an mbox; -1 for a standalone file
    qint64 offset = -1;                   // first byte of the message inside the file (after an mbox "From " line)
    qint64 length = -1;                   // number of bytes of the message
    qint64 separatorOffset = -1;          // mbox: where its "From " line starts
    bool lengthFromContentLength = false; // mboxcl/mboxcl2: the end was found through Content-Length

    QString describe() const; // "archive.mbox #12 (offset 40960)"
};

struct SourceItem {
    MessageLocation location;
    QByteArray bytes;  // the message, exactly as stored
    QString error;     // non-empty: this item could not be read (the others go on)
    QStringList notes; // remarks about how it was read (e.g. a truncated archive)
};

// An archive read to its end, and the SHA-256 of its bytes as read: with it anyone can check, with
// `sha256sum`, that a report speaks of the same file.
struct ArchiveDigest {
    QString file;
    qint64 bytes = 0;
    qint64 messages = 0;
    QByteArray sha256; // raw 32 bytes
};

// Pull-based, thread-safe stream of messages from files, folders, Maildirs and mbox archives.
// Files are read as they are reached, mbox archives in bounded chunks, so the first messages are
// available at once and memory stays bounded whatever the archive's size. Evidence files are only
// ever opened read-only.
class MessageSource {
public:
    // Inputs: message files, mbox files, Maildir folders, folder trees (walked in sorted order).
    explicit MessageSource(const QStringList &inputs);
    ~MessageSource();
    MessageSource(const MessageSource &) = delete;
    MessageSource &operator=(const MessageSource &) = delete;

    // The next message, or false at the end. Safe to call from several threads.
    bool next(SourceItem *out);

    qint64 totalBytes() const { return m_totalBytes; } // of all input files (for progress)
    qint64 bytesRead() const { return m_bytesRead.load(); }

    // Hash each mbox archive as it is read (off by default: it is one more SHA-256 pass over the
    // archive). Set before the first next().
    void setDigestArchives(bool on) { m_digestArchives = on; }
    // The archives read to their end so far, in the order they were finished.
    QList<ArchiveDigest> archiveDigests() const;

    // Detects an mbox by its first bytes ("From ").
    static bool looksLikeMbox(const QByteArray &head);

private:
    struct MboxReader;
    bool nextLocked(SourceItem *out);
    // A message file, from f (opened here unless it is open).
    bool readStandalone(QFile &f, MessageLocation::Container c, SourceItem *out);

    mutable QMutex m_mutex;
    bool m_digestArchives = false;
    QList<ArchiveDigest> m_digests;
    QStringList m_files; // expanded, in order
    QList<MessageLocation::Container> m_kinds;
    qsizetype m_nextFile = 0;
    std::unique_ptr<MboxReader> m_mbox;
    qint64 m_totalBytes = 0;
    std::atomic<qint64> m_bytesRead{0};
    QStringList m_inputErrors; // inputs that do not exist: reported as items first
};

} // namespace dkimi
