#pragma once

#include "command.h"

namespace dkimi::cli {

// dkim-inspector-cli keys list|history|import|export|note|delete|lookup: the key store from the
// command line (the GUI's Keys window has the same operations).
class KeysCommand : public Command {
public:
    QString name() const override { return QStringLiteral("keys"); }
    QString description() const override
    {
        return QStringLiteral("list, import, export, annotate or delete stored keys; look a key up in DNS");
    }
    int execute(const QStringList &args, FILE *out, FILE *err) override;
};

} // namespace dkimi::cli
