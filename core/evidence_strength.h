#pragma once

#include "expected.h"
#include "verification_result.h"

#include <QDate>

#include <memory>

namespace dkimi {

// A DKIM key whose private half has been published (some providers publish old private keys on
// purpose, so that old mail becomes deniable). From that date on, anyone can make its signatures.
struct PublishedKey {
    QByteArray domain;   // lower case
    QByteArray selector; // lower case
    QDate published;
    QString source; // where it was published (URL, announcement)
    QString note;
    QByteArray fingerprint; // optional: SHA-256 of the SubjectPublicKeyInfo (hex); empty = any key
    int line = 0;
};

// The user-editable list: a TSV file, one key a line,
//   domain <TAB> selector <TAB> published_date (YYYY-MM-DD) <TAB> source <TAB> note [<TAB> sha256]
// '#' starts a comment line; blank lines are ignored. See resources/published_keys.tsv.
class PublishedKeyList {
public:
    static Expected<std::shared_ptr<PublishedKeyList>> load(const QString &path);
    static std::shared_ptr<PublishedKeyList> parse(const QByteArray &text, const QString &name = QString());

    const PublishedKey *find(const QByteArray &domain, const QByteArray &selector, const QByteArray &fingerprint) const;
    const QList<PublishedKey> &keys() const { return m_keys; }
    const QStringList &warnings() const { return m_warnings; } // lines that could not be read
    const QString &name() const { return m_name; }

private:
    QList<PublishedKey> m_keys;
    QStringList m_warnings;
    QString m_name;
};

// Before the verdict: is the signature's key on the published list, with a publication date at or
// before the evaluation time? Then sets the key_published flag and r.keyPublishedDetail (the verdict
// step turns them into policy reason key_published). Returns false when the key is not listed.
bool checkPublishedKey(SignatureResult &r, const PublishedKeyList *published, qint64 evalTime);

// After the verdict, for a cryptographically valid signature: what it proves, in plain words (key
// size and what it takes to forge it, rsa-sha1, testing keys, l=, a published private key). Sets
// r.evidenceLevel and r.evidenceStatements and adds them as findings to `step` (the policy step).
void assessEvidence(SignatureResult &r, Step &step);

} // namespace dkimi
