#pragma once

#include <QByteArray>
#include <QString>

namespace dkimi {

// DMARC identifier alignment of a DKIM d= with the RFC5322.From domain (RFC 7489 §3.1.1).
//   strict:  d= and the From domain are the same name (case-insensitive)
//   relaxed: both have the same organizational domain (RFC 7489 §3.2), taken from the Public
//            Suffix List through libpsl
// IDN names are compared as written (A-labels stay A-labels, U-labels are not converted).
enum class Alignment { Strict, Relaxed, None };
const char *alignmentName(Alignment a); // "strict", "relaxed", "none"

struct AlignmentResult {
    Alignment alignment = Alignment::None;
    QByteArray dkimDomain;    // d=, lower case, trailing dot removed
    QByteArray fromDomain;    // lower case, trailing dot removed
    QByteArray dkimOrgDomain; // organizational domain of d= (empty when it has none)
    QByteArray fromOrgDomain;
    QString code;   // docs/arc.md: dmarc_aligned_strict, dmarc_aligned_relaxed, dmarc_not_aligned, ...
    QString detail; // plain words

    bool strict() const { return alignment == Alignment::Strict; }
    bool relaxed() const { return alignment != Alignment::None; } // strict alignment implies relaxed
};

class DmarcAlignment {
public:
    // The organizational domain (RFC 7489 §3.2): the public suffix plus one label. A name that is
    // itself a public suffix (e.g. "co.uk") has none: the result is empty.
    static QByteArray organizationalDomain(const QByteArray &domain);
    static bool isPublicSuffix(const QByteArray &domain);
    static AlignmentResult check(const QByteArray &dkimDomain, const QByteArray &fromDomain);
    // The domain of an RFC5322.From header value: the addr-spec's domain of its only mailbox
    // (comments and display names skipped). Empty when none can be found; *mailboxes gets how many
    // addresses the value holds (DMARC cannot apply to a From with several).
    static QByteArray fromDomain(QByteArrayView fromValue, int *mailboxes = nullptr);
    // Which Public Suffix List is in use (file and date), for reports.
    static QString listDescription();
};

} // namespace dkimi
