#include "message_list_model.h"

#include "archive_reader.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

#include <QFileInfo>

namespace dkimi::ui {

namespace {

QStringList uniqueSignatureValues(const EvidenceRow &r, bool domain)
{
    QStringList out;
    for (const RowSignature &s : r.signatures) {
        const QString v = QString::fromLatin1(domain ? s.domain : s.selector);
        if (!v.isEmpty() && !out.contains(v))
            out << v;
    }
    return out;
}

// Beyond this many distinct values a pool stops growing: such values do not repeat enough to share.
constexpr qsizetype MaxPooled = 4096;

} // namespace

MessageListModel::MessageListModel(QObject *parent) : QAbstractTableModel(parent) {}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

MessageListModel::Category MessageListModel::category(const EvidenceRow &r)
{
    if (r.isError())
        return Category::Error;
    switch (r.result) {
    case Result::Pass:
        for (const RowSignature &s : r.signatures) {
            if (s.result == Result::Pass && !s.caveats)
                return Category::Pass;
        }
        return Category::Caveats;
    case Result::Policy:
        return Category::Caveats;
    case Result::Fail:
        return Category::Fail;
    case Result::PermError:
    case Result::TempError:
        return Category::CannotCheck;
    case Result::None:
        return Category::Unsigned;
    }
    return Category::Unsigned;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const EvidenceRow &e = *m_rows.at(index.row());
    const int col = index.column();

    if (role == ResultCategoryRole)
        return int(category(e));
    if (role == SearchTextRole)
        return QStringList{e.from,
                           e.subject,
                           ArchiveReader::label(e),
                           uniqueSignatureValues(e, true).join(u' '),
                           uniqueSignatureValues(e, false).join(u' '),
                           VerdictPresenter::resultWord(e),
                           e.error}
            .join(u'\n');

    if (role == Qt::DecorationRole && col == IconColumn) {
        if (e.isError())
            return VerdictIcons::icon(VerdictIcons::Kind::Error);
        if (category(e) == Category::Caveats)
            return VerdictIcons::icon(VerdictIcons::Kind::Caveat);
        return VerdictIcons::icon(VerdictIcons::forResult(e.result));
    }
    if (role == Qt::ToolTipRole) {
        const QString where = ArchiveReader::inContainer(e) ? e.location.describe() : e.path;
        if (e.isError())
            return tr("%1\nCould not be read: %2").arg(where, e.error);
        QStringList lines{where};
        if (e.signatures.isEmpty())
            lines << VerdictPresenter::noSignature();
        for (const RowSignature &s : e.signatures)
            lines << s.headline;
        return lines.join(u'\n');
    }
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::AccessibleTextRole) {
        switch (col) {
        case IconColumn:
            if (role == SortRole)
                return int(category(e));
            return role == Qt::AccessibleTextRole ? QVariant(VerdictPresenter::resultWord(e)) : QVariant();
        case FromColumn:
            if (e.isError())
                return QFileInfo(e.path).fileName();
            return e.from.isEmpty() ? tr("(no From)") : e.from;
        case SubjectColumn:
            if (e.isError())
                return tr("could not be read: %1").arg(e.error);
            return e.subject.isEmpty() ? tr("(no Subject)") : e.subject;
        case DateColumn:
            if (role == SortRole)
                return e.date;
            return e.date.isValid() ? e.date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : e.dateText;
        case DomainColumn:
            return uniqueSignatureValues(e, true).join(QStringLiteral(", "));
        case SelectorColumn:
            return uniqueSignatureValues(e, false).join(QStringLiteral(", "));
        case ResultColumn:
            if (role == SortRole)
                return int(category(e));
            return VerdictPresenter::resultWord(e);
        case FileColumn:
            // Inside an mbox: "archive.mbox #12", sorted by the number, not as text.
            if (role == SortRole && ArchiveReader::inContainer(e))
                return QStringLiteral("%1 #%2")
                    .arg(QFileInfo(e.path).fileName())
                    .arg(e.location.index, 12, 10, QLatin1Char('0'));
            return ArchiveReader::label(e);
        default:
            break;
        }
    }
    return {};
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IconColumn:
            return QString();
        case FromColumn:
            return tr("From");
        case SubjectColumn:
            return tr("Subject");
        case DateColumn:
            return tr("Date");
        case DomainColumn:
            return tr("Signed by");
        case SelectorColumn:
            return tr("Selector");
        case ResultColumn:
            return tr("Result");
        case FileColumn:
            return tr("File");
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IconColumn:
            return tr("Verdict");
        case DomainColumn:
            return tr("Signing domain (d=): the domain that vouches for the message.");
        case SelectorColumn:
            return tr("Selector (s=): which of the domain's keys was used; the key lives at "
                      "selector._domainkey.domain.");
        case DateColumn:
            return tr("The Date header, in UTC");
        default:
            break;
        }
    }
    return {};
}

template <typename T> T MessageListModel::shared(QSet<T> &pool, const T &value)
{
    if (value.isEmpty())
        return value;
    const auto it = pool.constFind(value);
    if (it != pool.cend())
        return *it;
    if (pool.size() < MaxPooled)
        pool.insert(value);
    return value;
}

RowPtr MessageListModel::adopt(const EvidenceRow &r, quint64 id)
{
    auto copy = std::make_shared<EvidenceRow>(r);
    copy->id = id;
    if (copy->full && copy->full->id != id) {
        // The kept item is what gets shown: it carries its row's id.
        auto full = std::make_shared<EvidenceItem>(*copy->full);
        full->id = id;
        copy->full = full;
    }
    for (RowSignature &s : copy->signatures) {
        s.domain = shared(m_bytesPool, s.domain);
        s.selector = shared(m_bytesPool, s.selector);
        s.reason = shared(m_textPool, s.reason);
        s.headline = shared(m_textPool, s.headline);
    }
    return copy;
}

void MessageListModel::addOrUpdate(const QList<RowPtr> &rows)
{
    QList<RowPtr> fresh;
    for (const RowPtr &p : rows) {
        const int row = p->id ? m_rowOfId.value(p->id, -1) : -1;
        if (row >= 0) {
            m_rows[row] = adopt(*p, p->id);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            fresh.append(adopt(*p, m_nextId++));
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const RowPtr &p : std::as_const(fresh)) {
        m_rowOfId.insert(p->id, int(m_rows.size()));
        m_rows.append(p);
    }
    endInsertRows();
}

void MessageListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    m_bytesPool.clear();
    m_textPool.clear();
    endResetModel();
}

RowPtr MessageListModel::row(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : RowPtr();
}

int MessageListModel::rowOf(quint64 id) const
{
    return m_rowOfId.value(id, -1);
}

} // namespace dkimi::ui
