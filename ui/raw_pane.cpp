#include "raw_pane.h"

#include "byte_view.h"
#include "explanation_words.h"
#include "field_locator.h"
#include "whitespace_markers.h"

#include <QLocale>

#ifdef DKIMI_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif
#include <QToolButton>

namespace dkimi::ui {

RawPane::RawPane(QWidget *parent) : InspectorPane(tr("Raw message"), parent)
{
    setObjectName(QStringLiteral("rawPane"));
    m_view = new ByteView(SourceId::RawMessage, this);
    m_view->setObjectName(QStringLiteral("rawView"));
    m_view->setSyntax(MessageHighlighter::Syntax::Message);
    m_view->setAccessibleName(tr("Raw message bytes"));
#ifdef DKIMI_HAVE_KSYNTAXHIGHLIGHTING
    // KDE's e-mail definition when it is there; the built-in highlighter otherwise (Debian 12).
    static KSyntaxHighlighting::Repository repository;
    const KSyntaxHighlighting::Definition email = repository.definitionForName(QStringLiteral("Email"));
    if (email.isValid()) {
        m_view->setBuiltinHighlighting(false);
        auto *ksh = new KSyntaxHighlighting::SyntaxHighlighter(m_view->document());
        ksh->setTheme(repository.themeForPalette(palette()));
        ksh->setDefinition(email);
    }
#endif
    m_whitespace = addToggle(QStringLiteral("%1 %2 %3")
                                 .arg(WhitespaceMarkers::space())
                                 .arg(WhitespaceMarkers::tab())
                                 .arg(WhitespaceMarkers::crlf()),
                             tr("Show spaces, tabs, CR and LF (Ctrl+Shift+W)"), false);
    m_whitespace->setObjectName(QStringLiteral("rawWhitespaceToggle"));
    m_hex = addToggle(tr("Hex"), tr("Show the bytes as a hex dump (Ctrl+Shift+H)"), false);
    m_hex->setObjectName(QStringLiteral("rawHexToggle"));
    connect(m_whitespace, &QToolButton::toggled, m_view, &ByteView::setShowWhitespace);
    connect(m_hex, &QToolButton::toggled, m_view, &ByteView::setHexMode);
    connect(m_view, &ByteView::byteActivated, this, &RawPane::onByte);
    setContent(m_view);
}

void RawPane::evidenceChanged()
{
    const EvidencePtr &e = evidence();
    const QByteArray bytes = e && e->message ? e->message->raw() : QByteArray();
    if (bytes.constData() != m_view->bytes().constData() || bytes.size() != m_view->bytes().size())
        m_view->setBytes(bytes);
    else
        m_view->setHighlights({});
    setTitleDetail(e && e->message ? tr("%1 bytes, as stored").arg(QLocale().toString(qlonglong(bytes.size())))
                                   : QString());
    // Issue 6: bytes added after signing (body_content_appended) are shaded.
    ByteRange appended{SourceId::RawMessage, -1, 0};
    if (e && e->message && signature() >= 0 && signature() < e->result.signatures.size()) {
        const QList<ByteRange> r = ExplanationWords::appendedRanges(e->result.signatures.at(signature()));
        if (!r.isEmpty()) {
            appended = r.first();
            setTitleDetail(
                tr("%1 bytes, as stored; %2 bytes added after signing (shaded)")
                    .arg(QLocale().toString(qlonglong(bytes.size())), QLocale().toString(qlonglong(appended.length))));
        }
    }
    m_view->setShaded(appended);
}

void RawPane::applySelection(const FieldSelection &sel)
{
    m_view->setHighlights(sel.rangesIn(SourceId::RawMessage));
}

void RawPane::onByte(qsizetype offset)
{
    if (!locator())
        return;
    FieldSelection sel = locator()->fieldAt(SourceId::RawMessage, offset, signature());
    if (sel.ranges.isEmpty() && sel.label.isEmpty())
        return;
    select(sel);
}

} // namespace dkimi::ui
