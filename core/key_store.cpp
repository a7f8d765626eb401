#include "key_store.h"

#include "crypto.h"
#include "key_record.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QStandardPaths>

#include <sqlite3.h>

namespace dkimi {

namespace {

// PRAGMA application_id: "DKIM". Tells our file apart from any other SQLite database.
constexpr int ApplicationId = 0x444B494D;
constexpr int SchemaVersion = 1;

const char *const Schema = R"(
CREATE TABLE keys(
    id INTEGER PRIMARY KEY,
    domain TEXT NOT NULL,
    selector TEXT NOT NULL,
    record TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    key_type TEXT NOT NULL DEFAULT '',
    key_bits INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    resolver TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE(domain, selector, record_sha256));
CREATE INDEX keys_by_name ON keys(domain, selector);
)";

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : QString();
}

QDateTime parseTime(const unsigned char *s)
{
    if (!s)
        return {};
    QDateTime t = QDateTime::fromString(QString::fromUtf8(reinterpret_cast<const char *>(s)), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QByteArray normalise(QByteArray name)
{
    name = name.trimmed().toLower();
    if (name.endsWith('.'))
        name.chop(1);
    return name;
}

int sourceRank(const QString &s)
{
    const qsizetype i = KeyStore::sources().indexOf(s);
    return i < 0 ? 1000 : int(i);
}

// RAII statement; binds UTF-8 text (a null QByteArray binds NULL).
class Stmt {
public:
    Stmt(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr); }
    ~Stmt() { sqlite3_finalize(m_s); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    void bind(int i, const QByteArray &v)
    {
        if (v.isNull())
            sqlite3_bind_null(m_s, i);
        else
            sqlite3_bind_text(m_s, i, v.constData(), int(v.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const QString &v) { bind(i, v.isNull() ? QByteArray() : v.toUtf8()); }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_s, i, v); }
    int step() { return sqlite3_step(m_s); }
    sqlite3_stmt *get() const { return m_s; }

private:
    sqlite3_stmt *m_s = nullptr;
    int m_rc = SQLITE_ERROR;
};

QByteArray col(sqlite3_stmt *s, int i)
{
    const auto *t = sqlite3_column_text(s, i);
    return t ? QByteArray(reinterpret_cast<const char *>(t), sqlite3_column_bytes(s, i)) : QByteArray();
}

} // namespace

const QStringList &KeyStore::sources()
{
    static const QStringList s{QStringLiteral("dns_dnssec"), QStringLiteral("dns"), QStringLiteral("zone_file"),
                               QStringLiteral("imported_archive"), QStringLiteral("entered_by_hand")};
    return s;
}

QString KeyStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share");
    return dir + QStringLiteral("/dkim-inspector/keys.sqlite");
}

Error KeyStore::sqlError(const QString &what) const
{
    return Error{m_path, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db)))};
}

