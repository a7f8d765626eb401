#pragma once

#include "batch_summary.h"

#include <QWidget>

class QLabel;
class QTableWidget;

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace dkimi::ui {

// Totals over everything open: the headline a newsroom quotes ("21,075 of 71,848 messages have a
// valid DKIM signature"), results by signing domain and over time by month of the Date header.
class SummaryView : public QWidget {
    Q_OBJECT
public:
    explicit SummaryView(QWidget *parent = nullptr);
    void setSummary(const BatchSummary &summary);
    QString headline() const;
    QString archivesText() const;

private:
    QLabel *m_headline = nullptr;
    QLabel *m_archives = nullptr; // each archive with its SHA-256
    QTableWidget *m_results = nullptr;
    QChartView *m_domains = nullptr;
    QChartView *m_months = nullptr;
};

} // namespace dkimi::ui
