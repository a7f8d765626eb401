#include "verdict_banner.h"

#include "archive_reader.h"
#include "explanation_words.h"
#include "surrounding_words.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QString badgeStyle(const QPalette &pal, bool caveat)
{
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    const QColor border = caveat ? VerdictIcons::color(VerdictIcons::Kind::Caveat) : pal.color(QPalette::Mid);
    QColor bg = caveat ? VerdictIcons::color(VerdictIcons::Kind::Caveat) : pal.color(QPalette::Button);
    bg.setAlpha(caveat ? (dark ? 60 : 38) : 255);
    return QStringLiteral("QLabel { border: 1px solid %1; border-radius: 9px; padding: 1px 8px; background: %2; }")
        .arg(border.name(), bg.name(QColor::HexArgb));
}

// Secondary words in rich text: halfway between text and background, readable on light and dark.
QColor mutedColor(const QPalette &pal)
{
    const QColor t = pal.color(QPalette::Text), b = pal.color(QPalette::Base);
    return QColor((t.red() * 3 + b.red() * 2) / 5, (t.green() * 3 + b.green() * 2) / 5,
                  (t.blue() * 3 + b.blue() * 2) / 5);
}

} // namespace

VerdictBanner::VerdictBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("verdictBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 6, 8, 6);
    outer->setSpacing(4);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(4);
    outer->addLayout(m_rows);
    m_context = new QWidget(this);
    m_context->setObjectName(QStringLiteral("verdictContext"));
    auto *ch = new QHBoxLayout(m_context);
    ch->setContentsMargins(6, 0, 6, 0);
    ch->setSpacing(10);
    m_contextIcon = new QLabel(m_context);
    m_contextIcon->setFixedWidth(30); // lines up with the verdict icons above
    m_contextIcon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    ch->addWidget(m_contextIcon, 0, Qt::AlignTop);
    m_contextText = new QLabel(m_context);
    m_contextText->setObjectName(QStringLiteral("verdictContextText"));
    m_contextText->setWordWrap(true);
    m_contextText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ch->addWidget(m_contextText, 1);
    m_context->setCursor(Qt::PointingHandCursor);
    m_context->installEventFilter(this);
    m_contextText->installEventFilter(this);
    outer->addWidget(m_context);
    m_dmarc = new QWidget(this);
    m_dmarc->setObjectName(QStringLiteral("verdictDmarc"));
    auto *dh = new QHBoxLayout(m_dmarc);
    dh->setContentsMargins(6, 0, 6, 0);
    dh->setSpacing(10);
    m_dmarcIcon = new QLabel(m_dmarc);
    m_dmarcIcon->setFixedWidth(30);
    m_dmarcIcon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    dh->addWidget(m_dmarcIcon, 0, Qt::AlignTop);
    m_dmarcText = new QLabel(m_dmarc);
    m_dmarcText->setObjectName(QStringLiteral("verdictDmarcText"));
    m_dmarcText->setWordWrap(true);
    m_dmarcText->setTextFormat(Qt::RichText);
    m_dmarcText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dh->addWidget(m_dmarcText, 1);
    m_dmarc->setCursor(Qt::PointingHandCursor);
    m_dmarc->installEventFilter(this);
    m_dmarcText->installEventFilter(this);
    outer->addWidget(m_dmarc);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("verdictNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    QFont f = m_note->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    m_note->setFont(f);
    outer->addWidget(m_note);
    setEvidence({}, -1);
}

void VerdictBanner::clearRows()
{
    for (Row &r : m_items)
        delete r.frame;
    m_items.clear();
    delete m_alarm.frame;
    m_alarm = Row();
    delete m_readNote.frame;
    m_readNote = Row();
}

VerdictBanner::Row VerdictBanner::addRow(const QPixmap &icon, const QString &headline, const QString &detail,
                                         const QString &accessible)
{
    Row row;
    row.frame = new QFrame(this);
    row.frame->setObjectName(QStringLiteral("verdictRow"));
    row.frame->setFrameShape(QFrame::NoFrame);
    row.frame->setAccessibleName(accessible);
    row.frame->installEventFilter(this);
    auto *h = new QHBoxLayout(row.frame);
    h->setContentsMargins(6, 4, 6, 4);
    h->setSpacing(10);
    auto *iconLabel = new QLabel(row.frame);
    iconLabel->setPixmap(icon);
    iconLabel->setAlignment(Qt::AlignTop);
    iconLabel->setAccessibleName(accessible);
    h->addWidget(iconLabel, 0, Qt::AlignTop);
    auto *v = new QVBoxLayout;
    v->setSpacing(2);
    row.headline = new QLabel(row.frame);
    row.headline->setObjectName(QStringLiteral("verdictHeadline"));
    row.headline->setTextFormat(Qt::RichText);
    row.headline->setWordWrap(true);
    row.headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont hf = row.headline->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.25);
    row.headline->setFont(hf);
    row.headline->setText(headline);
    v->addWidget(row.headline);
    row.detail = new QLabel(row.frame);
    row.detail->setWordWrap(true);
    row.detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.detail->setText(detail);
    row.detail->setVisible(!detail.isEmpty());
    v->addWidget(row.detail);
    h->addLayout(v, 1);
    m_rows->addWidget(row.frame);
    return row;
}

