#include "csv_writer.h"

namespace dkimi {

QString CsvWriter::header()
{
    return QStringLiteral("file,index,offset,sha256,message_result,from,subject,date,sig_index,d,s,a,c,result,reason,"
                          "crypto_valid,body_hash_matches,signature_valid,key_bits,flags,error\n");
}

namespace {

constexpr int kSignatureColumns = 12;

// One field and its separator, appended in place; quoted (RFC 4180) only when it must be.
void put(QString &out, QStringView s, QChar after = QLatin1Char(','))
{
    bool quote = false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == ',' || u == '"' || u == '\n' || u == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out += s;
    } else {
        out += QLatin1Char('"');
        for (QChar c : s) {
            if (c == QLatin1Char('"'))
                out += QLatin1Char('"');
            out += c;
        }
        out += QLatin1Char('"');
    }
    out += after;
}

// A word that never needs quoting (result names, true/false).
void putWord(QString &out, QLatin1StringView w)
{
    out += w;
    out += QLatin1Char(',');
}

void putNumber(QString &out, qint64 v)
{
    out += QString::number(v);
    out += QLatin1Char(',');
}

void putEmpty(QString &out, int n)
{
    for (int i = 0; i < n; ++i)
        out += QLatin1Char(',');
}

QLatin1StringView tri(const std::optional<bool> &b)
{
    return b ? (*b ? QLatin1StringView("true") : QLatin1StringView("false")) : QLatin1StringView();
}

} // namespace

QString CsvWriter::rows(const BatchItem &item)
{
    const bool mbox = item.location.container == MessageLocation::Container::Mbox;
    // The columns every row of this message starts with.
    QString base;
    base.reserve(256);
    put(base, item.location.file);
    if (mbox) {
        putNumber(base, item.location.index);
        putNumber(base, item.location.offset);
    } else {
        putEmpty(base, 2);
    }
    if (!item.result) {
        base += QLatin1StringView(",error,,,,");
        putEmpty(base, kSignatureColumns);
        put(base, item.error, QLatin1Char('\n'));
        return base;
    }
    const MessageResult &r = *item.result;
    put(base, QString::fromLatin1(r.sha256));
    putWord(base, QLatin1StringView(resultName(r.result)));
    put(base, item.summary.from);
    put(base, item.summary.subject);
    put(base, item.summary.date.isValid() ? formatTime(item.summary.date) : QString());
    if (r.signatures.isEmpty()) {
        putEmpty(base, kSignatureColumns);
        base += QLatin1Char('\n');
        return base;
    }
    QString out;
    out.reserve((base.size() + 160) * r.signatures.size());
    for (const SignatureResult &s : r.signatures) {
        const DkimSignature &sig = s.signature;
        out += base;
        putNumber(out, s.index);
        put(out, QString::fromLatin1(sig.domain));
        put(out, QString::fromLatin1(sig.selector));
        put(out, QString::fromLatin1(sig.algorithmText));
        out += QLatin1StringView(canonicalizationName(sig.headerCanon));
        out += QLatin1Char('/');
        out += QLatin1StringView(canonicalizationName(sig.bodyCanon));
        out += QLatin1Char(',');
        putWord(out, QLatin1StringView(resultName(s.result)));
        put(out, s.reason);
        putWord(out, tri(s.cryptoValid));
        putWord(out, tri(s.bodyHashMatches));
        putWord(out, tri(s.signatureValid));
        if (s.keyBits > 0)
            putNumber(out, s.keyBits);
        else
            putEmpty(out, 1);
        put(out, s.flags.join(QLatin1Char(' ')));
        out += QLatin1Char('\n'); // error: empty
    }
    return out;
}

} // namespace dkimi
