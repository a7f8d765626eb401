#include "message_list_model.h"

#include "archive_reader.h"
#include "verdict_icons.h"
#include "verdict_presenter.h"

#include <QFileInfo>
#include <QSet>

namespace dkimi::ui {

namespace {

QStringList uniqueSignatureValues(const EvidenceItem &e, bool domain)
{
    QStringList out;
    for (const SignatureResult &s : e.result.signatures) {
        const QString v = QString::fromLatin1(domain ? s.signature.domain : s.signature.selector);
        if (!v.isEmpty() && !out.contains(v))
            out << v;
    }
    return out;
}

} // namespace

MessageListModel::MessageListModel(QObject *parent) : QAbstractTableModel(parent) {}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

MessageListModel::Category MessageListModel::category(const EvidenceItem &e)
{
    if (e.isError())
        return Category::Error;
    switch (e.result.result) {
    case Result::Pass:
        for (const SignatureResult &s : e.result.signatures) {
            if (s.result == Result::Pass && !VerdictPresenter::hasCaveats(s))
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
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const EvidenceItem &e = *m_items.at(index.row());
    const QString fileName = QFileInfo(e.path).fileName();
    const int col = index.column();

    if (role == ResultCategoryRole)
        return int(category(e));
    if (role == SearchTextRole)
        return QStringList{e.mime.from,
                           e.mime.subject,
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
        return VerdictIcons::icon(VerdictIcons::forResult(e.result.result));
    }
    if (role == Qt::ToolTipRole) {
        const QString where = ArchiveReader::inContainer(e) ? e.location.describe() : e.path;
        if (e.isError())
            return tr("%1\nCould not be read: %2").arg(where, e.error);
        QStringList lines{where};
        if (e.result.signatures.isEmpty())
            lines << VerdictPresenter::noSignature();
        for (const SignatureResult &s : e.result.signatures)
            lines << VerdictPresenter::headline(s);
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
                return fileName;
            return e.mime.from.isEmpty() ? tr("(no From)") : e.mime.from;
        case SubjectColumn:
            if (e.isError())
                return tr("could not be read: %1").arg(e.error);
            return e.mime.subject.isEmpty() ? tr("(no Subject)") : e.mime.subject;
        case DateColumn:
            if (role == SortRole)
                return e.mime.date;
            return e.mime.date.isValid() ? e.mime.date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                         : e.mime.dateText;
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
                return QStringLiteral("%1 #%2").arg(fileName).arg(e.location.index, 12, 10, QLatin1Char('0'));
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

void MessageListModel::addOrUpdate(const QList<EvidencePtr> &items)
{
    QList<EvidencePtr> fresh;
    for (const EvidencePtr &p : items) {
        const int row = p->id ? m_rowOfId.value(p->id, -1) : -1;
        if (row >= 0) {
            m_items[row] = p;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            auto copy = std::make_shared<EvidenceItem>(*p);
            copy->id = m_nextId++;
            fresh.append(copy);
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_items.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const EvidencePtr &p : std::as_const(fresh)) {
        m_rowOfId.insert(p->id, int(m_items.size()));
        m_items.append(p);
    }
    endInsertRows();
}

void MessageListModel::clear()
{
    beginResetModel();
    m_items.clear();
    m_rowOfId.clear();
    endResetModel();
}

EvidencePtr MessageListModel::item(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : EvidencePtr();
}

int MessageListModel::rowOf(quint64 id) const
{
    return m_rowOfId.value(id, -1);
}

} // namespace dkimi::ui
