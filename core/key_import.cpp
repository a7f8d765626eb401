#include "key_import.h"

#include "crypto.h"
#include "zone_file_resolver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace dkimi::KeyImport {

namespace {

const char *const JsonFormat = "dkim-inspector-keys";

QDateTime parseWhen(const QString &s)
{
    const QString t = s.trimmed();
    if (t.isEmpty())
        return {};
    QDateTime d = QDateTime::fromString(t, Qt::ISODate);
    if (d.isValid() && d.timeSpec() != Qt::LocalTime)
        return d.toUTC();
    const QDate day = QDate::fromString(t.left(10), Qt::ISODate);
    if (day.isValid() && t.size() == 10)
        return QDateTime(day, QTime(0, 0), Qt::UTC);
    if (d.isValid()) // no offset given: archives mean UTC
        return QDateTime(d.date(), d.time(), Qt::UTC);
    return {};
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : QString();
}

// Splits selector._domainkey.domain; false when the name is no DKIM key name.
bool splitName(const QByteArray &name, QByteArray *selector, QByteArray *domain)
{
    const qsizetype at = name.toLower().indexOf("._domainkey.");
    if (at <= 0)
        return false;
    *selector = name.left(at).toLower();
    *domain = name.mid(at + 12).toLower();
    if (domain->endsWith('.'))
        domain->chop(1);
    return !domain->isEmpty();
}

QString sourceOr(const QString &s)
{
    return KeyStore::sources().contains(s.trimmed()) ? s.trimmed() : QStringLiteral("imported_archive");
}

// RFC 4180 CSV: fields separated by commas, optionally quoted with "" doubling.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                row << field;
                rows << row;
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// The record as RFC 1035 character-strings of at most 255 bytes, quoted for a zone file.
QByteArray zoneStrings(const QByteArray &record)
{
    QList<QByteArray> parts;
    for (qsizetype i = 0; i < record.size() || parts.isEmpty(); i += 255) {
        QByteArray p = record.mid(i, 255);
        p.replace('\\', "\\\\");
        p.replace('"', "\\\"");
        parts << '"' + p + '"';
        if (record.isEmpty())
            break;
    }
    return parts.join(' ');
}

} // namespace

Expected<Batch> fromZoneFile(const QByteArray &text, const QString &name)
{
    auto z = ZoneFileResolver::parse(text, name);
    if (!z)
        return z.error();
    Batch b;
    b.warnings = (*z)->warnings();
    QList<QByteArray> names = (*z)->records().keys();
    std::sort(names.begin(), names.end());
    for (const QByteArray &owner : std::as_const(names)) {
        for (const ZoneFileResolver::Entry &e : (*z)->records().value(owner)) {
            StoredKey k;
            if (!splitName(owner, &k.selector, &k.domain)) {
                b.warnings << QStringLiteral("%1:%2: %3 is not a DKIM key name (selector._domainkey.domain)")
                                  .arg(name)
                                  .arg(e.line)
                                  .arg(QString::fromLatin1(owner));
                continue;
            }
            k.record = KeyLookup::joined(e.strings);
            k.source = QStringLiteral("zone_file");
            b.keys << k;
        }
    }
    return b;
}

