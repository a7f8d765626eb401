#include "evidence_strength.h"

#include <QFile>

namespace dkimi {

Expected<std::shared_ptr<PublishedKeyList>> PublishedKeyList::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{path, QStringLiteral("cannot open the published-keys list: %1").arg(f.errorString())};
    return parse(f.readAll(), path);
}

std::shared_ptr<PublishedKeyList> PublishedKeyList::parse(const QByteArray &text, const QString &name)
{
    auto list = std::make_shared<PublishedKeyList>();
    list->m_name = name;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith('#'))
            continue;
        const QList<QByteArray> c = line.split('\t');
        PublishedKey k;
        k.line = i + 1;
        if (c.size() >= 3) {
            k.domain = c.at(0).trimmed().toLower();
            if (k.domain.endsWith('.'))
                k.domain.chop(1);
            k.selector = c.at(1).trimmed().toLower();
            k.published = QDate::fromString(QString::fromLatin1(c.at(2).trimmed()), Qt::ISODate);
        }
        if (k.domain.isEmpty() || k.selector.isEmpty() || !k.published.isValid()) {
            list->m_warnings << QStringLiteral(
                                    "%1:%2: expected domain, selector and a YYYY-MM-DD date, separated by tabs")
                                    .arg(name)
                                    .arg(i + 1);
            continue;
        }
        if (c.size() > 3)
            k.source = QString::fromUtf8(c.at(3).trimmed());
        if (c.size() > 4)
            k.note = QString::fromUtf8(c.at(4).trimmed());
        if (c.size() > 5)
            k.fingerprint = c.at(5).trimmed().toLower();
        list->m_keys.append(k);
    }
    return list;
}

const PublishedKey *PublishedKeyList::find(const QByteArray &domain, const QByteArray &selector,
                                           const QByteArray &fingerprint) const
{
    const QByteArray d = domain.toLower(), s = selector.toLower();
    for (const PublishedKey &k : m_keys) {
        if (k.domain == d && k.selector == s && (k.fingerprint.isEmpty() || k.fingerprint == fingerprint.toLower()))
            return &k;
    }
    return nullptr;
}

bool checkPublishedKey(SignatureResult &r, const PublishedKeyList *published, qint64 evalTime)
{
    if (!published || !r.key || r.key->key.isNull())
        return false;
    const DkimSignature &sig = r.signature;
    const PublishedKey *pk = published->find(sig.domain, sig.selector, r.key->sha256Fingerprint());
    if (!pk)
        return false;
    const qint64 pubSecs = QDateTime(pk->published, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    if (evalTime < pubSecs)
        return false; // judged before the key became public, the signature still counts
    // t= cannot help: whoever holds the private key writes t= too.
    r.keyPublishedDetail = QStringLiteral("the private key for %1 (selector %2) has been public since %3 (%4), so "
                                          "anyone could have made this signature, with any t=")
                               .arg(QString::fromLatin1(sig.domain), QString::fromLatin1(sig.selector),
                                    pk->published.toString(Qt::ISODate), pk->source);
    r.flags << QStringLiteral("key_published");
    return true;
}

void assessEvidence(SignatureResult &r, Step &st)
{
    const DkimSignature &sig = r.signature;
    int level = 2; // 2 strong, 1 weak, 0 none
    auto say = [&](int lvl, const QString &code, const QString &text) {
        level = std::min(level, lvl);
        r.evidenceStatements << text;
        st.addFinding(lvl == 2 ? Severity::Info : lvl == 1 ? Severity::Note : Severity::Warning, code, text);
    };
    const QString d = QString::fromLatin1(sig.domain);

    if (!r.keyPublishedDetail.isEmpty())
        say(0, QStringLiteral("evidence_key_published"),
            QStringLiteral("The signature proves nothing: %1.").arg(r.keyPublishedDetail));
    if (r.key && !r.key->key.isNull() && r.key->key.type() == KeyType::Rsa) {
        const int bits = r.keyBits;
        if (bits < 1024)
            say(0, QStringLiteral("evidence_key_forgeable"),
                QStringLiteral("The key is %1-bit RSA. Keys this short are factored cheaply: RSA-512 was factored "
                               "for about $75 of cloud computing in 2012, and it costs far less now. Anyone could "
                               "have made this signature.")
                    .arg(bits));
        else if (bits < 2048)
            say(1, QStringLiteral("evidence_key_weak"),
                QStringLiteral("The key is %1-bit RSA: beyond ordinary forgers, but within reach of well-funded "
                               "attackers (RFC 8301 recommends 2048 bits).")
                    .arg(bits));
        else
            say(2, QStringLiteral("evidence_key_strong"),
                QStringLiteral("The key is %1-bit RSA; no one is known to be able to forge its signatures without "
                               "the private key.")
                    .arg(bits));
    } else if (r.key && r.key->key.type() == KeyType::Ed25519) {
        say(2, QStringLiteral("evidence_key_strong"),
            QStringLiteral("The key is Ed25519 (about 128-bit security); no one is known to be able to forge its "
                           "signatures without the private key."));
    }
    if (sig.algorithm == SignatureAlgorithm::RsaSha1)
        say(1, QStringLiteral("evidence_sha1"),
            QStringLiteral("The signature uses rsa-sha1, deprecated by RFC 8301: SHA-1 collisions can be bought, so a "
                           "signature over one prepared message could be moved to another."));
    if (r.hasFlag(QStringLiteral("testing")))
        say(1, QStringLiteral("evidence_testing_key"),
            QStringLiteral("The key is marked t=y (testing): %1 asked verifiers to treat its mail as unsigned.")
                .arg(d));
    if (sig.bodyLength)
        say(1, QStringLiteral("evidence_partial_body"),
            QStringLiteral("Only the first %1 bytes of the body are signed (l=); anything after them proves nothing.")
                .arg(*sig.bodyLength));
    const QString scope = QStringLiteral("A valid signature proves that someone holding %1's private key signed these "
                                         "headers and this body. It does not prove who wrote the message, nor who "
                                         "received it.")
                              .arg(d);
    r.evidenceStatements << scope;
    st.addFinding(Severity::Info, QStringLiteral("evidence_scope"), scope);
    r.evidenceLevel = level == 2   ? QStringLiteral("strong")
                      : level == 1 ? QStringLiteral("weak")
                                   : QStringLiteral("none");
}

} // namespace dkimi
