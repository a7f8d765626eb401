#include "inspector_pane.h"

#include "field_locator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dkimi::ui {

InspectorPane::InspectorPane(const QString &title, QWidget *parent) : QFrame(parent), m_title(title)
{
    setFrameShape(QFrame::NoFrame);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("paneTitleBar"));
    bar->setAutoFillBackground(true);
    bar->setBackgroundRole(QPalette::Window);
    m_bar = new QHBoxLayout(bar);
    m_bar->setContentsMargins(6, 2, 2, 2);
    m_bar->setSpacing(4);
    m_titleLabel = new QLabel(bar);
    m_titleLabel->setTextFormat(Qt::RichText);
    m_bar->addWidget(m_titleLabel, 1);
    m_maximize = new QToolButton(bar);
    m_maximize->setAutoRaise(true);
    m_maximize->setObjectName(QStringLiteral("maximizeButton"));
    m_maximize->setCheckable(true);
    m_maximize->setIcon(style()->standardIcon(QStyle::SP_TitleBarMaxButton));
    m_maximize->setToolTip(tr("Maximise this pane (again to restore)"));
    m_maximize->setAccessibleName(tr("Maximise %1").arg(title));
    connect(m_maximize, &QToolButton::toggled, this, [this](bool on) {
        m_maximize->setIcon(style()->standardIcon(on ? QStyle::SP_TitleBarNormalButton : QStyle::SP_TitleBarMaxButton));
        Q_EMIT maximizeRequested(on);
    });
    m_bar->addWidget(m_maximize);
    m_layout->addWidget(bar);
    setTitleDetail(QString());
}

QString InspectorPane::title() const
{
    return m_title;
}

void InspectorPane::setTitleDetail(const QString &detail)
{
    m_titleDetail = detail;
    m_titleLabel->setText(detail.isEmpty() ? QStringLiteral("<b>%1</b>").arg(m_title.toHtmlEscaped())
                                           : QStringLiteral("<b>%1</b> &nbsp;<span style=\"color:%3\">%2</span>")
                                                 .arg(m_title.toHtmlEscaped(), detail.toHtmlEscaped(),
                                                      palette().color(QPalette::Disabled, QPalette::Text).name()));
}

bool InspectorPane::isMaximized() const
{
    return m_maximize->isChecked();
}

void InspectorPane::setMaximized(bool on)
{
    m_maximize->setChecked(on);
}

QToolButton *InspectorPane::addToggle(const QString &text, const QString &tooltip, bool checked)
{
    auto *b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tooltip);
    b->setCheckable(true);
    b->setChecked(checked);
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_bar->insertWidget(m_bar->count() - 1, b);
    return b;
}

void InspectorPane::setContent(QWidget *content)
{
    m_layout->addWidget(content, 1);
}

void InspectorPane::setEvidence(const EvidencePtr &item, int signature)
{
    m_item = item;
    m_signature = signature;
    evidenceChanged();
}

void InspectorPane::showSelection(const FieldSelection &sel)
{
    if (sel.origin == this)
        return;
    applySelection(sel);
}

void InspectorPane::select(FieldSelection sel)
{
    sel.origin = this;
    if (sel.signature < 0)
        sel.signature = m_signature;
    if (m_locator)
        sel.ranges = m_locator->expand(sel.ranges, sel.signature);
    applySelection(sel);
    Q_EMIT fieldSelected(sel);
}

void InspectorPane::showTreeItem(QTreeWidget *tree, QTreeWidgetItem *item)
{
    if (item) {
        tree->setCurrentItem(item);
        tree->scrollToItem(item);
    } else {
        tree->setCurrentItem(nullptr);
        tree->clearSelection();
    }
}

} // namespace dkimi::ui
