#pragma once

#include <QString>
#include <QStringList>

#include <cstdio>
#include <memory>

namespace dkimi::cli {

// One verb of dkim-inspector-cli (KeePassXC's Command pattern).
class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString description() const = 0;
    // args[0] is the verb itself. Returns the process exit status.
    virtual int execute(const QStringList &args, FILE *out, FILE *err) = 0;
};

// Exit statuses shared by every verb.
enum ExitStatus { ExitAllPass = 0, ExitNotAllPass = 1, ExitUsage = 2 };

int runCli(const QStringList &args, FILE *out, FILE *err);

} // namespace dkimi::cli
