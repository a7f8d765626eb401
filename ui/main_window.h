#pragma once

#include "evidence_item.h"
#include "evidence_row.h"
#include "field_locator.h"
#include "field_selection.h"
#include "verification_settings.h"
#include "zone_file_resolver.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;

namespace dkimi::ui {

class ArcPane;
class AuthResultsPane;
class CanonicalPane;
class EvaluationTimeControl;
class EvidenceLoader;
class InspectorPane;
class KeyPane;
class MessageFilterProxy;
class MessageListModel;
class HeadersPane;
class KeySources;
class KeysWindow;
class RawPane;
class SummaryDock;
class TimelinePane;
class SignaturePane;
class VerdictBanner;
class WalkPane;

// The inspector: evidence list on the left; on the right the verdict banner, then the walk,
// signature and key panes, then the raw and canonical bytes. One selection is shared by all panes.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openPaths(const QStringList &paths);
    bool loadKeys(const QString &zoneFile, QString *error = nullptr);
    bool isLoading() const;

    // The message shown (and its signature), by row of the visible (sorted, filtered) list.
    bool selectRow(int row);
    bool selectFile(const QString &fileName);
    void selectSignature(int signature);
    const EvidencePtr &currentEvidence() const { return m_current; }
    int currentSignature() const { return m_currentSig; }
    const FieldSelection &currentSelection() const { return m_selection; }

    QTableView *listView() const { return m_list; }
    MessageListModel *listModel() const { return m_model; }
    MessageFilterProxy *listProxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *resultFilter() const { return m_resultFilter; }
    VerdictBanner *banner() const { return m_banner; }
    WalkPane *walkPane() const { return m_walk; }
    SignaturePane *signaturePane() const { return m_signature; }
    KeyPane *keyPane() const { return m_key; }
    RawPane *rawPane() const { return m_raw; }
    CanonicalPane *canonicalPane() const { return m_canonical; }
    EvaluationTimeControl *evaluationControl() const { return m_evalTime; }
    QLabel *keysLabel() const { return m_keysLabel; }
    QLabel *offlineLabel() const { return m_offlineLabel; }
    EvidenceLoader *loader() const { return m_loader; }
    SummaryDock *summaryDock() const { return m_summaryDock; }
    HeadersPane *headersPane() const { return m_headers; }
    ArcPane *arcPane() const { return m_arc; }
    AuthResultsPane *authResultsPane() const { return m_authResults; }
    TimelinePane *timelinePane() const { return m_timeline; }
    // Receiving servers whose Authentication-Results the user trusts (kept in the settings); setting
    // them verifies the list again.
    void setTrustedAuthservIds(const QStringList &ids);
    const QStringList &trustedAuthservIds() const { return m_trustedAuthserv; }
    KeySources *keySources() const { return m_keySources; }
    QToolButton *onlineSwitch() const { return m_onlineSwitch; }
    KeysWindow *keysWindow(); // Keys › Key store… (made on first use)
    // Grows the verdict banner so every line shows (done whenever a message is shown; again after docks
    // change the room left, e.g. for a screenshot).
    void fitBanner();
    // The list as shown (filtered and sorted), for export.
    QList<RowPtr> visibleRows() const;
    // What a verification started now would use: the keys (loaded files, key store, DNS when online),
    // the evaluation time and the trusted receiving servers.
    VerificationSettings settings() const;

Q_SIGNALS:
    void loadingFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void restoreLayout();
    void saveLayout();
    void resetLayout();
    void showRow(const RowPtr &row);
    void showEvidence(const EvidencePtr &item);
    void relay(const FieldSelection &sel);
    void onItemsReady(const QList<RowPtr> &rows);
    void selectFirstRow();
    void onProgress(int done, int total);
    void onFinished(bool stopped);
    void reverifyAll();
    void startNext();
    void onMaximize(InspectorPane *pane, bool on);
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void openFilesDialog();
    void openFolderDialog();
    void loadKeysDialog();
    void trustedServersDialog();
    void updateKeysLabel();
    void about();

    MessageListModel *m_model = nullptr;
    MessageFilterProxy *m_proxy = nullptr;
    QTableView *m_list = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_resultFilter = nullptr;
    EvaluationTimeControl *m_evalTime = nullptr;
    VerdictBanner *m_banner = nullptr;
    WalkPane *m_walk = nullptr;
    SignaturePane *m_signature = nullptr;
    KeyPane *m_key = nullptr;
    RawPane *m_raw = nullptr;
    CanonicalPane *m_canonical = nullptr;
    QList<InspectorPane *> m_panes;
    QSplitter *m_mainSplit = nullptr;
    QSplitter *m_rightSplit = nullptr;
    QSplitter *m_topPanes = nullptr;
    QSplitter *m_bottomPanes = nullptr;

    QLabel *m_selectionLabel = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_keysLabel = nullptr;
    QLabel *m_offlineLabel = nullptr;
    QMenu *m_recentMenu = nullptr;

    EvidenceLoader *m_loader = nullptr;
    SummaryDock *m_summaryDock = nullptr;
    HeadersPane *m_headers = nullptr;
    ArcPane *m_arc = nullptr;
    AuthResultsPane *m_authResults = nullptr;
    TimelinePane *m_timeline = nullptr;
    QStringList m_trustedAuthserv;
    KeySources *m_keySources = nullptr;
    KeysWindow *m_keysWindow = nullptr;
    QToolButton *m_onlineSwitch = nullptr;
    QAction *m_offlineAction = nullptr;
    void updateOnline();
    FieldLocator m_locator;
    EvidencePtr m_current;
    int m_currentSig = -1;
    FieldSelection m_selection;
    std::shared_ptr<ChainResolver> m_keys;
    QStringList m_keyFiles;
    qsizetype m_keyRecords = 0;
    QList<QStringList> m_pendingOpens;
    bool m_reverifyPending = false;
    bool m_selectFirstPending = false; // the first rows came in: their first is shown on the next turn
    bool m_relaying = false;
};

} // namespace dkimi::ui
