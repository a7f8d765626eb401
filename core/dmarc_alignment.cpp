#include "dmarc_alignment.h"

#include <QDateTime>

#include <libpsl.h>

namespace dkimi {

namespace {

// One list for the process: libpsl's newest (the distribution's file /usr/share/publicsuffix when it
// is newer than the built-in copy). A psl_ctx_t is read-only after loading, so threads may share it.
struct PslHolder {
    psl_ctx_t *ctx = nullptr;
    PslHolder() : ctx(psl_latest(nullptr)) {}
    ~PslHolder() { psl_free(ctx); }
    PslHolder(const PslHolder &) = delete;
    PslHolder &operator=(const PslHolder &) = delete;
};

const psl_ctx_t *psl()
{
    static PslHolder holder;
    return holder.ctx ? holder.ctx : psl_builtin();
}

// Lower-cases ASCII only (U-labels stay as written) and drops one trailing dot.
QByteArray normalise(const QByteArray &domain)
{
    QByteArray d = domain.trimmed();
    if (d.endsWith('.'))
        d.chop(1);
    for (char &c : d) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return d;
}

} // namespace

const char *alignmentName(Alignment a)
{
    switch (a) {
    case Alignment::Strict:
        return "strict";
    case Alignment::Relaxed:
        return "relaxed";
    case Alignment::None:
        return "none";
    }
    return "none";
}

QByteArray DmarcAlignment::organizationalDomain(const QByteArray &domain)
{
    const QByteArray d = normalise(domain);
    if (d.isEmpty() || !psl())
        return QByteArray();
    // RFC 7489 §3.2: the public suffix plus one label; psl_registrable_domain gives exactly that and
    // returns null for a name that is itself a public suffix.
    const char *reg = psl_registrable_domain(psl(), d.constData());
    return reg ? QByteArray(reg) : QByteArray();
}

bool DmarcAlignment::isPublicSuffix(const QByteArray &domain)
{
    const QByteArray d = normalise(domain);
    return !d.isEmpty() && psl() && psl_is_public_suffix(psl(), d.constData()) != 0;
}

AlignmentResult DmarcAlignment::check(const QByteArray &dkimDomain, const QByteArray &fromDomain)
{
    AlignmentResult r;
    r.dkimDomain = normalise(dkimDomain);
    r.fromDomain = normalise(fromDomain);
    r.dkimOrgDomain = organizationalDomain(r.dkimDomain);
    r.fromOrgDomain = organizationalDomain(r.fromDomain);
    const QString d = QString::fromUtf8(r.dkimDomain), f = QString::fromUtf8(r.fromDomain);
    if (r.fromDomain.isEmpty()) {
        r.code = QStringLiteral("dmarc_no_from_domain");
        r.detail = QStringLiteral("The From header has no single domain to align d=%1 with.").arg(d);
        return r;
    }
    if (r.dkimDomain.isEmpty()) {
        r.code = QStringLiteral("dmarc_not_aligned");
        r.detail = QStringLiteral("The signature has no d= domain.");
        return r;
    }
    // RFC 7489 §3.1.1: strict mode requires the exact same domain name.
    if (r.dkimDomain == r.fromDomain) {
        r.alignment = Alignment::Strict;
        r.code = QStringLiteral("dmarc_aligned_strict");
        r.detail = QStringLiteral("d=%1 is exactly the From domain: aligned in strict and relaxed mode.").arg(d);
        if (isPublicSuffix(r.dkimDomain)) {
            // A public suffix has no organizational domain; DMARC never applies policy to one.
            r.code = QStringLiteral("dmarc_public_suffix");
            r.detail = QStringLiteral("d=%1 is the From domain, but it is a public suffix (a name under which anyone "
                                      "can register), so it identifies no organization.")
                           .arg(d);
        }
        return r;
    }
    // Relaxed: the same organizational domain. A public suffix has none, so it never aligns.
    if (!r.dkimOrgDomain.isEmpty() && r.dkimOrgDomain == r.fromOrgDomain) {
        r.alignment = Alignment::Relaxed;
        r.code = QStringLiteral("dmarc_aligned_relaxed");
        r.detail = QStringLiteral("d=%1 and the From domain %2 share the organizational domain %3: aligned in "
                                  "relaxed mode only (a policy with adkim=s would not accept it).")
                       .arg(d, f, QString::fromUtf8(r.dkimOrgDomain));
        return r;
    }
    r.code = QStringLiteral("dmarc_not_aligned");
    if (r.dkimOrgDomain.isEmpty())
        r.detail = QStringLiteral("d=%1 is a public suffix (no organizational domain): it cannot align with the "
                                  "From domain %2.")
                       .arg(d, f);
    else
        r.detail = QStringLiteral("d=%1 (organization %2) is unrelated to the From domain %3 (organization %4): the "
                                  "signature is valid evidence about %1 only, not about the visible sender.")
                       .arg(d, QString::fromUtf8(r.dkimOrgDomain), f,
                            r.fromOrgDomain.isEmpty() ? QStringLiteral("none") : QString::fromUtf8(r.fromOrgDomain));
    return r;
}

QByteArray DmarcAlignment::fromDomain(QByteArrayView v, int *mailboxes)
{
    // A small RFC 5322 scanner: skips comments (nested) and quoted strings, takes the domain after
    // the last '@' of each mailbox (inside <> when there is an angle-addr), mailboxes split at ','
    // outside quotes, comments and angle brackets. Groups ("name: a@b, c@d;") are handled by
    // treating ':' and ';' as separators as well.
    QList<QByteArray> domains;
    QByteArray current; // domain text after the last '@' of the current mailbox
    bool inDomain = false, inAngle = false, sawAngle = false;
    QByteArray angleDomain;
    int depth = 0;
    auto flush = [&]() {
        const QByteArray d = (sawAngle ? angleDomain : current).trimmed();
        if (!d.isEmpty())
            domains.append(d);
        current.clear();
        angleDomain.clear();
        inDomain = inAngle = sawAngle = false;
    };
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (depth > 0) {
            if (c == '\\')
                ++i;
            else if (c == '(')
                ++depth;
            else if (c == ')')
                --depth;
            continue;
        }
        if (c == '(') {
            depth = 1;
            if (!(inAngle ? angleDomain : current).isEmpty())
                inDomain = false; // a comment ends the domain
            continue;
        }
        if (c == '"') {
            for (++i; i < v.size() && v[i] != '"'; ++i) {
                if (v[i] == '\\')
                    ++i;
            }
            inDomain = false;
            continue;
        }
        if (c == '<') {
            inAngle = sawAngle = true;
            inDomain = false;
            angleDomain.clear();
            continue;
        }
        if (c == '>') {
            inAngle = false;
            inDomain = false;
            continue;
        }
        if (!inAngle && (c == ',' || c == ';' || c == ':')) {
            if (c == ':') { // a group name ends here: what came before was no mailbox
                current.clear();
                inDomain = false;
                continue;
            }
            flush();
            continue;
        }
        if (c == '@') {
            inDomain = true;
            (inAngle ? angleDomain : current).clear();
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!(inAngle ? angleDomain : current).isEmpty())
                inDomain = false;
            continue;
        }
        if (inDomain && (c == '[' || c == ']' || c == '.' || c == '-' || QChar::isLetterOrNumber(uchar(c)) ||
                         uchar(c) >= 0x80 || c == '_'))
            (inAngle ? angleDomain : current).append(c);
    }
    flush();
    if (mailboxes)
        *mailboxes = int(domains.size());
    if (domains.size() != 1)
        return QByteArray();
    return normalise(domains.first());
}

QString DmarcAlignment::listDescription()
{
    const char *file = psl_dist_filename();
    const time_t t = psl_builtin_file_time();
    return QStringLiteral("Public Suffix List via libpsl %1 (%2; built-in list dated %3)")
        .arg(QString::fromLatin1(psl_get_version()),
             file && *file ? QString::fromLocal8Bit(file) : QStringLiteral("built-in"),
             QDateTime::fromSecsSinceEpoch(qint64(t), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")));
}

} // namespace dkimi
