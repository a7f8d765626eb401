#!/usr/bin/python3
"""Generate the sample evidence that DKIM Inspector opens on first run.

Run with the Debian python (dkimpy comes from python3-dkim):

    /usr/bin/python3 resources/samples/make_samples.py

Writes next to this script one .eml per instructive case and keys.zone with the public key
records they need. Private keys live in keys/ (test keys, published on purpose: they prove
nothing). They are created with the openssl CLI when missing and reused afterwards, so a rerun
reproduces every file byte for byte: the clock is pinned to each message's Date, and RSA
PKCS#1 v1.5 signatures are deterministic.

The RFC 8463 Appendix A example is copied from the RFC (through tests/data/rfc), with its keys.
"""

import os
import shutil
import subprocess
import base64
import email.utils
from unittest import mock

import dkim
from dkim.canonicalization import CanonicalizationPolicy
from dkim.crypto import HASH_ALGORITHMS, parse_pem_private_key

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CRLF = b"\r\n"

# 2024-03-12T09:41:00Z: when the samples were "sent" and signed.
SENT = 1710236460
SENT_DATE = "Tue, 12 Mar 2024 09:41:00 +0000"
WEEK = 7 * 24 * 3600


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True).stdout


def key_path(name):
    return os.path.join(KEYS, name + ".pem")


def ensure_key(name, bits):
    os.makedirs(KEYS, exist_ok=True)
    if not os.path.exists(key_path(name)):
        run(["openssl", "genrsa", "-traditional", "-out", key_path(name), str(bits)])
    with open(key_path(name), "rb") as f:
        return f.read()


def spki_b64(name):
    return base64.b64encode(run(["openssl", "rsa", "-in", key_path(name), "-pubout", "-outform", "DER"])).decode()


def message(headers, body_lines):
    return b"".join(h.encode() + CRLF for h in headers) + CRLF + b"".join(l.encode() + CRLF for l in body_lines)


def headers(frm, to, subject, msgid, date=SENT_DATE):
    return ["From: " + frm, "To: " + to, "Subject: " + subject, "Date: " + date, "Message-ID: " + msgid,
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]


H = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type"]


def sign(msg, d, s, key, alg="rsa-sha256", length=False, x=None, t=SENT):
    """A DKIM-Signature header field made by dkimpy with the clock pinned to t."""
    if x is None:
        with mock.patch("time.time", return_value=float(t)):
            signer = dkim.DKIM(msg, signature_algorithm=alg.encode(), minkey=1024)
            return signer.sign(s.encode(), d.encode(), key, canonicalize=(b"relaxed", b"relaxed"),
                               include_headers=[h.encode() for h in H], length=length)
    # dkim.sign cannot write x=: build the tag list and let dkimpy's gen_header sign it.
    signer = dkim.DKIM(msg, signature_algorithm=alg.encode(), minkey=1024)
    policy = CanonicalizationPolicy.from_c_value(b"relaxed/relaxed")
    signer.hasher = HASH_ALGORITHMS[alg.encode()]
    body = policy.canonicalize_body(signer.body)
    bh = base64.b64encode(signer.hasher(body).digest())
    include = tuple(h.encode() for h in H)
    fields = [(b"v", b"1"), (b"a", alg.encode()), (b"c", b"relaxed/relaxed"), (b"d", d.encode()),
              (b"s", s.encode()), (b"t", str(t).encode()), (b"x", str(x).encode()),
              (b"h", b" : ".join(include)), (b"bh", bh), (b"b", b"0" * 60)]
    signer.include_headers = include
    return b"DKIM-Signature: " + signer.gen_header(fields, include, policy, b"DKIM-Signature",
                                                   parse_pem_private_key(key))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


BODY = [
    "Hi Dana,",
    "",
    "As agreed on the phone: the transfer of EUR 48,000 to the supplier goes out",
    "on Friday. Please do not share the account details outside the team.",
    "",
    "Regards,",
    "Alice",
]


def header_b(msg):
    """The first 8 characters of the top DKIM-Signature's b= (header.b in Authentication-Results)."""
    head = msg.split(CRLF + CRLF)[0].replace(CRLF + b" ", b" ").replace(CRLF + b"\t", b" ")
    for line in head.split(CRLF):
        if line.lower().startswith(b"dkim-signature:"):
            for tag in line.split(b";"):
                if tag.strip().startswith(b"b="):
                    return tag.strip()[2:].replace(b" ", b"")[:8].decode()
    return ""


