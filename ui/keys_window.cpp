#include "keys_window.h"

#include "key_import.h"
#include "key_provenance.h"
#include "key_sources.h"
#include "key_store_model.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dkimi::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    t->setColumnWidth(KeyStoreModel::DomainColumn, 170);
    t->setColumnWidth(KeyStoreModel::SourceColumn, 230);
    t->setColumnWidth(KeyStoreModel::FirstSeenColumn, 125);
    t->setColumnWidth(KeyStoreModel::LastSeenColumn, 125);
    t->setColumnWidth(KeyStoreModel::FingerprintColumn, 140);
    return t;
}

} // namespace

KeysWindow::KeysWindow(KeySources *sources, QWidget *parent) : QWidget(parent, Qt::Window), m_sources(sources)
{
    setObjectName(QStringLiteral("keysWindow"));
    setWindowTitle(tr("Key store — DKIM Inspector"));
    resize(1100, 620);
    auto *v = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("keysFilter"));
    m_filter->setPlaceholderText(tr("Filter: domain or selector"));
    m_filter->setClearButtonEnabled(true);
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("keysSourceFilter"));
    m_source->addItem(tr("Any provenance"), QString());
    for (const QString &s : KeyStore::sources())
        m_source->addItem(KeyProvenance::originWords(s), s);
    auto *importButton = new QPushButton(tr("&Import file…"), this);
    importButton->setToolTip(tr("A zone file, a PEM public key (for a selector and domain you name), or a CSV/JSON "
                                "archive of historical keys"));
    auto *paste = new QPushButton(tr("&Paste key record…"), this);
    paste->setObjectName(QStringLiteral("pasteKeyButton"));
    paste->setToolTip(tr("Stored as entered by hand, and flagged as not from DNS wherever it is used"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteKeyButton"));
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_source);
    bar->addWidget(importButton);
    bar->addWidget(paste);
    bar->addWidget(m_delete);
    v->addLayout(bar);

    m_model = new KeyStoreModel(this);
    m_history = new KeyStoreModel(this);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_table = makeTable(m_model, split, QStringLiteral("keysTable"));
    auto *hbox = new QWidget(split);
    auto *hv = new QVBoxLayout(hbox);
    hv->setContentsMargins(0, 0, 0, 0);
    m_historyLabel = new QLabel(tr("History of the selected selector"), hbox);
    m_historyLabel->setObjectName(QStringLiteral("keysHistoryLabel"));
    hv->addWidget(m_historyLabel);
    m_historyTable = makeTable(m_history, hbox, QStringLiteral("keysHistoryTable"));
    hv->addWidget(m_historyTable, 1);
    split->addWidget(m_table);
    split->addWidget(hbox);
    split->setSizes({380, 200});
    v->addWidget(split, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("keysStatus"));
    m_status->setWordWrap(true);
    v->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, this, &KeysWindow::refresh);
    connect(m_source, &QComboBox::currentIndexChanged, this, &KeysWindow::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &KeysWindow::showHistory);
    connect(importButton, &QPushButton::clicked, this, &KeysWindow::importDialog);
    connect(paste, &QPushButton::clicked, this, [this] { pasteDialog(); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const StoredKey *k = m_model->key(m_table->currentIndex().row());
        if (!k)
            return;
        const auto answer = QMessageBox::question(
            this, tr("Delete key"),
            tr("Delete the key %1._domainkey.%2 (%3) from the store? Verdicts that relied on it will say the key is "
               "not available.")
                .arg(QString::fromLatin1(k->selector), QString::fromLatin1(k->domain),
                     QString::fromLatin1(k->fingerprint.left(16))));
        QString error;
        if (answer == QMessageBox::Yes && !removeKey(k->id, &error))
            QMessageBox::warning(this, tr("Delete key"), error);
    });
    connect(sources, &KeySources::changed, this, &KeysWindow::refresh);
    refresh();
}

void KeysWindow::refresh()
{
    const std::shared_ptr<KeyStore> &store = m_sources->store();
    m_model->setStore(store);
    m_history->setStore(store);
    if (!store) {
        m_model->setKeys({});
        m_history->setKeys({});
        m_status->setText(m_sources->storeError().isEmpty()
                              ? tr("No key store is open.")
                              : tr("The key store cannot be used: %1").arg(m_sources->storeError()));
        m_delete->setEnabled(false);
        return;
    }
    KeyStoreFilter f;
    f.text = m_filter->text().trimmed();
    f.source = m_source->currentData().toString();
    m_model->setKeys(store->keys(f));
    m_status->setText(tr("%n keys · %1", nullptr, int(m_model->rowCount())).arg(store->path()));
    m_delete->setEnabled(m_model->rowCount() > 0);
    showHistory();
}

