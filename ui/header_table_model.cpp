#include "header_table_model.h"

#include "verdict_icons.h"

namespace dkimi::ui {

HeaderTableModel::HeaderTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void HeaderTableModel::setEvidence(const EvidencePtr &item)
{
    beginResetModel();
    m_item = item && !item->isError() ? item : EvidencePtr();
    endResetModel();
}

int HeaderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_item ? 0 : int(m_item->result.headers.names.size());
}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const HeaderNameInfo *HeaderTableModel::info(int row) const
{
    if (!m_item || row < 0 || row >= m_item->result.headers.names.size())
        return nullptr;
    return &m_item->result.headers.names.at(row);
}

int HeaderTableModel::rowOf(const QString &name) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (info(r)->name.compare(name, Qt::CaseInsensitive) == 0)
            return r;
    }
    return -1;
}

QString HeaderTableModel::signedText(const HeaderNameInfo &h) const
{
    // "sig 1: instance 1 of 2" for each signature whose h= picked an instance.
    QStringList parts;
    const int n = int(h.instances.size());
    for (int i = 0; i < n; ++i) {
        for (int sig : h.instances.at(i).coveredBy) {
            parts << (n > 1 ? tr("signature %1: instance %2 of %3").arg(sig + 1).arg(i + 1).arg(n)
                            : tr("signature %1").arg(sig + 1));
        }
    }
    if (parts.isEmpty())
        return tr("not signed");
    return parts.join(QStringLiteral("; "));
}

QString HeaderTableModel::notesText(const HeaderNameInfo &h) const
{
    QStringList notes;
    if (m_item && m_item->result.headers.unsignedImportant.contains(h.name))
        notes << tr("important, but no signature covers the one displayed");
    if (h.instances.size() > 1)
        notes << tr("appears %1 times").arg(h.instances.size());
    if (!h.oversignedBy.isEmpty()) {
        QStringList sigs;
        for (int s : h.oversignedBy)
            sigs << QString::number(s + 1);
        notes << tr("locked against additions by signature %1 (over-signed)").arg(sigs.join(QStringLiteral(", ")));
    }
    return notes.join(QStringLiteral(" · "));
}

bool HeaderTableModel::alarm(const HeaderNameInfo &h) const
{
    const bool unsignedImportant = m_item && m_item->result.headers.unsignedImportant.contains(h.name);
    return unsignedImportant || (h.important && h.instances.size() > 1);
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    const HeaderNameInfo *h = index.isValid() ? info(index.row()) : nullptr;
    if (!h || index.column() >= ColumnCount)
        return {};
    if (role == AlarmRole)
        return alarm(*h);
    if (role == Qt::DecorationRole && index.column() == NameColumn) {
        if (alarm(*h))
            return VerdictIcons::icon(VerdictIcons::Kind::Caveat);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == NameColumn && h->important)
        return tr("An important header: what a reader of the message sees or relies on.");
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return h->name;
    case InstancesColumn:
        return int(h->instances.size());
    case SignedColumn:
        return signedText(*h);
    case DisplayedColumn: {
        for (int i = 0; i < h->instances.size(); ++i) {
            if (h->instances.at(i).displayed) {
                if (h->instances.size() == 1)
                    return tr("yes");
                return h->instances.at(i).coveredBy.isEmpty() ? tr("instance %1 (not signed)").arg(i + 1)
                                                              : tr("instance %1").arg(i + 1);
            }
        }
        return QString();
    }
    case NotesColumn:
        return notesText(*h);
    default:
        return {};
    }
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Header");
        case InstancesColumn:
            return tr("Count");
        case SignedColumn:
            return tr("Signed by");
        case DisplayedColumn:
            return tr("Shown by mail clients");
        case NotesColumn:
            return tr("Notes");
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SignedColumn:
            return tr(
                "Which instance each signature covers: with several, the signature picks them from the bottom up.");
        case DisplayedColumn:
            return tr("Mail clients show the topmost instance of a header.");
        case NotesColumn:
            return tr("Over-signed: the signature lists the name once more than it occurs, so nothing can be added.");
        default:
            break;
        }
    }
    return {};
}

} // namespace dkimi::ui