Expected<std::shared_ptr<KeyStore>> KeyStore::open(const QString &path, Open mode)
{
    std::shared_ptr<KeyStore> s(new KeyStore());
    s->m_path = path;
    const QFileInfo fi(path);
    const bool existed = fi.exists();
    if (!existed && mode == Open::MustExist)
        return Error{path, QStringLiteral("no key store exists here")};
    if (existed && !fi.isFile())
        return Error{path, QStringLiteral("not a file, so it cannot be a key store")};
    if (!existed && !QDir().mkpath(fi.absolutePath()))
        return Error{path, QStringLiteral("cannot create the folder for the key store")};
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
    if (!existed)
        flags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &s->m_db, flags, nullptr) != SQLITE_OK)
        return s->sqlError(QStringLiteral("cannot open the key store"));
    sqlite3_busy_timeout(s->m_db, 5000);

    auto intPragma = [&](const char *sql, int *out) -> bool {
        Stmt st(s->m_db, sql);
        if (!st.ok() || st.step() != SQLITE_ROW)
            return false;
        *out = sqlite3_column_int(st.get(), 0);
        return true;
    };
    const QString leaveAlone =
        QStringLiteral(" The file was left untouched; move it away, or name another with --key-store.");
    // Reading the header is where SQLite notices a file that is no database at all.
    int appId = 0, version = 0, tables = 0;
    if (!intPragma("PRAGMA application_id", &appId) || !intPragma("PRAGMA user_version", &version) ||
        !intPragma("SELECT count(*) FROM sqlite_master", &tables))
        return Error{path, QStringLiteral("not a readable key store (SQLite: %1).%2")
                               .arg(QString::fromUtf8(sqlite3_errmsg(s->m_db)), leaveAlone)};
    if (tables == 0 && appId == 0) {
        // A new (empty) file: lay out the schema.
        char *msg = nullptr;
        const QByteArray init = QByteArray("BEGIN;") + Schema +
                                "PRAGMA application_id=" + QByteArray::number(ApplicationId) +
                                ";PRAGMA user_version=" + QByteArray::number(SchemaVersion) + ";COMMIT;";
        if (sqlite3_exec(s->m_db, init.constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
            const QString m = QString::fromUtf8(msg ? msg : "unknown error");
            sqlite3_free(msg);
            sqlite3_exec(s->m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            return Error{path, QStringLiteral("cannot create the key store: %1").arg(m)};
        }
        return s;
    }
    if (appId != ApplicationId)
        return Error{path, QStringLiteral("this SQLite database is not a DKIM Inspector key store.%1").arg(leaveAlone)};
    if (version > SchemaVersion)
        return Error{path, QStringLiteral("the key store was written by a newer version (schema %1; this program "
                                          "reads %2).%3")
                               .arg(version)
                               .arg(SchemaVersion)
                               .arg(leaveAlone)};
    Stmt check(s->m_db, "PRAGMA quick_check");
    const int rc = check.ok() ? check.step() : SQLITE_ERROR;
    if (rc != SQLITE_ROW || col(check.get(), 0) != "ok")
        return Error{path, QStringLiteral("the key store is damaged (SQLite: %1).%2")
                               .arg(rc == SQLITE_ROW ? QString::fromUtf8(col(check.get(), 0))
                                                     : QString::fromUtf8(sqlite3_errmsg(s->m_db)),
                                    leaveAlone)};
    return s;
}

KeyStore::~KeyStore()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Expected<qint64> KeyStore::add(StoredKey k)
{
    k.domain = normalise(k.domain);
    k.selector = normalise(k.selector);
    if (k.domain.isEmpty() || k.selector.isEmpty())
        return Error{m_path, QStringLiteral("a key needs a domain and a selector")};
    if (!sources().contains(k.source))
        return Error{m_path, QStringLiteral("unknown key source '%1'").arg(k.source)};
    const KeyRecord parsed = KeyRecord::parse(k.record);
    if (!parsed.key.isNull()) {
        k.keyType = parsed.key.type() == KeyType::Rsa ? QStringLiteral("rsa") : QStringLiteral("ed25519");
        k.keyBits = parsed.key.bits();
        k.fingerprint = parsed.sha256Fingerprint();
    } else {
        k.keyType.clear();
        k.keyBits = 0;
        k.fingerprint.clear();
    }
    const QByteArray recordHash = digest(HashAlgorithm::Sha256, k.record).toHex();

    QMutexLocker lock(&m_mutex);
    sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    auto rollback = [&](const QString &what) {
        Error e = sqlError(what);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    };
    Stmt find(m_db, "SELECT id, source, first_seen, last_seen, resolver, note FROM keys "
                    "WHERE domain=?1 AND selector=?2 AND record_sha256=?3");
    find.bind(1, k.domain);
    find.bind(2, k.selector);
    find.bind(3, recordHash);
    const int rc = find.step();
    if (rc == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(find.get(), 0);
        const QString oldSource = QString::fromUtf8(col(find.get(), 1));
        const QDateTime oldFirst = parseTime(sqlite3_column_text(find.get(), 2));
        const QDateTime oldLast = parseTime(sqlite3_column_text(find.get(), 3));
        QDateTime first = oldFirst, last = oldLast;
        if (k.firstSeen.isValid() && (!first.isValid() || k.firstSeen < first))
            first = k.firstSeen;
        if (k.lastSeen.isValid() && (!last.isValid() || k.lastSeen > last))
            last = k.lastSeen;
        const bool stronger = sourceRank(k.source) < sourceRank(oldSource);
        const QString source = stronger ? k.source : oldSource;
        const QString resolver = stronger || (k.source == oldSource && !k.resolver.isEmpty())
                                     ? k.resolver
                                     : QString::fromUtf8(col(find.get(), 4));
        const QString note = k.note.isEmpty() ? QString::fromUtf8(col(find.get(), 5)) : k.note;
        Stmt up(m_db, "UPDATE keys SET source=?1, first_seen=?2, last_seen=?3, resolver=?4, note=?5 WHERE id=?6");
        up.bind(1, source);
        up.bind(2, timeText(first));
        up.bind(3, timeText(last));
        up.bind(4, resolver);
        up.bind(5, note);
        up.bind(6, id);
        if (up.step() != SQLITE_DONE)
            return rollback(QStringLiteral("cannot update a key"));
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        return id;
    }
    if (rc != SQLITE_DONE)
        return rollback(QStringLiteral("cannot read the key store"));
    Stmt ins(m_db, "INSERT INTO keys(domain, selector, record, record_sha256, key_type, key_bits, fingerprint, "
                   "source, first_seen, last_seen, resolver, note) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    ins.bind(1, k.domain);
    ins.bind(2, k.selector);
    ins.bind(3, k.record.isNull() ? QByteArray("") : k.record);
    ins.bind(4, recordHash);
    ins.bind(5, k.keyType.isNull() ? QString(QLatin1String("")) : k.keyType);
    ins.bind(6, qint64(k.keyBits));
    ins.bind(7, k.fingerprint.isNull() ? QByteArray("") : k.fingerprint);
    ins.bind(8, k.source);
    ins.bind(9, timeText(k.firstSeen));
    ins.bind(10, timeText(k.lastSeen.isValid() ? k.lastSeen : k.firstSeen));
    ins.bind(11, k.resolver.isNull() ? QString(QLatin1String("")) : k.resolver);
    ins.bind(12, k.note.isNull() ? QString(QLatin1String("")) : k.note);
    if (ins.step() != SQLITE_DONE)
        return rollback(QStringLiteral("cannot add a key"));
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    return id;
}

QList<StoredKey> KeyStore::query(const QByteArray &where, const QList<QByteArray> &binds) const
{
    QMutexLocker lock(&m_mutex);
    QList<StoredKey> out;
    const QByteArray sql = "SELECT id, domain, selector, record, key_type, key_bits, fingerprint, source, first_seen, "
                           "last_seen, resolver, note FROM keys " +
                           where;
    Stmt st(m_db, sql.constData());
    if (!st.ok())
        return out;
    for (int i = 0; i < binds.size(); ++i)
        st.bind(i + 1, binds.at(i));
    while (st.step() == SQLITE_ROW) {
        sqlite3_stmt *s = st.get();
        StoredKey k;
        k.id = sqlite3_column_int64(s, 0);
        k.domain = col(s, 1);
        k.selector = col(s, 2);
        k.record = col(s, 3);
        k.keyType = QString::fromUtf8(col(s, 4));
        k.keyBits = sqlite3_column_int(s, 5);
        k.fingerprint = col(s, 6);
        k.source = QString::fromUtf8(col(s, 7));
        k.firstSeen = parseTime(sqlite3_column_text(s, 8));
        k.lastSeen = parseTime(sqlite3_column_text(s, 9));
        k.resolver = QString::fromUtf8(col(s, 10));
        k.note = QString::fromUtf8(col(s, 11));
        out.append(k);
    }
    return out;
}

QList<StoredKey> KeyStore::keys(const KeyStoreFilter &f) const
{
    QByteArray where = "WHERE 1";
    QList<QByteArray> binds;
    if (!f.text.isEmpty()) {
        binds << ('%' + f.text.toLower().toUtf8() + '%');
        where += " AND (domain LIKE ?1 OR selector LIKE ?1 OR (selector || '._domainkey.' || domain) LIKE ?1)";
    }
    if (!f.source.isEmpty()) {
        binds << f.source.toUtf8();
        where += " AND source = ?" + QByteArray::number(binds.size());
    }
    return query(where + " ORDER BY domain, selector, first_seen, id", binds);
}

QList<StoredKey> KeyStore::history(const QByteArray &domain, const QByteArray &selector) const
{
    return query("WHERE domain=?1 AND selector=?2 ORDER BY first_seen, last_seen, id",
                 {normalise(domain), normalise(selector)});
}

std::optional<StoredKey> KeyStore::key(qint64 id) const
{
    const QList<StoredKey> k = query("WHERE id=?1", {QByteArray::number(id)});
    if (k.isEmpty())
        return std::nullopt;
    return k.first();
}

Expected<bool> KeyStore::setNote(qint64 id, const QString &note)
{
    QMutexLocker lock(&m_mutex);
    Stmt st(m_db, "UPDATE keys SET note=?1 WHERE id=?2");
    st.bind(1, note.isNull() ? QString(QLatin1String("")) : note);
    st.bind(2, id);
    if (st.step() != SQLITE_DONE)
        return sqlError(QStringLiteral("cannot change the note"));
    return sqlite3_changes(m_db) > 0;
}

Expected<bool> KeyStore::remove(qint64 id)
{
    QMutexLocker lock(&m_mutex);
    Stmt st(m_db, "DELETE FROM keys WHERE id=?1");
    st.bind(1, id);
    if (st.step() != SQLITE_DONE)
        return sqlError(QStringLiteral("cannot delete the key"));
    return sqlite3_changes(m_db) > 0;
}

KeyLookup KeyStoreResolver::lookup(const QByteArray &domain, const QByteArray &selector) const
{
    KeyLookup l;
    l.queryName = keyQueryName(domain, selector);
    l.sourceKind = QStringLiteral("key_store");
    l.sourceName = m_store->path();
    l.fetchedAt = QDateTime::currentDateTimeUtc();
    QList<StoredKey> ks = m_store->history(domain, selector);
    // Most recently seen first: the likeliest key for recent mail.
    std::stable_sort(ks.begin(), ks.end(),
                     [](const StoredKey &a, const StoredKey &b) { return a.lastSeen > b.lastSeen; });
    for (const StoredKey &k : std::as_const(ks)) {
        l.records.append(QList<QByteArray>{k.record});
        l.recordInfo.append(KeyLookup::RecordInfo{k.source, k.firstSeen, k.lastSeen, k.resolver, k.note});
    }
    if (l.records.isEmpty()) {
        l.status = KeyLookup::Status::NotFound;
        l.detail = QStringLiteral("%1 is not in the key store %2")
                       .arg(QString::fromLatin1(l.queryName), QFileInfo(m_store->path()).fileName());
    } else {
        l.status = KeyLookup::Status::Found;
    }
    return l;
}

QString KeyStoreResolver::describe() const
{
    return QStringLiteral("key store %1").arg(m_store->path());
}

void KeyStoreResolver::keyUsed(const KeyLookup &lookup, const QByteArray &record) const
{
    // Remember what live DNS served (the evidence that disappears when the key rotates). Keys from
    // files the user gave are already in those files; the store's own keys are already here.
    if (lookup.sourceKind != QLatin1String("dns") || lookup.status != KeyLookup::Status::Found)
        return;
    const QByteArray name = lookup.queryName;
    const qsizetype at = name.indexOf("._domainkey.");
    if (at <= 0)
        return;
    {
        const QByteArray seen = name.toLower() + ' ' + lookup.fetchedAt.toString(Qt::ISODateWithMs).toLatin1() + ' ' +
                                digest(HashAlgorithm::Sha256, record).toHex();
        QMutexLocker lock(&m_seenMutex);
        if (m_seen.contains(seen))
            return;
        m_seen.insert(seen);
    }
    StoredKey k;
    k.selector = name.left(at);
    k.domain = name.mid(at + 12);
    k.record = record;
    k.source = lookup.dnssec == QLatin1String("secure") ? QStringLiteral("dns_dnssec") : QStringLiteral("dns");
    k.firstSeen = k.lastSeen = lookup.fetchedAt.isValid() ? lookup.fetchedAt : QDateTime::currentDateTimeUtc();
    k.resolver = lookup.resolver;
    m_store->add(k); // a failed write must not change the verdict; the store stays as it was
}

} // namespace dkimi
