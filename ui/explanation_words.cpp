#include "explanation_words.h"

#include <QLocale>

namespace dkimi::ui {

namespace {

QString names(const Explanation &e)
{
    QStringList out;
    for (const QString &h : e.headers)
        out << h;
    return out.join(QStringLiteral(", "));
}

} // namespace

QString ExplanationWords::sentence(const Explanation &e)
{
    const QLocale loc;
    const QString c = e.code;
    const int n = int(e.count);
    if (c == QLatin1String("body_content_appended")) {
        if (e.bytes >= 0)
            return tr("%n bytes were added to the end of the body after signing; everything above them is intact",
                      nullptr, int(e.bytes));
        return tr("Content was added to the end of the body after signing; everything above it is intact");
    }
    if (c == QLatin1String("trailing_whitespace_changed"))
        return tr("Whitespace at the end of lines was changed after signing (%n lines); the words are intact", nullptr,
                  qMax(n, 0));
    if (c == QLatin1String("trailing_blank_lines_changed"))
        return tr("Blank lines were added or removed at the end of the body after signing; the text is intact");
    if (c == QLatin1String("line_endings_converted"))
        return tr("Line endings were converted after signing (%n lines); the text is intact", nullptr, qMax(n, 0));
    if (c == QLatin1String("mbox_from_quoting"))
        return tr("Lines starting with \"From \" were quoted as \">From \" after signing (%n lines), as mail archives "
                  "do; the text is otherwise intact",
                  nullptr, qMax(n, 0));
    if (c == QLatin1String("transfer_encoding_changed"))
        return tr("A part of the message was re-encoded in transit (e.g. to quoted-printable); decoded, it is what "
                  "was signed");
    if (c == QLatin1String("unexplained"))
        return tr("The body was rewritten after signing: no harmless change (footer, whitespace, line endings, "
                  "re-encoding) explains the difference");
    if (c == QLatin1String("header_refolded"))
        return tr("A signed header was re-wrapped over lines after signing (%1); its words are intact").arg(names(e));
    if (c == QLatin1String("header_case_changed"))
        return tr("The capitalisation of a signed header name changed after signing (%1)").arg(names(e));
    if (c == QLatin1String("header_instance_changed"))
        return tr("A second %1 header was added below the signed one after signing; the verifier now picks the added "
                  "one")
            .arg(names(e));
    if (c == QLatin1String("signed_header_changed"))
        return e.headers.isEmpty()
                   ? tr("The key made this signature, but a signed header was changed afterwards")
                   : tr("The key made this signature, but a signed header was changed afterwards: %1").arg(names(e));
    if (c == QLatin1String("signed_hash_recovered_mismatch"))
        return tr("This key made this signature, but over different headers: the signed headers were changed");
    if (c == QLatin1String("key_does_not_match_signature"))
        return tr("This signature was not made with this key, or b= was altered (typical of a rotated key)");
    if (c == QLatin1String("z_header_differs"))
        return tr("A header copied into the signature (z=) differs from the message now: %1").arg(names(e));
    return e.detail.isEmpty() ? c : e.detail;
}

QStringList ExplanationWords::sentences(const SignatureResult &s)
{
    QStringList out;
    for (const Explanation &e : s.explanations)
        out << sentence(e);
    return out;
}

QList<ByteRange> ExplanationWords::appendedRanges(const SignatureResult &s)
{
    QList<ByteRange> out;
    for (const Explanation &e : s.explanations) {
        if (e.code != QLatin1String("body_content_appended"))
            continue;
        for (const ByteRange &r : e.ranges) {
            if (r.source == SourceId::RawMessage && r.length > 0)
                out << r;
        }
    }
    return out;
}

QString ExplanationWords::twoFromAlarm(const MessageResult &r)
{
    for (const HeaderNameInfo &h : r.headers.names) {
        if (h.name == QLatin1String("from") && h.instances.size() > 1) {
            return tr("This message has %1 From headers. A mail client shows only the top one; check which one the "
                      "signature covers (Headers pane).")
                .arg(h.instances.size());
        }
    }
    return {};
}

QString ExplanationWords::recoveredHashLine(const SignatureResult &s)
{
    if (!s.recoveredHashValid.has_value())
        return {};
    if (!*s.recoveredHashValid)
        return tr("Recovery with the key failed: b= is not a signature by this key");
    const bool same = s.recoveredHash == s.headerHash;
    return same ? tr("The signer's hash, recovered from b=, equals ours")
                : tr("The signer's hash, recovered from b=, differs from ours: the signed headers were different");
}

} // namespace dkimi::ui
