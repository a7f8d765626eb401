#include "verify_command.h"

#include "batch_summary.h"
#include "batch_verifier.h"
#include "csv_writer.h"
#include "evidence_strength.h"
#include "jsonl_writer.h"
#include "key_source_options.h"
#include "report_writer.h"
#include "verifier.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLocale>
#include <QThread>

#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#define DKIMI_ISATTY _isatty
#define DKIMI_FILENO _fileno
#else
#include <unistd.h>
#define DKIMI_ISATTY isatty
#define DKIMI_FILENO fileno
#endif

namespace dkimi::cli {

namespace {

void write(FILE *f, const QString &s)
{
    const QByteArray b = s.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), f);
}

// Progress on a terminal: one line, rewritten in place.
class TerminalProgress : public BatchObserver {
public:
    explicit TerminalProgress(FILE *err) : m_err(err) { m_timer.start(); }
    void progress(qint64 done, qint64 bytesRead, qint64 bytesTotal) override
    {
        if (m_timer.elapsed() - m_last < 200)
            return;
        m_last = m_timer.elapsed();
        const double secs = std::max(0.001, double(m_timer.elapsed()) / 1000.0);
        const int pct = bytesTotal > 0 ? int(100.0 * double(bytesRead) / double(bytesTotal)) : 0;
        write(m_err, QStringLiteral("\r%1 messages verified, %2% of the input read, %3 messages/s   ")
                         .arg(QLocale(QLocale::English).toString(done))
                         .arg(pct)
                         .arg(qint64(double(done) / secs)));
        fflush(m_err);
        m_shown = true;
    }
    void finish()
    {
        if (m_shown)
            write(m_err, QStringLiteral("\r%1\r").arg(QString(78, QLatin1Char(' '))));
    }

private:
    FILE *m_err;
    QElapsedTimer m_timer;
    qint64 m_last = -1000;
    bool m_shown = false;
};

} // namespace

