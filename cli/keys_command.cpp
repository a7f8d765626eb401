#include "keys_command.h"

#include "key_import.h"
#include "key_source_options.h"
#include "report_writer.h"
#include "verifier.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace dkimi::cli {

namespace {

void write(FILE *f, const QString &s)
{
    const QByteArray b = s.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), f);
}

const char *const Usage =
    "Usage: dkim-inspector-cli keys ACTION [OPTIONS] [ARGS]\n\n"
    "Actions:\n"
    "  list [--filter TEXT] [--source SOURCE]   every stored key (one line each; --format json for JSON)\n"
    "  history DOMAIN SELECTOR                  the keys a selector had over time, oldest first\n"
    "  import FILE...                           zone file, CSV or JSON archive, or PEM public key\n"
    "                                           (PEM needs --domain and --selector)\n"
    "  export --format zone|json|csv [--output FILE] [--filter TEXT]\n"
    "  note ID TEXT                             set the note of a stored key\n"
    "  delete ID                                remove a stored key\n"
    "  lookup DOMAIN SELECTOR                   ask DNS now and show the transcript; the key is stored\n\n"
    "Key sources: sources are dns_dnssec, dns, zone_file, imported_archive, entered_by_hand.\n";

QString when(const QDateTime &t)
{
    return t.isValid() ? formatTime(t) : QStringLiteral("?");
}

QString line(const StoredKey &k)
{
    return QStringLiteral("%1\t%2._domainkey.%3\t%4\t%5\t%6 .. %7\t%8\t%9\n")
        .arg(k.id)
        .arg(QString::fromUtf8(k.selector), QString::fromUtf8(k.domain),
             k.keyType.isEmpty() ? QStringLiteral("no-key") : QStringLiteral("%1-%2").arg(k.keyType).arg(k.keyBits),
             k.source, when(k.firstSeen), when(k.lastSeen),
             k.fingerprint.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(k.fingerprint.left(16)), k.note);
}

} // namespace

