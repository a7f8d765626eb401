#pragma once

#include "inspector_pane.h"

#include <QHash>
#include <QStringList>

class QLabel;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace dkimi::ui {

class DmarcView;

// What receiving servers recorded (RFC 8601 Authentication-Results, and the ARC-Authentication-Results
// of each ARC set): one row per header, top to bottom, with the server, its place among the Received
// hops and whether the user trusts it; under it each method=result with its properties, and for each
// dkim= result which of our signatures it speaks about and whether we agree now. Selecting a row marks
// the header's (or the result's) bytes in the raw message.
class AuthResultsPane : public InspectorPane {
    Q_OBJECT
public:
    enum Column { ServerColumn, HeaderColumn, PositionColumn, TrustColumn, CheckColumn, ColumnCount };
    enum class Node { None, Header, Method, Disagreement, Remark };
    static constexpr int DisagreesRole = Qt::UserRole + 1; // bool, on method and disagreement rows

    explicit AuthResultsPane(QWidget *parent = nullptr);
    QTreeWidget *tree() const { return m_tree; }
    QLabel *note() const { return m_note; }
    QLabel *summary() const { return m_summary; }
    QLabel *emptyLabel() const { return m_empty; }
    QToolButton *trustButton() const { return m_trust; }
    // The message's DMARC result in detail, beside the headers (computed now, with today's record).
    DmarcView *dmarcView() const { return m_dmarc; }
    bool showsEmptyState() const;

    // The servers whose results the user trusts (shown in the note; the verifier gets them too).
    void setTrustedServers(const QStringList &ids);
    const QStringList &trustedServers() const { return m_trusted; }

    // The row of the i-th header of MessageResult::authenticationResults.
    QTreeWidgetItem *headerItem(int arIndex) const;
    Node nodeOf(const QTreeWidgetItem *item) const;
    void applySelection(const FieldSelection &sel) override;

Q_SIGNALS:
    void editTrustedServers();

protected:
    void evidenceChanged() override;

private:
    void rebuild();
    void updateNote();
    bool isTrusted(const QByteArray &authservId) const;
    QTreeWidgetItem *addItem(QTreeWidgetItem *parent, Node node, const FieldSelection &sel);

    QLabel *m_note = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_empty = nullptr;
    QToolButton *m_trust = nullptr;
    QStackedWidget *m_stack = nullptr;
    DmarcView *m_dmarc = nullptr;
    QTreeWidget *m_tree = nullptr;
    QStringList m_trusted;
    QHash<const QTreeWidgetItem *, FieldSelection> m_selections;
    QHash<const QTreeWidgetItem *, Node> m_nodes;
    QList<QTreeWidgetItem *> m_headers; // by index into MessageResult::authenticationResults
    QHash<int, QTreeWidgetItem *> m_byHeader;
    EvidencePtr m_shown;
    bool m_silent = false;
};

} // namespace dkimi::ui
