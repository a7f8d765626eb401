#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace dkimi::ui {

// The built-in highlighter for message bytes (used when KSyntaxHighlighting is not available):
// header names, DKIM-Signature and key record tags, signature values dimmed, whitespace markers
// faint, unusual control bytes in red. Colours follow the palette (light or dark).
class MessageHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Syntax {
        Message,     // header block, blank line, body
        HeaderInput, // header fields only (the header hash input)
        Body,        // body only
        TagList,     // a tag=value list (a key record)
        Plain,
    };

    explicit MessageHighlighter(QTextDocument *document);
    void setSyntax(Syntax syntax);
    void setHexMode(bool hex);
    void updateColors(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { HeaderSection = 0, DkimExpectName = 1, Body = 2, DkimInValue = 3, OtherHeader = 4, DkimInHash = 5 };
    int highlightTags(const QString &text, int from, int state);
    void markWhitespace(const QString &text);

    Syntax m_syntax = Syntax::Message;
    bool m_hex = false;
    QTextCharFormat m_headerName, m_dkimName, m_tagName, m_punct, m_hashValue, m_marker, m_control, m_offset, m_quoted;
};

} // namespace dkimi::ui
