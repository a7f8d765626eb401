#include "message.h"

#include "byte_search.h"
#include "crypto.h"

#include <QFile>

#include <algorithm>
#include <cstring>

namespace dkimi {

namespace {

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

Expected<Message> Message::fromFile(const QString &path)
{
    QFile f(path);
    // Evidence is opened read-only, always.
    if (!f.open(QIODevice::ReadOnly))
        return Error{path, QStringLiteral("cannot open the file: %1").arg(f.errorString())};
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Error{path, QStringLiteral("cannot read the file: %1").arg(f.errorString())};
    return fromBytes(bytes, path);
}

Message Message::fromBytes(const QByteArray &raw, const QString &name)
{
    Message m;
    m.m_name = name;
    m.m_raw = raw;

    // Normalise bare LF to CRLF. Most files need nothing, and then data() shares raw()'s storage.
    // (Archives in LF need it for every message: one pass finds the line ends and notes where each CR
    // goes, then the lines are copied between those places.)
    const char *const r = raw.constData();
    const qsizetype n = raw.size();
    qsizetype crlf = 0;
    QList<qsizetype> &cr = m.m_insertedCr; // where each CR lands in data()
    for (const char *p = r; (p = static_cast<const char *>(std::memchr(p, '\n', size_t(r + n - p)))); ++p) {
        if (p > r && p[-1] == '\r') {
            ++crlf;
        } else {
            if (cr.isEmpty())
                cr.reserve(n / 32 + 16);
            cr.append((p - r) + cr.size());
        }
    }
    if (cr.isEmpty()) {
        m.m_data = raw;
    } else {
        m.m_mixedEol = crlf > 0;
        QByteArray d(n + cr.size(), Qt::Uninitialized);
        char *const out = d.data();
        qsizetype from = 0; // input offset of the next byte to copy
        for (qsizetype i = 0; i < cr.size(); ++i) {
            const qsizetype lf = cr.at(i) - i; // input offset of this bare LF
            std::memcpy(out + from + i, r + from, size_t(lf - from));
            out[lf + i] = '\r';
            out[lf + i + 1] = '\n';
            from = lf + 1;
        }
        std::memcpy(out + from + cr.size(), r + from, size_t(n - from));
        m.m_data = d;
    }
    m.parse();
    return m;
}

void Message::parse()
{
    const QByteArray &d = m_data;
    const qsizetype n = d.size();
    qsizetype pos = 0;

    // An mbox separator line ("From sender date") is not part of the message (as dkimpy and
    // Mail::DKIM also skip it). A real header would read "From:".
    if (d.startsWith("From ")) {
        qsizetype eol = findBytes(d, "\r\n");
        m_mboxFromLine = true;
        pos = eol < 0 ? n : eol + 2;
    }

    while (pos < n) {
        if (d.at(pos) == '\r' && pos + 1 < n && d.at(pos + 1) == '\n') {
            m_hasSeparator = true;
            pos += 2;
            break;
        }
        // One field: this line plus every following line that starts with WSP.
        qsizetype start = pos;
        qsizetype lines = 0;
        do {
            qsizetype eol = findBytes(d, "\r\n", pos);
            pos = eol < 0 ? n : eol + 2;
            ++lines;
        } while (pos < n && isWsp(d.at(pos)));

        HeaderField h;
        h.offset = start;
        h.length = pos - start;
        h.lineCount = lines;
        qsizetype lineEnd = findBytes(d, "\r\n", start);
        if (lineEnd < 0 || lineEnd > pos)
            lineEnd = pos;
        qsizetype colon = d.indexOf(':', start);
        bool ok = colon >= 0 && colon < lineEnd && colon > start && !isWsp(d.at(start));
        if (ok) {
            qsizetype nameEnd = colon;
            while (nameEnd > start && isWsp(d.at(nameEnd - 1)))
                --nameEnd;
            for (qsizetype i = start; i < nameEnd && ok; ++i) {
                const auto c = static_cast<unsigned char>(d.at(i));
                ok = c > 32 && c < 127;
            }
            if (ok) {
                h.name = d.mid(start, nameEnd - start);
                h.colon = colon;
            }
        }
        if (!ok) {
            m_parseFindings.append(Finding{Severity::Warning,
                                           QStringLiteral("malformed_header_line"),
                                           QStringLiteral("A line in the header block is not a header field "
                                                          "(no name followed by a colon); it is kept but can "
                                                          "never be signed."),
                                           {rawRange(start, lineEnd - start)}});
        }
        m_headers.append(h);
    }
    m_bodyOffset = pos;
    if (!m_hasSeparator && !m_headers.isEmpty()) {
        m_parseFindings.append(Finding{Severity::Note,
                                       QStringLiteral("no_body"),
                                       QStringLiteral("The message has no blank line after its headers, so its "
                                                      "body is empty."),
                                       {}});
    }
}

QByteArrayView Message::headerValue(const HeaderField &h) const
{
    if (h.colon < 0)
        return {};
    qsizetype end = h.offset + h.length;
    if (end - 2 >= h.valueOffset() && m_data.at(end - 2) == '\r' && m_data.at(end - 1) == '\n')
        end -= 2;
    return QByteArrayView(m_data).sliced(h.valueOffset(), end - h.valueOffset());
}

QList<int> Message::headerIndexes(QByteArrayView name) const
{
    QList<int> out;
    for (int i = 0; i < m_headers.size(); ++i) {
        if (m_headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            out.append(i);
    }
    return out;
}

bool Message::bodyHasQuotedFromLines() const
{
    const QByteArrayView b = body();
    for (qsizetype i = findBytes(b, ">From "); i >= 0; i = findBytes(b, ">From ", i + 1)) {
        qsizetype start = i;
        while (start > 0 && b[start - 1] == '>')
            --start;
        if (start == 0 || b[start - 1] == '\n')
            return true;
    }
    return false;
}

QByteArray Message::sha256Hex() const
{
    return digest(HashAlgorithm::Sha256, m_raw).toHex();
}

qsizetype Message::rawOffset(qsizetype dataOffset) const
{
    if (m_insertedCr.isEmpty())
        return dataOffset;
    // Every inserted CR strictly before dataOffset shifts the raw position back by one.
    auto it = std::lower_bound(m_insertedCr.cbegin(), m_insertedCr.cend(), dataOffset);
    return dataOffset - (it - m_insertedCr.cbegin());
}

ByteRange Message::rawRange(qsizetype offset, qsizetype length) const
{
    qsizetype a = rawOffset(offset);
    qsizetype b = rawOffset(offset + length);
    return ByteRange{SourceId::RawMessage, a, b - a};
}

} // namespace dkimi
