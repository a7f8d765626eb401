#include "dns_key_resolver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QStringList>

#include <unbound.h>

#include <arpa/inet.h>
#include <cerrno>
#include <poll.h>

namespace dkimi {

namespace {

constexpr int TypeCname = 5;
constexpr int TypeTxt = 16;
const char *const RootAnchor = "/usr/share/dns/root.key";

QString rcodeName(int rcode)
{
    switch (rcode) {
    case 0:
        return QStringLiteral("NOERROR");
    case 1:
        return QStringLiteral("FORMERR");
    case 2:
        return QStringLiteral("SERVFAIL");
    case 3:
        return QStringLiteral("NXDOMAIN");
    case 4:
        return QStringLiteral("NOTIMP");
    case 5:
        return QStringLiteral("REFUSED");
    default:
        return QStringLiteral("RCODE%1").arg(rcode);
    }
}

// Minimal reader of a DNS message (RFC 1035 §4.1): just enough to list the answer section's CNAMEs,
// which libunbound does not hand out one by one. Bounds-checked; a malformed packet yields nothing.
class WireReader {
public:
    explicit WireReader(QByteArrayView p) : m_p(p) {}

    bool name(qsizetype &pos, QByteArray *out) const
    {
        QByteArray n;
        qsizetype p = pos;
        bool jumped = false;
        for (int hops = 0; hops < 64; ++hops) {
            if (p >= m_p.size())
                return false;
            const uchar len = uchar(m_p.at(p));
            if ((len & 0xC0) == 0xC0) { // compression pointer
                if (p + 1 >= m_p.size())
                    return false;
                if (!jumped)
                    pos = p + 2;
                jumped = true;
                p = ((len & 0x3F) << 8) | uchar(m_p.at(p + 1));
                continue;
            }
            if (len == 0) {
                if (!jumped)
                    pos = p + 1;
                if (out)
                    *out = n.isEmpty() ? QByteArray(".") : n;
                return true;
            }
            if (p + 1 + len > m_p.size())
                return false;
            if (!n.isEmpty())
                n.append('.');
            n.append(m_p.sliced(p + 1, len).toByteArray());
            p += 1 + len;
        }
        return false;
    }
    quint16 u16(qsizetype pos) const { return quint16((uchar(m_p.at(pos)) << 8) | uchar(m_p.at(pos + 1))); }
    qsizetype size() const { return m_p.size(); }

private:
    QByteArrayView m_p;
};

struct Rr {
    QByteArray owner;
    int type = 0;
    QByteArray target; // CNAME only
};

QList<Rr> answerSection(QByteArrayView packet)
{
    QList<Rr> out;
    WireReader w(packet);
    if (w.size() < 12)
        return out;
    const int qd = w.u16(4), an = w.u16(6);
    qsizetype pos = 12;
    for (int i = 0; i < qd; ++i) {
        if (!w.name(pos, nullptr) || pos + 4 > w.size())
            return out;
        pos += 4;
    }
    for (int i = 0; i < an; ++i) {
        Rr rr;
        if (!w.name(pos, &rr.owner) || pos + 10 > w.size())
            return out;
        rr.type = w.u16(pos);
        const int rdlen = w.u16(pos + 8);
        pos += 10;
        if (pos + rdlen > w.size())
            return out;
        if (rr.type == TypeCname) {
            qsizetype rp = pos;
            if (!w.name(rp, &rr.target))
                return out;
        }
        pos += rdlen;
        out.append(rr);
    }
    return out;
}

// TXT RDATA: one or more <length><bytes> character-strings (RFC 1035 §3.3.14).
QList<QByteArray> txtStrings(const char *data, int len)
{
    QList<QByteArray> out;
    int p = 0;
    while (p < len) {
        const int l = uchar(data[p]);
        if (p + 1 + l > len)
            break;
        out.append(QByteArray(data + p + 1, l));
        p += 1 + l;
    }
    return out;
}

struct Pending {
    bool done = false;
    int err = 0;
    ub_result *result = nullptr;
};

void onResult(void *data, int err, ub_result *result)
{
    auto *p = static_cast<Pending *>(data);
    p->done = true;
    p->err = err;
    p->result = result;
}

QString systemNameservers()
{
    QFile f(QStringLiteral("/etc/resolv.conf"));
    QStringList ns;
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2 && parts.at(0) == "nameserver")
                ns << QString::fromLatin1(parts.at(1));
        }
    }
    return ns.join(QStringLiteral(", "));
}

} // namespace

