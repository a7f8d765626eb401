#include "version_info.h"

#include <gmime/gmime.h>
#include <openssl/crypto.h>

namespace dkimi::ui {

QString VersionInfo::application()
{
    return QStringLiteral(DKIMI_VERSION);
}

QString VersionInfo::qtRuntime()
{
    return QString::fromLatin1(qVersion());
}

QString VersionInfo::openssl()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

QString VersionInfo::gmime()
{
    return QStringLiteral("%1.%2.%3").arg(gmime_major_version).arg(gmime_minor_version).arg(gmime_micro_version);
}

} // namespace dkimi::ui
