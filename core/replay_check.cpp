#include "replay_check.h"

#include <QRegularExpression>
#include <QSet>

namespace dkimi {

namespace {

QByteArray unfolded(QByteArrayView v)
{
    QByteArray u = v.toByteArray();
    u.replace("\r\n", "");
    return u;
}

} // namespace

Step checkReplay(const Message &m, bool hasSignatures)
{
    Step st;
    st.kind = StepKind::PolicyChecks;
    st.title = QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Recipients (replay)"));
    st.verdict = Verdict::Neutral;
    if (!hasSignatures) {
        st.verdict = Verdict::Skipped;
        return st;
    }
    st.addFinding(Severity::Info, QStringLiteral("dkim_does_not_bind_recipients"),
                  QStringLiteral("DKIM signs the message, not its delivery: a signed message can be resent to anyone "
                                 "and still verify, so a valid signature says nothing about who received it."));

    static const QRegularExpression addr(QStringLiteral("[A-Za-z0-9._%+\\-=!#$&'*/?^`{|}~]+@[A-Za-z0-9.\\-]+"));
    QSet<QString> addressed;
    for (const char *name : {"To", "Cc"}) {
        for (int idx : m.headerIndexes(name)) {
            const QString v = QString::fromUtf8(unfolded(m.headerValue(m.headers().at(idx))));
            for (auto it = addr.globalMatch(v); it.hasNext();)
                addressed.insert(it.next().captured(0).toLower());
        }
    }
    static const QRegularExpression forClause(QStringLiteral("\\bfor\\s+<?([^\\s<>;]+@[^\\s<>;]+?)>?\\s*(;|$)"),
                                              QRegularExpression::CaseInsensitiveOption);
    QSet<QString> reported;
    for (int idx : m.headerIndexes("Received")) {
        const HeaderField &h = m.headers().at(idx);
        const QString v = QString::fromUtf8(unfolded(m.headerValue(h)));
        const auto mt = forClause.match(v);
        if (!mt.hasMatch())
            continue;
        const QString who = mt.captured(1).toLower();
        st.inputs.append(Field{QStringLiteral("Received for"), who, m.rawRange(h.offset, h.length)});
        if (addressed.contains(who) || reported.contains(who))
            continue;
        reported.insert(who);
        st.addFinding(Severity::Warning, QStringLiteral("recipient_not_addressed"),
                      QStringLiteral("A Received header says the message was delivered for <%1>, who is in neither To "
                                     "nor Cc: a Bcc, a mailing list or forward, or a replay of a signed message to "
                                     "someone new.")
                          .arg(who),
                      {m.rawRange(h.offset, h.length)});
    }
    return st;
}

} // namespace dkimi
