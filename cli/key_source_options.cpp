#include "key_source_options.h"

#include "zone_file_resolver.h"

namespace dkimi::cli {

KeySourceOptions::KeySourceOptions()
    : m_keys(QStringLiteral("keys"),
             QStringLiteral("Key records from a zone file (selector._domainkey.domain. IN TXT \"...\"); may be "
                            "given several times."),
             QStringLiteral("FILE")),
      m_offline(QStringLiteral("offline"), QStringLiteral("Never touch the network: keys come only from --keys files."))
{
}

void KeySourceOptions::addTo(QCommandLineParser &p) const
{
    p.addOption(m_keys);
    p.addOption(m_offline);
}

Expected<std::shared_ptr<const KeyResolver>> KeySourceOptions::build(const QCommandLineParser &p, FILE *err) const
{
    // Zone files only in this version; live DNS is not implemented yet, so nothing here ever
    // touches the network, with or without --offline.
    auto chain = std::make_shared<ChainResolver>();
    for (const QString &kf : p.values(m_keys)) {
        auto z = ZoneFileResolver::load(kf);
        if (!z)
            return z.error();
        for (const QString &w : (*z)->warnings()) {
            const QByteArray b = QStringLiteral("warning: %1\n").arg(w).toUtf8();
            fwrite(b.constData(), 1, size_t(b.size()), err);
        }
        chain->add(*z);
    }
    return std::shared_ptr<const KeyResolver>(chain);
}

} // namespace dkimi::cli
