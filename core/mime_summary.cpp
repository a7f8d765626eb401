#include "mime_summary.h"

#include "timeline.h"

#include <QTimeZone>

#include <gmime/gmime.h>

#include <mutex>

namespace dkimi {

namespace {

void ensureGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

QString fromUtf8(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// Decoded value of the bottom-most instance of a header: that is the one DKIM covers first.
QString decodedHeader(const Message &m, const char *name)
{
    const QList<int> idx = m.headerIndexes(name);
    if (idx.isEmpty())
        return {};
    return MimeSummary::decodeText(m.headerValue(m.headers().at(idx.last())));
}

void walkParts(GMimeObject *obj, int depth, QList<MimePart> &out)
{
    if (!obj || out.size() > 500)
        return;
    MimePart p;
    p.depth = depth;
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    if (ct) {
        char *mt = g_mime_content_type_get_mime_type(ct);
        p.contentType = fromUtf8(mt);
        g_free(mt);
    }
    if (GMIME_IS_PART(obj)) {
        GMimePart *part = GMIME_PART(obj);
        p.transferEncoding = fromUtf8(g_mime_content_encoding_to_string(g_mime_part_get_content_encoding(part)));
        p.filename = fromUtf8(g_mime_part_get_filename(part));
    }
    out.append(p);
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        const int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; ++i)
            walkParts(g_mime_multipart_get_part(mp, i), depth + 1, out);
    } else if (GMIME_IS_MESSAGE_PART(obj)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        if (inner)
            walkParts(g_mime_message_get_mime_part(inner), depth + 1, out);
    }
}

} // namespace

QString MimeSummary::decodeText(QByteArrayView raw, bool shortcut)
{
    QByteArray v = raw.toByteArray();
    v.replace("\r\n", "");
    v = v.trimmed();
    if (shortcut) {
        // Nothing to decode: printable ASCII (and tabs), no encoded-word. (A NUL would end GMime's C
        // string, and 8-bit text needs its charset guessed: both go to GMime.)
        bool plain = !v.contains("=?");
        for (qsizetype i = 0; plain && i < v.size(); ++i) {
            const auto c = static_cast<unsigned char>(v.at(i));
            plain = (c >= 0x20 && c < 0x7f) || c == '\t';
        }
        if (plain)
            return QString::fromLatin1(v).simplified();
    }
    ensureGMime();
    char *dec = g_mime_utils_header_decode_text(nullptr, v.constData());
    QString out = fromUtf8(dec).simplified();
    g_free(dec);
    return out;
}

MimeSummary MimeSummary::headersOf(const Message &m)
{
    ensureGMime();
    MimeSummary s;
    s.from = decodedHeader(m, "From");
    s.to = decodedHeader(m, "To");
    s.subject = decodedHeader(m, "Subject");
    s.messageId = decodedHeader(m, "Message-ID");
    const QList<int> dates = m.headerIndexes("Date");
    if (!dates.isEmpty()) {
        QByteArray v = m.headerValue(m.headers().at(dates.last())).toByteArray();
        v.replace("\r\n", "");
        s.dateText = QString::fromLatin1(v.trimmed());
        // The same RFC 5322 parser as the timeline and the Date evaluation basis, so that the Date
        // shown and the Date used to judge x=/t= never differ.
        s.date = parseMailDate(v).time;
    }
    return s;
}

MimeSummary MimeSummary::of(const Message &m)
{
    MimeSummary s = headersOf(m);

    // MIME structure from the stored bytes; GMime never re-serialises what gets hashed.
    const qsizetype start = m.hasMboxFromLine() && !m.headers().isEmpty() ? m.headers().first().offset : 0;
    const QByteArrayView data = QByteArrayView(m.data()).sliced(start);
    if (data.isEmpty())
        return s; // nothing to parse (GMime refuses an empty buffer with a critical warning)
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data.data(), size_t(data.size()));
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
    GMimeMessage *msg = g_mime_parser_construct_message(parser, nullptr);
    if (msg) {
        s.parsed = true;
        walkParts(g_mime_message_get_mime_part(msg), 0, s.parts);
        g_object_unref(msg);
    }
    g_object_unref(parser);
    g_object_unref(stream);
    return s;
}

} // namespace dkimi
