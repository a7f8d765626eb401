#include "byte_view.h"

#include "line_number_area.h"
#include "whitespace_markers.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

#include <algorithm>

namespace dkimi::ui {

namespace {

// Hex dump layout: "00000000  44 4b 49 4d 2d 53 69 67  6e 61 74 75 72 65 3a 20  DKIM-Signature: \n"
constexpr int HexPrefix = 10;
constexpr int HexArea = 49;
constexpr int AsciiStart = HexPrefix + HexArea + 1;
constexpr int HexLine = AsciiStart + 16 + 1;

int hexPos(qsizetype i)
{
    const int j = int(i % 16);
    return int(i / 16) * HexLine + HexPrefix + j * 3 + (j >= 8 ? 1 : 0);
}

int asciiPos(qsizetype i)
{
    return int(i / 16) * HexLine + AsciiStart + int(i % 16);
}

// Length of a valid UTF-8 sequence starting at i, or 0.
int utf8Length(const QByteArray &b, qsizetype i, char32_t *cp)
{
    const auto c = uchar(b[i]);
    int len = 0;
    char32_t v = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > b.size())
        return 0;
    for (int k = 1; k < len; ++k) {
        const auto cc = uchar(b[i + k]);
        if ((cc & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return len;
}

} // namespace

ByteView::ByteView(SourceId source, QWidget *parent) : QPlainTextEdit(parent), m_source(source)
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    setUndoRedoEnabled(false);
    m_highlighter = new MessageHighlighter(document());
    m_lineNumbers = new LineNumberArea(this);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &ByteView::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &ByteView::onCursorMoved);
    updateLineNumberAreaWidth();
}

void ByteView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    m_highlights.clear();
    m_shaded = ByteRange{m_source, -1, 0};
    rebuild();
}

void ByteView::setSyntax(MessageHighlighter::Syntax syntax)
{
    m_highlighter->setSyntax(syntax);
}

void ByteView::setBuiltinHighlighting(bool on)
{
    m_highlighter->setDocument(on ? document() : nullptr);
}

void ByteView::setShowWhitespace(bool on)
{
    if (on == m_whitespace)
        return;
    m_whitespace = on;
    rebuild();
}

