#include "tag_list.h"

#include <array>

namespace dkimi {

namespace {

bool isWspOrEol(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAlnumPunc(char c)
{
    return isAlpha(c) || (c >= '0' && c <= '9') || c == '_';
}
bool isValChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x21 && u <= 0x7e && u != 0x3b;
}

// Skips FWS; returns false if a line break is not followed by WSP (it would end the header).
bool skipFws(QByteArrayView t, qsizetype &i)
{
    while (i < t.size()) {
        char c = t[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') {
            if (i + 2 >= t.size() || (t[i + 2] != ' ' && t[i + 2] != '\t'))
                return false;
            i += 3;
        } else {
            break;
        }
    }
    return true;
}

} // namespace

TagList TagList::parse(QByteArrayView t)
{
    TagList list;
    auto fail = [&list](ErrorKind kind, qsizetype at, const QString &msg) {
        list.m_error = kind;
        list.m_errorOffset = at;
        list.m_errorMessage = msg;
        return list;
    };
    qsizetype i = 0;
    const qsizetype n = t.size();
    list.m_tags.reserve(16); // a DKIM-Signature has about a dozen tags: no regrowth, no Tag copies
    while (true) {
        Tag tag;
        tag.specOffset = i;
        if (!skipFws(t, i))
            return fail(ErrorKind::Syntax, i, QStringLiteral("a line break not followed by white space"));
        if (i >= n) {
            // Empty after the last ';' (the trailing ";" is allowed) or an entirely empty list.
            break;
        }
        if (!isAlpha(t[i]))
            return fail(ErrorKind::Syntax, i,
                        QStringLiteral("expected a tag name at byte %1, found '%2'").arg(i).arg(QChar(t[i])));
        tag.nameOffset = i;
        while (i < n && isAlnumPunc(t[i]))
            ++i;
        tag.name = t.sliced(tag.nameOffset, i - tag.nameOffset).toByteArray();
        if (!skipFws(t, i))
            return fail(ErrorKind::Syntax, i, QStringLiteral("a line break not followed by white space"));
        if (i >= n || t[i] != '=')
            return fail(ErrorKind::Syntax, i,
                        QStringLiteral("tag '%1' is not followed by '='").arg(QString::fromLatin1(tag.name)));
        tag.equalsOffset = i;
        ++i;
        if (!skipFws(t, i))
            return fail(ErrorKind::Syntax, i, QStringLiteral("a line break not followed by white space"));
        tag.valueOffset = i;
        qsizetype valueEnd = i;
        // tag-value: tval *( 1*(WSP / FWS) tval )
        while (i < n && t[i] != ';') {
            if (isValChar(t[i])) {
                ++i;
                valueEnd = i;
            } else if (isWspOrEol(t[i])) {
                const qsizetype before = i;
                if (!skipFws(t, i))
                    return fail(ErrorKind::Syntax, i, QStringLiteral("a line break not followed by white space"));
                if (i == before) // a lone CR or LF is not folding white space
                    return fail(ErrorKind::Syntax, i,
                                QStringLiteral("a stray CR or LF in tag '%1'").arg(QString::fromLatin1(tag.name)));
            } else {
                return fail(ErrorKind::Syntax, i,
                            QStringLiteral("tag '%1' has a character not allowed in a tag value (byte 0x%2)")
                                .arg(QString::fromLatin1(tag.name))
                                .arg(static_cast<unsigned char>(t[i]), 2, 16, QLatin1Char('0')));
            }
        }
        tag.valueLength = valueEnd - tag.valueOffset;
        tag.value = t.sliced(tag.valueOffset, tag.valueLength).toByteArray();
        tag.specLength = i - tag.specOffset;
        if (list.find(tag.name))
            return fail(ErrorKind::DuplicateTag, tag.nameOffset,
                        QStringLiteral("tag '%1' appears more than once").arg(QString::fromLatin1(tag.name)));
        list.m_tags.append(std::move(tag));
        if (i >= n)
            break;
        ++i; // ';'
    }
    return list;
}

const Tag *TagList::find(QByteArrayView name) const
{
    for (const Tag &t : m_tags) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

QByteArray TagList::value(QByteArrayView name) const
{
    const Tag *t = find(name);
    return t ? t->value : QByteArray();
}

QByteArray stripFws(QByteArrayView v)
{
    QByteArray out(v.size(), Qt::Uninitialized);
    char *o = out.data();
    for (char c : v) {
        if (!isWspOrEol(c))
            *o++ = c;
    }
    out.truncate(o - out.constData());
    return out;
}

bool decodeBase64Strict(QByteArrayView in, QByteArray *out)
{
    // One pass: check each character, decode 4 characters into 3 bytes; '=' only at the end.
    static const auto table = [] {
        std::array<signed char, 256> t{};
        t.fill(-1);
        const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
        return t;
    }();
    const qsizetype n = in.size();
    if (n % 4 != 0)
        return false;
    qsizetype pad = 0;
    while (pad < n && pad < 3 && in[n - 1 - pad] == '=')
        ++pad;
    if (pad > 2)
        return false;
    const qsizetype data = n - pad;
    QByteArray bytes(data * 3 / 4, Qt::Uninitialized);
    auto *o = reinterpret_cast<unsigned char *>(bytes.data());
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < data; ++i) {
        const signed char v = table[static_cast<unsigned char>(in[i])];
        if (v < 0)
            return false; // not base64, or '=' before the end
        acc = (acc << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *o++ = static_cast<unsigned char>(acc >> bits);
        }
    }
    if (out)
        *out = std::move(bytes);
    return true;
}

} // namespace dkimi
