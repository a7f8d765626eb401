#include "summary_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLocale>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace dkimi::ui {

SummaryView::SummaryView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("summaryHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = m_headline->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_headline->setFont(f);
    layout->addWidget(m_headline);
    m_archives = new QLabel(this);
    m_archives->setObjectName(QStringLiteral("summaryArchives"));
    m_archives->setWordWrap(true);
    m_archives->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_archives->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_archives);

    // Table and both charts side by side, so the dock stays low and leaves room for the panes.
    auto *row = new QHBoxLayout;
    m_results = new QTableWidget(0, 3, this);
    m_results->setObjectName(QStringLiteral("summaryResults"));
    m_results->setHorizontalHeaderLabels({tr("Result"), tr("Messages"), tr("Share")});
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    row->addWidget(m_results);
    m_domains = new QChartView(this);
    m_domains->setObjectName(QStringLiteral("domainsChart"));
    m_domains->setRenderHint(QPainter::Antialiasing);
    m_domains->setMinimumHeight(220);
    row->addWidget(m_domains, 3);
    m_months = new QChartView(this);
    m_months->setObjectName(QStringLiteral("monthsChart"));
    m_months->setRenderHint(QPainter::Antialiasing);
    m_months->setMinimumHeight(220);
    row->addWidget(m_months, 2);
    layout->addLayout(row, 1);
    setSummary(BatchSummary());
}

QString SummaryView::headline() const
{
    return m_headline->text();
}

QString SummaryView::archivesText() const
{
    return m_archives->text();
}

