#pragma once

#include "inspector_pane.h"

#include <QHash>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace dkimi::ui {

// The ARC chain (RFC 8617) forwarders sealed: the chain verdict in plain words, then one row per
// instance (who sealed it, cv=, whether its ARC-Message-Signature and ARC-Seal verify), its three
// header fields and the walk of each check. Selecting a row marks its bytes in the raw message.
class ArcPane : public InspectorPane {
    Q_OBJECT
public:
    enum Column { HopColumn, SealerColumn, CvColumn, AmsColumn, SealColumn, RecordedByColumn, ColumnCount };
    enum class Node { None, Hop, Header, Check, Step, Detail, Chain };

    explicit ArcPane(QWidget *parent = nullptr);
    QTreeWidget *tree() const { return m_tree; }
    QLabel *verdictLabel() const { return m_verdict; }
    QLabel *detailLabel() const { return m_detail; }
    QLabel *emptyLabel() const { return m_empty; }
    bool showsEmptyState() const;

    // The row of instance i (1-based), and of one of its header fields ("arc-seal", ...).
    QTreeWidgetItem *hopItem(int instance) const;
    QTreeWidgetItem *headerItem(int instance, const QByteArray &name) const;
    Node nodeOf(const QTreeWidgetItem *item) const;
    void applySelection(const FieldSelection &sel) override;

protected:
    void evidenceChanged() override;

private:
    void rebuild();
    QTreeWidgetItem *addItem(QTreeWidgetItem *parent, Node node, const QString &text, const FieldSelection &sel);
    void addSteps(QTreeWidgetItem *parent, const QList<Step> &steps, const QString &prefix);
    void onCurrent(QTreeWidgetItem *item);

    QLabel *m_icon = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_empty = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeWidget *m_tree = nullptr;
    QHash<const QTreeWidgetItem *, FieldSelection> m_selections;
    QHash<const QTreeWidgetItem *, Node> m_nodes;
    QHash<int, QTreeWidgetItem *> m_byHeader; // header index -> its row
    QHash<int, QTreeWidgetItem *> m_hops;     // instance -> its row
    EvidencePtr m_shown;
    bool m_silent = false;
};

} // namespace dkimi::ui