void VerdictBanner::setEvidence(const EvidencePtr &item, int currentSignature)
{
    clearRows();
    m_item = item;
    m_current = currentSignature;
    const int iconSize = 30;
    const qreal dpr = devicePixelRatioF();
    m_contextText->clear();
    m_context->hide();
    m_dmarcText->clear();
    m_dmarc->hide();
    if (!item) {
        Row r = addRow(VerdictIcons::pixmap(VerdictIcons::Kind::None, iconSize, dpr),
                       tr("Open a message to see whether its signature holds"),
                       tr("File › Open, File › Open Folder, or drop files here. Keys › Load key file supplies the "
                          "domains' public keys."),
                       tr("No message"));
        m_items.append(r);
        m_note->clear();
        return;
    }
    if (item->isError()) {
        Row r = addRow(VerdictIcons::pixmap(VerdictIcons::Kind::Error, iconSize, dpr),
                       tr("This file could not be read: %1").arg(item->error.toHtmlEscaped()),
                       item->path.toHtmlEscaped(), tr("Error"));
        m_items.append(r);
        addReadNote();
        m_note->clear();
        return;
    }
    const MessageResult &res = item->result;
    if (res.signatures.isEmpty()) {
        Row r =
            addRow(VerdictIcons::pixmap(VerdictIcons::Kind::None, iconSize, dpr),
                   VerdictPresenter::noSignature().toHtmlEscaped(),
                   tr("Nothing here proves which domain sent it: anyone can write any From header."), tr("Unsigned"));
        m_items.append(r);
    }
    // Issue 6: two From headers are an alarm above every verdict.
    if (const QString alarm = ExplanationWords::twoFromAlarm(res); !alarm.isEmpty()) {
        Row r = addRow(VerdictIcons::pixmap(VerdictIcons::Kind::Fail, iconSize, dpr),
                       tr("Two From headers").toHtmlEscaped(), alarm.toHtmlEscaped(), tr("Alarm"));
        r.frame->setObjectName(QStringLiteral("verdictAlarm"));
        m_alarm = r;
    }
    for (const SignatureResult &s : res.signatures) {
        VerdictIcons::Kind kind = VerdictIcons::forResult(s.result);
        const QList<VerdictPresenter::Badge> badges = VerdictPresenter::badges(s);
        const bool caveats = VerdictPresenter::hasCaveats(s);
        if (s.result == Result::Pass && caveats)
            kind = VerdictIcons::Kind::Caveat;
        QString detail = QStringLiteral("%1 · %2").arg(VerdictPresenter::keyLine(s).toHtmlEscaped(),
                                                       VerdictPresenter::evaluationLine(res).toHtmlEscaped());
        if (res.signatures.size() > 1)
            detail = tr("Signature %1 of %2 · %3").arg(s.index + 1).arg(res.signatures.size()).arg(detail);
        Row r = addRow(VerdictIcons::pixmap(kind, iconSize, dpr), VerdictPresenter::headline(s, true), detail,
                       VerdictPresenter::resultWord(s.result));
        r.headline->setToolTip(s.detail);
        if (!badges.isEmpty()) {
            auto *bl = new QHBoxLayout;
            bl->setSpacing(6);
            bl->setContentsMargins(0, 2, 0, 0);
            for (const VerdictPresenter::Badge &b : badges) {
                auto *label = new QLabel(r.frame);
                label->setObjectName(QStringLiteral("verdictBadge"));
                label->setText((b.caveat ? QStringLiteral("⚠ ") : QStringLiteral("ℹ ")) + b.text);
                label->setToolTip(b.tooltip);
                label->setAccessibleName(b.text);
                label->setStyleSheet(badgeStyle(palette(), b.caveat));
                label->setProperty("caveat", b.caveat);
                bl->addWidget(label);
                r.badges.append(label);
            }
            bl->addStretch(1);
            auto *v = qobject_cast<QVBoxLayout *>(r.headline->parentWidget()->layout()->itemAt(1)->layout());
            if (v)
                v->addLayout(bl);
        }
        // What changed after signing (explanations) and what a valid signature proves, in plain words.
        QStringList more = ExplanationWords::sentences(s);
        for (const QString &st : s.evidenceStatements)
            more << st;
        if (!more.isEmpty()) {
            auto *label = new QLabel(r.frame);
            label->setObjectName(QStringLiteral("verdictExplanation"));
            label->setWordWrap(true);
            label->setTextInteractionFlags(Qt::TextSelectableByMouse);
            QStringList html;
            for (const QString &m : std::as_const(more))
                html << QStringLiteral("→ ") + m.toHtmlEscaped();
            label->setText(html.join(QStringLiteral("<br>")));
            if (auto *v = qobject_cast<QVBoxLayout *>(r.headline->parentWidget()->layout()->itemAt(1)->layout()))
                v->addWidget(label);
            r.explanation = label;
        }
        m_items.append(r);
    }
    // The ARC chain, in one line: forwarders that changed the message vouch for what they received.
    if (const QString arc = SurroundingWords::arcHeadline(res.arc); !arc.isEmpty()) {
        QStringList sealers;
        for (const ArcHop &h : res.arc.hops)
            sealers << QString::fromLatin1(h.sealDomain);
        m_contextIcon->setPixmap(VerdictIcons::pixmap(SurroundingWords::arcIcon(res.arc), 18, dpr));
        m_contextText->setText(sealers.isEmpty() || res.arc.result != ArcChainResult::Pass
                                   ? arc
                                   : tr("%1 (%2)").arg(arc, sealers.join(QStringLiteral(" → "))));
        m_contextText->setToolTip(tr("%1\nClick to show the ARC tab.").arg(SurroundingWords::arcDetail(res.arc)));
        m_context->setAccessibleName(arc);
        m_context->show();
    }
    // DMARC, computed now: the result in one line, then what it rests on (today's record, no SPF).
    if (res.dmarc) {
        const DmarcEvaluation &d = *res.dmarc;
        const QString headline = SurroundingWords::dmarcHeadline(d);
        const QString basis = SurroundingWords::dmarcBasis(d);
        m_dmarcIcon->setPixmap(VerdictIcons::pixmap(SurroundingWords::dmarcIcon(d), 18, dpr));
        QString dmarcHtml = headline.toHtmlEscaped();
        if (!basis.isEmpty())
            dmarcHtml += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                             .arg(mutedColor(palette()).name(), (basis + QLatin1Char('.')).toHtmlEscaped());
        m_dmarcText->setText(dmarcHtml);
        m_dmarcText->setToolTip(tr("%1\n%2\nClick to show the DMARC details in the Authentication-Results tab.")
                                    .arg(d.detail, d.caveats.join(QLatin1Char('\n'))));
        m_dmarc->setAccessibleName(headline);
        m_dmarc->show();
    }
    // After the verdicts (which come first): how the message was read, e.g. cut short by a truncated
    // archive, which would explain a failing body hash.
    addReadNote();
    m_note->setText(VerdictPresenter::whatItProves());
    updateCurrent();
}

