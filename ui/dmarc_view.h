#pragma once

#include "field_selection.h"
#include "verification_result.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace dkimi {
class Message;
}

namespace dkimi::ui {

// The message's DMARC result (MessageResult::dmarc, docs/dmarc.md) in detail: the result and why,
// the record and where it was found, where it came from (key file or DNS, DNSSEC), the policy, the
// DKIM and SPF sides, every name looked up, the record's remarks and what the result does not prove.
// Computed now with today's record; SPF is only what a trusted server recorded. Selecting the From
// domain or the SPF side marks the header it comes from.
class DmarcView : public QWidget {
    Q_OBJECT
public:
    enum class Row { None, Result, FromDomain, Record, FoundAt, Source, Policy, Dkim, Spf, Lookup, Remark, Caveat };

    explicit DmarcView(QWidget *parent = nullptr);
    // m must be the message r was computed from (nullptr with r: no byte links).
    void setResult(const MessageResult *r, const Message *m);

    QLabel *headline() const { return m_headline; }
    QTreeWidget *tree() const { return m_tree; }
    QTreeWidgetItem *item(Row row) const; // the first of that kind
    QList<QTreeWidgetItem *> items(Row row) const;
    Row rowOf(const QTreeWidgetItem *item) const { return m_rows.value(item, Row::None); }
    void clearCurrent();

Q_SIGNALS:
    void fieldSelected(const dkimi::ui::FieldSelection &sel);

private:
    QTreeWidgetItem *add(QTreeWidgetItem *parent, Row row, const QString &what, const QString &value,
                         const FieldSelection &sel = {});

    QLabel *m_icon = nullptr;
    QLabel *m_headline = nullptr;
    QTreeWidget *m_tree = nullptr;
    QHash<const QTreeWidgetItem *, Row> m_rows;
    QHash<const QTreeWidgetItem *, FieldSelection> m_selections;
    bool m_silent = false;
};

} // namespace dkimi::ui