int VerifyCommand::execute(const QStringList &args, FILE *out, FILE *err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Verify the DKIM signatures of messages: .eml files, mbox archives (mboxo, mboxrd, mboxcl, mboxcl2), "
        "Maildir folders and folder trees of them."));
    p.addHelpOption();
    const KeySourceOptions keySources;
    keySources.addTo(p);
    const QCommandLineOption atOpt(QStringLiteral("at"),
                                   QStringLiteral("Judge x= (expiry) and t= (timestamp) at: now (the default); "
                                                  "date (each message's Date header); received (each message's "
                                                  "first Received hop, the receiving server's clock); or an RFC "
                                                  "3339 time such as 2016-03-01T12:00:00Z. A message without a "
                                                  "usable Date or Received time is judged at now, and says so."),
                                   QStringLiteral("TIME"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("Output format: text, json (JSON Lines, one object per "
                                                      "message) or csv (one row per signature)."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption walkOpt(QStringLiteral("walk"),
                                     QStringLiteral("With --format json: include every verification step, its "
                                                    "inputs, findings and exact output bytes."));
    const QCommandLineOption jobsOpt(
        QStringLiteral("jobs"), QStringLiteral("Verify with N threads (default: one per core)."), QStringLiteral("N"));
    const QCommandLineOption summaryOpt(QStringLiteral("summary"),
                                        QStringLiteral("After the messages, print totals by result, reason, "
                                                       "signing domain and year (on stderr for json and csv)."));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"),
                                      QStringLiteral("Print no per-message output (use with --summary)."));
    const QCommandLineOption publishedOpt(
        QStringLiteral("published-keys"),
        QStringLiteral("Keys whose private halves were made public (TSV: domain, selector, published date, "
                       "source, note): a signature judged after that date proves nothing."),
        QStringLiteral("FILE"));
    const QCommandLineOption trustedOpt(
        QStringLiteral("trusted-authserv"),
        QStringLiteral("A receiving server (authserv-id) whose Authentication-Results you trust; may be given several "
                       "times. Other servers' records are reported, but could have been forged upstream."),
        QStringLiteral("ID"));
    p.addOptions({atOpt, formatOpt, walkOpt, jobsOpt, summaryOpt, quietOpt, publishedOpt, trustedOpt});
    p.addPositionalArgument(QStringLiteral("INPUT"),
                            QStringLiteral("Message files, mbox archives, Maildirs or folders."),
                            QStringLiteral("INPUT..."));

    if (!p.parse(args)) {
        write(err, QStringLiteral("dkim-inspector-cli verify: %1\n").arg(p.errorText()));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        write(out,
              p.helpText().replace(QLatin1String("Usage: verify"), QLatin1String("Usage: dkim-inspector-cli verify")));
        return ExitAllPass;
    }
    const QString format = p.value(formatOpt);
    if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("csv")) {
        write(err,
              QStringLiteral("dkim-inspector-cli verify: --format must be text, json or csv, not '%1'\n").arg(format));
        return ExitUsage;
    }
    if (p.positionalArguments().isEmpty()) {
        write(err, QStringLiteral("dkim-inspector-cli verify: name at least one message file, archive or folder\n"));
        return ExitUsage;
    }
    BatchOptions bo;
    if (p.isSet(jobsOpt)) {
        bool ok = false;
        bo.jobs = p.value(jobsOpt).toInt(&ok);
        if (!ok || bo.jobs < 1 || bo.jobs > 1024) {
            write(err, QStringLiteral("dkim-inspector-cli verify: --jobs needs a number from 1 to 1024, not '%1'\n")
                           .arg(p.value(jobsOpt)));
            return ExitUsage;
        }
    }

    VerifierOptions vo;
    // One "now" for the whole run, also the fallback of the per-message bases.
    vo.evaluationTime = QDateTime::currentDateTimeUtc();
    vo.evaluationBasis = QStringLiteral("now");
    const QString at = p.value(atOpt);
    if (!p.isSet(atOpt) || at == QLatin1String("now")) {
        // the default
    } else if (at == QLatin1String("date")) {
        vo.timeSource = EvaluationTimeSource::DateHeader;
    } else if (at == QLatin1String("received")) {
        vo.timeSource = EvaluationTimeSource::FirstReceived;
    } else {
        const auto t = parseRfc3339(at);
        if (!t) {
            write(err, QStringLiteral("dkim-inspector-cli verify: --at needs now, date, received or an RFC 3339 time "
                                      "such as 2016-03-01T12:00:00Z, not '%1'\n")
                           .arg(at));
            return ExitUsage;
        }
        vo.evaluationTime = *t;
        vo.evaluationBasis = QStringLiteral("given");
    }
    auto resolver = keySources.build(p, err);
    if (!resolver) {
        write(err, QStringLiteral("dkim-inspector-cli verify: %1\n").arg(resolver.error().toString()));
        return ExitUsage;
    }
    vo.resolver = *resolver;
    vo.trustedAuthservIds = p.values(trustedOpt);
    if (p.isSet(publishedOpt)) {
        auto published = PublishedKeyList::load(p.value(publishedOpt));
        if (!published) {
            write(err, QStringLiteral("dkim-inspector-cli verify: %1\n").arg(published.error().toString()));
            return ExitUsage;
        }
        vo.publishedKeys = *published;
    }

    ReportOptions ro;
    ro.includeWalk = p.isSet(walkOpt);
    bo.keepWalk = ro.includeWalk;
    const bool quiet = p.isSet(quietOpt);
    const bool wantSummary = p.isSet(summaryOpt);
    // CSV rows and the summary show the verdicts, not the header table, replay check, ARC,
    // Authentication-Results, alignment or failure explanations: none of those is worked out when
    // nothing prints it.
    if (quiet || format == QLatin1String("csv")) {
        vo.messageAnalysis = false;
        vo.surroundingEvidence = false;
        vo.explainFailures = false; // neither prints explanations or recovered hashes
    }

    bool allPass = true;
    bool unreadable = false;
    bool first = true;
    bool any = false;
    BatchSummary summary;
    if (format == QLatin1String("csv") && !quiet)
        write(out, CsvWriter::header());

    // JSON lines and CSV rows are made on the worker threads, in parallel; the delivering thread
    // writes them in order.
    const bool json = format == QLatin1String("json");
    if (!quiet && (json || format == QLatin1String("csv"))) {
        bo.render = [json, ro](BatchItem &item) {
            if (!json) {
                item.rendered = CsvWriter::rows(item).toUtf8();
                return;
            }
            item.rendered = JsonLinesWriter::line(item, ro);
        };
    }
    // Only text output reads the results on this thread; the others get what was rendered and
    // a tally for the totals.
    bo.keepResult = format == QLatin1String("text") && !quiet;
    MessageSource source(p.positionalArguments());
    source.setDigestArchives(wantSummary); // the summary names each archive by its SHA-256
    BatchVerifier batch(vo, bo);
    TerminalProgress progress(err);
    const bool tty = DKIMI_ISATTY(DKIMI_FILENO(err));
    batch.run(
        source,
        [&](BatchItem &&item) {
            any = true;
            summary.add(item);
            if (!item.result && !item.tally) {
                unreadable = true;
                allPass = false;
                write(err,
                      QStringLiteral("dkim-inspector-cli verify: %1: %2\n").arg(item.location.describe(), item.error));
            } else if ((item.tally ? item.tally->result : item.result->result) != Result::Pass) {
                allPass = false;
            }
            if (quiet)
                return;
            if (json || format == QLatin1String("csv")) {
                fwrite(item.rendered.constData(), 1, size_t(item.rendered.size()), out);
            } else {
                if (!first)
                    write(out, QStringLiteral("\n"));
                if (item.result) {
                    QString text = toText(*item.result, item.summary);
                    if (item.location.container == MessageLocation::Container::Mbox) {
                        // First line names the message inside its archive.
                        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
                        text.replace(0, eol, item.location.describe());
                    }
                    write(out, text);
                    for (const QString &n : std::as_const(item.notes))
                        write(out, QStringLiteral("  [note] %1\n").arg(n));
                } else {
                    write(out, QStringLiteral("%1\n  ERROR: %2\n").arg(item.location.describe(), item.error));
                }
            }
            first = false;
        },
        tty ? &progress : nullptr);
    progress.finish();
    fflush(out);

    if (wantSummary) {
        FILE *dest = format == QLatin1String("text") ? out : err;
        if (!quiet && format == QLatin1String("text"))
            write(dest, QStringLiteral("\n"));
        summary.setArchives(source.archiveDigests());
        write(dest, summary.toText());
    }
    if (!any) {
        write(err, QStringLiteral("dkim-inspector-cli verify: no messages found in the inputs\n"));
        return ExitUsage;
    }
    if (unreadable)
        return ExitUsage;
    return allPass ? ExitAllPass : ExitNotAllPass;
}

} // namespace dkimi::cli
