#include "key_provenance.h"

#include "explanation_words.h"
#include "verdict_presenter.h"

namespace dkimi::ui {

namespace {

QString row(const QString &label, const QString &valueHtml)
{
    return QStringLiteral("<tr><td style=\"padding-right:8px\" valign=\"top\"><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), valueHtml);
}

QString hex(const QByteArray &b)
{
    return QStringLiteral("<tt>%1</tt>").arg(QString::fromLatin1(b.toHex()));
}

} // namespace

QString KeyProvenance::dnssecWords(const QString &status)
{
    if (status == QLatin1String("secure"))
        return tr("secure: the domain signed this DNS answer and the signatures check out up to the DNS root, so "
                  "the key is the one the domain publishes");
    if (status == QLatin1String("insecure"))
        return tr("insecure: the domain does not sign its DNS, so nothing proves the answer was not altered on the "
                  "way");
    if (status == QLatin1String("bogus"))
        return tr("bogus: the DNS answer carries signatures that do not check out; it may have been tampered with");
    if (status.isEmpty())
        return tr("not applicable (not from DNS)");
    return status;
}

QString KeyProvenance::originWords(const QString &origin)
{
    if (origin == QLatin1String("dns_dnssec"))
        return tr("seen in DNS, vouched for by DNSSEC");
    if (origin == QLatin1String("dns"))
        return tr("seen in DNS (without DNSSEC)");
    if (origin == QLatin1String("zone_file"))
        return tr("imported from a zone file");
    if (origin == QLatin1String("imported_archive"))
        return tr("imported from an archive of historical keys");
    if (origin == QLatin1String("pem"))
        return tr("imported from a PEM public key");
    if (origin == QLatin1String("entered_by_hand"))
        return tr("⚠ entered by hand: not from DNS");
    return origin;
}

const KeyCandidate *KeyProvenance::usedCandidate(const SignatureResult &s)
{
    for (const KeyCandidate &c : s.keyCandidates) {
        if (c.used)
            return &c;
    }
    return nullptr;
}

QString KeyProvenance::rows(const SignatureResult &s)
{
    QString out;
    if (const KeyCandidate *c = usedCandidate(s)) {
        if (!c->origin.isEmpty())
            out += row(tr("Provenance"), originWords(c->origin).toHtmlEscaped());
        if (c->firstSeen.isValid())
            out += row(tr("Known since"),
                       tr("%1, last seen %2")
                           .arg(VerdictPresenter::formatUtc(c->firstSeen),
                                c->lastSeen.isValid() ? VerdictPresenter::formatUtc(c->lastSeen) : tr("never")));
        if (!c->note.isEmpty())
            out += row(tr("Note"), c->note.toHtmlEscaped());
    }
    if (s.keyCandidates.size() > 1 || (s.keyCandidates.size() == 1 && !s.keyCandidates.first().used)) {
        QStringList items;
        for (const KeyCandidate &c : s.keyCandidates) {
            const QString mark = !c.unusable.isEmpty()     ? tr("unusable (%1)").arg(c.unusable)
                                 : !c.verifies.has_value() ? tr("not tried")
                                 : *c.verifies             ? tr("✔ verifies")
                                                           : tr("✘ does not verify");
            QString where = c.sourceName.isEmpty() ? c.sourceKind : c.sourceKind + QLatin1Char(' ') + c.sourceName;
            if (!c.origin.isEmpty())
                where += QStringLiteral(" (%1)").arg(originWords(c.origin));
            items << QStringLiteral("%1%2 · %3 · <tt>%4</tt>")
                         .arg(c.used ? QStringLiteral("<b>▸</b> ") : QString(), where.toHtmlEscaped(),
                              mark.toHtmlEscaped(), QString::fromLatin1(c.fingerprint.left(16)));
        }
        out += row(tr("Candidates"), items.join(QStringLiteral("<br>")));
    }
    if (s.recoveredHashValid.has_value()) {
        const QString words = ExplanationWords::recoveredHashLine(s).toHtmlEscaped();
        if (*s.recoveredHashValid) {
            out +=
                row(tr("Signer's hash"),
                    hex(s.recoveredHash) + QStringLiteral("<br><i>%1</i>").arg(tr("recovered from b= with the key")));
            out += row(tr("Our hash"), hex(s.headerHash));
        }
        out += row(tr("b= and the key"), words);
    }
    return out;
}

} // namespace dkimi::ui
