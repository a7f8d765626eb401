#include "header_explainer.h"

#include "canonicalizer.h"

namespace dkimi {

namespace {

Step attemptStep(const QString &title)
{
    Step s;
    s.kind = StepKind::HeaderHash;
    s.title = title;
    return s;
}

void record(Step &st, bool match, const Explanation &e, QList<Step> *steps, QList<Explanation> *out)
{
    if (match) {
        st.verdict = Verdict::Neutral;
        st.addFinding(Severity::Warning, e.code, e.detail, e.ranges);
        out->append(e);
    } else {
        st.verdict = Verdict::Fail;
        st.addFinding(Severity::Info, QStringLiteral("not_reproduced"),
                      QStringLiteral("Undoing this does not reproduce the signed headers either."));
    }
    steps->append(st);
}

void skip(Step &st, const QString &why, QList<Step> *steps)
{
    st.verdict = Verdict::Skipped;
    st.addFinding(Severity::Info, QStringLiteral("not_applicable"), why);
    steps->append(st);
}

// Unfolded, whitespace runs collapsed, trimmed: how z= copies and present values are compared.
QByteArray normalisedValue(QByteArrayView v)
{
    QByteArray u = v.toByteArray();
    u.replace("\r\n", "");
    return u.simplified();
}

QByteArray titleCase(const QByteArray &name)
{
    QByteArray out = name.toLower();
    bool start = true;
    for (char &c : out) {
        if (start && c >= 'a' && c <= 'z')
            c = char(c - 32);
        start = c == '-';
    }
    return out;
}

// Spellings a transport may have changed a name from or to.
QList<QByteArray> nameSpellings(const QByteArray &current, const QByteArray &inH)
{
    static const QList<QByteArray> known{"Message-ID", "MIME-Version",    "Content-ID", "DKIM-Signature",
                                         "List-ID",    "X-MS-Has-Attach", "CC"};
    QList<QByteArray> out{inH, titleCase(current), current.toLower(), current.toUpper()};
    for (const QByteArray &k : known) {
        if (k.compare(current, Qt::CaseInsensitive) == 0)
            out.append(k);
    }
    QList<QByteArray> unique;
    for (const QByteArray &s : out) {
        if (s != current && !unique.contains(s))
            unique.append(s);
    }
    return unique;
}

} // namespace

QByteArray HeaderExplainer::hashInput(const Message &m, const SignatureResult &r, int excluded,
                                      const QHash<int, QByteArray> &replaced)
{
    const DkimSignature &sig = r.signature;
    QHash<QByteArray, int> nextFromBottom;
    QByteArray input;
    for (const QByteArray &name : sig.signedHeaders) {
        const QByteArray key = name.toLower();
        const int start = nextFromBottom.value(key, int(m.headers().size()));
        int found = -1;
        for (int i = start - 1; i >= 0; --i) {
            if (i != excluded && m.headers().at(i).name.compare(key, Qt::CaseInsensitive) == 0) {
                found = i;
                break;
            }
        }
        nextFromBottom[key] = found < 0 ? 0 : found;
        if (found >= 0) {
            const auto it = replaced.constFind(found);
            input.append(Canonicalizer::header(
                sig.headerCanon, it != replaced.cend() ? QByteArrayView(*it) : m.headerBytes(m.headers().at(found))));
        }
    }
    // The signature's own field, exactly as the verifier hashed it (the last use).
    if (!r.headerUses.isEmpty()) {
        const SignedHeaderUse &self = r.headerUses.last();
        input.append(r.headerHashInput.mid(self.hashOffset, self.hashLength));
    }
    return input;
}

void HeaderExplainer::explain(const Message &m, const SignatureResult &r, const Oracle &matches, bool recoveredMismatch,
                              QList<Step> *steps, QList<Explanation> *out)
{
    const DkimSignature &sig = r.signature;
    const qsizetype before = out->size();
    QList<int> usedIdx; // header indexes covered, with their h= spelling
    QList<QByteArray> usedName;
    for (int u = 0; u + 1 < r.headerUses.size(); ++u) {
        if (r.headerUses.at(u).headerIndex >= 0) {
            usedIdx.append(r.headerUses.at(u).headerIndex);
            usedName.append(r.headerUses.at(u).name);
        }
    }
    const auto rangeOf = [&](int idx) {
        const HeaderField &h = m.headers().at(idx);
        return m.rawRange(h.offset, h.length);
    };
    const auto lname = [&](int idx) { return QString::fromLatin1(m.headers().at(idx).name).toLower(); };

    // -- A later instance picked bottom-up --------------------------------------------------------
    {
        Step st = attemptStep(QStringLiteral(
            QT_TRANSLATE_NOOP("dkimi::Step", "Explain header signature: was a header added below the signed one?")));
        bool tried = false, match = false;
        Explanation e;
        e.code = QStringLiteral("header_instance_changed");
        for (int k = 0; k < usedIdx.size() && !match; ++k) {
            const int idx = usedIdx.at(k);
            if (m.headerIndexes(m.headers().at(idx).name).size() < 2)
                continue;
            tried = true;
            st.inputs.append(Field{lname(idx), QStringLiteral("without header field %1").arg(idx + 1), rangeOf(idx)});
            if (matches(hashInput(m, r, idx, {}))) {
                match = true;
                e.count = 1;
                e.headers = {lname(idx)};
                e.ranges = {rangeOf(idx)};
                e.bytes = rangeOf(idx).length;
                e.detail = QStringLiteral("A %1 header (header field %2) was added below the signed one after signing; "
                                          "DKIM picks instances from the bottom up, so the signature now covers the "
                                          "added one. Without it, the signature verifies over the original %1.")
                               .arg(QString::fromLatin1(m.headers().at(idx).name))
                               .arg(idx + 1);
            }
        }
        if (!tried)
            skip(st, QStringLiteral("No signed header name occurs more than once."), steps);
        else
            record(st, match, e, steps, out);
    }

    // -- Refolding (simple only) ------------------------------------------------------------------
    {
        Step st = attemptStep(QStringLiteral(
            QT_TRANSLATE_NOOP("dkimi::Step", "Explain header signature: was a signed header refolded?")));
        if (sig.headerCanon != Canonicalization::Simple) {
            skip(st, QStringLiteral("Relaxed header canonicalization unfolds headers: refolding cannot matter."),
                 steps);
        } else {
            bool tried = false, match = false;
            Explanation e;
            e.code = QStringLiteral("header_refolded");
            QHash<int, QByteArray> allUnfolded;
            QList<int> folded;
            for (int idx : std::as_const(usedIdx)) {
                const HeaderField &h = m.headers().at(idx);
                if (h.lineCount < 2 || folded.contains(idx))
                    continue;
                folded.append(idx);
                QByteArray f = m.headerBytes(h).toByteArray();
                QByteArray body = f.chopped(2);
                QByteArray unfolded = body;
                unfolded.replace("\r\n", "");
                unfolded.append("\r\n");
                QByteArray swapped = body;
                swapped.replace("\r\n\t", "\r\n\x01").replace("\r\n ", "\r\n\t").replace("\r\n\x01", "\r\n ");
                swapped.append("\r\n");
                allUnfolded.insert(idx, unfolded);
                tried = true;
                for (const QByteArray &cand : {unfolded, swapped}) {
                    st.inputs.append(Field{lname(idx),
                                           cand == unfolded ? QStringLiteral("unfolded to one line")
                                                            : QStringLiteral("fold whitespace swapped"),
                                           rangeOf(idx)});
                    if (matches(hashInput(m, r, -1, {{idx, cand}}))) {
                        match = true;
                        e.count = 1;
                        e.headers = {lname(idx)};
                        e.ranges = {rangeOf(idx)};
                        e.detail = cand == unfolded
                                       ? QStringLiteral("The signed %1 header was folded onto %2 lines after signing "
                                                        "(c=simple signs the folding); unfolded, the signature "
                                                        "verifies. Its content is unchanged.")
                                             .arg(QString::fromLatin1(h.name))
                                             .arg(h.lineCount)
                                       : QStringLiteral("The whitespace that folds the signed %1 header was changed "
                                                        "(tab versus space) after signing; with it restored the "
                                                        "signature verifies. Its content is unchanged.")
                                             .arg(QString::fromLatin1(h.name));
                        break;
                    }
                }
                if (match)
                    break;
            }
            if (!match && folded.size() > 1 && matches(hashInput(m, r, -1, allUnfolded))) {
                match = true;
                e.count = folded.size();
                for (int idx : std::as_const(folded)) {
                    e.headers << lname(idx);
                    e.ranges << rangeOf(idx);
                }
                e.detail = QStringLiteral("%1 signed headers (%2) were refolded after signing; unfolded, the "
                                          "signature verifies. Their content is unchanged.")
                               .arg(folded.size())
                               .arg(e.headers.join(QStringLiteral(", ")));
            }
            if (!tried)
                skip(st, QStringLiteral("No signed header is folded over several lines."), steps);
            else
                record(st, match, e, steps, out);
        }
    }

    // -- Name case (simple only) ------------------------------------------------------------------
    {
        Step st = attemptStep(QStringLiteral(
            QT_TRANSLATE_NOOP("dkimi::Step", "Explain header signature: was a signed header name's case changed?")));
        if (sig.headerCanon != Canonicalization::Simple) {
            skip(st, QStringLiteral("Relaxed header canonicalization lower-cases names: case cannot matter."), steps);
        } else {
            bool match = false;
            int tried = 0;
            Explanation e;
            e.code = QStringLiteral("header_case_changed");
            for (int k = 0; k < usedIdx.size() && !match; ++k) {
                const int idx = usedIdx.at(k);
                const HeaderField &h = m.headers().at(idx);
                const QByteArray field = m.headerBytes(h).toByteArray();
                for (const QByteArray &spelling : nameSpellings(h.name, usedName.at(k))) {
                    ++tried;
                    const QByteArray cand = spelling + field.mid(h.name.size());
                    if (matches(hashInput(m, r, -1, {{idx, cand}}))) {
                        match = true;
                        st.inputs.append(Field{lname(idx), QString::fromLatin1(spelling), rangeOf(idx)});
                        e.count = 1;
                        e.headers = {lname(idx)};
                        const HeaderField &hf = m.headers().at(idx);
                        e.ranges = {m.rawRange(hf.offset, hf.name.size())};
                        e.detail = QStringLiteral("The name of the signed header \"%1\" was written \"%2\" when signed "
                                                  "(c=simple signs the exact case); with that spelling the signature "
                                                  "verifies. Its content is unchanged.")
                                       .arg(QString::fromLatin1(h.name), QString::fromLatin1(spelling));
                        break;
                    }
                }
            }
            st.inputs.append(Field{QStringLiteral("spellings tried"), QString::number(tried), {}});
            record(st, match, e, steps, out);
        }
    }

    // -- z= substitution and the list of headers that could have changed -----------------------
    if (out->size() == before) {
        Step st = attemptStep(QStringLiteral(
            QT_TRANSLATE_NOOP("dkimi::Step", "Explain header signature: which signed headers changed?")));
        // With z=, put the signer's copies in place of the present values and check.
        QHash<int, QByteArray> fromZ;
        QStringList zNames;
        for (const QByteArray &copy : sig.copiedHeaders) {
            const qsizetype colon = copy.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = copy.left(colon).trimmed();
            for (int k = 0; k < usedIdx.size(); ++k) {
                const int idx = usedIdx.at(k);
                const HeaderField &h = m.headers().at(idx);
                if (h.name.compare(name, Qt::CaseInsensitive) != 0 || fromZ.contains(idx))
                    continue;
                if (normalisedValue(m.headerValue(h)) != normalisedValue(QByteArrayView(copy).sliced(colon + 1))) {
                    fromZ.insert(idx, h.name + ':' + copy.mid(colon + 1) + "\r\n");
                    zNames << lname(idx);
                }
                break;
            }
        }
        Explanation e;
        e.code = QStringLiteral("signed_header_changed");
        bool confirmed = !fromZ.isEmpty() && matches(hashInput(m, r, -1, fromZ));
        if (confirmed) {
            e.headers = zNames;
            e.count = zNames.size();
            for (auto it = fromZ.cbegin(); it != fromZ.cend(); ++it)
                e.ranges << rangeOf(it.key());
            e.detail = QStringLiteral("The signed header(s) %1 were changed after signing: with the values the signer "
                                      "copied into z= put back, the signature verifies.")
                           .arg(zNames.join(QStringLiteral(", ")));
            record(st, true, e, steps, out);
        } else if (recoveredMismatch) {
            QStringList names;
            for (int idx : std::as_const(usedIdx)) {
                if (!names.contains(lname(idx)))
                    names << lname(idx);
            }
            e.headers = zNames.isEmpty() ? names : zNames;
            e.count = e.headers.size();
            e.detail = zNames.isEmpty()
                           ? QStringLiteral("This key made the signature, but over different header values: one or "
                                            "more of the signed headers (%1) were changed after signing.")
                                 .arg(names.join(QStringLiteral(", ")))
                           : QStringLiteral("This key made the signature, but over different header values; z= "
                                            "shows that %1 differ from what was signed.")
                                 .arg(zNames.join(QStringLiteral(", ")));
            record(st, true, e, steps, out);
        } else {
            skip(st,
                 QStringLiteral("Without a recovered signer's hash it cannot be told whether the headers changed or "
                                "another key made the signature."),
                 steps);
        }
    }
}

void HeaderExplainer::compareCopiedHeaders(const Message &m, const SignatureResult &r, QList<Step> *steps,
                                           QList<Explanation> *out)
{
    const DkimSignature &sig = r.signature;
    if (sig.copiedHeaders.isEmpty())
        return;
    Step st = attemptStep(QStringLiteral(QT_TRANSLATE_NOOP("dkimi::Step", "Compare z= copied headers")));
    st.inputs.append(Field{QStringLiteral("z"), QStringLiteral("%1 copied header(s)").arg(sig.copiedHeaders.size()),
                           sig.tagRange(m, "z")});
    bool differs = false;
    for (const QByteArray &copy : sig.copiedHeaders) {
        const qsizetype colon = copy.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = copy.left(colon).trimmed();
        const QByteArray value = normalisedValue(QByteArrayView(copy).sliced(colon + 1));
        const QList<int> present = m.headerIndexes(name);
        bool same = false;
        for (int idx : present)
            same = same || normalisedValue(m.headerValue(m.headers().at(idx))) == value;
        st.inputs.append(Field{QString::fromLatin1(name).toLower(), QString::fromUtf8(copy), {}});
        if (same)
            continue;
        differs = true;
        Explanation e;
        e.code = QStringLiteral("z_header_differs");
        e.headers = {QString::fromLatin1(name).toLower()};
        e.count = 1;
        if (present.isEmpty()) {
            e.detail = QStringLiteral("z= says the signer saw \"%1\", but the message has no %2 header now.")
                           .arg(QString::fromUtf8(copy), QString::fromLatin1(name));
        } else {
            const HeaderField &h = m.headers().at(present.last());
            e.ranges = {m.rawRange(h.offset, h.length)};
            e.detail = QStringLiteral("z= says the signer saw %1:%2, but the message now has %1:%3.")
                           .arg(QString::fromLatin1(name), QString::fromUtf8(value),
                                QString::fromUtf8(normalisedValue(m.headerValue(h))));
        }
        st.addFinding(Severity::Warning, e.code, e.detail, e.ranges);
        out->append(e);
    }
    st.verdict = differs ? Verdict::Neutral : Verdict::Pass;
    if (!differs)
        st.addFinding(Severity::Info, QStringLiteral("z_headers_match"),
                      QStringLiteral("Every header copied into z= matches one present now."));
    steps->append(st);
}

} // namespace dkimi