QByteArray DnsKeyResolver::unboundAddress(const QString &server)
{
    QString host = server.trimmed();
    QString port;
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {};
        const QString rest = host.mid(close + 1);
        host = host.mid(1, close - 1);
        if (rest.startsWith(QLatin1Char(':')))
            port = rest.mid(1);
        else if (!rest.isEmpty())
            return {};
    } else if (host.count(QLatin1Char(':')) == 1) { // IPv4:port (a bare IPv6 address has several colons)
        port = host.section(QLatin1Char(':'), 1);
        host = host.section(QLatin1Char(':'), 0, 0);
    }
    // A numeric address only: resolving a server's name would itself need DNS.
    QByteArray out = host.toLatin1();
    unsigned char buf[16];
    if (inet_pton(AF_INET, out.constData(), buf) != 1 && inet_pton(AF_INET6, out.constData(), buf) != 1)
        return {};
    if (!port.isEmpty()) {
        bool ok = false;
        const int n = port.toInt(&ok);
        if (!ok || n <= 0 || n > 65535)
            return {};
        out += '@' + QByteArray::number(n);
    }
    return out;
}

Expected<std::shared_ptr<DnsKeyResolver>> DnsKeyResolver::create(const DnsResolverConfig &config)
{
    std::shared_ptr<DnsKeyResolver> r(new DnsKeyResolver());
    r->m_timeoutMs = qMax(1, config.timeoutMs);
    r->m_ctx = ub_ctx_create();
    if (!r->m_ctx)
        return Error{QString(), QStringLiteral("cannot create a DNS resolver context (libunbound)")};
    // Results come back through a pipe from libunbound's own thread; we wait on it with a deadline.
    ub_ctx_async(r->m_ctx, 1);
    auto fail = [](const QString &file, const QString &what, int err) {
        return Error{file, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(ub_strerror(err)))};
    };
    int err = 0;
    if (!config.server.isEmpty()) {
        const QByteArray addr = unboundAddress(config.server);
        if (addr.isEmpty())
            return Error{QString(), QStringLiteral("'%1' is not a DNS server address (IP or IP:PORT, IPv6 as "
                                                   "[ADDR]:PORT)")
                                        .arg(config.server)};
        // The user named this server: allow loopback ones (unbound refuses to query localhost by default).
        ub_ctx_set_option(r->m_ctx, "do-not-query-localhost:", "no");
        if ((err = ub_ctx_set_fwd(r->m_ctx, addr.constData())) != 0)
            return fail(QString(), QStringLiteral("cannot use DNS server %1").arg(config.server), err);
        r->m_resolverName = QStringLiteral("forwarder %1").arg(config.server);
    } else {
        ub_ctx_set_option(r->m_ctx, "do-not-query-localhost:", "no"); // e.g. systemd-resolved on 127.0.0.53
        if ((err = ub_ctx_resolvconf(r->m_ctx, nullptr)) != 0)
            return fail(QStringLiteral("/etc/resolv.conf"), QStringLiteral("cannot read the system's resolvers"), err);
        const QString ns = systemNameservers();
        r->m_resolverName = ns.isEmpty() ? QStringLiteral("system resolver (recursion from the root)")
                                         : QStringLiteral("system resolver (/etc/resolv.conf: %1)").arg(ns);
    }
    QString anchor = config.trustAnchorFile;
    if (!anchor.isEmpty()) {
        if (!QFileInfo(anchor).isReadable())
            return Error{anchor, QStringLiteral("cannot read the trust anchor file")};
        if ((err = ub_ctx_add_ta_file(r->m_ctx, QFile::encodeName(anchor).constData())) != 0)
            return fail(anchor, QStringLiteral("not a usable trust anchor file (DS or DNSKEY records)"), err);
        r->m_anchorName = QStringLiteral("trust anchor %1").arg(anchor);
        r->m_validates = true;
    } else if (QFileInfo(QString::fromLatin1(RootAnchor)).isReadable()) {
        if ((err = ub_ctx_add_ta_file(r->m_ctx, RootAnchor)) != 0)
            return fail(QString::fromLatin1(RootAnchor), QStringLiteral("cannot load the root trust anchor"), err);
        r->m_anchorName = QStringLiteral("root trust anchor %1").arg(QString::fromLatin1(RootAnchor));
        r->m_validates = true;
    } else {
        r->m_anchorName = QStringLiteral("none (no DNSSEC validation: install dns-root-data or give a trust anchor)");
    }
    return r;
}

DnsKeyResolver::~DnsKeyResolver()
{
    if (m_ctx)
        ub_ctx_delete(m_ctx);
}

QString DnsKeyResolver::describe() const
{
    return QStringLiteral("DNS via %1, DNSSEC %2").arg(m_resolverName, m_anchorName);
}

KeyLookup DnsKeyResolver::lookup(const QByteArray &domain, const QByteArray &selector) const
{
    return lookupName(keyQueryName(domain, selector));
}

