#!/usr/bin/python3
"""Generate the timeline fixtures of DKIM Inspector (issue 7, item 4).

Run with the Debian python (dkimpy comes from python3-dkim; the pyenv python3 on PATH lacks it):

    /usr/bin/python3 tests/data/timeline/make_timeline.py

Writes, next to this script:
  *.eml          one message per case, signed by dkimpy with a chosen t= and x=, then given the
                 Received headers of its journey (added above the signature, as receiving servers do)
  keys.zone      the public key every message is signed with (tl._domainkey.example.com)
  key_b.txt      the TXT text of a second key, which tst_timeline puts in a key store as the key that
                 replaced the first one (signed_after_key_replaced)
  expected.json  for every case: the times written into it and the contradiction codes they must give,
                 derived here from how the case was built, never from DKIM Inspector's output

Private keys live in keys/ (made with the openssl CLI when missing, then reused): RSA PKCS#1 v1.5
signatures are deterministic, so a rerun reproduces every file byte for byte. Every signature is
checked with dkimpy before it is written.
"""

import base64
import datetime
import email.utils
import json
import os
import subprocess
from unittest import mock

import dkim
from dkim.canonicalization import CanonicalizationPolicy
from dkim.crypto import HASH_ALGORITHMS, parse_pem_private_key

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
CRLF = b"\r\n"
T0 = 1748736000  # 2025-06-01T00:00:00Z: when the author wrote the message
WEEK = 7 * 86400
H = ["from", "to", "subject", "date", "message-id"]


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True).stdout


def key_path(name):
    return os.path.join(KEYS, name + ".pem")


def ensure_keys():
    os.makedirs(KEYS, exist_ok=True)
    for name in ("tl2048", "tl2048b"):
        if not os.path.exists(key_path(name)):
            run(["openssl", "genrsa", "-traditional", "-out", key_path(name), "2048"])


def spki_b64(name):
    return base64.b64encode(run(["openssl", "rsa", "-in", key_path(name), "-pubout", "-outform", "DER"])).decode()


def record(name):
    return "v=DKIM1; k=rsa; p=" + spki_b64(name)


def quoted(value, width=255):
    return " ".join('"%s"' % value[i:i + width] for i in range(0, len(value), width))


def rfc5322(secs, zone_minutes=0):
    """An RFC 5322 date-time for secs, written in the given zone."""
    zone = datetime.timezone(datetime.timedelta(minutes=zone_minutes))
    return email.utils.format_datetime(datetime.datetime.fromtimestamp(secs, zone))


def sign(msg, t, x=None):
    """Prepend a DKIM-Signature with t= (and x=) as given, made by dkimpy's gen_header."""
    privkey = open(key_path("tl2048"), "rb").read()
    signer = dkim.DKIM(msg, minkey=1024)
    policy = CanonicalizationPolicy.from_c_value(b"relaxed/relaxed")
    signer.hasher = HASH_ALGORITHMS[b"rsa-sha256"]
    bh = base64.b64encode(signer.hasher(policy.canonicalize_body(signer.body)).digest())
    include = tuple(h.encode() for h in H)
    fields = [(b"v", b"1"), (b"a", b"rsa-sha256"), (b"c", b"relaxed/relaxed"), (b"d", b"example.com"),
              (b"s", b"tl"), (b"t", str(t).encode())]
    if x is not None:
        fields.append((b"x", str(x).encode()))
    fields += [(b"h", b":".join(include)), (b"bh", bh), (b"b", b"")]
    signer.include_headers = include
    value = signer.gen_header(fields, include, policy, b"DKIM-Signature", parse_pem_private_key(privkey))
    signed = b"DKIM-Signature: " + value + msg
    zone = {b"tl._domainkey.example.com.": record("tl2048").encode()}
    with mock.patch("time.time", return_value=float(t + 1)):
        ok = dkim.verify(signed, dnsfunc=lambda name, timeout=5: zone.get(name if name.endswith(b".") else name + b"."))
    assert ok, "dkimpy does not verify the fixture it just signed"
    return signed


def message(date_header, subject):
    headers = ["From: Alice <alice@example.com>", "To: Bob <bob@example.org>", "Subject: " + subject]
    if date_header is not None:
        headers.append("Date: " + date_header)
    headers.append("Message-ID: <%s@example.com>" % subject.replace(" ", "-").lower())
    body = b"Meet at noon.\r\n"
    return b"".join(h.encode() + CRLF for h in headers) + CRLF + body


def received(hops):
    """Received fields, given bottom-up (first hop first); returned top-down, as they are stored."""
    return b"".join(h.encode() + CRLF for h in reversed(hops))


def postfix(by, frm, ip, qid, rcpt, when, zone=0):
    return ("Received: from %s (%s [%s])\r\n\tby %s (Postfix) with ESMTPS id %s\r\n\tfor <%s>; %s"
            % (frm, frm, ip, by, qid, rcpt, rfc5322(when, zone)))


CASES = {}


def case(name, date, t, x, hops, contradictions, notes, subject=None, at_received_result=None):
    msg = message(rfc5322(date, 120) if date is not None else None, subject or name.replace("_", " "))
    signed = sign(msg, t, x)
    hop_headers = [postfix(by, frm, ip, qid, "bob@example.org", when, zone) for (frm, ip, by, qid, when, zone) in hops]
    data = received(hop_headers) + signed
    with open(os.path.join(HERE, name + ".eml"), "wb") as f:
        f.write(data)
    CASES[name] = {"date": date, "t": t, "x": x, "hops": [h[4] for h in hops], "contradictions": contradictions,
                   "notes": notes}
    if at_received_result:
        CASES[name]["at_received_result"] = at_received_result


