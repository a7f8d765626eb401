#include "zone_file_resolver.h"

#include <QFile>
#include <QFileInfo>

namespace dkimi {

namespace {

// Splits a zone file into logical records: tokens, honouring quotes, escapes, comments and
// parentheses (which join lines).
struct Token {
    QByteArray text;
    bool quoted = false;
};

QByteArray normaliseName(QByteArray n, const QByteArray &origin)
{
    n = n.toLower();
    if (n == "@")
        return origin;
    if (n.endsWith('.')) {
        n.chop(1);
        return n;
    }
    if (!origin.isEmpty())
        return n + '.' + origin;
    return n;
}

bool isNumber(const QByteArray &t)
{
    if (t.isEmpty())
        return false;
    for (char c : t) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

Expected<std::shared_ptr<ZoneFileResolver>> ZoneFileResolver::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{path, QStringLiteral("cannot open the key file: %1").arg(f.errorString())};
    return parse(f.readAll(), path);
}

Expected<std::shared_ptr<ZoneFileResolver>> ZoneFileResolver::parse(const QByteArray &text, const QString &name)
{
    auto r = std::make_shared<ZoneFileResolver>();
    r->m_path = name;
    QByteArray origin;
    QByteArray lastName;
    qint64 defaultTtl = -1;

    QList<Token> tokens;
    int depth = 0;
    int line = 1;
    int recordLine = 1;
    bool lineStartsWithSpace = false;
    bool atLineStart = true;

    auto flush = [&]() {
        if (tokens.isEmpty())
            return;
        QList<Token> t = tokens;
        tokens.clear();
        if (!t.first().quoted && t.first().text.startsWith('$')) {
            const QByteArray dir = t.first().text.toUpper();
            if (dir == "$ORIGIN" && t.size() >= 2)
                origin = normaliseName(t.at(1).text, QByteArray());
            else if (dir == "$TTL" && t.size() >= 2 && isNumber(t.at(1).text))
                defaultTtl = t.at(1).text.toLongLong();
            return;
        }
        qsizetype i = 0;
        QByteArray owner;
        if (lineStartsWithSpace) {
            owner = lastName; // RFC 1035: a record starting with blank uses the previous owner
        } else {
            owner = normaliseName(t.at(0).text, origin);
            i = 1;
        }
        lastName = owner;
        qint64 ttl = defaultTtl;
        // [TTL] [class] type, in either order of TTL and class.
        for (int k = 0; k < 2 && i < t.size() && !t.at(i).quoted; ++k) {
            const QByteArray up = t.at(i).text.toUpper();
            if (isNumber(up)) {
                ttl = up.toLongLong();
                ++i;
            } else if (up == "IN" || up == "CH" || up == "HS") {
                ++i;
            }
        }
        if (i >= t.size()) {
            r->m_warnings << QStringLiteral("%1:%2: record has no type").arg(name).arg(recordLine);
            return;
        }
        const QByteArray type = t.at(i).text.toUpper();
        ++i;
        if (type != "TXT")
            return; // other record types are irrelevant to DKIM keys
        Entry e;
        e.line = recordLine;
        e.ttl = ttl;
        for (; i < t.size(); ++i)
            e.strings.append(t.at(i).text);
        r->m_records[owner].append(e);
    };

    Token cur;
    bool inToken = false;
    bool inQuote = false;
    const qsizetype n = text.size();
    for (qsizetype p = 0; p < n; ++p) {
        char c = text.at(p);
        if (inQuote) {
            if (c == '\\' && p + 1 < n) {
                // \DDD decimal escape or \X literal
                if (p + 3 < n && isdigit(uchar(text.at(p + 1))) && isdigit(uchar(text.at(p + 2))) &&
                    isdigit(uchar(text.at(p + 3)))) {
                    cur.text.append(char(text.mid(p + 1, 3).toInt()));
                    p += 3;
                } else {
                    cur.text.append(text.at(++p));
                }
            } else if (c == '"') {
                inQuote = false;
                tokens.append(cur);
                cur = Token();
                inToken = false;
            } else {
                if (c == '\n')
                    ++line;
                if (c != '\r' && c != '\n')
                    cur.text.append(c);
            }
            continue;
        }
        if (c == '\n' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '(' || c == ')' || c == '"') {
            if (inToken) {
                tokens.append(cur);
                cur = Token();
                inToken = false;
            }
        }
        if (c == ';') {
            while (p + 1 < n && text.at(p + 1) != '\n')
                ++p;
            continue;
        }
        if (c == '"') {
            if (tokens.isEmpty())
                recordLine = line;
            inQuote = true;
            inToken = true;
            cur.quoted = true;
            continue;
        }
        if (c == '(') {
            ++depth;
            continue;
        }
        if (c == ')') {
            depth = qMax(0, depth - 1);
            continue;
        }
        if (c == '\n') {
            ++line;
            if (depth == 0) {
                flush();
                atLineStart = true;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            if (atLineStart && depth == 0 && tokens.isEmpty())
                lineStartsWithSpace = true;
            atLineStart = false;
            continue;
        }
        if (!inToken) {
            if (tokens.isEmpty()) {
                recordLine = line;
                if (atLineStart)
                    lineStartsWithSpace = false;
            }
            inToken = true;
        }
        atLineStart = false;
        cur.text.append(c);
    }
    if (inToken && !inQuote)
        tokens.append(cur);
    if (inQuote)
        r->m_warnings << QStringLiteral("%1:%2: unterminated quoted string").arg(name).arg(recordLine);
    flush();
    return r;
}

KeyLookup ZoneFileResolver::lookup(const QByteArray &domain, const QByteArray &selector) const
{
    return lookupTxt(keyQueryName(domain, selector));
}

KeyLookup ZoneFileResolver::lookupTxt(const QByteArray &name) const
{
    KeyLookup l;
    l.queryName = name.endsWith('.') ? name.chopped(1) : name;
    l.sourceKind = QStringLiteral("zone_file");
    l.sourceName = m_path;
    l.fetchedAt = QDateTime::currentDateTimeUtc();
    auto it = m_records.constFind(l.queryName.toLower());
    if (it == m_records.constEnd()) {
        l.status = KeyLookup::Status::NotFound;
        l.detail =
            QStringLiteral("%1 is not in %2").arg(QString::fromLatin1(l.queryName), QFileInfo(m_path).fileName());
        return l;
    }
    l.status = KeyLookup::Status::Found;
    for (const Entry &e : *it)
        l.records.append(e.strings);
    return l;
}

QString ZoneFileResolver::describe() const
{
    return QStringLiteral("zone file %1 (%2 records)").arg(QFileInfo(m_path).fileName()).arg(recordCount());
}

qsizetype ZoneFileResolver::recordCount() const
{
    qsizetype n = 0;
    for (const auto &v : m_records)
        n += v.size();
    return n;
}

} // namespace dkimi