KeyLookup DnsKeyResolver::lookupName(const QByteArray &qname) const
{
    KeyLookup l;
    l.queryName = qname;
    l.sourceKind = QStringLiteral("dns");
    l.sourceName = m_resolverName;
    l.resolver = m_resolverName;
    l.status = KeyLookup::Status::TempError;

    QMutexLocker lock(&m_mutex);
    l.fetchedAt = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();
    Pending pending;
    int asyncId = 0;
    int err = ub_resolve_async(m_ctx, qname.constData(), TypeTxt, 1 /* IN */, &pending, onResult, &asyncId);
    if (err != 0) {
        l.detail = QStringLiteral("the DNS query could not be sent: %1").arg(QString::fromUtf8(ub_strerror(err)));
        l.rcode = QStringLiteral("error");
        return l;
    }
    // Bound the lookup: libunbound retries unreachable servers for much longer than a person waits.
    while (!pending.done) {
        const qint64 left = m_timeoutMs - clock.elapsed();
        if (left <= 0)
            break;
        pollfd pfd{ub_fd(m_ctx), POLLIN, 0};
        const int n = poll(&pfd, 1, int(left));
        if (n > 0) {
            if ((err = ub_process(m_ctx)) != 0)
                break;
        } else if (n < 0 && errno != EINTR) {
            break;
        }
    }
    l.elapsedMs = clock.elapsed();
    if (!pending.done) {
        ub_cancel(m_ctx, asyncId); // its callback is never called after this
        l.rcode = QStringLiteral("timeout");
        l.detail = QStringLiteral("no answer from the %1 within %2 ms").arg(m_resolverName).arg(m_timeoutMs);
        return l;
    }
    if (pending.err != 0 || !pending.result) {
        l.rcode = QStringLiteral("error");
        l.detail = QStringLiteral("DNS lookup failed: %1").arg(QString::fromUtf8(ub_strerror(pending.err)));
        return l;
    }
    std::unique_ptr<ub_result, decltype(&ub_resolve_free)> res(pending.result, &ub_resolve_free);
    l.rcode = rcodeName(res->rcode);
    l.ttl = res->ttl;
    if (res->bogus) {
        l.dnssec = QStringLiteral("bogus");
        l.dnssecDetail = res->why_bogus ? QString::fromUtf8(res->why_bogus) : QStringLiteral("validation failed");
    } else if (res->secure) {
        l.dnssec = QStringLiteral("secure");
        l.dnssecDetail = QStringLiteral("signatures validated up to the %1").arg(m_anchorName);
    } else {
        l.dnssec = QStringLiteral("insecure");
        l.dnssecDetail = m_validates ? QStringLiteral("the zone is not signed, or no trust anchor covers it")
                                     : QStringLiteral("no DNSSEC validation: no trust anchor is configured");
    }
    // The CNAME chain, in the order followed (RFC 1034 §3.6.2).
    if (res->answer_packet && res->answer_len > 0) {
        const QList<Rr> rrs =
            answerSection(QByteArrayView(static_cast<const char *>(res->answer_packet), qsizetype(res->answer_len)));
        QByteArray current = qname.toLower();
        for (int hop = 0; hop < 16; ++hop) {
            bool moved = false;
            for (const Rr &rr : rrs) {
                if (rr.type == TypeCname && rr.owner.toLower() == current) {
                    l.cnameChain.append(rr.target);
                    current = rr.target.toLower();
                    moved = true;
                    break;
                }
            }
            if (!moved)
                break;
        }
    }
    if (res->bogus) {
        // Validation failed: the answer may have been forged or altered on the way, so it is not used.
        l.status = KeyLookup::Status::TempError;
        l.detail = QStringLiteral("DNSSEC validation failed (bogus): %1").arg(l.dnssecDetail);
        return l;
    }
    if (res->rcode == 3) {
        l.status = KeyLookup::Status::NotFound;
        l.detail = QStringLiteral("NXDOMAIN from the %1: the name does not exist").arg(m_resolverName);
        return l;
    }
    if (res->rcode != 0) {
        l.status = KeyLookup::Status::TempError;
        l.detail = QStringLiteral("%1 from the %2").arg(l.rcode, m_resolverName);
        return l;
    }
    if (!res->havedata) {
        l.status = KeyLookup::Status::NotFound;
        l.detail = QStringLiteral("the name exists but has no TXT record (NODATA)");
        return l;
    }
    for (int i = 0; res->data[i]; ++i)
        l.records.append(txtStrings(res->data[i], res->len[i]));
    l.status = KeyLookup::Status::Found;
    return l;
}

} // namespace dkimi
