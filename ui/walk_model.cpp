#include "walk_model.h"

#include "verdict_icons.h"
#include "verdict_presenter.h"
#include "whitespace_markers.h"

#include <QFont>

namespace dkimi::ui {

namespace {

QString elide(const QString &s, int max = 160)
{
    QString one = s;
    one.replace(QLatin1String("\r\n"), WhitespaceMarkers::crlf());
    one.replace(u'\n', u' ');
    return one.size() > max ? one.left(max) + QStringLiteral("…") : one;
}

QString outputText(const Step &st)
{
    switch (st.outputSource) {
    case SourceId::CanonHeaders:
        return WalkModel::tr("output: %n bytes of header hash input (see Canonicalized)", nullptr,
                             int(st.output.size()));
    case SourceId::CanonBody:
        return WalkModel::tr("output: %n bytes of canonical body (see Canonicalized)", nullptr, int(st.output.size()));
    case SourceId::KeyRecord:
        return WalkModel::tr("output: the key record (see Key)");
    case SourceId::RawMessage:
        break;
    }
    if (st.kind == StepKind::BodyHash)
        return WalkModel::tr("output: body hash %1 (base64)").arg(QString::fromLatin1(st.output.toBase64()));
    if (st.kind == StepKind::HeaderHash)
        return WalkModel::tr("output: header hash %1 (hex)").arg(QString::fromLatin1(st.output.toHex()));
    if (st.kind == StepKind::ParseKey)
        return WalkModel::tr("output: %n bytes of public key data", nullptr, int(st.output.size()));
    if (st.kind == StepKind::LocateSignature)
        return WalkModel::tr("output: the DKIM-Signature header field, %n bytes", nullptr, int(st.output.size()));
    return WalkModel::tr("output: %n bytes", nullptr, int(st.output.size()));
}

} // namespace

WalkModel::WalkModel(QObject *parent) : QAbstractItemModel(parent) {}

void WalkModel::setEvidence(EvidencePtr item)
{
    beginResetModel();
    m_item = std::move(item);
    endResetModel();
}

quintptr WalkModel::pack(const Node &n)
{
    return (quintptr(n.top + 1) << 40) | (quintptr(n.step + 1) << 20) | quintptr(n.child + 1);
}

WalkModel::Node WalkModel::unpack(quintptr id)
{
    Node n;
    n.top = int((id >> 40) & 0xFFFFF) - 1;
    n.step = int((id >> 20) & 0xFFFFF) - 1;
    n.child = int(id & 0xFFFFF) - 1;
    return n;
}

bool WalkModel::hasMessageNode() const
{
    return m_item && !m_item->isError() && !m_item->result.findings.isEmpty();
}

int WalkModel::topCount() const
{
    if (!m_item || m_item->isError())
        return 0;
    return int(m_item->result.signatures.size()) + (hasMessageNode() ? 1 : 0);
}

const SignatureResult *WalkModel::signatureAtTop(int top) const
{
    if (!m_item)
        return nullptr;
    const int s = top - (hasMessageNode() ? 1 : 0);
    if (s < 0 || s >= m_item->result.signatures.size())
        return nullptr;
    return &m_item->result.signatures.at(s);
}

WalkModel::NodeKind WalkModel::kind(const QModelIndex &index) const
{
    if (!index.isValid())
        return NodeKind::None;
    const Node n = node(index);
    const bool msg = hasMessageNode() && n.top == 0;
    if (n.step < 0)
        return msg ? NodeKind::Message : NodeKind::Signature;
    if (msg)
        return NodeKind::MessageFinding;
    if (n.child < 0)
        return NodeKind::Step;
    const SignatureResult *s = signatureAtTop(n.top);
    if (!s || n.step >= s->steps.size())
        return NodeKind::None;
    const Step &st = s->steps.at(n.step);
    if (n.child < st.inputs.size())
        return NodeKind::Input;
    if (n.child < st.inputs.size() + outputRows(st))
        return NodeKind::Output;
    return NodeKind::Finding;
}

int WalkModel::signatureOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return -1;
    const Node n = node(index);
    if (hasMessageNode() && n.top == 0)
        return -1;
    return n.top - (hasMessageNode() ? 1 : 0);
}

int WalkModel::stepOf(const QModelIndex &index) const
{
    const NodeKind k = kind(index);
    return k == NodeKind::Step || k == NodeKind::Input || k == NodeKind::Output || k == NodeKind::Finding
               ? node(index).step
               : -1;
}

QModelIndex WalkModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    Node n;
    if (!parent.isValid()) {
        n.top = row;
    } else {
        const Node p = node(parent);
        n = p;
        if (p.step < 0)
            n.step = row;
        else
            n.child = row;
    }
    return createIndex(row, column, pack(n));
}

