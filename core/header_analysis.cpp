#include "header_analysis.h"

namespace dkimi {

const QStringList &importantHeaderNames()
{
    static const QStringList names{QStringLiteral("from"),       QStringLiteral("subject"),     QStringLiteral("to"),
                                   QStringLiteral("cc"),         QStringLiteral("reply-to"),    QStringLiteral("date"),
                                   QStringLiteral("message-id"), QStringLiteral("content-type")};
    return names;
}

HeaderAnalysis analyseHeaders(const Message &m, const QList<SignatureResult> &signatures)
{
    HeaderAnalysis a;
    QHash<QString, int> byName;
    for (int i = 0; i < m.headers().size(); ++i) {
        const HeaderField &h = m.headers().at(i);
        if (h.name.isEmpty())
            continue;
        const QString n = QString::fromLatin1(h.name).toLower();
        auto it = byName.find(n);
        if (it == byName.end()) {
            HeaderNameInfo info;
            info.name = n;
            info.important = importantHeaderNames().contains(n);
            a.names.append(info);
            it = byName.insert(n, int(a.names.size() - 1));
        }
        HeaderInstance inst;
        inst.headerIndex = i;
        inst.range = m.rawRange(h.offset, h.length);
        inst.displayed = a.names[*it].instances.isEmpty(); // mail clients show the topmost
        a.names[*it].instances.append(inst);
    }
    for (const SignatureResult &s : signatures) {
        for (const SignedHeaderUse &u : s.headerUses) {
            if (u.headerIndex < 0 || u.headerIndex == s.signature.headerIndex)
                continue;
            const auto it = byName.constFind(QString::fromLatin1(u.name).toLower());
            if (it == byName.cend())
                continue;
            for (HeaderInstance &inst : a.names[*it].instances) {
                if (inst.headerIndex == u.headerIndex && !inst.coveredBy.contains(s.index))
                    inst.coveredBy.append(s.index);
            }
        }
        for (const QString &o : s.oversignedHeaders) {
            const auto it = byName.constFind(o);
            if (it != byName.cend() && !a.names[*it].oversignedBy.contains(s.index))
                a.names[*it].oversignedBy.append(s.index);
            if (!a.oversigned.contains(o))
                a.oversigned.append(o);
        }
    }

    for (const HeaderNameInfo &n : std::as_const(a.names)) {
        if (n.instances.size() > 1)
            a.duplicates.append(n.name);
        if (!n.important || signatures.isEmpty())
            continue;
        const HeaderInstance &shown = n.instances.first();
        bool anyCovered = false;
        for (const HeaderInstance &inst : n.instances)
            anyCovered = anyCovered || !inst.coveredBy.isEmpty();
        if (shown.coveredBy.isEmpty())
            a.unsignedImportant.append(n.name);
        QList<ByteRange> where;
        for (const HeaderInstance &inst : n.instances)
            where.append(inst.range);
        if (n.name == QLatin1String("from") && n.instances.size() > 1) {
            a.findings.append(Finding{Severity::Error, QStringLiteral("duplicate_from"),
                                      QStringLiteral("The message has %1 From headers. A mail client shows the top "
                                                     "one; DKIM signatures cover the bottom one. Treat the sender as "
                                                     "unproven.")
                                          .arg(n.instances.size()),
                                      where});
        } else if (n.instances.size() > 1) {
            a.findings.append(Finding{Severity::Warning, QStringLiteral("duplicate_header"),
                                      QStringLiteral("The message has %1 %2 headers; a mail client shows the top one.")
                                          .arg(n.instances.size())
                                          .arg(n.name),
                                      where});
        }
        if (anyCovered && shown.coveredBy.isEmpty())
            a.findings.append(Finding{Severity::Error,
                                      QStringLiteral("displayed_header_not_signed"),
                                      QStringLiteral("The %1 header a mail client displays (the top one) is not the "
                                                     "one the signature covers: what the reader sees is unsigned.")
                                          .arg(n.name),
                                      {shown.range}});
    }
    if (!a.unsignedImportant.isEmpty())
        a.findings.append(Finding{Severity::Warning,
                                  QStringLiteral("important_headers_unsigned"),
                                  QStringLiteral("Shown to the reader but covered by no signature (could have been "
                                                 "changed or added): %1.")
                                      .arg(a.unsignedImportant.join(QStringLiteral(", "))),
                                  {}});
    if (!a.oversigned.isEmpty())
        a.findings.append(Finding{
            Severity::Info,
            QStringLiteral("oversigned_headers"),
            QStringLiteral("Over-signed (locked against additions): %1.").arg(a.oversigned.join(QStringLiteral(", "))),
            {}});
    return a;
}

} // namespace dkimi
