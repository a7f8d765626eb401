#include "tag_table_model.h"

#include "verdict_icons.h"

#include <QFont>
#include <QFontDatabase>

namespace dkimi::ui {

TagTableModel::TagTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void TagTableModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int TagTableModel::rowOfTag(const QByteArray &tag) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).tag == tag)
            return i;
    }
    return -1;
}

int TagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TagColumn:
            return QString::fromLatin1(r.tag);
        case ValueColumn: {
            QString v = r.value;
            v.replace(QLatin1String("\r\n"), QStringLiteral(" "));
            return v.size() > 120 ? v.left(120) + QStringLiteral("…") : v;
        }
        case MeaningColumn:
            return r.meaning;
        case FindingColumn:
            return r.finding;
        default:
            return {};
        }
    case Qt::EditRole:
    case Qt::UserRole: // the full value, for copying
        return index.column() == ValueColumn ? r.value : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn)
            return r.value;
        return index.column() == FindingColumn ? r.finding : r.meaning;
    case Qt::DecorationRole:
        if (index.column() == FindingColumn && !r.finding.isEmpty())
            return VerdictIcons::icon(r.findingIsWarning ? VerdictIcons::Kind::Caveat : VerdictIcons::Kind::Info);
        return {};
    case Qt::FontRole:
        if (index.column() == TagColumn || index.column() == ValueColumn) {
            QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            f.setBold(index.column() == TagColumn);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TagColumn:
        return tr("Tag");
    case ValueColumn:
        return tr("Value");
    case MeaningColumn:
        return tr("Meaning");
    case FindingColumn:
        return tr("Notes");
    default:
        return {};
    }
}

} // namespace dkimi::ui
