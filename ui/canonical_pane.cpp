#include "canonical_pane.h"

#include "byte_view.h"
#include "field_locator.h"
#include "whitespace_markers.h"

#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QWidget *captioned(QLabel *caption, QWidget *view, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    caption->setContentsMargins(6, 2, 6, 0);
    caption->setWordWrap(true);
    l->addWidget(caption);
    l->addWidget(view, 1);
    return w;
}

const Step *findStep(const SignatureResult &s, StepKind kind)
{
    for (const Step &st : s.steps) {
        if (st.kind == kind)
            return &st;
    }
    return nullptr;
}

} // namespace

CanonicalPane::CanonicalPane(QWidget *parent) : InspectorPane(tr("Canonicalized (hash input)"), parent)
{
    setObjectName(QStringLiteral("canonicalPane"));
    m_headers = new ByteView(SourceId::CanonHeaders, this);
    m_headers->setObjectName(QStringLiteral("canonHeaderView"));
    m_headers->setSyntax(MessageHighlighter::Syntax::HeaderInput);
    m_headers->setShowWhitespace(true);
    m_headers->setAccessibleName(tr("Header hash input"));
    m_body = new ByteView(SourceId::CanonBody, this);
    m_body->setObjectName(QStringLiteral("canonBodyView"));
    m_body->setSyntax(MessageHighlighter::Syntax::Body);
    m_body->setShowWhitespace(true);
    m_body->setAccessibleName(tr("Canonical body"));
    m_headerCaption = new QLabel(this);
    m_headerCaption->setToolTip(tr("The exact bytes hashed for the signature: each header named in h=, tidied as c= "
                                   "says, then the DKIM-Signature itself with b= emptied."));
    m_bodyCaption = new QLabel(this);
    m_bodyCaption->setObjectName(QStringLiteral("canonBodyCaption"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("canonicalSplitter"));
    split->addWidget(captioned(m_headerCaption, m_headers, split));
    split->addWidget(captioned(m_bodyCaption, m_body, split));
    split->setChildrenCollapsible(false);
    setContent(split);

    m_whitespace = addToggle(QStringLiteral("%1 %2 %3")
                                 .arg(WhitespaceMarkers::space())
                                 .arg(WhitespaceMarkers::tab())
                                 .arg(WhitespaceMarkers::crlf()),
                             tr("Show spaces, tabs, CR and LF"), true);
    m_whitespace->setObjectName(QStringLiteral("canonWhitespaceToggle"));
    m_hex = addToggle(tr("Hex"), tr("Show the bytes as a hex dump"), false);
    connect(m_whitespace, &QToolButton::toggled, this, [this](bool on) {
        m_headers->setShowWhitespace(on);
        m_body->setShowWhitespace(on);
    });
    connect(m_hex, &QToolButton::toggled, this, [this](bool on) {
        m_headers->setHexMode(on);
        m_body->setHexMode(on);
    });
    connect(m_headers, &ByteView::byteActivated, this, [this](qsizetype o) { onByte(SourceId::CanonHeaders, o); });
    connect(m_body, &ByteView::byteActivated, this, [this](qsizetype o) { onByte(SourceId::CanonBody, o); });
}

void CanonicalPane::evidenceChanged()
{
    const EvidencePtr &e = evidence();
    const int s = signature();
    const QLocale loc;
    if (!e || e->isError() || s < 0 || s >= e->result.signatures.size()) {
        m_headers->setBytes({});
        m_body->setBytes({});
        m_headerCaption->setText(tr("No signature selected: nothing was hashed."));
        m_bodyCaption->clear();
        setTitleDetail(QString());
        return;
    }
    const SignatureResult &r = e->result.signatures.at(s);
    const DkimSignature &sig = r.signature;
    setTitleDetail(tr("signature %1, c=%2/%3")
                       .arg(s + 1)
                       .arg(QString::fromLatin1(canonicalizationName(sig.headerCanon)),
                            QString::fromLatin1(canonicalizationName(sig.bodyCanon))));
    m_headers->setBytes(r.headerHashInput);
    if (r.headerHashInput.isEmpty())
        m_headerCaption->setText(tr("<b>Header hash input</b>: not computed (the check stopped earlier)."));
    else
        m_headerCaption->setText(tr("<b>Header hash input</b>: %1 bytes from %2 header fields, then this "
                                    "signature with b= emptied")
                                     .arg(loc.toString(qlonglong(r.headerHashInput.size())))
                                     .arg(r.headerUses.size() - 1));

    const Step *cb = findStep(r, StepKind::CanonicalizeBody);
    const QByteArray body = cb && cb->outputSource == SourceId::CanonBody ? cb->output : QByteArray();
    m_body->setBytes(body);
    if (!cb || cb->outputSource != SourceId::CanonBody) {
        m_bodyCaption->setText(tr("<b>Canonical body</b>: not computed (the check stopped earlier)."));
    } else if (sig.bodyLength && *sig.bodyLength < body.size()) {
        m_body->setShaded(ByteRange{SourceId::CanonBody, *sig.bodyLength, body.size() - *sig.bodyLength});
        m_bodyCaption->setText(tr("<b>Canonical body</b>: %1 bytes; l=%2 signs only the first %2. "
                                  "<b>%3 bytes not covered by the signature</b> (shaded) can say anything.")
                                   .arg(loc.toString(qlonglong(body.size())))
                                   .arg(*sig.bodyLength)
                                   .arg(loc.toString(qlonglong(body.size() - *sig.bodyLength))));
    } else {
        m_bodyCaption->setText(tr("<b>Canonical body</b>: %1 bytes, all covered by the body hash bh=")
                                   .arg(loc.toString(qlonglong(body.size()))));
    }
}

void CanonicalPane::applySelection(const FieldSelection &sel)
{
    m_headers->setHighlights(sel.rangesIn(SourceId::CanonHeaders));
    m_body->setHighlights(sel.rangesIn(SourceId::CanonBody));
}

void CanonicalPane::onByte(SourceId source, qsizetype offset)
{
    if (!locator())
        return;
    FieldSelection sel = locator()->fieldAt(source, offset, signature());
    if (sel.ranges.isEmpty() && sel.tag.isEmpty())
        return;
    sel.signature = signature();
    select(sel);
}

} // namespace dkimi::ui
