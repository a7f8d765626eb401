#include "walk_pane.h"

#include "copy_support.h"
#include "walk_model.h"

#include <QHeaderView>
#include <QTreeView>

namespace dkimi::ui {

WalkPane::WalkPane(QWidget *parent) : InspectorPane(tr("Walk"), parent)
{
    setObjectName(QStringLiteral("walkPane"));
    m_model = new WalkModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("walkTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setAccessibleName(tr("Verification steps"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(WalkModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(WalkModel::VerdictColumn, QHeaderView::ResizeToContents);
    CopySupport::install(m_tree);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &cur) { onCurrentChanged(cur); });
    setContent(m_tree);
    setTitleDetail(tr("each step of the check"));
}

void WalkPane::evidenceChanged()
{
    // The tree holds every signature: rebuild it only when another message (or a re-verification) arrives.
    if (evidence() == m_shown) {
        const QModelIndex sig = m_model->signatureIndex(signature());
        if (sig.isValid() && m_model->signatureOf(m_tree->currentIndex()) != signature()) {
            m_silent = true;
            m_tree->setCurrentIndex(sig);
            m_silent = false;
        }
        return;
    }
    m_shown = evidence();
    m_silent = true;
    m_model->setEvidence(evidence());
    for (int r = 0; r < m_model->rowCount(); ++r)
        m_tree->expand(m_model->index(r, 0));
    m_silent = false;
}

void WalkPane::applySelection(const FieldSelection &sel)
{
    const QModelIndex idx = m_model->indexFor(sel);
    m_silent = true;
    if (idx.isValid()) {
        m_tree->setCurrentIndex(idx);
        m_tree->scrollTo(idx);
    } else if (sel.origin != this) {
        m_tree->selectionModel()->clearCurrentIndex();
        m_tree->selectionModel()->clearSelection();
    }
    m_silent = false;
}

void WalkPane::onCurrentChanged(const QModelIndex &current)
{
    if (m_silent || !current.isValid())
        return;
    select(m_model->selectionFor(current));
}

} // namespace dkimi::ui