void KeysWindow::showHistory()
{
    const StoredKey *k = m_model->key(m_table->currentIndex().row());
    if (!k || !m_sources->store()) {
        m_history->setKeys({});
        m_historyLabel->setText(tr("History of the selected selector"));
        return;
    }
    const QList<StoredKey> h = m_sources->store()->history(k->domain, k->selector);
    m_history->setKeys(h);
    m_historyLabel->setText(tr("History of %1._domainkey.%2: %n keys over time", nullptr, int(h.size()))
                                .arg(QString::fromLatin1(k->selector), QString::fromLatin1(k->domain)));
}

bool KeysWindow::addBatch(const QList<StoredKey> &keys, QString *error)
{
    const std::shared_ptr<KeyStore> &store = m_sources->store();
    if (!store) {
        if (error)
            *error = tr("No key store is open.");
        return false;
    }
    for (const StoredKey &k : keys) {
        auto r = store->add(k);
        if (!r) {
            if (error)
                *error = r.error().toString();
            refresh();
            return false;
        }
    }
    refresh();
    Q_EMIT storeChanged();
    return true;
}

bool KeysWindow::importFile(const QString &path, const QByteArray &domain, const QByteArray &selector, QString *error)
{
    auto batch = KeyImport::fromFile(path, domain, selector);
    if (!batch) {
        if (error)
            *error = batch.error().toString();
        return false;
    }
    return addBatch(batch->keys, error);
}

bool KeysWindow::addByHand(const QByteArray &domain, const QByteArray &selector, const QByteArray &record,
                           QString *error)
{
    if (domain.trimmed().isEmpty() || selector.trimmed().isEmpty() || record.trimmed().isEmpty()) {
        if (error)
            *error = tr("Domain, selector and key record are all needed.");
        return false;
    }
    QByteArray text = record.trimmed();
    // A PEM public key pasted instead of a record.
    if (text.startsWith("-----BEGIN")) {
        auto batch =
            KeyImport::fromPem(text, domain.trimmed().toLower(), selector.trimmed().toLower(), tr("pasted by hand"));
        if (!batch) {
            if (error)
                *error = batch.error().toString();
            return false;
        }
        return addBatch(batch->keys, error);
    }
    StoredKey k;
    k.domain = domain.trimmed().toLower();
    k.selector = selector.trimmed().toLower();
    k.record = text;
    k.source = QStringLiteral("entered_by_hand");
    k.firstSeen = k.lastSeen = QDateTime::currentDateTimeUtc();
    return addBatch({k}, error);
}

bool KeysWindow::removeKey(qint64 id, QString *error)
{
    const std::shared_ptr<KeyStore> &store = m_sources->store();
    auto r = store ? store->remove(id) : Expected<bool>(Error{QString(), tr("No key store is open.")});
    if (!r || !*r) {
        if (error)
            *error = r ? tr("No such key.") : r.error().toString();
        return false;
    }
    refresh();
    Q_EMIT storeChanged();
    return true;
}

void KeysWindow::importDialog()
{
    QSettings s;
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Import keys"), s.value(QStringLiteral("dirs/keys")).toString(),
                                     tr("Key files (*.zone *.txt *.pem *.csv *.json);;All files (*)"));
    if (f.isEmpty())
        return;
    s.setValue(QStringLiteral("dirs/keys"), QFileInfo(f).absolutePath());
    QByteArray domain, selector;
    if (f.endsWith(QLatin1String(".pem"), Qt::CaseInsensitive)) {
        bool ok = false;
        const QString d = QInputDialog::getText(this, tr("PEM public key"), tr("Signing domain (d=):"),
                                                QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        const QString sel =
            QInputDialog::getText(this, tr("PEM public key"), tr("Selector (s=):"), QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        domain = d.toLatin1();
        selector = sel.toLatin1();
    }
    QString error;
    if (!importFile(f, domain, selector, &error))
        QMessageBox::warning(this, tr("Import keys"), tr("The keys could not be imported:\n%1").arg(error));
}

void KeysWindow::pasteDialog(const QString &domain, const QString &selector)
{
    QDialog d(this);
    d.setObjectName(QStringLiteral("pasteKeyDialog"));
    d.setWindowTitle(tr("Paste a key record"));
    auto *form = new QFormLayout(&d);
    auto *note = new QLabel(tr("A key entered by hand is stored as such and flagged as not from DNS in every "
                               "verdict that uses it. Paste the TXT record (v=DKIM1; k=rsa; p=…) or a PEM public "
                               "key."),
                            &d);
    note->setWordWrap(true);
    form->addRow(note);
    auto *dom = new QLineEdit(domain, &d);
    auto *sel = new QLineEdit(selector, &d);
    auto *rec = new QPlainTextEdit(&d);
    form->addRow(tr("Signing domain (d=):"), dom);
    form->addRow(tr("Selector (s=):"), sel);
    form->addRow(tr("Key record:"), rec);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        QString error;
        if (addByHand(dom->text().toLatin1(), sel->text().toLatin1(), rec->toPlainText().toLatin1(), &error))
            d.accept();
        else
            QMessageBox::warning(&d, tr("Paste a key record"), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    d.resize(620, 360);
    d.exec();
}

} // namespace dkimi::ui
