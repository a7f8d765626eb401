#include "main_window.h"

#include "arc_pane.h"
#include "archive_reader.h"
#include "auth_results_pane.h"
#include "byte_view.h"
#include "canonical_pane.h"
#include "evaluation_time_control.h"
#include "evidence_loader.h"
#include "headers_pane.h"
#include "key_pane.h"
#include "key_sources.h"
#include "keys_window.h"
#include "list_exporter.h"
#include "message_filter_proxy.h"
#include "message_list_model.h"
#include "raw_pane.h"
#include "signature_pane.h"
#include "summary_dock.h"
#include "timeline_pane.h"
#include "verdict_banner.h"
#include "verdict_icons.h"
#include "version_info.h"
#include "walk_model.h"
#include "walk_pane.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

constexpr int MaxRecent = 10;

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_keys(std::make_shared<ChainResolver>())
{
    setWindowTitle(tr("DKIM Inspector"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/dkim-inspector.svg")));
    setAcceptDrops(true);
    qRegisterMetaType<dkimi::ui::FieldSelection>();
    qRegisterMetaType<QList<dkimi::ui::RowPtr>>();

    // -- Evidence list -----------------------------------------------------------------------------
    m_model = new MessageListModel(this);
    m_proxy = new MessageFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_list = new QTableView(this);
    m_list->setObjectName(QStringLiteral("evidenceList"));
    m_list->setModel(m_proxy);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(MessageListModel::FileColumn, Qt::AscendingOrder);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setTabKeyNavigation(false);
    m_list->setAccessibleName(tr("Evidence list"));
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 8);
    m_list->horizontalHeader()->setSectionResizeMode(MessageListModel::IconColumn, QHeaderView::Fixed);
    m_list->setColumnWidth(MessageListModel::IconColumn, 28);
    m_list->setColumnWidth(MessageListModel::FromColumn, 130);
    m_list->setColumnWidth(MessageListModel::SubjectColumn, 150);
    m_list->setColumnWidth(MessageListModel::DateColumn, 118);
    m_list->setColumnWidth(MessageListModel::DomainColumn, 125);
    m_list->setColumnWidth(MessageListModel::SelectorColumn, 100);
    m_list->setColumnWidth(MessageListModel::ResultColumn, 130);
    m_list->horizontalHeader()->setStretchLastSection(true);
    // What a reader needs first stays in view: verdict, who, what, who signed, result.
    m_list->horizontalHeader()->moveSection(MessageListModel::ResultColumn, MessageListModel::DateColumn);
    m_list->horizontalHeader()->moveSection(MessageListModel::DomainColumn, MessageListModel::DateColumn + 1);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        showRow(cur.isValid() ? m_model->row(m_proxy->mapToSource(cur).row()) : RowPtr());
    });

    // -- Toolbar: filter and evaluation time -------------------------------------------------------
    auto *tb = addToolBar(tr("Filter and time"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setMovable(false);
    m_filter = new QLineEdit(tb);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter: From, Subject, domain, file… (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(320);
    m_filter->setAccessibleName(tr("Filter the evidence list"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &MessageFilterProxy::setText);
    m_resultFilter = new QComboBox(tb);
    m_resultFilter->setObjectName(QStringLiteral("resultFilter"));
    m_resultFilter->setAccessibleName(tr("Show only messages with this result"));
    m_resultFilter->addItem(tr("All results"), -1);
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::Pass), tr("Pass"),
                            int(MessageListModel::Category::Pass));
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::Caveat), tr("With caveats"),
                            int(MessageListModel::Category::Caveats));
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::Fail), tr("Fail"),
                            int(MessageListModel::Category::Fail));
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::Unknown), tr("Cannot check"),
                            int(MessageListModel::Category::CannotCheck));
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::None), tr("Unsigned"),
                            int(MessageListModel::Category::Unsigned));
    m_resultFilter->addItem(VerdictIcons::icon(VerdictIcons::Kind::Error), tr("Unreadable"),
                            int(MessageListModel::Category::Error));
    connect(m_resultFilter, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_proxy->setCategory(m_resultFilter->itemData(i).toInt()); });
    tb->addWidget(m_filter);
    tb->addWidget(m_resultFilter);
    auto *spacer = new QWidget(tb);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tb->addWidget(spacer);
    m_evalTime = new EvaluationTimeControl(tb);
    m_evalTime->setObjectName(QStringLiteral("evaluationTime"));
    tb->addWidget(m_evalTime);
    connect(m_evalTime, &EvaluationTimeControl::changed, this, &MainWindow::reverifyAll);

    // -- Panes ---------------------------------------------------------------------------------------
    m_banner = new VerdictBanner(this);
    connect(m_banner, &VerdictBanner::signatureActivated, this, &MainWindow::selectSignature);
    auto *bannerScroll = new QScrollArea(this);
    bannerScroll->setWidget(m_banner);
    bannerScroll->setWidgetResizable(true);
    bannerScroll->setFrameShape(QFrame::NoFrame);
    bannerScroll->setMinimumHeight(60);

    m_walk = new WalkPane(this);
    m_signature = new SignaturePane(this);
    m_key = new KeyPane(this);
    m_raw = new RawPane(this);
    m_canonical = new CanonicalPane(this);
    m_panes = {m_walk, m_signature, m_key, m_raw, m_canonical};
    m_headers = new HeadersPane(this); // in a dock (below), tabbed with the summary
    m_panes << m_headers;
    // The evidence around the signatures (issue 7), in docks tabbed with the headers: the ARC chain
    // and what receiving servers recorded, then every time in the message on one axis.
    m_arc = new ArcPane(this);
    m_authResults = new AuthResultsPane(this);
    m_timeline = new TimelinePane(this);
    m_panes << m_arc << m_authResults << m_timeline;
    for (InspectorPane *p : std::as_const(m_panes)) {
        p->setLocator(&m_locator);
        connect(p, &InspectorPane::fieldSelected, this, &MainWindow::relay);
        connect(p, &InspectorPane::maximizeRequested, this, [this, p](bool on) { onMaximize(p, on); });
    }

    m_topPanes = new QSplitter(Qt::Horizontal, this);
    m_topPanes->setObjectName(QStringLiteral("topPanes"));
    m_topPanes->addWidget(m_walk);
    m_topPanes->addWidget(m_signature);
    m_topPanes->addWidget(m_key);
    m_bottomPanes = new QSplitter(Qt::Horizontal, this);
    m_bottomPanes->setObjectName(QStringLiteral("bottomPanes"));
    m_bottomPanes->addWidget(m_raw);
    m_bottomPanes->addWidget(m_canonical);
    m_rightSplit = new QSplitter(Qt::Vertical, this);
    m_rightSplit->setObjectName(QStringLiteral("rightSplit"));
    m_rightSplit->addWidget(bannerScroll);
    m_rightSplit->addWidget(m_topPanes);
    m_rightSplit->addWidget(m_bottomPanes);
    m_mainSplit = new QSplitter(Qt::Horizontal, this);
    m_mainSplit->setObjectName(QStringLiteral("mainSplit"));
    m_mainSplit->addWidget(m_list);
    m_mainSplit->addWidget(m_rightSplit);
    for (QSplitter *s : {m_topPanes, m_bottomPanes, m_rightSplit, m_mainSplit})
        s->setChildrenCollapsible(false);
    setCentralWidget(m_mainSplit);

    // Keys besides loaded files (issue 5): the key store, and live DNS only when the user agreed.
    m_keySources = new KeySources(this);
    connect(m_keySources, &KeySources::changed, this, [this] {
        updateOnline();
        if (!m_model->rows().isEmpty() || m_loader->isBusy())
            reverifyAll();
    });
    connect(m_key, &KeyPane::importKeyRequested, this, [this](const QString &domain, const QString &selector) {
        KeysWindow *kw = keysWindow();
        kw->show();
        kw->raise();
        kw->pasteDialog(domain, selector);
    });

    m_loader = new EvidenceLoader(this);
    connect(m_loader, &EvidenceLoader::itemsReady, this, &MainWindow::onItemsReady);
    connect(m_loader, &EvidenceLoader::progress, this, &MainWindow::onProgress);
    connect(m_loader, &EvidenceLoader::finished, this, &MainWindow::onFinished);

    // Totals and charts over the list (issue 4); shown when an archive is opened.
    m_summaryDock = new SummaryDock(m_model, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_summaryDock);
    connect(m_loader, &EvidenceLoader::archivesRead, m_summaryDock, &SummaryDock::addArchives);
    m_summaryDock->hide();
    auto *headersDock = new QDockWidget(tr("Headers"), this);
    headersDock->setObjectName(QStringLiteral("headersDock"));
    headersDock->setWidget(m_headers);
    addDockWidget(Qt::BottomDockWidgetArea, headersDock);
    auto *arcDock = new QDockWidget(tr("ARC"), this);
    arcDock->setObjectName(QStringLiteral("arcDock"));
    arcDock->setWidget(m_arc);
    addDockWidget(Qt::BottomDockWidgetArea, arcDock);
    auto *arDock = new QDockWidget(tr("Authentication-Results"), this);
    arDock->setObjectName(QStringLiteral("authResultsDock"));
    arDock->setWidget(m_authResults);
    addDockWidget(Qt::BottomDockWidgetArea, arDock);
    auto *timelineDock = new QDockWidget(tr("Timeline"), this);
    timelineDock->setObjectName(QStringLiteral("timelineDock"));
    timelineDock->setWidget(m_timeline);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    tabifyDockWidget(headersDock, arcDock);
    tabifyDockWidget(arcDock, arDock);
    tabifyDockWidget(arDock, timelineDock);
    tabifyDockWidget(timelineDock, m_summaryDock);
    headersDock->raise();
    resizeDocks({headersDock}, {230}, Qt::Vertical);
    m_trustedAuthserv = QSettings().value(QStringLiteral("verification/trustedAuthservIds")).toStringList();
    m_authResults->setTrustedServers(m_trustedAuthserv);
    connect(m_authResults, &AuthResultsPane::editTrustedServers, this, &MainWindow::trustedServersDialog);
    connect(m_banner, &VerdictBanner::arcActivated, this, [arcDock] {
        arcDock->show();
        arcDock->raise();
    });
    connect(m_banner, &VerdictBanner::dmarcActivated, this, [arDock] {
        arDock->show();
        arDock->raise();
    });

    buildMenus();
    buildStatusBar();
    resetLayout();
    restoreLayout();
    showEvidence({});
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openFilesDialog);
    file->addAction(tr("Open &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openFolderDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("Export list as &CSV…"), this,
                    [this] { ListExporter::exportDialog(this, visibleRows(), ListExporter::Format::Csv, settings()); });
    file->addAction(tr("Export list as &JSON Lines…"), this, [this] {
        ListExporter::exportDialog(this, visibleRows(), ListExporter::Format::JsonLines, settings());
    });
    file->addSeparator();
    file->addAction(tr("&Close All"), this, [this] {
        m_loader->stop();
        m_model->clear();
        showEvidence({});
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *keys = menuBar()->addMenu(tr("&Keys"));
    keys->addAction(tr("&Load key file…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::loadKeysDialog);
    keys->addAction(tr("&Forget loaded keys"), this, [this] {
        m_keys = std::make_shared<ChainResolver>();
        m_keyFiles.clear();
        m_keyRecords = 0;
        updateKeysLabel();
        reverifyAll();
    });
    keys->addSeparator();
    keys->addAction(tr("Key &store…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), this, [this] {
        keysWindow()->show();
        keysWindow()->raise();
        keysWindow()->activateWindow();
    });
    keys->addAction(tr("&Trusted receiving servers…"), this, &MainWindow::trustedServersDialog);
    keys->addSeparator();
    m_offlineAction = keys->addAction(tr("&Offline (no live DNS)"));
    m_offlineAction->setObjectName(QStringLiteral("offlineAction"));
    m_offlineAction->setCheckable(true);
    m_offlineAction->setChecked(true);
    m_offlineAction->setToolTip(tr("Offline: no DNS lookups; keys come from key files and the key store."));
    connect(m_offlineAction, &QAction::triggered, this, [this](bool offline) {
        m_keySources->setOnline(!offline, this);
        updateOnline();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *ws = view->addAction(tr("Show &whitespace in raw message"));
    ws->setCheckable(true);
    ws->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    connect(ws, &QAction::toggled, m_raw->whitespaceToggle(), &QToolButton::setChecked);
    connect(m_raw->whitespaceToggle(), &QToolButton::toggled, ws, &QAction::setChecked);
    QAction *hex = view->addAction(tr("Raw message as &hex"));
    hex->setCheckable(true);
    hex->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(hex, &QAction::toggled, m_raw->hexToggle(), &QToolButton::setChecked);
    connect(m_raw->hexToggle(), &QToolButton::toggled, hex, &QAction::setChecked);
    view->addSeparator();
    struct Focus {
        QString name;
        QWidget *widget;
    };
    const QList<Focus> focus{{tr("Evidence list"), m_list},           {tr("Walk"), m_walk->tree()},
                             {tr("Signature"), m_signature->table()}, {tr("Key"), m_key->recordView()},
                             {tr("Raw message"), m_raw->view()},      {tr("Canonicalized"), m_canonical->headerView()}};
    for (int i = 0; i < focus.size(); ++i) {
        QWidget *w = focus.at(i).widget;
        view->addAction(tr("Go to %1").arg(focus.at(i).name), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this,
                        [w] { w->setFocus(Qt::ShortcutFocusReason); });
    }
    view->addAction(tr("&Filter"), QKeySequence::Find, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    view->addSeparator();
    QAction *summary = m_summaryDock->toggleViewAction();
    summary->setText(tr("&Summary (totals and charts)"));
    summary->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    view->addAction(summary);
    if (auto *hd = findChild<QDockWidget *>(QStringLiteral("headersDock"))) {
        QAction *headers = hd->toggleViewAction();
        headers->setText(tr("&Headers (every header, what is signed)"));
        view->addAction(headers);
    }
    if (auto *d = findChild<QDockWidget *>(QStringLiteral("arcDock"))) {
        QAction *a = d->toggleViewAction();
        a->setText(tr("A&RC (what forwarders sealed)"));
        view->addAction(a);
    }
    if (auto *d = findChild<QDockWidget *>(QStringLiteral("authResultsDock"))) {
        QAction *a = d->toggleViewAction();
        a->setText(tr("Au&thentication-Results and DMARC (what servers recorded)"));
        view->addAction(a);
    }
    if (auto *d = findChild<QDockWidget *>(QStringLiteral("timelineDock"))) {
        QAction *a = d->toggleViewAction();
        a->setText(tr("Ti&meline (every time in the message)"));
        view->addAction(a);
    }
    view->addSeparator();
    view->addAction(tr("&Reset layout"), this, [this] {
        for (InspectorPane *p : std::as_const(m_panes))
            p->setMaximized(false);
        resetLayout();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *ab = help->addAction(tr("&About DKIM Inspector"), this, &MainWindow::about);
    ab->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar()
{
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    statusBar()->addWidget(m_selectionLabel, 1);
    m_progressLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stop reading; what was read so far stays in the list"));
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_pendingOpens.clear();
        m_loader->stop();
    });
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_stop);
    m_progressLabel->hide();
    m_progress->hide();
    m_stop->hide();
    m_keysLabel = new QLabel(this);
    m_keysLabel->setObjectName(QStringLiteral("keysLabel"));
    statusBar()->addPermanentWidget(m_keysLabel);
    m_offlineLabel = new QLabel(this);
    m_offlineLabel->setObjectName(QStringLiteral("offlineLabel"));
    m_offlineLabel->setText(tr("○ Offline"));
    m_offlineLabel->setToolTip(tr("Offline: no live DNS lookups. Keys come only from loaded key files, and each "
                                  "verdict says which file."));
    statusBar()->addPermanentWidget(m_offlineLabel);
    m_onlineSwitch = new QToolButton(this);
    m_onlineSwitch->setObjectName(QStringLiteral("onlineSwitch"));
    m_onlineSwitch->setCheckable(true);
    m_onlineSwitch->setAutoRaise(true);
    connect(m_onlineSwitch, &QToolButton::clicked, this, [this](bool on) {
        m_keySources->setOnline(on, this);
        updateOnline();
    });
    statusBar()->addPermanentWidget(m_onlineSwitch);
    updateOnline();
    updateKeysLabel();
}

void MainWindow::resetLayout()
{
    resize(1560, 960);
    m_mainSplit->setSizes({440, 1120});
    m_rightSplit->setSizes({120, 360, 440});
    m_topPanes->setSizes({330, 470, 320});
    m_bottomPanes->setSizes({560, 570});
    for (InspectorPane *p : std::as_const(m_panes))
        p->show();
    m_topPanes->show();
    m_bottomPanes->show();
}

void MainWindow::restoreLayout()
{
    QSettings s;
    if (s.contains(QStringLiteral("window/geometry")))
        restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    for (QSplitter *sp : {m_mainSplit, m_rightSplit, m_topPanes, m_bottomPanes}) {
        const QByteArray st = s.value(QStringLiteral("splitters/") + sp->objectName()).toByteArray();
        if (!st.isEmpty())
            sp->restoreState(st);
    }
    const QByteArray header = s.value(QStringLiteral("list/header")).toByteArray();
    if (!header.isEmpty())
        m_list->horizontalHeader()->restoreState(header);
    m_raw->whitespaceToggle()->setChecked(s.value(QStringLiteral("view/rawWhitespace"), false).toBool());
    m_canonical->whitespaceToggle()->setChecked(s.value(QStringLiteral("view/canonWhitespace"), true).toBool());
}

void MainWindow::saveLayout()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    for (QSplitter *sp : {m_mainSplit, m_rightSplit, m_topPanes, m_bottomPanes})
        s.setValue(QStringLiteral("splitters/") + sp->objectName(), sp->saveState());
    s.setValue(QStringLiteral("list/header"), m_list->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("view/rawWhitespace"), m_raw->whitespaceToggle()->isChecked());
    s.setValue(QStringLiteral("view/canonWhitespace"), m_canonical->whitespaceToggle()->isChecked());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (InspectorPane *p : std::as_const(m_panes))
        p->setMaximized(false);
    saveLayout();
    m_loader->stop();
    QMainWindow::closeEvent(event);
}

KeysWindow *MainWindow::keysWindow()
{
    if (!m_keysWindow) {
        m_keysWindow = new KeysWindow(m_keySources, this);
        connect(m_keysWindow, &KeysWindow::storeChanged, this, [this] {
            if (!m_model->rows().isEmpty() || m_loader->isBusy())
                reverifyAll();
        });
    }
    return m_keysWindow;
}

void MainWindow::updateOnline()
{
    const bool online = m_keySources->isOnline();
    const QString dnsError = m_keySources->dnsError();
    m_offlineLabel->setText(!dnsError.isEmpty() ? tr("⚠ Online, but DNS cannot be used")
                            : online            ? tr("● Online")
                                                : tr("○ Offline"));
    m_offlineLabel->setToolTip(
        !dnsError.isEmpty()
            ? tr("Live DNS could not be set up: %1. Keys come only from loaded key files and the key store; "
                 "a key found nowhere else is reported as not found.")
                  .arg(dnsError)
        : online ? tr("Online: keys missing from key files and the key store are looked up in "
                      "DNS. Each lookup is visible to the domain's DNS operator.")
                 : tr("Offline: no live DNS lookups. Keys come only from loaded key files and "
                      "the key store, and each verdict says which."));
    if (!dnsError.isEmpty())
        statusBar()->showMessage(tr("Live DNS could not be set up: %1").arg(dnsError), 15000);
    const QSignalBlocker block(m_onlineSwitch);
    m_onlineSwitch->setChecked(online);
    m_onlineSwitch->setText(online ? tr("Go offline") : tr("Go online"));
    m_onlineSwitch->setToolTip(m_keySources->describe());
    if (m_offlineAction) {
        const QSignalBlocker blockAction(m_offlineAction);
        m_offlineAction->setChecked(!online);
    }
}

VerificationSettings MainWindow::settings() const
{
    VerificationSettings s;
    if (!m_keys->isEmpty())
        s.resolver = m_keys;
    // The key store and (when online) DNS come after the loaded key files; a fresh chain each run.
    if (const auto extra = m_keySources->resolvers(); !extra.isEmpty()) {
        auto chain = std::make_shared<ChainResolver>(*m_keys);
        for (const auto &r : extra)
            chain->add(r);
        s.resolver = chain;
    }
    s.choice = m_evalTime->choice();
    s.chosenTime = m_evalTime->chosenTime();
    s.now = QDateTime::currentDateTimeUtc();
    s.trustedAuthservIds = m_trustedAuthserv;
    return s;
}

void MainWindow::setTrustedAuthservIds(const QStringList &ids)
{
    QStringList clean;
    for (const QString &id : ids) {
        const QString t = id.trimmed();
        if (!t.isEmpty() && !clean.contains(t, Qt::CaseInsensitive))
            clean << t;
    }
    if (clean == m_trustedAuthserv)
        return;
    m_trustedAuthserv = clean;
    QSettings().setValue(QStringLiteral("verification/trustedAuthservIds"), clean);
    m_authResults->setTrustedServers(clean);
    if (!m_model->rows().isEmpty() || m_loader->isBusy())
        reverifyAll();
}

void MainWindow::trustedServersDialog()
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Trusted receiving servers"),
        tr("The servers whose Authentication-Results you trust, as they name themselves (authserv-id), separated by "
           "commas. Name only your own receiving servers: any other could have been written by anyone upstream."),
        QLineEdit::Normal, m_trustedAuthserv.join(QStringLiteral(", ")), &ok);
    if (ok)
        setTrustedAuthservIds(text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts));
}

// -- Opening evidence ------------------------------------------------------------------------------

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    for (const QString &p : paths)
        addRecent(QFileInfo(p).absoluteFilePath());
    if (ArchiveReader::wants(paths)) {
        m_summaryDock->show();
        m_summaryDock->raise();
    }
    m_pendingOpens.append(paths);
    if (!m_loader->isBusy())
        startNext();
}

void MainWindow::startNext()
{
    if (m_loader->isBusy())
        return;
    if (!m_pendingOpens.isEmpty()) {
        m_loader->open(m_pendingOpens.takeFirst(), settings());
        return;
    }
    if (m_reverifyPending) {
        m_reverifyPending = false;
        if (!m_model->rows().isEmpty()) {
            m_loader->reverify(m_model->rows(), settings());
            return;
        }
    }
    selectFirstRow(); // when loading ends, the first message is on show
    Q_EMIT loadingFinished();
}

void MainWindow::reverifyAll()
{
    m_reverifyPending = true;
    if (!m_loader->isBusy())
        startNext();
}

bool MainWindow::isLoading() const
{
    return m_loader->isBusy() || !m_pendingOpens.isEmpty() || m_reverifyPending;
}

void MainWindow::onItemsReady(const QList<RowPtr> &rows)
{
    const bool first = m_model->rowCount() == 0;
    m_model->addOrUpdate(rows);
    // A re-verified copy of the message on show replaces it.
    if (m_current) {
        for (const RowPtr &r : rows) {
            if (r->id != 0 && r->id == m_current->id) {
                const int sig = m_currentSig;
                showRow(m_model->row(m_model->rowOf(r->id)));
                if (sig >= 0)
                    selectSignature(sig);
                break;
            }
        }
    }
    if (first && !m_list->currentIndex().isValid() && m_proxy->rowCount() > 0 && !m_selectFirstPending) {
        // Shown on the next turn of the event loop, not in the call that brought the rows: showing a
        // message lays out and paints every pane, and together with inserting the first rows and
        // painting the list it held the window for one long stretch.
        m_selectFirstPending = true;
        QTimer::singleShot(0, this, &MainWindow::selectFirstRow);
    }
}

void MainWindow::selectFirstRow()
{
    if (!std::exchange(m_selectFirstPending, false))
        return;
    if (!m_list->currentIndex().isValid() && m_proxy->rowCount() > 0)
        selectRow(0);
}

void MainWindow::onProgress(int done, int total)
{
    const bool show = total > 1;
    m_progressLabel->setVisible(show);
    m_progress->setVisible(show);
    m_stop->setVisible(show);
    // QProgressBar::setValue repaints at once (QWidget::repaint) when the bar or its percentage moves,
    // and that paints everything else pending in the window too: the rows just inserted and the first
    // message's panes, inside the call that delivered the batch. Painted with the rest, later.
    m_progress->setUpdatesEnabled(false);
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
    m_progress->setUpdatesEnabled(true); // schedules its update
    const QLocale loc;
    m_progressLabel->setText(tr("%1 of %2 verified").arg(loc.toString(done), loc.toString(total)));
}

void MainWindow::onFinished(bool stopped)
{
    m_progressLabel->setVisible(stopped);
    m_progress->hide();
    m_stop->hide();
    if (stopped)
        m_progressLabel->setText(tr("Stopped: %1 messages in the list").arg(m_model->rowCount()));
    startNext();
}

void MainWindow::openFilesDialog()
{
    QSettings s;
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Open evidence"), s.value(QStringLiteral("dirs/open")).toString(),
                                      tr("Messages and mail archives (*.eml *.mbox *.mbx *.mbs);;Messages "
                                         "(*.eml);;mbox archives (*.mbox *.mbx *.mbs);;All files (*)"));
    if (files.isEmpty())
        return;
    s.setValue(QStringLiteral("dirs/open"), QFileInfo(files.first()).absolutePath());
    openPaths(files);
}

void MainWindow::openFolderDialog()
{
    QSettings s;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of evidence"),
                                                          s.value(QStringLiteral("dirs/open")).toString());
    if (dir.isEmpty())
        return;
    s.setValue(QStringLiteral("dirs/open"), dir);
    openPaths({dir});
}