QModelIndex WalkModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node n = node(child);
    if (n.step < 0)
        return {};
    if (n.child < 0) {
        Node p{n.top, -1, -1};
        return createIndex(n.top, 0, pack(p));
    }
    Node p{n.top, n.step, -1};
    return createIndex(n.step, 0, pack(p));
}

int WalkModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return topCount();
    if (parent.column() != 0)
        return 0;
    const Node n = node(parent);
    const bool msg = hasMessageNode() && n.top == 0;
    if (n.step < 0) {
        if (msg)
            return int(m_item->result.findings.size());
        const SignatureResult *s = signatureAtTop(n.top);
        return s ? int(s->steps.size()) : 0;
    }
    if (msg || n.child >= 0)
        return 0;
    const SignatureResult *s = signatureAtTop(n.top);
    if (!s || n.step >= s->steps.size())
        return 0;
    const Step &st = s->steps.at(n.step);
    return int(st.inputs.size()) + outputRows(st) + int(st.findings.size());
}

int WalkModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant WalkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == TitleColumn ? tr("Step") : tr("Result");
    return {};
}

QVariant WalkModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_item)
        return {};
    const Node n = node(index);
    const int col = index.column();
    const NodeKind k = kind(index);

    if (k == NodeKind::Message) {
        if (role == Qt::DisplayRole)
            return col == TitleColumn ? tr("Message file")
                                      : tr("%n remarks", nullptr, int(m_item->result.findings.size()));
        if (role == Qt::DecorationRole && col == TitleColumn)
            return VerdictIcons::icon(VerdictIcons::Kind::Note);
        return {};
    }
    if (k == NodeKind::MessageFinding) {
        const Finding &f = m_item->result.findings.at(n.step);
        if (role == Qt::DisplayRole)
            return col == TitleColumn ? elide(f.message, 400) : VerdictPresenter::severityWord(f.severity);
        if (role == Qt::ToolTipRole)
            return f.message;
        if (role == Qt::DecorationRole && col == TitleColumn)
            return VerdictIcons::icon(VerdictIcons::forSeverity(f.severity));
        return {};
    }
    const SignatureResult *s = signatureAtTop(n.top);
    if (!s)
        return {};
    if (k == NodeKind::Signature) {
        if (role == Qt::DisplayRole) {
            if (col == VerdictColumn)
                return VerdictPresenter::resultWord(s->result);
            return tr("Signature %1  d=%2  s=%3  %4")
                .arg(s->index + 1)
                .arg(QString::fromLatin1(s->signature.domain), QString::fromLatin1(s->signature.selector),
                     QString::fromLatin1(s->signature.algorithmText));
        }
        if (role == Qt::DecorationRole && col == TitleColumn)
            return VerdictIcons::icon(s->result == Result::Pass && VerdictPresenter::hasCaveats(*s)
                                          ? VerdictIcons::Kind::Caveat
                                          : VerdictIcons::forResult(s->result));
        if (role == Qt::ToolTipRole)
            return VerdictPresenter::headline(*s);
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    const Step &st = s->steps.at(n.step);
    if (k == NodeKind::Step) {
        if (role == Qt::DisplayRole) {
            if (col == VerdictColumn)
                return VerdictPresenter::verdictWord(st.verdict);
            return VerdictPresenter::stepTitle(st, *s);
        }
        if (role == Qt::DecorationRole && col == TitleColumn)
            return VerdictIcons::icon(VerdictIcons::forVerdict(st.verdict));
        if (role == Qt::ToolTipRole)
            return VerdictPresenter::stepExplanation(st.kind);
        if (role == Qt::ForegroundRole && st.verdict == Verdict::Skipped)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    if (k == NodeKind::Input) {
        const Field &f = st.inputs.at(n.child);
        if (role == Qt::DisplayRole)
            return col == TitleColumn ? QStringLiteral("%1: %2").arg(f.name, elide(f.value)) : QVariant();
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1: %2").arg(f.name, f.value);
        if (role == Qt::UserRole)
            return f.value; // what Copy puts on the clipboard
        return {};
    }
    if (k == NodeKind::Output) {
        if (role == Qt::DisplayRole)
            return col == TitleColumn ? outputText(st) : QVariant();
        if (role == Qt::UserRole)
            return st.kind == StepKind::HeaderHash ? QString::fromLatin1(st.output.toHex())
                                                   : QString::fromLatin1(st.output.toBase64());
        return {};
    }
    if (k == NodeKind::Finding) {
        const Finding &f = st.findings.at(n.child - st.inputs.size() - outputRows(st));
        if (role == Qt::DisplayRole)
            return col == TitleColumn ? elide(f.message, 400) : VerdictPresenter::severityWord(f.severity);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1 (%2)").arg(f.message, f.code);
        if (role == Qt::DecorationRole && col == TitleColumn)
            return VerdictIcons::icon(VerdictIcons::forSeverity(f.severity));
        return {};
    }
    return {};
}

FieldSelection WalkModel::selectionFor(const QModelIndex &index) const
{
    FieldSelection sel;
    if (!index.isValid() || !m_item || !m_item->message)
        return sel;
    const Node n = node(index);
    const NodeKind k = kind(index);
    if (k == NodeKind::Message || k == NodeKind::MessageFinding) {
        if (k == NodeKind::MessageFinding)
            sel.ranges = m_item->result.findings.at(n.step).where;
        sel.label = k == NodeKind::Message ? tr("Message file") : m_item->result.findings.at(n.step).message;
        return sel;
    }
    const SignatureResult *s = signatureAtTop(n.top);
    if (!s)
        return sel;
    sel.signature = signatureOf(index);
    const Message &m = *m_item->message;
    if (k == NodeKind::Signature) {
        const HeaderField &hf = m.headers().at(s->signature.headerIndex);
        sel.ranges.append(m.rawRange(hf.offset, hf.length));
        sel.headerIndex = s->signature.headerIndex;
        sel.label = tr("Signature %1").arg(sel.signature + 1);
        return sel;
    }
    const Step &st = s->steps.at(n.step);
    sel.step = n.step;
    if (k == NodeKind::Step) {
        for (const Field &f : st.inputs)
            sel.ranges.append(f.range);
        if (st.outputSource != SourceId::RawMessage && !st.output.isEmpty())
            sel.ranges.append(ByteRange{st.outputSource, 0, st.output.size()});
        for (const Finding &f : st.findings)
            sel.ranges += f.where;
        sel.label = VerdictPresenter::stepTitle(st, *s);
    } else if (k == NodeKind::Input) {
        const Field &f = st.inputs.at(n.child);
        sel.ranges.append(f.range);
        // An input that is one of the signature's tags selects that tag everywhere.
        const QByteArray tag = f.name.toLatin1();
        if (s->signature.tags.contains(tag) && f.range == s->signature.tagRange(m, tag))
            sel.tag = tag;
        if (f.range.source == SourceId::KeyRecord && s->key)
            sel.keyTag = QByteArray();
        sel.label = f.name;
    } else if (k == NodeKind::Output) {
        if (st.outputSource != SourceId::RawMessage)
            sel.ranges.append(ByteRange{st.outputSource, 0, st.output.size()});
        sel.label = outputText(st);
    } else if (k == NodeKind::Finding) {
        const Finding &f = st.findings.at(n.child - st.inputs.size() - outputRows(st));
        sel.ranges = f.where;
        sel.label = f.message;
    }
    // Ranges with no position (offset < 0) mark nothing.
    sel.ranges.removeIf([](const ByteRange &r) { return r.offset < 0 || r.length <= 0; });
    return sel;
}

QModelIndex WalkModel::signatureIndex(int signature) const
{
    if (!m_item || signature < 0 || signature >= m_item->result.signatures.size())
        return {};
    return index(signature + (hasMessageNode() ? 1 : 0), 0);
}

QModelIndex WalkModel::stepIndex(int signature, StepKind stepKind) const
{
    const QModelIndex sig = signatureIndex(signature);
    if (!sig.isValid())
        return {};
    const SignatureResult &s = m_item->result.signatures.at(signature);
    for (int i = 0; i < s.steps.size(); ++i) {
        if (s.steps.at(i).kind == stepKind)
            return index(i, 0, sig);
    }
    return {};
}

QModelIndex WalkModel::indexFor(const FieldSelection &sel) const
{
    if (!m_item || sel.signature < 0 || sel.signature >= m_item->result.signatures.size())
        return {};
    const SignatureResult &s = m_item->result.signatures.at(sel.signature);
    const QModelIndex sig = signatureIndex(sel.signature);
    if (sel.step >= 0 && sel.step < s.steps.size())
        return index(sel.step, 0, sig);
    if (!sel.tag.isEmpty()) {
        // The Parse signature step lists every tag as an input.
        for (int i = 0; i < s.steps.size(); ++i) {
            const Step &st = s.steps.at(i);
            if (st.kind != StepKind::ParseTags)
                continue;
            for (int j = 0; j < st.inputs.size(); ++j) {
                if (st.inputs.at(j).name.toLatin1() == sel.tag)
                    return index(j, 0, index(i, 0, sig));
            }
        }
    }
    return {};
}

} // namespace dkimi::ui