def received(by, frm, ip, when):
    return ("Received: from %s (%s [%s])\r\n\tby %s with ESMTPS;\r\n\t%s" % (
        frm, frm, ip, by, email.utils.formatdate(when, usegmt=False).replace("-0000", "+0000"))).encode() + CRLF


def mailing_list_arc(news, lists, alumni):
    """alice@example.com writes to a list; the list adds a footer (which breaks example.com's body hash),
    signs as lists.example.net and seals ARC set 1 with what it recorded at receipt (dkim=pass); an alumni
    forwarder seals set 2. Each hop's Authentication-Results sits below its Received line, as Gmail's do."""
    listed = [l.replace("Hi Dana,", "Hi all,") for l in BODY]
    m = message(headers("Alice Martin <alice@example.com>", "Newsroom list <newsroom@lists.example.net>",
                        "Supplier payment on Friday", "<sample-arc@example.com>"), listed)
    m = sign(m, "example.com", "newsroom2024", news) + m

    # Hop 1, the list (two minutes later): it checked example.com's signature on arrival.
    t1 = SENT + 120
    ar1 = ("Authentication-Results: mx.lists.example.net;\r\n"
           "\tdkim=pass header.d=example.com header.s=newsroom2024 header.b=%s;\r\n"
           "\tspf=pass smtp.mailfrom=alice@example.com;\r\n"
           "\tdmarc=pass header.from=example.com" % header_b(m)).encode() + CRLF
    m = received("mx.lists.example.net", "mail.example.com", "192.0.2.25", t1) + ar1 + m
    head, body = m.split(CRLF + CRLF, 1)
    footer = CRLF.join([b"", b"-- ", b"Newsroom list: https://lists.example.net/newsroom", b""])
    m = head + CRLF + b"List-Id: Newsroom list <newsroom.lists.example.net>" + CRLF + CRLF + body + footer
    with mock.patch("time.time", return_value=float(t1)):
        list_sig = dkim.sign(m, b"lists2024", b"lists.example.net", lists, canonicalize=(b"relaxed", b"relaxed"),
                             include_headers=[h.encode() for h in H + ["list-id"]])
    m = list_sig + m
    arc1 = dkim.arc_sign(m, b"lists2024", b"lists.example.net", lists, b"mx.lists.example.net", timestamp=t1,
                         include_headers=[h.encode() for h in H + ["list-id"]])
    m = b"".join(arc1) + m

    # Hop 2, the forwarder (three minutes after that): example.com's body hash fails now, the list's
    # signature and the ARC chain pass.
    t2 = t1 + 180
    ar2 = ("Authentication-Results: mx.alumni.example.org;\r\n"
           "\tdkim=fail reason=\"body hash did not verify\" header.d=example.com header.s=newsroom2024;\r\n"
           "\tdkim=pass header.d=lists.example.net header.s=lists2024 header.b=%s;\r\n"
           "\tarc=pass (i=1 d=lists.example.net);\r\n"
           "\tspf=pass smtp.mailfrom=newsroom-bounces@lists.example.net" % header_b(m)).encode() + CRLF
    m = received("mx.alumni.example.org", "mx.lists.example.net", "198.51.100.7", t2) + ar2 + m
    arc2 = dkim.arc_sign(m, b"alumni2024", b"alumni.example.org", alumni, b"mx.alumni.example.org", timestamp=t2,
                         include_headers=[h.encode() for h in H + ["list-id"]])
    if not arc1 or not arc2:
        raise SystemExit("dkimpy made no ARC set")
    return b"".join(arc2) + m