void MainWindow::addRecent(const QString &path)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    s.setValue(QStringLiteral("recent"), recent);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
    for (const QString &p : recent)
        m_recentMenu->addAction(p, this, [this, p] { openPaths({p}); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(nothing yet)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), this, [] { QSettings().remove(QStringLiteral("recent")); });
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &u : event->mimeData()->urls()) {
        if (u.isLocalFile())
            paths << u.toLocalFile();
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openPaths(paths);
    }
}

// -- Keys --------------------------------------------------------------------------------------------

bool MainWindow::loadKeys(const QString &zoneFile, QString *error)
{
    auto z = ZoneFileResolver::load(zoneFile);
    if (!z) {
        if (error)
            *error = z.error().toString();
        return false;
    }
    // A fresh chain: the resolver a running verification holds is never changed under it.
    auto chain = std::make_shared<ChainResolver>(*m_keys);
    chain->add(*z);
    m_keys = chain;
    m_keyFiles << QFileInfo(zoneFile).fileName();
    m_keyRecords += (*z)->recordCount();
    updateKeysLabel();
    if (!m_model->rows().isEmpty() || m_loader->isBusy())
        reverifyAll();
    return true;
}

void MainWindow::loadKeysDialog()
{
    QSettings s;
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Load key file"), s.value(QStringLiteral("dirs/keys")).toString(),
                                     tr("Zone files (*.zone *.txt);;All files (*)"));
    if (f.isEmpty())
        return;
    s.setValue(QStringLiteral("dirs/keys"), QFileInfo(f).absolutePath());
    QString error;
    if (!loadKeys(f, &error))
        QMessageBox::warning(this, tr("Key file"), tr("The key file could not be loaded:\n%1").arg(error));
}

