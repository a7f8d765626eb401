#pragma once

#include <QString>

namespace dkimi::ui {

// Versions of the libraries that did the work (for the About box and for reports).
class VersionInfo {
public:
    static QString application();
    static QString qtRuntime();
    static QString openssl();
    static QString gmime();
};

} // namespace dkimi::ui
