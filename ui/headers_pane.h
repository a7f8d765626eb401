#pragma once

#include "inspector_pane.h"

class QLabel;
class QTableView;

namespace dkimi::ui {

class HeaderTableModel;

// Every header of the message: instances, which one each signature covers, which one a mail client
// shows, over-signed names and important headers no signature covers. Selecting a row marks its
// instances in the raw message.
class HeadersPane : public InspectorPane {
    Q_OBJECT
public:
    explicit HeadersPane(QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    HeaderTableModel *model() const { return m_model; }
    QLabel *summary() const { return m_summary; }
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void onRow(int row);
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    HeaderTableModel *m_model = nullptr;
    bool m_silent = false;
};

} // namespace dkimi::ui