namespace {

qreal stackedMax(const QList<qreal> &pass, const QList<qreal> &other)
{
    qreal max = 1;
    for (int i = 0; i < pass.size(); ++i)
        max = std::max(max, pass.at(i) + other.at(i));
    return max;
}

// Two stacked series (signature valid / not) over category labels; colour is never alone: the
// legend names each series.
QChart *stackedChart(const QString &title, const QStringList &labels, const QList<qreal> &pass,
                     const QList<qreal> &other, const QString &passName, const QString &otherName,
                     bool horizontal = false)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    auto *setPass = new QBarSet(passName);
    auto *setOther = new QBarSet(otherName);
    setPass->append(pass);
    setOther->append(other);
    setPass->setColor(QColor(0x2e, 0x7d, 0x32));
    setOther->setColor(QColor(0x9e, 0x9e, 0x9e));
    // Long domain names read best down the side: horizontal bars.
    QAbstractBarSeries *series = horizontal ? static_cast<QAbstractBarSeries *>(new QHorizontalStackedBarSeries)
                                            : static_cast<QAbstractBarSeries *>(new QStackedBarSeries);
    series->append(setPass);
    series->append(setOther);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    if (!horizontal && labels.size() > 12)
        x->setLabelsAngle(-60);
    QFont small = x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    x->setLabelsFont(small);
    // A domain name cut to "..." says nothing: down the side, the whole name is shown (Qt Charts cuts a
    // label that is taller than its share of the axis, which several domains in a short chart are).
    if (horizontal)
        x->setTruncateLabels(false);
    chart->addAxis(x, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    series->attachAxis(x);
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setRange(0, stackedMax(pass, other));
    y->applyNiceNumbers();
    chart->addAxis(y, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    return chart;
}

// The chart's bars given new counts over the same categories, in place: building a new chart (axes,
// a text item per category label, legend) for every refresh held the window 20-70 ms at a time while
// an archive loaded, several times a second. False when the chart is not one of stackedChart's or
// its categories changed: it is then built again.
bool updateStackedChart(QChart *chart, const QStringList &labels, const QList<qreal> &pass, const QList<qreal> &other,
                        bool horizontal)
{
    if (!chart || chart->series().size() != 1)
        return false;
    auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
    const QList<QAbstractAxis *> categoryAxes = chart->axes(horizontal ? Qt::Vertical : Qt::Horizontal);
    const QList<QAbstractAxis *> valueAxes = chart->axes(horizontal ? Qt::Horizontal : Qt::Vertical);
    auto *x = categoryAxes.size() == 1 ? qobject_cast<QBarCategoryAxis *>(categoryAxes.constFirst()) : nullptr;
    auto *y = valueAxes.size() == 1 ? qobject_cast<QValueAxis *>(valueAxes.constFirst()) : nullptr;
    if (!series || !x || !y || series->count() != 2 || x->categories() != labels)
        return false;
    QBarSet *setPass = series->barSets().at(0);
    QBarSet *setOther = series->barSets().at(1);
    if (setPass->count() != labels.size() || setOther->count() != labels.size())
        return false;
    for (int i = 0; i < labels.size(); ++i) {
        if (setPass->at(i) != pass.at(i))
            setPass->replace(i, pass.at(i));
        if (setOther->at(i) != other.at(i))
            setOther->replace(i, other.at(i));
    }
    y->setRange(0, stackedMax(pass, other));
    y->applyNiceNumbers();
    return true;
}

// The view shows these counts: the bars of its chart updated in place when the categories are the
// same, or a new chart.
void showStacked(QChartView *view, const QString &title, const QStringList &labels, const QList<qreal> &pass,
                 const QList<qreal> &other, bool horizontal)
{
    if (updateStackedChart(view->chart(), labels, pass, other, horizontal))
        return;
    QChart *old = view->chart();
    view->setChart(stackedChart(title, labels, pass, other, SummaryView::tr("valid signature"),
                                SummaryView::tr("no valid signature"), horizontal));
    delete old;
}

} // namespace

void SummaryView::setSummary(const BatchSummary &s)
{
    const QLocale loc;
    const qint64 pass = s.count(Result::Pass);
    const double pct = s.messages() > 0 ? 100.0 * double(pass) / double(s.messages()) : 0.0;
    m_headline->setText(tr("%1 of %2 messages have a valid DKIM signature (%3%)")
                            .arg(loc.toString(pass), loc.toString(s.messages()), loc.toString(pct, 'f', 1)));
    // What was read, so that anyone holding a copy can check it is the same (sha256sum).
    QStringList archives;
    for (const ArchiveDigest &d : s.archives())
        archives << tr("%1 · %2 messages · SHA-256 %3")
                        .arg(QFileInfo(d.file).fileName(), loc.toString(d.messages),
                             QString::fromLatin1(d.sha256.toHex()));
    m_archives->setText(archives.join(QLatin1Char('\n')));
    m_archives->setToolTip(
        s.archives().isEmpty() ? QString() : tr("The SHA-256 of each archive as read; sha256sum gives the same."));
    m_archives->setVisible(!archives.isEmpty());

    const QList<QPair<Result, QString>> rows{{Result::Pass, tr("✔ pass")},
                                             {Result::Policy, tr("⚠ valid, not to be relied on")},
                                             {Result::Fail, tr("✘ fail")},
                                             {Result::PermError, tr("? cannot be checked")},
                                             {Result::TempError, tr("⟳ key not fetched")},
                                             {Result::None, tr("– unsigned")}};
    m_results->setRowCount(int(rows.size()) + 1);
    int r = 0;
    auto put = [&](const QString &name, qint64 n) {
        m_results->setItem(r, 0, new QTableWidgetItem(name));
        auto *count = new QTableWidgetItem(loc.toString(n));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_results->setItem(r, 1, count);
        auto *share = new QTableWidgetItem(
            s.messages() > 0 ? loc.toString(100.0 * double(n) / double(s.messages()), 'f', 1) + QLatin1Char('%')
                             : QString());
        share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_results->setItem(r, 2, share);
        ++r;
    };
    for (const auto &[res, name] : rows)
        put(name, s.count(res));
    put(tr("! unreadable"), s.unreadable());
    m_results->resizeColumnsToContents();
    m_results->setFixedWidth(m_results->horizontalHeader()->length() + 2 * m_results->frameWidth() + 2);

    // Top signing domains.
    QList<QPair<QString, BatchSummary::Count>> domains;
    for (auto it = s.byDomain().cbegin(); it != s.byDomain().cend(); ++it)
        domains.append({it.key(), it.value()});
    std::sort(domains.begin(), domains.end(),
              [](const auto &a, const auto &b) { return a.second.messages > b.second.messages; });
    if (domains.size() > 12)
        domains.resize(12);
    std::reverse(domains.begin(), domains.end()); // horizontal bars are drawn bottom up: largest on top
    QStringList labels;
    QList<qreal> p, o;
    for (const auto &[d, c] : std::as_const(domains)) {
        labels << d;
        p << qreal(c.pass);
        o << qreal(c.messages - c.pass);
    }
    showStacked(m_domains, tr("Messages by signing domain"), labels, p, o, true);

    labels.clear();
    p.clear();
    o.clear();
    for (auto it = s.byMonth().cbegin(); it != s.byMonth().cend(); ++it) {
        labels << it.key();
        p << qreal(it.value().pass);
        o << qreal(it.value().messages - it.value().pass);
    }
    showStacked(m_months, tr("Messages by month of the Date header"), labels, p, o, false);
}

} // namespace dkimi::ui
