#pragma once

#include "inspector_pane.h"

class QTreeView;

namespace dkimi::ui {

class WalkModel;

// The walk: every signature's steps with their verdicts, inputs, outputs and findings. Selecting a
// node marks its bytes in every other pane.
class WalkPane : public InspectorPane {
    Q_OBJECT
public:
    explicit WalkPane(QWidget *parent = nullptr);
    QTreeView *tree() const { return m_tree; }
    WalkModel *model() const { return m_model; }
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void onCurrentChanged(const QModelIndex &current);
    QTreeView *m_tree = nullptr;
    WalkModel *m_model = nullptr;
    EvidencePtr m_shown;
    bool m_silent = false;
};

} // namespace dkimi::ui