void ByteView::setHexMode(bool on)
{
    if (on == m_hex)
        return;
    m_hex = on;
    m_highlighter->setHexMode(on);
    setLineWrapMode(on ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    rebuild();
}

void ByteView::rebuild()
{
    const qsizetype n = m_bytes.size();
    m_pos = QList<int>(n + 1, 0);
    QString t;
    if (m_hex) {
        t.reserve(int((n / 16 + 1) * HexLine));
        for (qsizetype line = 0; line * 16 < n; ++line) {
            QString hex, ascii;
            for (int j = 0; j < 16; ++j) {
                const qsizetype i = line * 16 + j;
                if (i < n) {
                    const auto c = uchar(m_bytes[i]);
                    hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                    ascii += (c >= 0x20 && c < 0x7f) ? QChar(c) : QChar(u'.');
                    m_pos[i] = hexPos(i);
                } else {
                    hex += QStringLiteral("   ");
                }
                if (j == 7)
                    hex += u' ';
            }
            if (line > 0)
                t += u'\n';
            t += QStringLiteral("%1  ").arg(line * 16, 8, 16, QLatin1Char('0')) + hex + u' ' + ascii;
        }
        m_pos[n] = n > 0 ? hexPos(n - 1) + 2 : 0;
    } else {
        t.reserve(int(n + n / 8));
        for (qsizetype i = 0; i < n; ++i) {
            m_pos[i] = int(t.size());
            const auto c = uchar(m_bytes[i]);
            if (c == '\n') {
                if (m_whitespace)
                    t += WhitespaceMarkers::lf();
                t += u'\n';
            } else if (c == '\r') {
                // A CR that ends a line is shown only as a marker; a stray CR always is.
                const bool eol = i + 1 < n && m_bytes[i + 1] == '\n';
                if (m_whitespace || !eol)
                    t += WhitespaceMarkers::cr();
            } else if (c == '\t') {
                t += m_whitespace ? WhitespaceMarkers::tab() : QChar(u'\t');
            } else if (c == ' ') {
                t += m_whitespace ? WhitespaceMarkers::space() : QChar(u' ');
            } else if (c < 0x20 || c == 0x7f) {
                t += WhitespaceMarkers::control(c);
            } else if (c < 0x80) {
                t += QChar(c);
            } else {
                char32_t cp = 0;
                const int len = utf8Length(m_bytes, i, &cp);
                if (len == 0) {
                    t += QChar(0xFFFD);
                } else {
                    t += QString::fromUcs4(&cp, 1);
                    for (int k = 1; k < len; ++k)
                        m_pos[i + k] = m_pos[i];
                    i += len - 1;
                }
            }
        }
        m_pos[n] = int(t.size());
    }
    m_text = t;
    m_programmatic = true;
    const int scroll = verticalScrollBar()->value();
    setPlainText(t);
    verticalScrollBar()->setValue(scroll);
    m_programmatic = false;
    m_lineNumbers->setVisible(!m_hex);
    updateLineNumberAreaWidth();
    applySelections();
}

qsizetype ByteView::byteAt(int documentPosition) const
{
    const qsizetype n = m_bytes.size();
    if (n == 0)
        return -1;
    if (m_hex) {
        const int line = documentPosition / HexLine, col = documentPosition % HexLine;
        int j = 0;
        if (col >= AsciiStart && col < AsciiStart + 16) {
            j = col - AsciiStart;
        } else if (col >= HexPrefix && col < HexPrefix + HexArea) {
            int c = col - HexPrefix;
            if (c >= 25)
                --c;
            j = qMin(15, c / 3);
        }
        return qMin<qsizetype>(qsizetype(line) * 16 + j, n - 1);
    }
    auto it = std::upper_bound(m_pos.cbegin(), m_pos.cbegin() + n, documentPosition);
    qsizetype i = qMax<qsizetype>(0, (it - m_pos.cbegin()) - 1);
    while (i > 0 && m_pos[i - 1] == m_pos[i])
        --i;
    return i;
}

int ByteView::positionOf(qsizetype byte) const
{
    if (byte < 0 || m_pos.isEmpty())
        return 0;
    return m_pos[qMin(byte, qsizetype(m_pos.size() - 1))];
}

QList<QTextEdit::ExtraSelection> ByteView::selectionsFor(const ByteRange &r, const QTextCharFormat &fmt) const
{
    QList<QTextEdit::ExtraSelection> out;
    const qsizetype n = m_bytes.size();
    const qsizetype a = qBound<qsizetype>(0, r.offset, n), b = qBound<qsizetype>(a, r.end(), n);
    if (a >= b)
        return out;
    auto add = [&](int from, int to) {
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(document());
        sel.cursor.setPosition(from);
        sel.cursor.setPosition(to, QTextCursor::KeepAnchor);
        sel.format = fmt;
        out.append(sel);
    };
    if (m_hex) {
        for (qsizetype line = a / 16; line <= (b - 1) / 16; ++line) {
            const qsizetype s = qMax(a, line * 16), e = qMin(b, line * 16 + 16);
            add(hexPos(s), hexPos(e - 1) + 2);
            add(asciiPos(s), asciiPos(e - 1) + 1);
        }
    } else {
        int to = m_pos[b];
        // A selection that ends with a line's LF covers its paragraph break too.
        if (m_bytes[b - 1] == '\n' && to <= document()->characterCount() - 1)
            to = qMax(to, m_pos[b - 1] + 1);
        add(m_pos[a], qMax(to, m_pos[a] + 1));
    }
    return out;
}

void ByteView::applySelections()
{
    QList<QTextEdit::ExtraSelection> all;
    // A tint keeps the highlighter's colours readable; the l= shading is drawn over it so both show.
    QTextCharFormat mark;
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(palette().color(QPalette::Base).lightness() < 128 ? 150 : 90);
    mark.setBackground(tint);
    for (const ByteRange &r : std::as_const(m_highlights))
        all += selectionsFor(r, mark);
    if (m_shaded.offset >= 0 && m_shaded.length > 0) {
        QTextCharFormat shade;
        QColor c = palette().color(QPalette::Text);
        c.setAlpha(28);
        shade.setBackground(QBrush(c, Qt::BDiagPattern));
        QColor text = palette().color(QPalette::Text);
        text.setAlpha(150);
        shade.setForeground(text);
        shade.setToolTip(tr("Not covered by the signature (beyond l=)"));
        all += selectionsFor(m_shaded, shade);
    }
    setExtraSelections(all);
}

void ByteView::setHighlights(const QList<ByteRange> &ranges, bool scroll)
{
    m_highlights.clear();
    for (const ByteRange &r : ranges) {
        if (r.source == m_source && r.offset >= 0 && r.length > 0)
            m_highlights.append(r);
    }
    applySelections();
    if (scroll && !m_highlights.isEmpty()) {
        m_programmatic = true;
        QTextCursor c(document());
        // Show the end first, then the start, so as much of the range as fits is visible.
        c.setPosition(qMin(positionOf(m_highlights.first().end()), document()->characterCount() - 1));
        setTextCursor(c);
        ensureCursorVisible();
        c.setPosition(positionOf(m_highlights.first().offset));
        setTextCursor(c);
        ensureCursorVisible();
        m_programmatic = false;
    }
}

void ByteView::setShaded(const ByteRange &range)
{
    m_shaded = range;
    applySelections();
}

QByteArray ByteView::selectedBytes() const
{
    const QTextCursor c = textCursor();
    if (!c.hasSelection())
        return QByteArray();
    const qsizetype a = byteAt(c.selectionStart());
    const qsizetype b = byteAt(qMax(c.selectionStart(), c.selectionEnd() - 1));
    if (a < 0 || b < a)
        return QByteArray();
    return m_bytes.mid(a, b - a + 1);
}

void ByteView::onCursorMoved()
{
    if (m_programmatic || textCursor().hasSelection())
        return;
    const qsizetype b = byteAt(textCursor().position());
    if (b >= 0)
        Q_EMIT byteActivated(b);
}

int ByteView::lineNumberAreaWidth() const
{
    if (m_hex)
        return 0;
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void ByteView::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void ByteView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void ByteView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->updateColors(palette());
        applySelections();
    }
}

