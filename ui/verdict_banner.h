#pragma once

#include "evidence_item.h"

#include <QFrame>
#include <QList>

class QLabel;
class QVBoxLayout;

namespace dkimi::ui {

// The verdict at the top of a message, in words a reporter can quote: one row per signature (never
// only the best one), each with its icon, headline, key and evaluation time, and caveat badges.
class VerdictBanner : public QFrame {
    Q_OBJECT
public:
    explicit VerdictBanner(QWidget *parent = nullptr);

    void setEvidence(const EvidencePtr &item, int currentSignature);
    void setCurrentSignature(int signature);

    // For tests and accessibility: the headline of each row, and the badges of one row.
    QStringList headlines() const;
    QStringList badges(int row) const;
    QString detailText(int row) const;
    // The line about the evidence around the signatures (the ARC chain); empty when there is none.
    QString contextText() const;
    // The DMARC line (computed now, with today's record); empty when not evaluated.
    QString dmarcText() const;
    // The height that shows every row at this width (word-wrapped labels included).
    int heightFor(int width) const;

Q_SIGNALS:
    void signatureActivated(int signature);
    // The ARC line was clicked: show the ARC tab.
    void arcActivated();
    // The DMARC line was clicked: show the DMARC details (Authentication-Results tab).
    void dmarcActivated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        QFrame *frame = nullptr;
        QLabel *headline = nullptr;
        QLabel *detail = nullptr;
        QList<QLabel *> badges;
        QLabel *explanation = nullptr; // what changed after signing, what the signature proves
    };
    void clearRows();
    Row addRow(const QPixmap &icon, const QString &headline, const QString &detail, const QString &accessible);
    void updateCurrent();
    void addReadNote();

    QVBoxLayout *m_rows = nullptr;
    QLabel *m_note = nullptr;
    QWidget *m_context = nullptr; // icon and words: the ARC chain
    QLabel *m_contextIcon = nullptr;
    QLabel *m_contextText = nullptr;
    QWidget *m_dmarc = nullptr; // icon and words: the DMARC result
    QLabel *m_dmarcIcon = nullptr;
    QLabel *m_dmarcText = nullptr;
    QList<Row> m_items;
    Row m_alarm;    // two From headers (not a signature row)
    Row m_readNote; // how the message was read from its archive, e.g. it may be truncated
    EvidencePtr m_item;
    int m_current = -1;
};

} // namespace dkimi::ui
