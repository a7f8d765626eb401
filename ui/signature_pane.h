#pragma once

#include "inspector_pane.h"

class QLabel;
class QTableView;

namespace dkimi::ui {

class TagTableModel;

// The DKIM-Signature of the current signature as a table of tags with their meaning in plain words,
// and which headers it covers.
class SignaturePane : public InspectorPane {
    Q_OBJECT
public:
    explicit SignaturePane(QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    TagTableModel *model() const { return m_model; }
    QLabel *coverage() const { return m_coverage; }
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    QTableView *m_table = nullptr;
    TagTableModel *m_model = nullptr;
    QLabel *m_coverage = nullptr;
    bool m_silent = false;
};

} // namespace dkimi::ui
