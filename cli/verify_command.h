#pragma once

#include "command.h"

namespace dkimi::cli {

// dkim-inspector-cli verify [--keys FILE]... [--offline] [--at TIME] [--format text|json] [--walk] FILE...
class VerifyCommand : public Command {
public:
    QString name() const override { return QStringLiteral("verify"); }
    QString description() const override { return QStringLiteral("verify the DKIM signatures of message files"); }
    int execute(const QStringList &args, FILE *out, FILE *err) override;
};

} // namespace dkimi::cli
