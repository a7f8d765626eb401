#pragma once

#include <QObject>

class QAbstractItemView;

namespace dkimi::ui {

// Copy for item views: Ctrl+C and a context menu copy the current value (its full text, via
// Qt::UserRole when the model offers it) or the whole row.
class CopySupport : public QObject {
    Q_OBJECT
public:
    static void install(QAbstractItemView *view);
    static QString valueText(QAbstractItemView *view);
    static QString rowText(QAbstractItemView *view);

private:
    explicit CopySupport(QAbstractItemView *view);
    QAbstractItemView *m_view;
};

} // namespace dkimi::ui
