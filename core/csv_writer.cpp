#include "csv_writer.h"

namespace dkimi {

namespace {

QString tri(const std::optional<bool> &b)
{
    return b ? (*b ? QStringLiteral("true") : QStringLiteral("false")) : QString();
}

constexpr int kSignatureColumns = 12;

} // namespace

QString CsvWriter::header()
{
    return QStringLiteral("file,index,offset,sha256,message_result,from,subject,date,sig_index,d,s,a,c,result,reason,"
                          "crypto_valid,body_hash_matches,signature_valid,key_bits,flags,error\n");
}

QString CsvWriter::field(const QString &s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r'))) {
        QString q = s;
        q.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }
    return s;
}

QString CsvWriter::rows(const BatchItem &item)
{
    const bool mbox = item.location.container == MessageLocation::Container::Mbox;
    QStringList base{item.location.file, mbox ? QString::number(item.location.index) : QString(),
                     mbox ? QString::number(item.location.offset) : QString()};
    auto line = [](const QStringList &cols) {
        QStringList f;
        f.reserve(cols.size());
        for (const QString &c : cols)
            f << field(c);
        return f.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    if (!item.result) {
        QStringList cols = base;
        cols << QString() << QStringLiteral("error") << QString() << QString() << QString();
        cols << QStringList(kSignatureColumns, QString()) << item.error;
        return line(cols);
    }
    const MessageResult &r = *item.result;
    base << QString::fromLatin1(r.sha256) << QString::fromLatin1(resultName(r.result)) << item.summary.from
         << item.summary.subject << (item.summary.date.isValid() ? formatTime(item.summary.date) : QString());
    if (r.signatures.isEmpty())
        return line(base + QStringList(kSignatureColumns, QString()) + QStringList{QString()});
    QString out;
    for (const SignatureResult &s : r.signatures) {
        const DkimSignature &sig = s.signature;
        out += line(base +
                    QStringList{QString::number(s.index), QString::fromLatin1(sig.domain),
                                QString::fromLatin1(sig.selector), QString::fromLatin1(sig.algorithmText),
                                QStringLiteral("%1/%2").arg(QString::fromLatin1(canonicalizationName(sig.headerCanon)),
                                                            QString::fromLatin1(canonicalizationName(sig.bodyCanon))),
                                QString::fromLatin1(resultName(s.result)), s.reason, tri(s.cryptoValid),
                                tri(s.bodyHashMatches), tri(s.signatureValid),
                                s.keyBits > 0 ? QString::number(s.keyBits) : QString(), s.flags.join(QLatin1Char(' ')),
                                QString()});
    }
    return out;
}

} // namespace dkimi