void MainWindow::updateKeysLabel()
{
    if (m_keyFiles.isEmpty()) {
        m_keysLabel->setText(tr("keys: none loaded"));
        m_keysLabel->setToolTip(tr("Without a key file every signature is \"cannot check\". Keys › Load key file."));
    } else {
        m_keysLabel->setText(
            tr("keys: %1 (%n records)", nullptr, int(m_keyRecords)).arg(m_keyFiles.join(QStringLiteral(", "))));
        m_keysLabel->setToolTip(m_keys->describe());
    }
}

// -- Showing and selecting ----------------------------------------------------------------------------

bool MainWindow::selectRow(int row)
{
    if (row < 0 || row >= m_proxy->rowCount())
        return false;
    const QModelIndex idx = m_proxy->index(row, MessageListModel::FromColumn);
    m_list->setCurrentIndex(idx);
    m_list->scrollTo(idx);
    return true;
}

bool MainWindow::selectFile(const QString &fileName)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const RowPtr e = m_model->row(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        if (e && (QFileInfo(e->path).fileName() == fileName || e->path == fileName ||
                  ArchiveReader::label(*e) == fileName)) // "archive.mbox #12"
            return selectRow(r);
    }
    return false;
}

void MainWindow::showRow(const RowPtr &row)
{
    // A light row (an archive, a large folder) is read and verified again, at the time it was judged.
    showEvidence(row ? EvidenceLoader::reload(*row, settings()) : EvidencePtr());
}

