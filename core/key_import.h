#pragma once

#include "expected.h"
#include "key_store.h"

namespace dkimi {

// Reading keys into the key store and writing the store out again.
//  - zone files (selector._domainkey.domain. IN TXT "..."): source zone_file;
//  - PEM public keys (RSA or Ed25519) for a selector and domain the user names: entered_by_hand;
//  - CSV and JSON archives of historical keys, columns/fields domain, selector, record, first_seen,
//    last_seen, source (optional: note, resolver); a missing or unknown source becomes imported_archive.
// Export: a zone file (provenance in comments), JSON and CSV (everything; import back unchanged).
namespace KeyImport {

struct Batch {
    QList<StoredKey> keys;
    QStringList warnings; // lines or entries skipped, each naming where
};

Expected<Batch> fromZoneFile(const QByteArray &text, const QString &name);
Expected<Batch> fromPem(const QByteArray &pem, const QByteArray &domain, const QByteArray &selector,
                        const QString &name, const QString &source = QStringLiteral("entered_by_hand"));
Expected<Batch> fromCsv(const QByteArray &text, const QString &name);
Expected<Batch> fromJson(const QByteArray &text, const QString &name);
// Picks the format by content and extension (.csv, .json, .pem, anything else a zone file). A PEM
// file needs domain and selector.
Expected<Batch> fromFile(const QString &path, const QByteArray &domain = {}, const QByteArray &selector = {});

QByteArray toZoneFile(const QList<StoredKey> &keys);
QByteArray toJson(const QList<StoredKey> &keys);
QByteArray toCsv(const QList<StoredKey> &keys);

} // namespace KeyImport

} // namespace dkimi
