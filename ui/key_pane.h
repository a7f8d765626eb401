#pragma once

#include "inspector_pane.h"

class QLabel;
class QTableView;

namespace dkimi::ui {

class ByteView;
class TagTableModel;

// The key of the current signature: the record as received (TXT strings joined), its tags, key type
// and size, SHA-256 fingerprint, and where it came from (its provenance is part of the evidence).
class KeyPane : public InspectorPane {
    Q_OBJECT
public:
    explicit KeyPane(QWidget *parent = nullptr);
    QLabel *summary() const { return m_summary; }
    ByteView *recordView() const { return m_record; }
    TagTableModel *model() const { return m_model; }
    void applySelection(const FieldSelection &sel) override;

Q_SIGNALS:
    // "Key not available": the user wants to import or paste the key of this domain and selector.
    void importKeyRequested(const QString &domain, const QString &selector);

protected:
    void evidenceChanged() override;

private:
    QLabel *m_summary = nullptr;
    ByteView *m_record = nullptr;
    QTableView *m_table = nullptr;
    TagTableModel *m_model = nullptr;
    bool m_silent = false;
};

} // namespace dkimi::ui