void MainWindow::showEvidence(const EvidencePtr &item)
{
    m_current = item;
    m_currentSig = item && !item->isError() && !item->result.signatures.isEmpty() ? 0 : -1;
    m_locator.setEvidence(item);
    m_selection = FieldSelection();
    m_banner->setEvidence(item, m_currentSig);
    fitBanner();
    for (InspectorPane *p : std::as_const(m_panes))
        p->setEvidence(item, m_currentSig);
    m_selectionLabel->setText(!item                               ? QString()
                              : ArchiveReader::inContainer(*item) ? item->location.describe()
                                                                  : QDir::toNativeSeparators(item->path));
    setWindowTitle(item ? tr("%1 — DKIM Inspector").arg(ArchiveReader::label(*item)) : tr("DKIM Inspector"));
}

void MainWindow::fitBanner()
{
    // Every signature's verdict must be visible without scrolling: grow the banner, shrink the panes.
    QList<int> sizes = m_rightSplit->sizes();
    if (sizes.size() != 3)
        return;
    const int h = m_banner->heightFor(qMax(400, m_rightSplit->width() - 4));
    const int want = qMin(h + 16, (sizes[0] + sizes[1] + sizes[2]) / 2);
    const int delta = want - sizes[0];
    if (delta == 0)
        return;
    sizes[0] = want;
    sizes[1] = qMax(120, sizes[1] - delta / 2);
    sizes[2] = qMax(120, sizes[2] - (delta - delta / 2));
    m_rightSplit->setSizes(sizes);
}

