#include "message_highlighter.h"

#include "whitespace_markers.h"

#include <QGuiApplication>
#include <QPalette>

namespace dkimi::ui {

namespace {

bool isMarker(QChar c)
{
    return WhitespaceMarkers::isMarker(c);
}

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == WhitespaceMarkers::space() || c == WhitespaceMarkers::tab();
}

bool isBlankLine(const QString &text)
{
    for (QChar c : text) {
        if (c != WhitespaceMarkers::cr() && c != WhitespaceMarkers::lf())
            return false;
    }
    return true;
}

} // namespace

MessageHighlighter::MessageHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    updateColors(QGuiApplication::palette());
}

void MessageHighlighter::setSyntax(Syntax syntax)
{
    m_syntax = syntax;
    rehighlight();
}

void MessageHighlighter::setHexMode(bool hex)
{
    m_hex = hex;
    rehighlight();
}

void MessageHighlighter::updateColors(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    auto fmt = [](const QColor &c, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    m_headerName = fmt(dark ? QColor(0x82, 0xb1, 0xff) : QColor(0x1a, 0x4f, 0xa0), true);
    m_dkimName = fmt(dark ? QColor(0xff, 0xb8, 0x6c) : QColor(0xa3, 0x4a, 0x00), true);
    m_tagName = fmt(dark ? QColor(0xd0, 0x9c, 0xff) : QColor(0x7a, 0x1f, 0xa2), true);
    m_punct = fmt(palette.color(QPalette::Disabled, QPalette::Text));
    m_hashValue = fmt(dark ? QColor(0x9e, 0xa7, 0xb0) : QColor(0x6a, 0x73, 0x7d));
    m_marker = fmt(dark ? QColor(0x6e, 0x76, 0x81) : QColor(0xa8, 0xb0, 0xb8));
    m_control = fmt(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28), true);
    m_offset = fmt(palette.color(QPalette::Disabled, QPalette::Text));
    m_quoted = fmt(dark ? QColor(0x8b, 0xc3, 0x4a) : QColor(0x38, 0x76, 0x1d), false, true);
    rehighlight();
}

int MessageHighlighter::highlightTags(const QString &text, int from, int state)
{
    int nameStart = -1;
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (state == DkimExpectName) {
            if (c.isLetterOrNumber() || c == u'_') {
                if (nameStart < 0)
                    nameStart = i;
            } else if (c == u'=' && nameStart >= 0) {
                setFormat(nameStart, i - nameStart, m_tagName);
                setFormat(i, 1, m_punct);
                const QStringView name = QStringView(text).mid(nameStart, i - nameStart);
                state = (name == u"b" || name == u"bh" || name == u"p") ? DkimInHash : DkimInValue;
                nameStart = -1;
            } else if (c == u';') {
                setFormat(i, 1, m_punct);
                nameStart = -1;
            }
        } else if (c == u';') {
            setFormat(i, 1, m_punct);
            state = DkimExpectName;
        } else if (state == DkimInHash && !isMarker(c)) {
            setFormat(i, 1, m_hashValue);
        }
    }
    return state;
}

void MessageHighlighter::markWhitespace(const QString &text)
{
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (isMarker(c))
            setFormat(i, 1, m_marker);
        else if ((c.unicode() >= 0x2400 && c.unicode() <= 0x2421) || c == QChar(0xFFFD) || c == QChar(0x00A4))
            setFormat(i, 1, m_control);
    }
}

void MessageHighlighter::highlightBlock(const QString &text)
{
    if (m_hex) {
        setFormat(0, qMin<int>(8, int(text.size())), m_offset);
        if (text.size() > 60)
            setFormat(60, int(text.size()) - 60, m_punct);
        setCurrentBlockState(-1);
        return;
    }
    int prev = previousBlockState();
    int state = prev;
    switch (m_syntax) {
    case Syntax::Plain:
        state = -1;
        break;
    case Syntax::Body:
        state = Body;
        break;
    case Syntax::TagList:
        state = highlightTags(text, 0, prev < 0 ? DkimExpectName : prev);
        break;
    case Syntax::Message:
    case Syntax::HeaderInput: {
        if (prev < 0)
            prev = HeaderSection;
        if (prev == Body) {
            state = Body;
            break;
        }
        if (m_syntax == Syntax::Message && isBlankLine(text)) {
            state = Body;
            break;
        }
        if (!text.isEmpty() && isBlank(text.at(0)) &&
            (prev == DkimExpectName || prev == DkimInValue || prev == DkimInHash)) {
            state = highlightTags(text, 0, prev); // a folded line of a DKIM-Signature
            break;
        }
        if (!text.isEmpty() && isBlank(text.at(0))) {
            state = prev == HeaderSection ? HeaderSection : OtherHeader;
            break;
        }
        const int colon = int(text.indexOf(u':'));
        if (colon <= 0) {
            state = HeaderSection;
            break;
        }
        const QStringView name = QStringView(text).left(colon).trimmed();
        const bool dkim = name.compare(u"DKIM-Signature", Qt::CaseInsensitive) == 0 ||
                          name.compare(u"ARC-Message-Signature", Qt::CaseInsensitive) == 0 ||
                          name.compare(u"ARC-Seal", Qt::CaseInsensitive) == 0;
        setFormat(0, colon, dkim ? m_dkimName : m_headerName);
        setFormat(colon, 1, m_punct);
        state = dkim ? highlightTags(text, colon + 1, DkimExpectName) : OtherHeader;
        break;
    }
    }
    if (state == Body && !text.isEmpty() && text.at(0) == u'>')
        setFormat(0, int(text.size()), m_quoted);
    markWhitespace(text);
    setCurrentBlockState(state);
}

} // namespace dkimi::ui
