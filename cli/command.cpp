#include "command.h"

#include "keys_command.h"
#include "verify_command.h"

#include <QCoreApplication>

namespace dkimi::cli {

namespace {

void write(FILE *f, const QString &s)
{
    const QByteArray b = s.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), f);
}

QList<std::shared_ptr<Command>> commands()
{
    return {std::make_shared<VerifyCommand>(), std::make_shared<KeysCommand>()};
}

QString usage()
{
    QString u = QStringLiteral("Usage: dkim-inspector-cli COMMAND [OPTIONS] FILE...\n\n"
                               "DKIM Inspector checks whether an email's DKIM signatures prove where it came from,\n"
                               "and says what each result does and does not prove.\n\nCommands:\n");
    for (const auto &c : commands())
        u += QStringLiteral("  %1  %2\n").arg(c->name(), -8).arg(c->description());
    u += QStringLiteral("\nRun 'dkim-inspector-cli COMMAND --help' for the options of a command.\n"
                        "  --help       show this help\n  --version    show the version\n");
    return u;
}

} // namespace

int runCli(const QStringList &args, FILE *out, FILE *err)
{
    if (args.size() < 2) {
        write(err, usage());
        return ExitUsage;
    }
    const QString verb = args.at(1);
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        write(out, usage());
        return ExitAllPass;
    }
    if (verb == QLatin1String("--version") || verb == QLatin1String("-V")) {
        write(out, QStringLiteral("dkim-inspector-cli %1\n").arg(QStringLiteral(DKIMI_VERSION)));
        return ExitAllPass;
    }
    for (const auto &c : commands()) {
        if (c->name() == verb)
            return c->execute(args.mid(1), out, err);
    }
    write(err, QStringLiteral("dkim-inspector-cli: unknown command '%1'\n\n").arg(verb) + usage());
    return ExitUsage;
}

} // namespace dkimi::cli