void VerdictBanner::addReadNote()
{
    if (!m_item || m_item->notes.isEmpty())
        return;
    QStringList escaped;
    for (const QString &n : m_item->notes)
        escaped << n.toHtmlEscaped();
    m_readNote =
        addRow(VerdictIcons::pixmap(VerdictIcons::Kind::Caveat, 30, devicePixelRatioF()),
               tr("How it was read from %1").arg(ArchiveReader::label(m_item->path, m_item->location)).toHtmlEscaped(),
               escaped.join(QStringLiteral("<br>")), tr("Reading note"));
    m_readNote.frame->setObjectName(QStringLiteral("verdictReadNote"));
}

void VerdictBanner::setCurrentSignature(int signature)
{
    m_current = signature;
    updateCurrent();
}

void VerdictBanner::updateCurrent()
{
    // With several signatures, the one the panes show is tinted; a click on another row shows that one.
    const bool several = m_item && m_item->result.signatures.size() > 1;
    for (int i = 0; i < m_items.size(); ++i) {
        QFrame *f = m_items.at(i).frame;
        const bool cur = several && i == m_current;
        QPalette pal = palette();
        QColor tint = pal.color(QPalette::Highlight);
        tint.setAlpha(45);
        pal.setColor(QPalette::Window, tint);
        f->setPalette(pal);
        f->setAutoFillBackground(cur);
        f->setCursor(several ? Qt::PointingHandCursor : Qt::ArrowCursor);
        f->setToolTip(several && !cur ? tr("Click to show this signature in the panes below") : QString());
    }
}