void ByteView::paintLineNumbers(QPaintEvent *event)
{
    QPainter p(m_lineNumbers);
    QColor bg = palette().color(QPalette::AlternateBase);
    p.fillRect(event->rect(), bg);
    p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    p.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int w = m_lineNumbers->width() - 5;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top())
            p.drawText(0, top, w, fontMetrics().height(), Qt::AlignRight, QString::number(number + 1));
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

void ByteView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    menu->addSeparator();
    const QByteArray sel = selectedBytes();
    QAction *exact = menu->addAction(tr("Copy selected bytes exactly (no markers)"));
    exact->setEnabled(!sel.isEmpty());
    connect(exact, &QAction::triggered, this, [sel] { QApplication::clipboard()->setText(QString::fromUtf8(sel)); });
    QAction *hex = menu->addAction(tr("Copy selected bytes as hex"));
    hex->setEnabled(!sel.isEmpty());
    connect(hex, &QAction::triggered, this,
            [sel] { QApplication::clipboard()->setText(QString::fromLatin1(sel.toHex(' '))); });
    QByteArray marked;
    for (const ByteRange &r : std::as_const(m_highlights))
        marked += m_bytes.mid(r.offset, r.length);
    QAction *field = menu->addAction(tr("Copy marked field"));
    field->setEnabled(!marked.isEmpty());
    connect(field, &QAction::triggered, this,
            [marked] { QApplication::clipboard()->setText(QString::fromUtf8(marked)); });
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace dkimi::ui