QList<RowPtr> MainWindow::visibleRows() const
{
    QList<RowPtr> out;
    out.reserve(m_proxy->rowCount());
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        out << m_model->row(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    return out;
}

void MainWindow::selectSignature(int signature)
{
    if (!m_current || signature < 0 || signature >= m_current->result.signatures.size())
        return;
    relay(m_locator.signatureHeader(signature));
}

void MainWindow::relay(const FieldSelection &selection)
{
    if (m_relaying || !m_current)
        return;
    m_relaying = true;
    FieldSelection sel = selection;
    if (sel.signature < 0)
        sel.signature = m_currentSig;
    const bool switched = sel.signature != m_currentSig && sel.signature >= 0;
    if (switched) {
        m_currentSig = sel.signature;
        m_banner->setCurrentSignature(m_currentSig);
        for (InspectorPane *p : std::as_const(m_panes))
            p->setEvidence(m_current, m_currentSig);
    }
    if (!sel.origin || switched)
        sel.ranges = m_locator.expand(sel.ranges, sel.signature);
    m_selection = sel;
    for (InspectorPane *p : std::as_const(m_panes)) {
        if (switched || !sel.origin)
            p->applySelection(sel); // the panes were reloaded: mark it everywhere, the origin included
        else
            p->showSelection(sel);
    }
    QStringList where;
    for (const ByteRange &r : std::as_const(sel.ranges)) {
        if (r.source == SourceId::RawMessage)
            where << tr("bytes %1–%2").arg(r.offset).arg(r.end() - 1);
    }
    m_selectionLabel->setText(
        where.isEmpty() ? sel.label : tr("%1 · %2").arg(sel.label, where.mid(0, 3).join(QStringLiteral(", "))));
    m_relaying = false;
}

void MainWindow::onMaximize(InspectorPane *pane, bool on)
{
    for (InspectorPane *p : std::as_const(m_panes)) {
        if (p != pane && on && p->isMaximized()) {
            const QSignalBlocker block(p);
            p->setMaximized(false);
        }
        p->setVisible(!on || p == pane);
    }
    m_topPanes->setVisible(!on || m_topPanes->indexOf(pane) >= 0);
    m_bottomPanes->setVisible(!on || m_bottomPanes->indexOf(pane) >= 0);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About DKIM Inspector"),
        tr("<h3>DKIM Inspector %1</h3>"
           "<p>Proves or disproves where an email came from: it checks each DKIM signature of a message and shows "
           "every step, down to the byte.</p>"
           "<p>DKIM shows that a domain vouched for these exact bytes. It does not show who received the message.</p>"
           "<table><tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
           "<tr><td>OpenSSL</td><td>%4</td></tr>"
           "<tr><td>GMime</td><td>%5</td></tr></table>")
            .arg(VersionInfo::application(), VersionInfo::qtRuntime(), QStringLiteral(QT_VERSION_STR),
                 VersionInfo::openssl().toHtmlEscaped(), VersionInfo::gmime()));
}

} // namespace dkimi::ui
