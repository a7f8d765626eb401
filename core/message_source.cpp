#include "message_source.h"

#include "byte_search.h"
#include "crypto.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace dkimi {

QString MessageLocation::describe() const
{
    if (container == Container::Mbox)
        return QStringLiteral("%1 #%2 (offset %3)").arg(file).arg(index).arg(offset);
    return file;
}

namespace {

bool isMaildir(const QString &dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("cur")) && d.exists(QStringLiteral("new"));
}

// Files of a folder tree, sorted for repeatable runs. Hidden files (mail-server indexes, .DS_Store)
// are skipped; Maildir subfolders are recognised by their cur/new/tmp folders.
// Their sizes are added to `bytes` from the listing itself (no second look at each file).
void expandFolder(const QString &dir, QStringList &files, QList<MessageLocation::Container> &kinds, qint64 &bytes)
{
    if (isMaildir(dir)) {
        for (const char *sub : {"cur", "new", "tmp"}) {
            QDir d(QDir(dir).filePath(QString::fromLatin1(sub)));
            const QFileInfoList entries = d.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
            for (const QFileInfo &fi : entries) {
                files << fi.filePath();
                kinds << MessageLocation::Container::Maildir;
                bytes += fi.size();
            }
        }
        // A Maildir++ tree keeps folders as ".Name" subdirectories.
        QDir root(dir);
        for (const QString &sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name)) {
            if (sub.startsWith(QLatin1Char('.')) && isMaildir(root.filePath(sub)))
                expandFolder(root.filePath(sub), files, kinds, bytes);
        }
        return;
    }
    QDir d(dir);
    const QFileInfoList entries = d.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : entries) {
        if (fi.fileName().startsWith(QLatin1Char('.')))
            continue;
        if (fi.isDir()) {
            expandFolder(fi.filePath(), files, kinds, bytes);
        } else {
            files << fi.filePath();
            kinds << MessageLocation::Container::File;
            bytes += fi.size();
        }
    }
}

// Offset of "\nFrom " in `hay`, or -1. Looking for the 'F' (rare in text) and checking the LF
// before it takes far fewer memchr calls than looking at every line end.
qsizetype findSeparator(QByteArrayView hay)
{
    const std::string_view v(hay.data(), size_t(hay.size()));
    for (size_t k = v.find("From ", 1); k != std::string_view::npos; k = v.find("From ", k + 1)) {
        if (v[k - 1] == '\n')
            return qsizetype(k - 1);
    }
    return -1;
}

} // namespace

// Reads one mbox file in chunks and cuts it into messages (mboxo, mboxrd, mboxcl, mboxcl2; CRLF
// or LF). A message ends where the next line starting with "From " begins; the blank line that
// mbox writers put before it belongs to the archive, not to the message. When a message has a
// Content-Length header that lands exactly on the next separator (or the end), that length wins,
// so unquoted "From " lines inside mboxcl2 bodies do not cut messages apart.
struct MessageSource::MboxReader {
    QFile file;
    QString path;
    QByteArray buf; // bytes [bufStart, bufStart + buf.size()) of the file
    qint64 bufStart = 0;
    qint64 pos = 0; // file offset of the next separator line
    bool eof = false;
    qint64 index = 0;
    std::unique_ptr<Hasher> hasher; // the whole file, as read (MessageSource::setDigestArchives)
    qint64 hashed = 0;
    static constexpr qint64 kChunk = 1 << 20;

