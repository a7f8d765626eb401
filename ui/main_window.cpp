#include "main_window.h"

#include "mime_summary.h"
#include "report_writer.h"
#include "zone_file_resolver.h"

#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>

namespace dkimi::ui {

namespace {

QString iconFor(Result r)
{
    switch (r) {
    case Result::Pass: return QStringLiteral("✔");
    case Result::Policy: return QStringLiteral("⚠");
    case Result::Fail: return QStringLiteral("✘");
    case Result::PermError: return QStringLiteral("?");
    case Result::TempError: return QStringLiteral("⟳");
    case Result::None: return QStringLiteral("–");
    }
    return QString();
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_keys(std::make_shared<ChainResolver>())
{
    setWindowTitle(tr("DKIM Inspector"));
    auto *split = new QSplitter(this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("evidenceList"));
    m_report = new QPlainTextEdit(split);
    m_report->setObjectName(QStringLiteral("report"));
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->setStretchFactor(1, 3);
    setCentralWidget(split);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openFiles);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *keys = menuBar()->addMenu(tr("&Keys"));
    keys->addAction(tr("&Load key file…"), this, &MainWindow::loadKeysDialog);

    m_keysLabel = new QLabel(tr("Offline · no key file"), this);
    statusBar()->addPermanentWidget(m_keysLabel);
    connect(m_list, &QListWidget::currentRowChanged, this, &MainWindow::showSelected);
    resize(1100, 700);
}

bool MainWindow::loadKeys(const QString &zoneFile)
{
    auto z = ZoneFileResolver::load(zoneFile);
    if (!z) {
        QMessageBox::warning(this, tr("Key file"), z.error().toString());
        return false;
    }
    m_keys->add(*z);
    m_keyFiles << QFileInfo(zoneFile).fileName();
    m_keysLabel->setText(tr("Offline · keys: %1").arg(m_keys->describe()));
    // Re-verify what is open with the new keys.
    QStringList paths;
    for (const Entry &e : std::as_const(m_entries))
        paths << e.path;
    m_entries.clear();
    m_list->clear();
    openPaths(paths);
    return true;
}

void MainWindow::openPaths(const QStringList &paths)
{
    VerifierOptions o;
    o.resolver = m_keys;
    const Verifier v(o);
    for (const QString &p : paths) {
        QStringList files;
        if (QFileInfo(p).isDir()) {
            QDirIterator it(p, {QStringLiteral("*.eml")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            files.sort();
        } else {
            files << p;
        }
        for (const QString &f : std::as_const(files)) {
            auto m = Message::fromFile(f);
            Entry e;
            e.path = f;
            if (!m) {
                e.text = m.error().toString();
                m_entries.append(e);
                m_list->addItem(QStringLiteral("! %1").arg(QFileInfo(f).fileName()));
                continue;
            }
            e.result = v.verify(*m);
            const MimeSummary mime = MimeSummary::of(*m);
            e.text = toText(e.result, mime);
            m_entries.append(e);
            m_list->addItem(QStringLiteral("%1  %2  %3")
                                .arg(iconFor(e.result.result), mime.subject.isEmpty() ? QFileInfo(f).fileName() : mime.subject,
                                     mime.from));
        }
    }
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void MainWindow::openFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open evidence"), QString(),
                                                            tr("Messages (*.eml *.msg *.txt);;All files (*)"));
    if (!files.isEmpty())
        openPaths(files);
}

void MainWindow::loadKeysDialog()
{
    const QString f = QFileDialog::getOpenFileName(this, tr("Load key file"), QString(),
                                                   tr("Zone files (*.zone *.txt);;All files (*)"));
    if (!f.isEmpty())
        loadKeys(f);
}

void MainWindow::showSelected()
{
    const int row = m_list->currentRow();
    m_report->setPlainText(row >= 0 && row < m_entries.size() ? m_entries.at(row).text : QString());
}

} // namespace dkimi::ui
