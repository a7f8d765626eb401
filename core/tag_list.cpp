#include "tag_list.h"

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
        list.m_tags.append(tag);
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
    QByteArray out;
    out.reserve(v.size());
    for (char c : v) {
        if (!isWspOrEol(c))
            out.append(c);
    }
    return out;
}

bool decodeBase64Strict(QByteArrayView in, QByteArray *out)
{
    qsizetype pad = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad > 0)
            return false; // data after padding
        if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            return false;
    }
    if (pad > 2 || (in.size() % 4) != 0)
        return false;
    auto r = QByteArray::fromBase64Encoding(in.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return false;
    if (out)
        *out = *r;
    return true;
}

} // namespace dkimi