def build_cases():
    out_hop = ("mail.example.com", "192.0.2.10", "mx.example.org", "4Xyz1A2b3C", 0)
    in_hop = ("mx.example.org", "198.51.100.7", "store.example.org", "4Xyz9Q8r7S", 0)

    def hops(first, second):
        return [out_hop[:4] + (first, 0), in_hop[:4] + (second, -300)]

    # A journey with nothing wrong: written, signed 30 s later, received 5 s and 12 s after that.
    # x= is a week after t=: expired today, not at receipt.
    case("consistent", T0, T0 + 30, T0 + 30 + WEEK, hops(T0 + 35, T0 + 42), [],
         "Date < t= < hop 1 < hop 2; x= one week after t=", at_received_result="pass")
    # t= two hours after the first hop stamped the message.
    case("signed_after_receipt", T0, T0 + 7200, None, hops(T0 + 60, T0 + 70), ["signed_after_receipt"],
         "t= is 7140 s after hop 1")
    # The Date header three days before the signature.
    case("date_far", T0 - 3 * 86400, T0, None, hops(T0 + 5, T0 + 9), ["date_far_from_signature"],
         "Date is 3 days before t=")
    # Hop 2 stamped an hour before hop 1.
    case("hop_back", T0, T0 + 30, None, hops(T0 + 40, T0 + 40 - 3600), ["hop_back_in_time"],
         "hop 2 is 3600 s before hop 1")
    # Dated an hour after the first hop received it (and so 1 h after t=, within 24 h).
    case("date_after_receipt", T0 + 3600, T0 - 600, None, hops(T0 - 300, T0 - 290), ["date_after_first_hop"],
         "t= 300 s before hop 1; Date 3900 s after hop 1")
    # The signature expired before the first hop received the message (a late delivery or a replay).
    case("expired_before_receipt", T0, T0 + 10, T0 + 3600, hops(T0 + 2 * 86400, T0 + 2 * 86400 + 5),
         ["expired_before_receipt"], "x= is one hour after t=; hop 1 two days later")
    # Signed at T0 + 30, when the key store says the selector already served another key (the test
    # builds that store); the times are otherwise consistent.
    case("key_replaced", T0, T0 + 30, None, hops(T0 + 35, T0 + 42), ["signed_after_key_replaced"],
         "the test's key store: key A seen 2024-01-01..2025-01-01, key B first seen 2025-03-01")
    # No Received header at all: --at received falls back to now.
    case("no_received", T0, T0 + 30, None, [], [], "no Received header")
    # No Date header: --at date falls back to now.
    case("no_date", None, T0 + 30, None, hops(T0 + 35, T0 + 42), [], "no Date header")

    # Real-world Received shapes, bottom-up, each a few seconds after the one below it. Written by
    # hand from what Gmail, Exchange Online, Postfix, Exim, Sendmail and qmail write.
    variants = [
        "Received: (qmail 4721 invoked from network); 1 Jun 2025 00:00:31 -0000",
        "Received: from mail.example.com (mail.example.com [192.0.2.10])\r\n\tby relay.example.net "
        "(8.15.2/8.15.2) with ESMTP id 5510A0Xb012345\r\n\tfor <bob@example.org>; Sat, 31 May 2025 17:00:33 -0700 (PDT)",
        "Received: from relay.example.net ([203.0.113.5] helo=relay.example.net)\r\n\tby mx1.example.org with "
        "esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n\t(Exim 4.96)\r\n\t(envelope-from <alice@example.com>)\r\n"
        "\tid 1uLk2q-000Abc-1x\r\n\tfor bob@example.org;\r\n\tSun, 01 Jun 2025 02:00:35 +0200",
        "Received: from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::11) by\r\n"
        " AM0PR01MB5678.eurprd01.prod.exchangelabs.com (2603:10a6:208:2::22) with\r\n"
        " Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
        "15.20.8769.29; Sun, 1 Jun 2025\r\n 00:00:37 +0000",
        "Received: by 2002:a05:6a10:9e8c:b0:5e1:2c3:abcd with SMTP id k12csp345678pxb;\r\n"
        "        Sat, 31 May 2025 17:00:39 -0700 (PDT)",
    ]
    msg = message(rfc5322(T0, 120), "received variants")
    signed = sign(msg, T0 + 30, None)
    data = received(variants) + signed
    with open(os.path.join(HERE, "received_variants.eml"), "wb") as f:
        f.write(data)
    CASES["received_variants"] = {"date": T0, "t": T0 + 30, "x": None,
                                  "hops": [T0 + 31, T0 + 33, T0 + 35, T0 + 37, T0 + 39], "contradictions": [],
                                  "notes": "qmail, Sendmail, Exim, Exchange, Gmail shapes, 2 s apart"}


def main():
    ensure_keys()
    with open(os.path.join(HERE, "keys.zone"), "w") as f:
        f.write("; DKIM Inspector timeline fixtures: public key (generated by make_timeline.py, do not edit).\n\n")
        f.write("tl._domainkey.example.com. 3600 IN TXT %s\n" % quoted(record("tl2048")))
    with open(os.path.join(HERE, "key_b.txt"), "w") as f:
        f.write(record("tl2048b") + "\n")
    build_cases()
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"keys": "keys.zone", "cases": CASES}, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
