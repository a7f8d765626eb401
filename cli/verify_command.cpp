#include "verify_command.h"

#include "message.h"
#include "mime_summary.h"
#include "report_writer.h"
#include "verifier.h"
#include "key_source_options.h"

#include <QCommandLineParser>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>

namespace dkimi::cli {

namespace {

void write(FILE *f, const QString &s)
{
    const QByteArray b = s.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), f);
}

void writeJsonLine(FILE *f, const QJsonObject &o)
{
    QByteArray b = QJsonDocument(o).toJson(QJsonDocument::Compact);
    b.append('\n');
    fwrite(b.constData(), 1, size_t(b.size()), f);
}

// Files named on the command line; folders are walked (sorted, so runs are repeatable).
QStringList expandInputs(const QStringList &inputs)
{
    QStringList files;
    for (const QString &in : inputs) {
        QFileInfo fi(in);
        if (fi.isDir()) {
            QStringList found;
            QDirIterator it(in, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                found << it.next();
            found.sort();
            files << found;
        } else {
            files << in;
        }
    }
    return files;
}

} // namespace

int VerifyCommand::execute(const QStringList &args, FILE *out, FILE *err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Verify the DKIM signatures of message files (.eml)."));
    p.addHelpOption();
    const KeySourceOptions keySources;
    keySources.addTo(p);
    const QCommandLineOption atOpt(QStringLiteral("at"),
                                   QStringLiteral("Judge x= (expiry) and t= (timestamp) at this RFC 3339 time "
                                                  "(default: now), e.g. 2016-03-01T12:00:00Z."),
                                   QStringLiteral("TIME"));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("Output format: text or json (JSON Lines)."),
                                       QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption walkOpt(QStringLiteral("walk"),
                                     QStringLiteral("With --format json: include every verification step, its "
                                                    "inputs, findings and exact output bytes."));
    p.addOptions({atOpt, formatOpt, walkOpt});
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Message files or folders of them."),
                            QStringLiteral("FILE..."));

    if (!p.parse(args)) {
        write(err, QStringLiteral("dkim-inspector-cli verify: %1\n").arg(p.errorText()));
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        write(out, p.helpText().replace(QLatin1String("Usage: verify"), QLatin1String("Usage: dkim-inspector-cli verify")));
        return ExitAllPass;
    }
    const QString format = p.value(formatOpt);
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        write(err, QStringLiteral("dkim-inspector-cli verify: --format must be text or json, not '%1'\n").arg(format));
        return ExitUsage;
    }
    if (p.positionalArguments().isEmpty()) {
        write(err, QStringLiteral("dkim-inspector-cli verify: name at least one message file\n"));
        return ExitUsage;
    }

    VerifierOptions vo;
    if (p.isSet(atOpt)) {
        const auto t = parseRfc3339(p.value(atOpt));
        if (!t) {
            write(err, QStringLiteral("dkim-inspector-cli verify: --at needs an RFC 3339 time such as "
                                      "2016-03-01T12:00:00Z, not '%1'\n")
                           .arg(p.value(atOpt)));
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
    const Verifier verifier(vo);
    ReportOptions ro;
    ro.includeWalk = p.isSet(walkOpt);
    const bool json = format == QLatin1String("json");

    bool allPass = true;
    bool unreadable = false;
    bool first = true;
    for (const QString &file : expandInputs(p.positionalArguments())) {
        auto msg = Message::fromFile(file);
        if (!msg) {
            unreadable = true;
            write(err, QStringLiteral("dkim-inspector-cli verify: %1\n").arg(msg.error().toString()));
            if (json)
                writeJsonLine(out, errorToJson(file, msg.error().message));
            continue;
        }
        const MessageResult r = verifier.verify(*msg);
        const MimeSummary mime = MimeSummary::of(*msg);
        if (r.result != Result::Pass)
            allPass = false;
        if (json) {
            writeJsonLine(out, toJson(r, mime, ro));
        } else {
            if (!first)
                write(out, QStringLiteral("\n"));
            write(out, toText(r, mime));
        }
        first = false;
        fflush(out);
    }
    if (unreadable)
        return ExitUsage;
    return allPass ? ExitAllPass : ExitNotAllPass;
}

} // namespace dkimi::cli
