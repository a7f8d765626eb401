#pragma once

#include "key_store.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace dkimi::ui {

class KeySources;
class KeyStoreModel;

// Keys › Key store…: every key in the store (filter by text and provenance), the history of the
// selected key's selector, notes edited in place, delete, and import (zone file, PEM with selector
// and domain, CSV/JSON archives, a key record pasted by hand, stored as "entered by hand").
class KeysWindow : public QWidget {
    Q_OBJECT
public:
    explicit KeysWindow(KeySources *sources, QWidget *parent = nullptr);

    void refresh();
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *sourceFilter() const { return m_source; }
    QTableView *table() const { return m_table; }
    QTableView *historyTable() const { return m_historyTable; }
    KeyStoreModel *model() const { return m_model; }
    KeyStoreModel *historyModel() const { return m_history; }

    // The actions behind the buttons, without their dialogs (also used by tests).
    bool importFile(const QString &path, const QByteArray &domain, const QByteArray &selector, QString *error);
    bool addByHand(const QByteArray &domain, const QByteArray &selector, const QByteArray &record, QString *error);
    bool removeKey(qint64 id, QString *error);

    // Dialogs: import a file; paste a record (prefilled for a signature whose key is missing).
    void importDialog();
    void pasteDialog(const QString &domain = {}, const QString &selector = {});

Q_SIGNALS:
    void storeChanged();

private:
    void showHistory();
    bool addBatch(const QList<StoredKey> &keys, QString *error);
    KeySources *m_sources;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_source = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_historyTable = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_historyLabel = nullptr;
    QPushButton *m_delete = nullptr;
    KeyStoreModel *m_model = nullptr;
    KeyStoreModel *m_history = nullptr;
};

} // namespace dkimi::ui
