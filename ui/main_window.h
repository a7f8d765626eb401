#pragma once

#include "verifier.h"

#include <QMainWindow>

class QListWidget;
class QPlainTextEdit;
class QLabel;

namespace dkimi::ui {

// The first inspector window: the evidence list and, for the selected message, the verdict of each
// signature in plain words. The linked four-pane inspector is built on the same core results.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    void openPaths(const QStringList &paths);
    bool loadKeys(const QString &zoneFile);

private Q_SLOTS:
    void openFiles();
    void loadKeysDialog();
    void showSelected();

private:
    struct Entry {
        QString path;
        MessageResult result;
        QString text;
    };
    void rebuildVerifier();
    std::shared_ptr<ChainResolver> m_keys;
    QStringList m_keyFiles;
    QList<Entry> m_entries;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_report = nullptr;
    QLabel *m_keysLabel = nullptr;
};

} // namespace dkimi::ui