def main():
    news = ensure_key("newsroom2024", 2048)
    legacy = ensure_key("legacy2016", 2048)
    lists = ensure_key("lists2024", 2048)
    alumni = ensure_key("alumni2024", 2048)

    zone = [
        "; Public keys for DKIM Inspector's sample evidence (generated by make_samples.py, do not edit).",
        "; The private keys are in keys/: they are test keys and prove nothing.",
        "",
        '; example.com, 2048-bit RSA',
        'newsroom2024._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; p=%s"' % spki_b64("newsroom2024"),
        '; example.org signs with rsa-sha1 (RFC 8301 forbids it)',
        'legacy2016._domainkey.example.org. 3600 IN TXT "v=DKIM1; k=rsa; p=%s"' % spki_b64("legacy2016"),
        '; rotated2019._domainkey.example.net is deliberately absent: the key was rotated away',
        '; the mailing list and the forwarder of 10_mailing_list_arc.eml: DKIM and ARC keys, 2048-bit RSA',
        'lists2024._domainkey.lists.example.net. 3600 IN TXT "v=DKIM1; k=rsa; p=%s"' % spki_b64("lists2024"),
        'alumni2024._domainkey.alumni.example.org. 3600 IN TXT "v=DKIM1; k=rsa; p=%s"' % spki_b64("alumni2024"),
        "",
    ]
    # RFC 8463 Appendix A.2: the Ed25519 and RSA keys of football.example.com, as the RFC prints them.
    with open(os.path.join(REPO, "tests", "data", "rfc", "rfc.zone")) as f:
        rfc = f.read()
    zone.append("; RFC 8463 Appendix A.2 (Ed25519, and 1024-bit RSA), used by rfc8463_football.eml")
    zone.append(rfc[rfc.index("brisbane._domainkey.football.example.com."):].rstrip("\n"))
    zone.append("")
    write("keys.zone", "\n".join(zone).encode())
    shutil.copyfile(os.path.join(REPO, "tests", "data", "rfc", "rfc8463_appA.eml"),
                    os.path.join(HERE, "rfc8463_football.eml"))

    alice = "Alice Martin <alice@example.com>"
    dana = "Dana Reyes <dana@example.net>"

    # 1. intact: signed by example.com, nothing changed
    m = message(headers(alice, dana, "Supplier payment on Friday", "<sample-intact@example.com>"), BODY)
    write("01_intact.eml", sign(m, "example.com", "newsroom2024", news) + m)

    # 2. body altered after signing: one figure changed
    sig = sign(m, "example.com", "newsroom2024", news)
    write("02_body_altered.eml", sig + m.replace(b"EUR 48,000", b"EUR 84,000"))

    # 3. a signed header changed after signing: the Subject
    m3 = message(headers(alice, dana, "Lunch on Thursday?", "<sample-subject@example.com>"),
                 ["Hi Dana,", "", "Lunch on Thursday at noon?", "", "Alice"])
    sig = sign(m3, "example.com", "newsroom2024", news)
    write("03_subject_changed.eml", sig + m3.replace(b"Subject: Lunch on Thursday?", b"Subject: Resignation"))

    # 4. a second From header added above the signed one: DKIM covers the bottom one only
    m4 = message(headers(alice, dana, "Board minutes", "<sample-from@example.com>"),
                 ["Minutes attached as discussed.", "", "Alice"])
    sig = sign(m4, "example.com", "newsroom2024", news)
    write("04_header_added.eml", b"From: CEO <ceo@example.com>" + CRLF + sig + m4)

    # 5. l= with content appended after signing: the signature still verifies
    m5 = message(headers(alice, dana, "Newsletter: March", "<sample-length@example.com>"),
                 ["This month: the new office opens on the 1st of April.", "", "Alice"])
    sig = sign(m5, "example.com", "newsroom2024", news, length=True)
    appended = b"".join(l.encode() + CRLF for l in [
        "", "UPDATE: please wire the deposit for the new office today to",
        "IBAN XX00 0000 0000 0000 0000 00. Ask nobody; this is urgent.", ""])
    write("05_partial_body.eml", sig + m5 + appended)

    # 6. rsa-sha1 (forbidden by RFC 8301), otherwise intact
    m6 = message(headers("Bob Lee <bob@example.org>", dana, "Old archive export", "<sample-sha1@example.org>"),
                 ["Attached is the export you asked for.", "", "Bob"])
    write("06_rsa_sha1.eml", sign(m6, "example.org", "legacy2016", legacy, alg="rsa-sha1") + m6)

    # 7. the key is not published (rotated away): cannot be checked
    m7 = message(headers("Carol Wu <carol@example.net>", dana, "Contract draft v3", "<sample-nokey@example.net>"),
                 ["Here is the third draft.", "", "Carol"])
    write("07_missing_key.eml", sign(m7, "example.net", "rotated2019", legacy) + m7)

    # 8. a signature with an expiry one week after sending: expired now, valid at its Date
    m8 = message(headers(alice, dana, "Offer valid for one week", "<sample-expiry@example.com>"),
                 ["The offer stands until next Tuesday.", "", "Alice"])
    write("08_expiring.eml", sign(m8, "example.com", "newsroom2024", news, x=SENT + WEEK) + m8)

    # 9. no DKIM signature at all
    write("09_unsigned.eml", message(headers("Eve <eve@example.net>", dana, "Hello", "<sample-unsigned@example.net>"),
                                     ["No signature here.", "", "Eve"]))

    # 10. through a mailing list and a forwarder, each sealing an ARC set (RFC 8617)
    write("10_mailing_list_arc.eml", mailing_list_arc(news, lists, alumni))


if __name__ == "__main__":
    main()
