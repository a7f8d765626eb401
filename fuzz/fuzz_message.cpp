// Fuzzes message splitting, DKIM-Signature parsing and the whole verification walk (with a key
// source that knows one Ed25519 and one RSA key, so the crypto paths are reached too).
#include "message.h"
#include "verifier.h"
#include "zone_file_resolver.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::shared_ptr<const dkimi::KeyResolver> keys = [] {
        auto z = dkimi::ZoneFileResolver::parse(
            "brisbane._domainkey.football.example.com. IN TXT \"v=DKIM1; k=ed25519; "
            "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"\n"
            "test._domainkey.football.example.com. IN TXT \"v=DKIM1; k=rsa; "
            "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/"
            "byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/"
            "K4w3QIDAQAB\"\n",
            QStringLiteral("fuzz.zone"));
        return std::shared_ptr<const dkimi::KeyResolver>(*z);
    }();
    static const dkimi::Verifier verifier([] {
        dkimi::VerifierOptions o;
        o.resolver = keys;
        o.evaluationTime = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);
        return o;
    }());
    const QByteArray in(reinterpret_cast<const char *>(data), qsizetype(size));
    const dkimi::Message m = dkimi::Message::fromBytes(in, QStringLiteral("fuzz.eml"));
    const dkimi::MessageResult r = verifier.verify(m);
    for (const dkimi::SignatureResult &s : r.signatures) {
        for (const dkimi::Step &st : s.steps) {
            for (const dkimi::Field &f : st.inputs) {
                if (f.range.source == dkimi::SourceId::RawMessage && f.range.offset >= 0 &&
                    f.range.offset + f.range.length > in.size())
                    __builtin_trap(); // a range outside the stored bytes
            }
        }
    }
    return 0;
}