bool VerdictBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonRelease && (watched == m_context || watched == m_contextText)) {
        Q_EMIT arcActivated();
        return QFrame::eventFilter(watched, event);
    }
    if (event->type() == QEvent::MouseButtonRelease && (watched == m_dmarc || watched == m_dmarcText)) {
        Q_EMIT dmarcActivated();
        return QFrame::eventFilter(watched, event);
    }
    if (event->type() == QEvent::MouseButtonRelease) {
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items.at(i).frame == watched && m_item && i < m_item->result.signatures.size()) {
                Q_EMIT signatureActivated(i);
                return true;
            }
        }
    }
    return QFrame::eventFilter(watched, event);
}

void VerdictBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_item)
        setEvidence(m_item, m_current);
}

int VerdictBanner::heightFor(int width) const
{
    // Labels that wrap report their height for a width; add up rows, note and margins.
    const QMargins outer = layout()->contentsMargins();
    const int inner = width - outer.left() - outer.right();
    int h = outer.top() + outer.bottom();
    auto labelHeight = [](const QLabel *l, int w) {
        if (!l || !l->isVisibleTo(l->parentWidget()) || l->text().isEmpty())
            return 0;
        const int hw = l->heightForWidth(w);
        return hw > 0 ? hw : l->sizeHint().height();
    };
    QList<Row> rows = m_items;
    if (m_alarm.frame)
        rows.prepend(m_alarm);
    if (m_readNote.frame)
        rows.append(m_readNote);
    for (const Row &r : std::as_const(rows)) {
        const int textWidth = inner - 12 - 40; // row margins, icon and spacing
        int rh = 8 + labelHeight(r.headline, textWidth) + 2 + labelHeight(r.detail, textWidth);
        if (!r.badges.isEmpty())
            rh += 4 + r.badges.first()->sizeHint().height();
        rh += r.explanation ? 2 + labelHeight(r.explanation, textWidth) : 0;
        h += rh + m_rows->spacing();
    }
    if (!m_context->isHidden())
        h += labelHeight(m_contextText, inner - 12 - 40) + 4;
    if (!m_dmarc->isHidden())
        h += labelHeight(m_dmarcText, inner - 12 - 40) + 4;
    h += labelHeight(m_note, inner) + 4;
    // The layout's own answer counts every spacing and wrapped line; take it when it needs more.
    if (layout()->hasHeightForWidth())
        h = qMax(h, layout()->totalHeightForWidth(width));
    return h;
}

QStringList VerdictBanner::headlines() const
{
    QStringList out;
    for (const Row &r : m_items) {
        QString t = r.headline->text();
        t.remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>"));
        out << t.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    }
    return out;
}

QStringList VerdictBanner::badges(int row) const
{
    QStringList out;
    if (row < 0 || row >= m_items.size())
        return out;
    for (const QLabel *b : m_items.at(row).badges)
        out << b->accessibleName();
    return out;
}

QString VerdictBanner::contextText() const
{
    return m_context->isHidden() ? QString() : m_contextText->text();
}

QString VerdictBanner::dmarcText() const
{
    return m_dmarc->isHidden() ? QString() : m_dmarc->accessibleName();
}

QString VerdictBanner::detailText(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row).detail->text() : QString();
}

} // namespace dkimi::ui
