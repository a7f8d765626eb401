#pragma once

#include "expected.h"
#include "key_resolver.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <cstdio>
#include <memory>

namespace dkimi::cli {

// The options that choose where keys come from (--keys, --offline, and later DNS and the key
// store), shared by every verb that verifies.
class KeySourceOptions {
public:
    KeySourceOptions();
    void addTo(QCommandLineParser &p) const;
    // Builds the resolver the options ask for; warnings go to err. Errors name the file and problem.
    Expected<std::shared_ptr<const KeyResolver>> build(const QCommandLineParser &p, FILE *err) const;

private:
    QCommandLineOption m_keys;
    QCommandLineOption m_offline;
};

} // namespace dkimi::cli
