#pragma once

#include "evidence_item.h"
#include "field_selection.h"

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace dkimi::ui {

class FieldLocator;

// A pane of the inspector (walk, signature, key, raw, canonical): a title bar with its toggles and a
// maximise button, and content that marks whatever is selected. Panes never talk to each other: they
// emit fieldSelected and the main window relays it to every other pane.
class InspectorPane : public QFrame {
    Q_OBJECT
public:
    InspectorPane(const QString &title, QWidget *parent = nullptr);

    void setLocator(const FieldLocator *locator) { m_locator = locator; }
    void setEvidence(const EvidencePtr &item, int signature);
    const EvidencePtr &evidence() const { return m_item; }
    int signature() const { return m_signature; }

    // Marks a selection made elsewhere. A pane ignores the selection it sent itself.
    void showSelection(const FieldSelection &sel);
    // Marks a selection even if this pane made it (after the panes were reloaded).
    virtual void applySelection(const FieldSelection &sel) = 0;

    QString title() const;
    void setTitleDetail(const QString &detail);
    QString titleDetail() const { return m_titleDetail; }
    bool isMaximized() const;
    void setMaximized(bool on);

Q_SIGNALS:
    void fieldSelected(const dkimi::ui::FieldSelection &sel);
    void maximizeRequested(bool on);

protected:
    virtual void evidenceChanged() = 0;
    // Marks sel here (expanded to every source) and tells the others.
    void select(FieldSelection sel);
    QToolButton *addToggle(const QString &text, const QString &tooltip, bool checked);
    void setContent(QWidget *content);
    const FieldLocator *locator() const { return m_locator; }
    // Makes item the tree's current row and scrolls to it; with no item, nothing is selected.
    static void showTreeItem(QTreeWidget *tree, QTreeWidgetItem *item);

private:
    const FieldLocator *m_locator = nullptr;
    EvidencePtr m_item;
    int m_signature = -1;
    QString m_title;
    QString m_titleDetail;
    QLabel *m_titleLabel = nullptr;
    QHBoxLayout *m_bar = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QToolButton *m_maximize = nullptr;
};

} // namespace dkimi::ui