int KeysCommand::execute(const QStringList &args, FILE *out, FILE *err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The key store: every key used or imported, with its provenance."));
    p.addHelpOption();
    const KeySourceOptions sources;
    sources.addTo(p);
    const QCommandLineOption filterOpt(QStringLiteral("filter"),
                                       QStringLiteral("Only keys whose domain or selector "
                                                      "contains TEXT."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption sourceOpt(QStringLiteral("source"),
                                       QStringLiteral("Only keys from SOURCE (list), or "
                                                      "the source of imported PEM keys."),
                                       QStringLiteral("SOURCE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("text or json (list, history, "
                                                      "lookup); zone, json or csv "
                                                      "(export)."),
                                       QStringLiteral("FORMAT"));
    const QCommandLineOption outputOpt(QStringLiteral("output"), QStringLiteral("Write the export to FILE."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption domainOpt(QStringLiteral("domain"), QStringLiteral("Domain of an imported PEM key."),
                                       QStringLiteral("DOMAIN"));
    const QCommandLineOption selectorOpt(QStringLiteral("selector"), QStringLiteral("Selector of an imported PEM key."),
                                         QStringLiteral("SELECTOR"));
    p.addOptions({filterOpt, sourceOpt, formatOpt, outputOpt, domainOpt, selectorOpt});
    p.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("list, history, import, export, note, delete "
                                                                     "or lookup"));
    auto fail = [&](const QString &m, int code = ExitUsage) {
        write(err, QStringLiteral("dkim-inspector-cli keys: %1\n").arg(m));
        return code;
    };
    if (!p.parse(args))
        return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        write(out, QString::fromLatin1(Usage) + QLatin1Char('\n') +
                       p.helpText()
                           .section(QLatin1Char('\n'), 2)
                           .replace(QLatin1String("Usage: keys"), QLatin1String("Usage: dkim-inspector-cli keys")));
        return ExitAllPass;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty()) {
        write(err, QString::fromLatin1(Usage));
        return ExitUsage;
    }
    const QString action = pos.first();
    const QStringList rest = pos.mid(1);
    static const QStringList actions{QStringLiteral("list"),   QStringLiteral("history"), QStringLiteral("import"),
                                     QStringLiteral("export"), QStringLiteral("note"),    QStringLiteral("delete"),
                                     QStringLiteral("lookup")};
    if (!actions.contains(action))
        return fail(QStringLiteral("unknown action '%1'\n\n%2").arg(action, QString::fromLatin1(Usage)));
    const QString format = p.value(formatOpt);
    const bool json = format == QLatin1String("json");

    if (action == QLatin1String("lookup")) {
        if (rest.size() != 2)
            return fail(QStringLiteral("lookup needs DOMAIN SELECTOR"));
        if (sources.offline(p))
            return fail(QStringLiteral("lookup asks DNS, and --offline forbids it"));
        auto config = sources.dnsConfig(p);
        if (!config)
            return fail(config.error().toString());
        auto dns = DnsKeyResolver::create(*config);
        if (!dns)
            return fail(dns.error().toString());
        auto store = sources.keyStore(p, true);
        if (!store)
            return fail(store.error().toString());
        const KeyLookup l = (*dns)->lookup(rest.at(0).toUtf8(), rest.at(1).toUtf8());
        if (*store) {
            const KeyStoreResolver remember(*store);
            for (const auto &r : l.records)
                remember.keyUsed(l, KeyLookup::joined(r));
        }
        if (json) {
            QByteArray b = lookupProvenanceJson(l).toBytes();
            b.append('\n');
            fwrite(b.constData(), 1, size_t(b.size()), out);
        } else {
            QString t = QStringLiteral("query     %1 TXT\nresolver  %2\ntrust     %3\nrcode     %4\n")
                            .arg(QString::fromLatin1(l.queryName), l.resolver, (*dns)->trustAnchorName(), l.rcode);
            for (const QByteArray &c : l.cnameChain)
                t += QStringLiteral("cname     %1\n").arg(QString::fromLatin1(c));
            if (!l.dnssec.isEmpty())
                t += QStringLiteral("dnssec    %1 (%2)\n").arg(l.dnssec, l.dnssecDetail);
            if (l.ttl >= 0)
                t += QStringLiteral("ttl       %1\n").arg(l.ttl);
            t += QStringLiteral("time      %1, %2 ms\n").arg(formatTime(l.fetchedAt)).arg(l.elapsedMs);
            for (const auto &r : l.records) {
                QStringList strings;
                for (const QByteArray &s : r)
                    strings << QLatin1Char('"') + QString::fromLatin1(s) + QLatin1Char('"');
                t += QStringLiteral("txt       %1\n").arg(strings.join(QLatin1Char(' ')));
            }
            if (!l.detail.isEmpty())
                t += QStringLiteral("detail    %1\n").arg(l.detail);
            write(out, t);
        }
        return l.status == KeyLookup::Status::Found ? ExitAllPass : ExitNotAllPass;
    }

    // Every other action works on the store; reading ones never create it.
    const bool writes = action == QLatin1String("import"); // note and delete need an existing store
    auto opened = sources.keyStore(p, writes);
    if (!opened)
        return fail(opened.error().toString());
    std::shared_ptr<KeyStore> store = *opened;
    if (!store && !writes && p.isSet(QStringLiteral("no-key-store")))
        return fail(QStringLiteral("this action needs a key store"));

    if (action == QLatin1String("list") || action == QLatin1String("history") || action == QLatin1String("export")) {
        QList<StoredKey> keys;
        if (action == QLatin1String("history")) {
            if (rest.size() != 2)
                return fail(QStringLiteral("history needs DOMAIN SELECTOR"));
            if (store)
                keys = store->history(rest.at(0).toUtf8(), rest.at(1).toUtf8());
        } else if (store) {
            keys = store->keys({p.value(filterOpt), p.value(sourceOpt)});
        }
        if (action == QLatin1String("export")) {
            QByteArray data;
            if (format == QLatin1String("zone"))
                data = KeyImport::toZoneFile(keys);
            else if (format == QLatin1String("json"))
                data = KeyImport::toJson(keys);
            else if (format == QLatin1String("csv"))
                data = KeyImport::toCsv(keys);
            else
                return fail(QStringLiteral("export needs --format zone, json or csv"));
            if (p.isSet(outputOpt)) {
                QSaveFile f(p.value(outputOpt));
                if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
                    return fail(QStringLiteral("%1: cannot write: %2").arg(p.value(outputOpt), f.errorString()));
                write(err, QStringLiteral("exported %1 keys to %2\n").arg(keys.size()).arg(p.value(outputOpt)));
            } else {
                fwrite(data.constData(), 1, size_t(data.size()), out);
            }
            return ExitAllPass;
        }
        if (json) {
            const QByteArray b = KeyImport::toJson(keys);
            fwrite(b.constData(), 1, size_t(b.size()), out);
        } else {
            for (const StoredKey &k : std::as_const(keys))
                write(out, line(k));
        }
        return ExitAllPass;
    }

    if (action == QLatin1String("import")) {
        if (rest.isEmpty())
            return fail(QStringLiteral("import needs at least one FILE"));
        int added = 0;
        for (const QString &file : rest) {
            auto batch = KeyImport::fromFile(file, p.value(domainOpt).toUtf8(), p.value(selectorOpt).toUtf8());
            if (!batch)
                return fail(batch.error().toString());
            for (const QString &w : std::as_const(batch->warnings))
                write(err, QStringLiteral("warning: %1\n").arg(w));
            for (StoredKey k : std::as_const(batch->keys)) {
                if (p.isSet(sourceOpt) && k.source == QLatin1String("entered_by_hand"))
                    k.source = p.value(sourceOpt);
                auto id = store->add(k);
                if (!id)
                    return fail(id.error().toString());
                ++added;
            }
        }
        write(out, QStringLiteral("imported %1 keys into %2\n").arg(added).arg(store->path()));
        return ExitAllPass;
    }

    // note / delete
    if (!store)
        return fail(QStringLiteral("%1: no key store exists here").arg(sources.keyStorePath(p)));
    bool ok = false;
    const qint64 id = rest.value(0).toLongLong(&ok);
    if (!ok || (action == QLatin1String("note") && rest.size() != 2) ||
        (action == QLatin1String("delete") && rest.size() != 1))
        return fail(action == QLatin1String("note") ? QStringLiteral("note needs ID TEXT")
                                                    : QStringLiteral("delete needs ID"));
    auto done = action == QLatin1String("note") ? store->setNote(id, rest.at(1)) : store->remove(id);
    if (!done)
        return fail(done.error().toString());
    if (!*done)
        return fail(QStringLiteral("no stored key has id %1").arg(id), ExitNotAllPass);
    return ExitAllPass;
}

} // namespace dkimi::cli