    bool open(const QString &p, QString *error)
    {
        path = p;
        file.setFileName(p);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return false;
        }
        return true;
    }

    // Makes sure the buffer holds the file up to `until` (or EOF). Returns bytes newly read.
    qint64 fill(qint64 until)
    {
        // Drop what lies before pos once it is large: memory stays bounded by the largest message.
        const qint64 consumed = pos - bufStart;
        if (consumed > kChunk * 4) {
            buf.remove(0, consumed);
            bufStart = pos;
        }
        qint64 added = 0;
        while (!eof && bufStart + buf.size() < until) {
            const QByteArray chunk = file.read(kChunk);
            if (chunk.isEmpty()) {
                eof = true;
                break;
            }
            buf.append(chunk);
            added += chunk.size();
            if (hasher) {
                hasher->update(chunk);
                hashed += chunk.size();
            }
        }
        return added;
    }

    qint64 bufEnd() const { return bufStart + buf.size(); }
    char at(qint64 off) const { return buf.at(off - bufStart); }

    // Offset of the end of the line that starts at `from` (just after its LF), or -1 if not yet read.
    qint64 lineEnd(qint64 from, qint64 *readBytes)
    {
        while (true) {
            const qsizetype i = buf.indexOf('\n', from - bufStart);
            if (i >= 0)
                return bufStart + i + 1;
            if (eof)
                return bufEnd();
            *readBytes += fill(bufEnd() + kChunk);
        }
    }

    // Offset of the next line start >= from that begins with "From " (a separator), or EOF.
    qint64 nextSeparator(qint64 from, qint64 *readBytes)
    {
        qint64 scan = from;
        while (true) {
            // A separator is "\nFrom " (the LF ending the previous line).
            const qsizetype i = findSeparator(QByteArrayView(buf).sliced(scan - bufStart));
            if (i >= 0)
                return scan + i + 1;
            if (eof)
                return bufEnd();
            scan = std::max(from, bufEnd() - 5);
            *readBytes += fill(bufEnd() + kChunk);
        }
    }

    // Content-Length of the header block starting at `start`, or -1. Also returns the body offset.
    qint64 contentLength(qint64 start, qint64 limit, qint64 *bodyStart)
    {
        *bodyStart = -1;
        const QByteArrayView view = QByteArrayView(buf).sliced(start - bufStart, limit - start);
        qsizetype headerEnd = findBytes(view, "\n\n");
        // A CRLF header end only counts before an LF one: look no further (not through the body).
        qsizetype crlfEnd = findBytes(headerEnd < 0 ? view : view.first(headerEnd), "\r\n\r\n");
        qsizetype sepLen = 2;
        if (crlfEnd >= 0 && (headerEnd < 0 || crlfEnd < headerEnd)) {
            headerEnd = crlfEnd;
            sepLen = 4;
        }
        if (headerEnd < 0)
            return -1;
        *bodyStart = start + headerEnd + sepLen;
        const QByteArrayView headers = view.first(headerEnd + 1);
        qsizetype p = 0;
        while (p < headers.size()) {
            qsizetype e = headers.indexOf('\n', p);
            if (e < 0)
                e = headers.size();
            const QByteArrayView line = headers.sliced(p, e - p);
            if (line.size() > 15 && line.first(15).compare("Content-Length:", Qt::CaseInsensitive) == 0) {
                bool ok = false;
                const qint64 n = line.sliced(15).trimmed().toLongLong(&ok);
                return ok && n >= 0 ? n : -1;
            }
            p = e + 1;
        }
        return -1;
    }

    // Cuts the next message. Returns false at the end of the file.
    bool next(SourceItem *out, qint64 *readBytes)
    {
        if (pos == 0 && buf.isEmpty())
            *readBytes += fill(kChunk);
        if (pos >= bufEnd() && eof)
            return false;
        const qint64 sepStart = pos;
        const qint64 msgStart = lineEnd(sepStart, readBytes); // after the "From " line
        qint64 end = nextSeparator(msgStart == sepStart ? msgStart : msgStart - 1, readBytes);
        if (end < msgStart)
            end = msgStart;
        // mboxcl/mboxcl2: trust Content-Length when it points exactly at a separator (after at most
        // two line breaks) or at the end of the file.
        qint64 bodyStart = -1;
        const qint64 cl = contentLength(msgStart, end, &bodyStart);
        if (cl >= 0 && bodyStart >= 0) {
            const qint64 candidate = bodyStart + cl;
            *readBytes += fill(candidate + 16);
            qint64 after = candidate;
            for (int k = 0; k < 2 && after < bufEnd(); ++k) {
                if (at(after) == '\n')
                    after += 1;
                else if (at(after) == '\r' && after + 1 < bufEnd() && at(after + 1) == '\n')
                    after += 2;
                else
                    break;
            }
            const bool atEnd = eof && candidate == bufEnd();
            const bool atSep = after + 5 <= bufEnd() && QByteArrayView(buf).sliced(after - bufStart, 5) == "From ";
            if (candidate <= bufEnd() && (atEnd || atSep)) {
                out->location.file = path;
                out->location.container = MessageLocation::Container::Mbox;
                out->location.index = index++;
                out->location.offset = msgStart;
                out->location.length = candidate - msgStart;
                out->location.separatorOffset = sepStart;
                out->location.lengthFromContentLength = true;
                out->bytes = buf.mid(msgStart - bufStart, candidate - msgStart);
                pos = atEnd ? candidate : after;
                return true;
            }
        }
        // The blank line written before the next "From " belongs to the mbox format.
        qint64 msgEnd = end;
        {
            if (msgEnd - 2 >= msgStart && at(msgEnd - 1) == '\n' && at(msgEnd - 2) == '\n')
                msgEnd -= 1;
            else if (msgEnd - 4 >= msgStart && at(msgEnd - 1) == '\n' && at(msgEnd - 2) == '\r' &&
                     at(msgEnd - 3) == '\n' && at(msgEnd - 4) == '\r')
                msgEnd -= 2;
        }
        out->location.file = path;
        out->location.container = MessageLocation::Container::Mbox;
        out->location.index = index++;
        out->location.offset = msgStart;
        out->location.length = msgEnd - msgStart;
        out->location.separatorOffset = sepStart;
        out->bytes = buf.mid(msgStart - bufStart, msgEnd - msgStart);
        if (end == bufEnd() && eof && !out->bytes.endsWith('\n'))
            out->notes << QStringLiteral("The archive ends in the middle of a line: it may be truncated.");
        pos = end;
        return true;
    }
};