Expected<Batch> fromPem(const QByteArray &pem, const QByteArray &domain, const QByteArray &selector,
                        const QString &name, const QString &source)
{
    if (domain.isEmpty() || selector.isEmpty())
        return Error{name, QStringLiteral("a PEM key needs the domain and selector it belongs to")};
    const qsizetype begin = pem.indexOf("-----BEGIN ");
    const qsizetype beginEnd = begin < 0 ? -1 : pem.indexOf('\n', begin);
    const qsizetype end = pem.indexOf("-----END ", beginEnd < 0 ? 0 : beginEnd);
    if (begin < 0 || beginEnd < 0 || end < 0)
        return Error{name, QStringLiteral("no PEM block (-----BEGIN PUBLIC KEY-----) found")};
    const QByteArray label = pem.mid(begin + 11, pem.indexOf("-----", begin + 11) - begin - 11).trimmed();
    if (label.contains("PRIVATE"))
        return Error{name, QStringLiteral("this is a private key; import only the public key")};
    const QByteArray der =
        QByteArray::fromBase64(pem.mid(beginEnd + 1, end - beginEnd - 1).simplified().replace(' ', ""));
    // Ed25519 SubjectPublicKeyInfo: fixed 12-byte prefix (RFC 8410) and the raw 32-byte key, which is
    // what an RFC 8463 key record's p= holds.
    static const QByteArray edPrefix = QByteArray::fromHex("302a300506032b6570032100");
    QByteArray record;
    QString err;
    if (der.size() == 44 && der.startsWith(edPrefix)) {
        if (PublicKey::fromEd25519Raw(der.mid(12), &err).isNull())
            return Error{name, QStringLiteral("not a usable Ed25519 key: %1").arg(err)};
        record = "v=DKIM1; k=ed25519; p=" + der.mid(12).toBase64();
    } else {
        bool pkcs1 = false;
        const PublicKey k = PublicKey::fromRsaDer(der, &pkcs1, &err);
        if (k.isNull())
            return Error{name, QStringLiteral("not a usable RSA or Ed25519 public key: %1").arg(err)};
        record = "v=DKIM1; k=rsa; p=" + k.spkiDer().toBase64();
    }
    StoredKey s;
    s.domain = domain;
    s.selector = selector;
    s.record = record;
    s.source = KeyStore::sources().contains(source) ? source : QStringLiteral("entered_by_hand");
    Batch b;
    b.keys << s;
    return b;
}

Expected<Batch> fromCsv(const QByteArray &text, const QString &name)
{
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(text));
    if (rows.isEmpty())
        return Error{name, QStringLiteral("the CSV file is empty")};
    QHash<QString, int> col;
    for (int i = 0; i < rows.first().size(); ++i)
        col.insert(rows.first().at(i).trimmed().toLower(), i);
    for (const char *need : {"domain", "selector", "record"}) {
        if (!col.contains(QLatin1String(need)))
            return Error{name, QStringLiteral("the CSV header has no '%1' column (expected: domain, selector, record, "
                                              "first_seen, last_seen, source)")
                                   .arg(QLatin1String(need))};
    }
    Batch b;
    for (int r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        auto get = [&](const char *c) {
            const int i = col.value(QLatin1String(c), -1);
            return i >= 0 && i < row.size() ? row.at(i) : QString();
        };
        StoredKey k;
        k.domain = get("domain").trimmed().toUtf8();
        k.selector = get("selector").trimmed().toUtf8();
        k.record = get("record").toUtf8();
        if (k.domain.isEmpty() || k.selector.isEmpty()) {
            b.warnings << QStringLiteral("%1: row %2 has no domain or selector").arg(name).arg(r + 1);
            continue;
        }
        k.firstSeen = parseWhen(get("first_seen"));
        k.lastSeen = parseWhen(get("last_seen"));
        k.source = sourceOr(get("source"));
        k.note = get("note");
        k.resolver = get("resolver");
        b.keys << k;
    }
    return b;
}

Expected<Batch> fromJson(const QByteArray &text, const QString &name)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (doc.isNull())
        return Error{name, QStringLiteral("not JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset)};
    QJsonArray arr;
    if (doc.isArray())
        arr = doc.array();
    else if (doc.object().value(QStringLiteral("keys")).isArray())
        arr = doc.object().value(QStringLiteral("keys")).toArray();
    else
        return Error{name, QStringLiteral("expected an array of keys, or an object with a \"keys\" array")};
    Batch b;
    for (int i = 0; i < arr.size(); ++i) {
        const QJsonObject o = arr.at(i).toObject();
        StoredKey k;
        k.domain = o.value(QStringLiteral("domain")).toString().trimmed().toUtf8();
        k.selector = o.value(QStringLiteral("selector")).toString().trimmed().toUtf8();
        k.record = o.value(QStringLiteral("record")).toString().toUtf8();
        if (k.domain.isEmpty() || k.selector.isEmpty()) {
            b.warnings << QStringLiteral("%1: entry %2 has no domain or selector").arg(name).arg(i + 1);
            continue;
        }
        k.firstSeen = parseWhen(o.value(QStringLiteral("first_seen")).toString());
        k.lastSeen = parseWhen(o.value(QStringLiteral("last_seen")).toString());
        k.source = sourceOr(o.value(QStringLiteral("source")).toString());
        k.note = o.value(QStringLiteral("note")).toString();
        k.resolver = o.value(QStringLiteral("resolver")).toString();
        b.keys << k;
    }
    return b;
}

Expected<Batch> fromFile(const QString &path, const QByteArray &domain, const QByteArray &selector)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{path, QStringLiteral("cannot open: %1").arg(f.errorString())};
    const QByteArray text = f.readAll();
    const QString ext = QFileInfo(path).suffix().toLower();
    const QByteArray head = text.trimmed().left(64);
    if (ext == QLatin1String("pem") || head.startsWith("-----BEGIN"))
        return fromPem(text, domain, selector, path);
    if (ext == QLatin1String("json") || head.startsWith('{') || head.startsWith('['))
        return fromJson(text, path);
    if (ext == QLatin1String("csv"))
        return fromCsv(text, path);
    return fromZoneFile(text, path);
}

