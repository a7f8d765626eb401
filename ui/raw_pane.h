#pragma once

#include "inspector_pane.h"

class QToolButton;

namespace dkimi::ui {

class ByteView;

// The message file exactly as stored, with line numbers, header and tag highlighting, optional
// whitespace markers and a hex view. A click on a byte selects the field it belongs to.
class RawPane : public InspectorPane {
    Q_OBJECT
public:
    explicit RawPane(QWidget *parent = nullptr);
    ByteView *view() const { return m_view; }
    QToolButton *whitespaceToggle() const { return m_whitespace; }
    QToolButton *hexToggle() const { return m_hex; }
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void onByte(qsizetype offset);
    ByteView *m_view = nullptr;
    QToolButton *m_whitespace = nullptr;
    QToolButton *m_hex = nullptr;
};

} // namespace dkimi::ui
