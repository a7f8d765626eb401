#pragma once

#include "byte_range.h"
#include "message_highlighter.h"

#include <QList>
#include <QPlainTextEdit>

namespace dkimi::ui {

class LineNumberArea;

// Shows one byte source exactly: as text (with optional markers for space ·, tab →, CR ␍ and LF ␊,
// and control pictures for other control bytes) or as a hex dump. Every byte keeps its position, so
// byte ranges can be marked (ImHex's Region{address,size}) and a click maps back to a byte.
class ByteView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ByteView(SourceId source, QWidget *parent = nullptr);

    SourceId source() const { return m_source; }
    void setBytes(const QByteArray &bytes);
    const QByteArray &bytes() const { return m_bytes; }
    void setSyntax(MessageHighlighter::Syntax syntax);
    // Off when another highlighter (KSyntaxHighlighting) colours the document instead.
    void setBuiltinHighlighting(bool on);

    void setShowWhitespace(bool on);
    bool showWhitespace() const { return m_whitespace; }
    void setHexMode(bool on);
    bool hexMode() const { return m_hex; }

    // Marks these ranges (those of other sources are ignored) and scrolls the first into view.
    void setHighlights(const QList<ByteRange> &ranges, bool scroll = true);
    const QList<ByteRange> &highlights() const { return m_highlights; }
    // Bytes shaded as "not covered" (beyond l=).
    void setShaded(const ByteRange &range);
    const ByteRange &shaded() const { return m_shaded; }

    qsizetype byteAt(int documentPosition) const;
    int positionOf(qsizetype byte) const;
    QString renderedText() const { return m_text; }
    // The stored bytes of the current text selection (exact, without markers).
    QByteArray selectedBytes() const;

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

Q_SIGNALS:
    // The user put the cursor on a byte (click or keyboard).
    void byteActivated(qsizetype offset);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applySelections();
    QList<QTextEdit::ExtraSelection> selectionsFor(const ByteRange &r, const QTextCharFormat &fmt) const;
    void updateLineNumberAreaWidth();
    void onCursorMoved();

    SourceId m_source;
    QByteArray m_bytes;
    QString m_text;
    QList<int> m_pos; // document position of each byte, plus one past the end
    bool m_whitespace = false;
    bool m_hex = false;
    bool m_programmatic = false;
    QList<ByteRange> m_highlights;
    ByteRange m_shaded{SourceId::RawMessage, -1, 0};
    MessageHighlighter *m_highlighter = nullptr;
    LineNumberArea *m_lineNumbers = nullptr;
};

} // namespace dkimi::ui
