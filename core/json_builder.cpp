#include "json_builder.h"

#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace dkimi::json {

namespace {

void writeInteger(std::string &out, qint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, size_t(r.ptr - buf));
}

void writeHex4(std::string &out, char16_t u)
{
    static const char hex[] = "0123456789abcdef";
    const char e[6] = {'\\', 'u', hex[(u >> 12) & 0xf], hex[(u >> 8) & 0xf], hex[(u >> 4) & 0xf], hex[u & 0xf]};
    out.append(e, 6);
}

// QString's order (UTF-16 code units), inline: keys are short and compared often.
bool keyLess(const QString &a, const QString &b)
{
    const char16_t *pa = QStringView(a).utf16(), *pb = QStringView(b).utf16();
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (pa[i] != pb[i])
            return pa[i] < pb[i];
    }
    return a.size() < b.size();
}

bool keyEqual(const QString &a, const QString &b)
{
    return a.size() == b.size() && std::memcmp(a.constData(), b.constData(), size_t(a.size()) * sizeof(char16_t)) == 0;
}

} // namespace

void writeString(std::string &out, QStringView s)
{
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    // Room for the common case, printable ASCII only, written without a check per byte; anything
    // else gives back the unused room and is appended escaped or as UTF-8.
    size_t at = out.size();
    out.resize(at + size_t(s.size()) + 2);
    char *dst = out.data() + at;
    *dst++ = '"';
    while (p < end) {
        const char16_t u = *p;
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
            *dst++ = char(u);
            ++p;
            continue;
        }
        out.resize(size_t(dst - out.data()));
        ++p;
        switch (u) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default:
            if (u < 0x20) {
                writeHex4(out, u);
            } else if (u < 0x800) {
                const char e[2] = {char(0xc0 | (u >> 6)), char(0x80 | (u & 0x3f))};
                out.append(e, 2);
            } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
                const char32_t c = QChar::surrogateToUcs4(u, *p++);
                const char e[4] = {char(0xf0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3f)),
                                   char(0x80 | ((c >> 6) & 0x3f)), char(0x80 | (c & 0x3f))};
                out.append(e, 4);
            } else if (QChar::isSurrogate(u)) {
                writeHex4(out, u); // a lone surrogate has no UTF-8 form: Qt writes it escaped
            } else {
                const char e[3] = {char(0xe0 | (u >> 12)), char(0x80 | ((u >> 6) & 0x3f)), char(0x80 | (u & 0x3f))};
                out.append(e, 3);
            }
            break;
        }
        at = out.size();
        out.resize(at + size_t(end - p) + 1);
        dst = out.data() + at;
    }
    *dst++ = '"';
    out.resize(size_t(dst - out.data()));
}

void writeDouble(std::string &out, double d)
{
    if (!std::isfinite(d)) {
        out.append("null", 4); // RFC 8259 has no infinities or NaN; Qt writes null
        return;
    }
    // As QJsonValue(double): a whole number that a double holds exactly (|d| <= 2^53) becomes an
    // integer; anything else is written in Qt's shortest form.
    if (d == std::trunc(d) && d >= -9007199254740992.0 && d <= 9007199254740992.0) {
        writeInteger(out, qint64(d));
        return;
    }
    const QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    out.append(text.constData(), size_t(text.size()));
}

// -- Object ---------------------------------------------------------------------------------------

Object::Object(std::initializer_list<Member> init)
{
    members().reserve(init.size());
    for (const Member &m : init)
        insert(m.key, m.value);
}

std::vector<Member> &Object::members()
{
    if (!m_d)
        m_d = std::make_shared<std::vector<Member>>();
    else if (m_d.use_count() > 1)
        m_d = std::make_shared<std::vector<Member>>(*m_d); // shared: copy before changing
    return *m_d;
}

Value &Object::operator[](const QString &key)
{
    std::vector<Member> &ms = members();
    for (Member &m : ms) {
        if (keyEqual(m.key, key))
            return m.value;
    }
    ms.push_back(Member{key, Value()});
    return ms.back().value;
}

void Object::insert(const QString &key, Value value)
{
    (*this)[key] = std::move(value);
}

void Object::writeTo(std::string &out) const
{
    // QJsonObject keeps its keys sorted (QString order: UTF-16 code units); so does the text.
    if (isEmpty()) {
        out.append("{}", 2);
        return;
    }
    const std::vector<Member> &ms = *m_d;
    const Member *order[64];
    std::vector<const Member *> many;
    const Member **sorted = order;
    if (ms.size() > std::size(order)) {
        many.resize(ms.size());
        sorted = many.data();
    }
    for (size_t i = 0; i < ms.size(); ++i)
        sorted[i] = &ms[i];
    std::sort(sorted, sorted + ms.size(), [](const Member *a, const Member *b) { return keyLess(a->key, b->key); });
    out.push_back('{');
    for (size_t i = 0; i < ms.size(); ++i) {
        if (i)
            out.push_back(',');
        writeString(out, sorted[i]->key);
        out.push_back(':');
        sorted[i]->value.writeTo(out);
    }
    out.push_back('}');
}

QByteArray Object::toBytes() const
{
    std::string out;
    out.reserve(16384);
    writeTo(out);
    return QByteArray(out.data(), qsizetype(out.size()));
}

QJsonObject Object::toQJsonObject() const
{
    return QJsonDocument::fromJson(toBytes()).object();
}

// -- Array ----------------------------------------------------------------------------------------

Array::Array(std::initializer_list<Value> items) : m_d(std::make_shared<std::vector<Value>>(items)) {}

Array Array::fromStringList(const QStringList &list)
{
    Array a;
    if (list.isEmpty())
        return a;
    std::vector<Value> &items = a.items();
    items.reserve(size_t(list.size()));
    for (const QString &s : list)
        items.emplace_back(s);
    return a;
}

std::vector<Value> &Array::items()
{
    if (!m_d)
        m_d = std::make_shared<std::vector<Value>>();
    else if (m_d.use_count() > 1)
        m_d = std::make_shared<std::vector<Value>>(*m_d);
    return *m_d;
}

void Array::append(Value value)
{
    items().push_back(std::move(value));
}

void Array::writeTo(std::string &out) const
{
    out.push_back('[');
    if (m_d) {
        for (size_t i = 0; i < m_d->size(); ++i) {
            if (i)
                out.push_back(',');
            (*m_d)[i].writeTo(out);
        }
    }
    out.push_back(']');
}

// -- Value ----------------------------------------------------------------------------------------

void Value::writeTo(std::string &out) const
{
    switch (m_type) {
    case Type::Null:
        out.append("null", 4);
        return;
    case Type::Bool:
        if (m_bool)
            out.append("true", 4);
        else
            out.append("false", 5);
        return;
    case Type::Integer:
        writeInteger(out, m_int);
        return;
    case Type::Double:
        writeDouble(out, m_double);
        return;
    case Type::String:
        writeString(out, m_string);
        return;
    case Type::Object:
        m_object.writeTo(out);
        return;
    case Type::Array:
        m_array.writeTo(out);
        return;
    }
}

} // namespace dkimi::json
