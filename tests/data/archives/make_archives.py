#!/usr/bin/python3
"""Builds the archive fixtures (mbox variants, Maildir, a folder tree) from messages signed here
with dkimpy, using the fixture key rsa2048._domainkey.example.com (../fixtures/keys/rsa2048.pem,
public key in ../fixtures/keys.zone). Deterministic: the signing clock is pinned.

Writes expected.json: for every archive, the messages it holds in order, with the result our
verifier must give each one (derived from how they were made, not from our output).

Run: /usr/bin/python3 tests/data/archives/make_archives.py
"""
import json
import os
import shutil
from unittest import mock

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = open(os.path.join(HERE, "..", "fixtures", "keys", "rsa2048.pem"), "rb").read()
SIGN_T = 1748736000  # 2025-06-01T00:00:00Z


def sign(msg, c=(b"relaxed", b"relaxed")):
    with mock.patch("time.time", return_value=float(SIGN_T)):
        sig = dkim.sign(msg, b"rsa2048", b"example.com", KEY, canonicalize=c,
                        include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return sig + msg


def message(n, body, subject=None):
    subject = subject or f"Archive message {n}"
    hdr = (f"From: Alice <alice@example.com>\r\nTo: Bob <bob@example.net>\r\nSubject: {subject}\r\n"
           f"Date: Sun, 1 Jun 2025 0{n % 10}:00:00 +0000\r\nMessage-ID: <arch-{n}@example.com>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
    return hdr.encode() + body


PLAIN = [message(i, f"Message number {i}.\r\nNothing special here.\r\n\r\nRegards,\r\nAlice\r\n".encode())
         for i in range(1, 4)]
# A body with lines that mbox writers quote.
FROMLINES = message(4, b"Before the quote.\r\nFrom the desk of Alice: this line starts with From.\r\n"
                       b">From an already quoted line.\r\nAfter.\r\n", subject="Lines beginning with From")
SIGNED = [sign(m) for m in PLAIN] + [sign(FROMLINES, (b"simple", b"simple"))]
TAMPERED = SIGNED[1].replace(b"Nothing special here.", b"Something special here.")


def lf(b):
    return b.replace(b"\r\n", b"\n")


def quote_mboxo(body):
    out = []
    for line in body.split(b"\n"):
        out.append(b">" + line if line.startswith(b"From ") else line)
    return b"\n".join(out)


def quote_mboxrd(body):
    out = []
    for line in body.split(b"\n"):
        stripped = line.lstrip(b">")
        out.append(b">" + line if stripped.startswith(b"From ") else line)
    return b"\n".join(out)


def from_line(i):
    return f"From alice@example.com Sun Jun  1 0{i}:00:00 2025".encode()


def write_mbox(name, msgs, quote, eol=b"\n", content_length=False):
    parts = []
    for i, m in enumerate(msgs):
        m = lf(m)
        if content_length:
            head, body = m.split(b"\n\n", 1)
            m = head + b"\nContent-Length: " + str(len(body.replace(b"\n", eol))).encode() + b"\n\n" + body
        else:
            m = quote(m)
        parts.append(from_line(i) + b"\n" + m + b"\n")
    data = b"".join(parts)
    if eol != b"\n":
        data = data.replace(b"\n", eol)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    return data


def row(result, reason, flags=()):
    return {"result": result, "reason": reason, "flags": list(flags)}


def main():
    expected = {}
    msgs = SIGNED + [TAMPERED]
    std = [row("pass", "ok"), row("pass", "ok"), row("pass", "ok"),
           row("pass", "ok", ["mbox_from_unquoted"]), row("fail", "body_hash_mismatch")]
    for name, quote, eol in (("mboxo-lf.mbox", quote_mboxo, b"\n"), ("mboxrd-lf.mbox", quote_mboxrd, b"\n"),
                             ("mboxrd-crlf.mbox", quote_mboxrd, b"\r\n")):
        write_mbox(name, msgs, quote, eol)
        expected[name] = std
    # mboxo cannot tell ">From" written by the author from quoting: the fourth message's own
    # ">From an already quoted line." is un-quoted too, so it does not verify.
    expected["mboxo-lf.mbox"] = std[:3] + [row("fail", "body_hash_mismatch")] + std[4:]
    # mboxcl2: Content-Length, no quoting; "From " lines in bodies do not split messages.
    write_mbox("mboxcl2-lf.mbox", msgs, None, b"\n", content_length=True)
    expected["mboxcl2-lf.mbox"] = [row("pass", "ok")] * 4 + [row("fail", "body_hash_mismatch")]
    # Truncated: the last message is cut in the middle of its body.
    data = write_mbox("truncated.mbox", SIGNED[:3], quote_mboxrd)
    cut = data[: len(data) - 30]
    with open(os.path.join(HERE, "truncated.mbox"), "wb") as f:
        f.write(cut)
    expected["truncated.mbox"] = [row("pass", "ok"), row("pass", "ok"), row("fail", "body_hash_mismatch")]

    # Maildir with cur/new/tmp.
    md = os.path.join(HERE, "maildir")
    shutil.rmtree(md, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    open(os.path.join(md, "cur", "1748736000.M1P1.host:2,S"), "wb").write(SIGNED[0])
    open(os.path.join(md, "cur", "1748736001.M2P1.host:2,RS"), "wb").write(lf(SIGNED[1]))
    open(os.path.join(md, "new", "1748736002.M3P1.host"), "wb").write(TAMPERED)
    open(os.path.join(md, "tmp", ".keep"), "wb").write(b"")  # hidden: skipped
    expected["maildir"] = [row("pass", "ok"), row("pass", "ok", ["lf_line_endings"]), row("fail", "body_hash_mismatch")]

    # A folder tree with a nested mbox, a file that is not mail and an empty file.
    tree = os.path.join(HERE, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(os.path.join(tree, "a", "b"))
    os.makedirs(os.path.join(tree, "c"))
    open(os.path.join(tree, "a", "b", "one.eml"), "wb").write(SIGNED[0])
    open(os.path.join(tree, "a", "two.eml"), "wb").write(SIGNED[2])
    open(os.path.join(tree, "c", "inner.mbox"), "wb").write(
        from_line(1) + b"\n" + lf(SIGNED[1]) + b"\n" + from_line(2) + b"\n" + lf(TAMPERED) + b"\n")
    open(os.path.join(tree, "empty.eml"), "wb").write(b"")
    open(os.path.join(tree, "notmail.bin"), "wb").write(bytes(range(256)) * 4)
    # sorted walk: a/b/one.eml, a/two.eml, c/inner.mbox (2), empty.eml, notmail.bin
    expected["tree"] = [row("pass", "ok"), row("pass", "ok"), row("pass", "ok"), row("fail", "body_hash_mismatch"),
                        {"error": "empty"}, {"error": "not look like an email"}]

    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", ", ".join(sorted(expected)))


if __name__ == "__main__":
    main()
