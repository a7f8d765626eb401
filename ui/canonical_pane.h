#pragma once

#include "inspector_pane.h"

class QLabel;
class QToolButton;

namespace dkimi::ui {

class ByteView;

// What one signature actually hashed: the header hash input and the canonical body, whitespace
// visible, the bytes beyond l= shaded and counted.
class CanonicalPane : public InspectorPane {
    Q_OBJECT
public:
    explicit CanonicalPane(QWidget *parent = nullptr);
    ByteView *headerView() const { return m_headers; }
    ByteView *bodyView() const { return m_body; }
    QLabel *bodyCaption() const { return m_bodyCaption; }
    QToolButton *whitespaceToggle() const { return m_whitespace; }
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void onByte(SourceId source, qsizetype offset);
    ByteView *m_headers = nullptr;
    ByteView *m_body = nullptr;
    QLabel *m_headerCaption = nullptr;
    QLabel *m_bodyCaption = nullptr;
    QToolButton *m_whitespace = nullptr;
    QToolButton *m_hex = nullptr;
};

} // namespace dkimi::ui