QByteArray toZoneFile(const QList<StoredKey> &keys)
{
    QByteArray out = "; DKIM keys exported by DKIM Inspector. Provenance of each record is in the comment above it.\n"
                     "; Several records under one name are keys the selector had at different times.\n";
    for (const StoredKey &k : keys) {
        out += "\n; source=" + k.source.toUtf8();
        if (k.firstSeen.isValid())
            out += " first_seen=" + when(k.firstSeen).toUtf8();
        if (k.lastSeen.isValid())
            out += " last_seen=" + when(k.lastSeen).toUtf8();
        if (!k.fingerprint.isEmpty())
            out += " sha256=" + k.fingerprint;
        if (!k.resolver.isEmpty())
            out += "\n; resolver=" + k.resolver.toUtf8();
        if (!k.note.isEmpty())
            out += "\n; note=" + k.note.toUtf8().replace('\n', ' ');
        out += '\n' + k.selector + "._domainkey." + k.domain + ". IN TXT " + zoneStrings(k.record) + '\n';
    }
    return out;
}

QByteArray toCsv(const QList<StoredKey> &keys)
{
    QString out = QStringLiteral("domain,selector,record,first_seen,last_seen,source,resolver,note\n");
    for (const StoredKey &k : keys)
        out += QStringList{csvField(QString::fromUtf8(k.domain)),
                           csvField(QString::fromUtf8(k.selector)),
                           csvField(QString::fromUtf8(k.record)),
                           when(k.firstSeen),
                           when(k.lastSeen),
                           csvField(k.source),
                           csvField(k.resolver),
                           csvField(k.note)}
                   .join(QLatin1Char(',')) +
               QLatin1Char('\n');
    return out.toUtf8();
}

QByteArray toJson(const QList<StoredKey> &keys)
{
    QJsonArray arr;
    for (const StoredKey &k : keys) {
        QJsonObject o;
        o[QStringLiteral("domain")] = QString::fromUtf8(k.domain);
        o[QStringLiteral("selector")] = QString::fromUtf8(k.selector);
        o[QStringLiteral("record")] = QString::fromUtf8(k.record);
        o[QStringLiteral("first_seen")] = k.firstSeen.isValid() ? QJsonValue(when(k.firstSeen)) : QJsonValue();
        o[QStringLiteral("last_seen")] = k.lastSeen.isValid() ? QJsonValue(when(k.lastSeen)) : QJsonValue();
        o[QStringLiteral("source")] = k.source;
        o[QStringLiteral("key_type")] = k.keyType;
        o[QStringLiteral("key_bits")] = k.keyBits;
        o[QStringLiteral("sha256")] = QString::fromLatin1(k.fingerprint);
        o[QStringLiteral("resolver")] = k.resolver;
        o[QStringLiteral("note")] = k.note;
        arr.append(o);
    }
    QJsonObject root;
    root[QStringLiteral("format")] = QLatin1String(JsonFormat);
    root[QStringLiteral("version")] = 1;
    root[QStringLiteral("keys")] = arr;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace dkimi::KeyImport