MessageSource::MessageSource(const QStringList &inputs)
{
    for (const QString &in : inputs) {
        const QFileInfo fi(in);
        if (!fi.exists()) {
            m_inputErrors << in;
            continue;
        }
        if (fi.isDir()) {
            expandFolder(in, m_files, m_kinds, m_totalBytes);
        } else {
            m_files << in;
            m_kinds << MessageLocation::Container::File;
            m_totalBytes += fi.size();
        }
    }
}

MessageSource::~MessageSource() = default;

QList<ArchiveDigest> MessageSource::archiveDigests() const
{
    QMutexLocker lock(&m_mutex);
    return m_digests;
}

bool MessageSource::looksLikeMbox(const QByteArray &head)
{
    return head.startsWith("From ");
}

bool MessageSource::next(SourceItem *out)
{
    QMutexLocker lock(&m_mutex);
    *out = SourceItem();
    return nextLocked(out);
}

bool MessageSource::readStandalone(QFile &f, MessageLocation::Container c, SourceItem *out)
{
    out->location.file = f.fileName();
    out->location.container = c;
    if (!f.isOpen() && !f.open(QIODevice::ReadOnly)) {
        out->error = QStringLiteral("cannot open the file: %1").arg(f.errorString());
        return true;
    }
    out->bytes = f.readAll();
    m_bytesRead += out->bytes.size();
    out->location.offset = 0;
    out->location.length = out->bytes.size();
    if (out->bytes.isEmpty()) {
        out->error = QStringLiteral("the file is empty");
        return true;
    }
    // Not mail at all: the first line must be a header field ("Name: value") or an mbox line.
    const qsizetype eol = out->bytes.indexOf('\n');
    const QByteArray first = out->bytes.left(eol < 0 ? qsizetype(200) : std::min<qsizetype>(eol, 998));
    const qsizetype colon = first.indexOf(':');
    bool header = colon > 0;
    for (qsizetype i = 0; header && i < colon; ++i) {
        const auto ch = static_cast<unsigned char>(first.at(i));
        header = (ch > 32 && ch < 127) || ((ch == ' ' || ch == '\t') && i > 0);
    }
    if (!header && !looksLikeMbox(first))
        out->error = QStringLiteral("this does not look like an email message: its first line is not a header field");
    return true;
}

bool MessageSource::nextLocked(SourceItem *out)
{
    if (!m_inputErrors.isEmpty()) {
        out->location.file = m_inputErrors.takeFirst();
        out->error = QStringLiteral("no such file or folder");
        return true;
    }
    while (true) {
        if (m_mbox) {
            qint64 read = 0;
            const bool got = m_mbox->next(out, &read);
            m_bytesRead += read;
            if (got)
                return true;
            if (m_mbox->hasher && m_mbox->eof)
                m_digests.append(ArchiveDigest{m_mbox->path, m_mbox->hashed, m_mbox->index, m_mbox->hasher->finish()});
            m_mbox.reset();
        }
        if (m_nextFile >= m_files.size())
            return false;
        const QString path = m_files.at(m_nextFile);
        const MessageLocation::Container kind = m_kinds.at(m_nextFile);
        ++m_nextFile;
        // One open a file: its first bytes (peeked, not consumed) tell an mbox from a message.
        auto r = std::make_unique<MboxReader>();
        QString err;
        if (kind == MessageLocation::Container::File && r->open(path, &err) && looksLikeMbox(r->file.peek(5))) {
            if (m_digestArchives)
                r->hasher = std::make_unique<Hasher>(HashAlgorithm::Sha256);
            m_mbox = std::move(r);
            continue;
        }
        if (!r->file.isOpen())
            r->file.setFileName(path); // a Maildir file, or one that did not open (said by readStandalone)
        return readStandalone(r->file, kind, out);
    }
}

} // namespace dkimi
