#pragma once

#include "evidence_item.h"
#include "field_selection.h"

#include <QAbstractItemModel>

namespace dkimi::ui {

// The walk as a tree: one node per signature (and one for message-level findings), its steps with
// a verdict icon each, and under every step its inputs, its output and its graded findings.
class WalkModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind { None, Message, Signature, Step, Input, Output, Finding, MessageFinding };
    enum Column { TitleColumn, VerdictColumn, ColumnCount };

    explicit WalkModel(QObject *parent = nullptr);

    void setEvidence(EvidencePtr item);
    const EvidencePtr &evidence() const { return m_item; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    NodeKind kind(const QModelIndex &index) const;
    int signatureOf(const QModelIndex &index) const; // -1 for message-level nodes
    int stepOf(const QModelIndex &index) const;
    // What selecting this node marks in the panes.
    FieldSelection selectionFor(const QModelIndex &index) const;
    QModelIndex signatureIndex(int signature) const;
    QModelIndex stepIndex(int signature, StepKind kind) const;
    // The node that best matches a selection made elsewhere (a tag, or a single range).
    QModelIndex indexFor(const FieldSelection &sel) const;

private:
    struct Node {
        int top = -1, step = -1, child = -1;
    };
    static quintptr pack(const Node &n);
    static Node unpack(quintptr id);
    Node node(const QModelIndex &index) const { return unpack(index.internalId()); }
    bool hasMessageNode() const;
    int topCount() const;
    const SignatureResult *signatureAtTop(int top) const;
    int outputRows(const Step &s) const { return s.output.isEmpty() ? 0 : 1; }

    EvidencePtr m_item;
};

} // namespace dkimi::ui
