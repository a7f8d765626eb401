#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace dkimi::ui {

// One line of plain words for each DKIM-Signature tag and key record tag (shown in the Signature and
// Key panes and as tooltips), with the glossary of docs/UX.md.
class TagMeanings {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::TagMeanings)
public:
    static QString signatureTag(const QByteArray &tag, const QByteArray &value);
    static QString keyTag(const QByteArray &tag, const QByteArray &value);
    static QString glossary(const QByteArray &term); // "d", "s", "c", "bh", "key"
};

} // namespace dkimi::ui
