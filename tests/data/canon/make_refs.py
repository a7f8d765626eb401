#!/usr/bin/python3
"""Regenerate the canonicalization reference files in tests/data/canon/.

For every input message src/<name>.eml and every canonicalization pair
(simple/simple, simple/relaxed, relaxed/simple, relaxed/relaxed) this script

  1. signs the message with dkimpy (key.pem, d=canon.example, s=canon,
     fixed t=) and writes <name>.<hc>-<bc>.eml;
  2. verifies the signed message with dkimpy, capturing the exact bytes that
     dkimpy feeds to its hash objects (dkim.HashThrough), and writes
       <name>.<hc>-<bc>.body  canonicalized body hashed for bh= (after l=)
       <name>.<hc>-<bc>.hhi   header hash input for signature 0: the signed
                              headers in h= order, then the DKIM-Signature
                              header with b= emptied, no trailing CRLF;
  3. checks both independently of dkimpy: sha256(.body) must equal bh=, and
     the RSA signature b= must verify over .hhi with the public key (python3
     cryptography);
  4. writes index.tsv and canon.zone.

Canonicalization is never re-implemented here: the bytes come from dkimpy's
own code path (dkim.canonicalization via DKIM.verify).  The only local code
is a parse shim for src/space-colon.eml, see OBS_HEADER_CASES below.

Run:  /usr/bin/python3 tests/data/canon/make_refs.py [--check] [--crosscheck]
  --check       do not write anything; regenerate in memory and compare with
                the files on disk (exit 1 on any difference)
  --crosscheck  additionally verify every signed .eml with Mail::DKIM (perl)
                and compare its Debug_Canonicalization output with the refs
"""

import argparse
import base64
import hashlib
import os
import re
import subprocess
import sys
import types

try:
    import dkim
    import dkim.util
except ImportError:
    sys.exit("make_refs.py needs dkimpy: run it with /usr/bin/python3 (Debian python3-dkim)")

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
KEY = os.path.join(HERE, "key.pem")
ZONE = os.path.join(HERE, "canon.zone")
INDEX = os.path.join(HERE, "index.tsv")

DOMAIN = b"canon.example"
SELECTOR = b"canon"
# Fixed signing time: 2024-01-01T12:00:00Z.  Verifiers should evaluate the
# signed messages at or after this instant (no x= is set).
TIMESTAMP = 1704110400

CANONS = [(b"simple", b"simple"), (b"simple", b"relaxed"),
          (b"relaxed", b"simple"), (b"relaxed", b"relaxed")]

BASE_HEADERS = ["from", "to", "subject", "date", "message-id"]

# Per-case signing options.  "headers" is h= (in order); "append" is raw
# bytes appended to the body after signing (only sensible with l=).
CASES = {
    "whitespace": {"headers": BASE_HEADERS + ["x-empty", "x-blank"]},
    "folded": {"headers": BASE_HEADERS + ["x-folded-empty"]},
    # x-dup exists twice and is signed three times (oversigning: the third
    # instance is the empty "null" header); reply-to is signed but absent.
    "header-case": {"headers": BASE_HEADERS + ["x-dup", "x-dup", "x-dup", "reply-to"]},
    "space-colon": {"headers": BASE_HEADERS},
    "empty-body": {"headers": BASE_HEADERS},
    "crlf-only-body": {"headers": BASE_HEADERS},
    "trailing-blank-lines": {"headers": BASE_HEADERS},
    "no-final-crlf": {"headers": BASE_HEADERS},
    "utf8": {"headers": BASE_HEADERS + ["mime-version", "content-type",
                                        "content-transfer-encoding"]},
    "body-length": {"headers": BASE_HEADERS, "length": True,
                    "append": b"-- \r\nList footer  added\tafter signing\r\n\r\n"},
}

# dkimpy's rfc822_parse() only accepts "Name:" (no whitespace before the
# colon) and raises MessageFormatError on "Subject : x", although RFC 5322
# obs-optional allows it and RFC 6376 3.4.2 (relaxed) says to delete the WSP
# before the colon.  For these cases only, the message is parsed by
# obs_parse() (same as rfc822_parse, but the WSP before the colon stays part
# of the field name, so "simple" reproduces the line byte for byte and
# "relaxed" (lower().rstrip() of the name in dkimpy) yields "subject:"), and
# dkimpy's select_headers() is wrapped to match h= names against the field
# name without that trailing WSP.  Canonicalization, b= removal and hashing
# are still dkimpy's.  --crosscheck confirms the result with Mail::DKIM.
OBS_HEADER_CASES = {"space-colon"}


def obs_parse(message):
    headers = []
    lines = re.split(b"\r?\n", message)
    i = 0
    while i < len(lines):
        if len(lines[i]) == 0:
            i += 1
            break
        if lines[i][0] in (0x09, 0x20):
            headers[-1][1] += lines[i] + b"\r\n"
        else:
            m = re.match(br"([\x21-\x39\x3b-\x7e]+[ \t]*):", lines[i])
            if m is None:
                raise dkim.MessageFormatError("bad header line %r" % lines[i])
            headers.append([m.group(1), lines[i][m.end(0):] + b"\r\n"])
        i += 1
    return headers, b"\r\n".join(lines[i:])


_orig_select_headers = dkim.select_headers


def _select_headers_wsp(headers, include_headers):
    # select on the names without the WSP before the colon, return the
    # original (name, value) pairs
    keyed = [(x.rstrip(b" \t"), i) for i, (x, y) in enumerate(headers)]
    return [headers[i] for _, i in _orig_select_headers(keyed, include_headers)]


class Recorder(dkim.HashThrough):
    """HashThrough that always keeps the hashed bytes."""
    instances = []

    def __init__(self, hasher, debug=False):
        super().__init__(hasher, True)
        Recorder.instances.append(self)


class Patched:
    """Context: fixed clock, recording hashers, optional obs-header shim."""

    def __init__(self, obs):
        self.obs = obs

    def __enter__(self):
        self.saved = (dkim.time, dkim.HashThrough, dkim.select_headers)
        dkim.time = types.SimpleNamespace(time=lambda: TIMESTAMP)
        dkim.HashThrough = Recorder
        if self.obs:
            dkim.select_headers = _select_headers_wsp
        Recorder.instances.clear()
        return self

    def __exit__(self, *exc):
        dkim.time, dkim.HashThrough, dkim.select_headers = self.saved
        return False


def make_dkim(message, obs):
    if obs:
        d = dkim.DKIM(None, minkey=0)
        hdrs, body = obs_parse(message)
        d.headers, d.body = hdrs, body
        return d
    return dkim.DKIM(message, minkey=0)


def split_message(raw):
    i = raw.find(b"\r\n\r\n")
    assert i >= 0, "source messages must have a header/body separator"
    return raw[:i + 2], raw[i + 4:]


def txt_record(pubkey_der):
    rec = "v=DKIM1; k=rsa; p=" + base64.b64encode(pubkey_der).decode()
    parts = [rec[i:i + 250] for i in range(0, len(rec), 250)]
    return " ".join('"%s"' % p for p in parts), rec


def generate(names):
    privpem = open(KEY, "rb").read()
    priv = serialization.load_pem_private_key(privpem, password=None)
    pub = priv.public_key()
    pubder = pub.public_bytes(serialization.Encoding.DER,
                              serialization.PublicFormat.SubjectPublicKeyInfo)
    zone_txt, rec = txt_record(pubder)
    keyname = SELECTOR + b"._domainkey." + DOMAIN + b"."

    def dnsfunc(name, timeout=5):
        return rec.encode() if name.lower() == keyname else None

    out = {}
    out["canon.zone"] = (
        "; Test key for tests/data/canon (private key: key.pem). Generated by make_refs.py.\n"
        "%s 3600 IN TXT %s\n" % (keyname.decode(), zone_txt)).encode()
    index = ["eml\tbody_ref\thhi_ref\theader_canon\tbody_canon"]

    for name in names:
        opts = CASES[name]
        obs = name in OBS_HEADER_CASES
        raw = open(os.path.join(SRC, name + ".eml"), "rb").read()
        for hc, bc in CANONS:
            stem = "%s.%s-%s" % (name, hc.decode(), bc.decode())
            with Patched(obs):
                d = make_dkim(raw, obs)
                sighdr = d.sign(SELECTOR, DOMAIN, privpem,
                                canonicalize=(hc, bc),
                                include_headers=[h.encode() for h in opts["headers"]],
                                length=opts.get("length", False))
            signed = sighdr + raw + opts.get("append", b"")
            # verify with dkimpy, recording what is hashed
            with Patched(obs):
                d = make_dkim(signed, obs)
                ok = d.verify(idx=0, dnsfunc=dnsfunc)
                if not ok:
                    raise SystemExit("%s: dkimpy does not verify its own signature" % stem)
                body_in, hdr_in = Recorder.instances[0], Recorder.instances[1]
                body_bytes, hhi = body_in.hashed(), hdr_in.hashed()

            # independent checks
            tags = dkim.util.parse_tag_value(re.sub(br"\r\n[ \t]", b" ", sighdr.split(b":", 1)[1]))
            bh = base64.b64decode(re.sub(br"\s+", b"", tags[b"bh"]))
            b = base64.b64decode(re.sub(br"\s+", b"", tags[b"b"]))
            assert tags[b"c"] == hc + b"/" + bc, tags[b"c"]
            if hashlib.sha256(body_bytes).digest() != bh:
                raise SystemExit("%s: sha256(.body) != bh=" % stem)
            pub.verify(b, hhi, padding.PKCS1v15(), hashes.SHA256())  # raises on failure
            if hhi.endswith(b"\r\n"):
                raise SystemExit("%s: header hash input ends in CRLF" % stem)
            lastline = hhi.rsplit(b"\r\n", 1)[-1] if hc == b"relaxed" else None
            if lastline is not None and not lastline.startswith(b"dkim-signature:"):
                raise SystemExit("%s: last hashed header is not the signature" % stem)
            if b"l" in tags:
                assert int(tags[b"l"]) == len(body_bytes), (tags[b"l"], len(body_bytes))

            out[stem + ".eml"] = signed
            out[stem + ".body"] = body_bytes
            out[stem + ".hhi"] = hhi
            index.append("\t".join([stem + ".eml", stem + ".body", stem + ".hhi",
                                    hc.decode(), bc.decode()]))
    out["index.tsv"] = ("\n".join(index) + "\n").encode()
    return out


CROSSCHECK_PL = r'''
use strict; use warnings;
use Mail::DKIM::Verifier;
no warnings 'redefine';
my ($zonefile, @files) = @ARGV;
my %zone;
open(my $z, '<', $zonefile) or die $!;
while (<$z>) {
    next if /^\s*;/ || !/\S/;
    my ($name, $rest) = /^(\S+)\s+(?:\d+\s+)?(?:IN\s+)?TXT\s+(.*)$/i or next;
    my $txt = join('', $rest =~ /"((?:[^"\\]|\\.)*)"/g);
    $name =~ s/\.$//; $zone{lc $name} = $txt;
}
package FakeRR { sub new { bless { t => $_[1] }, $_[0] } sub type { 'TXT' } sub txtdata { $_[0]{t} } }
*Mail::DKIM::DNS::query = sub {
    my ($name, $type) = @_; $name =~ s/\.$//;
    return exists $zone{lc $name} ? (FakeRR->new($zone{lc $name})) : ();
};
for my $f (@files) {
    my $canon = '';
    my $v = Mail::DKIM::Verifier->new(Debug_Canonicalization => \$canon);
    open(my $fh, '<:raw', $f) or die "$f: $!";
    local $/; my $data = <$fh>; close $fh;
    $v->PRINT($data); $v->CLOSE;
    my $hex = unpack('H*', $canon);
    print join("\t", $f, $v->result, ($v->result_detail // ''), $hex), "\n";
}
'''


def crosscheck(out):
    emls = sorted(k for k in out if k.endswith(".eml"))
    if subprocess.run(["perl", "-MMail::DKIM::Verifier", "-e1"], capture_output=True).returncode:
        print("crosscheck: Mail::DKIM not available, skipped")
        return True
    tmp = os.path.join(HERE, ".crosscheck.tmp")
    os.makedirs(tmp, exist_ok=True)
    try:
        for k in emls + ["canon.zone"]:
            with open(os.path.join(tmp, k), "wb") as f:
                f.write(out[k])
        r = subprocess.run(["perl", "-e", CROSSCHECK_PL, os.path.join(tmp, "canon.zone")]
                           + [os.path.join(tmp, k) for k in emls],
                           capture_output=True, check=True)
    finally:
        for k in os.listdir(tmp):
            os.unlink(os.path.join(tmp, k))
        os.rmdir(tmp)
    good = True
    for line in r.stdout.decode().splitlines():
        f, result, detail, hexcanon = line.split("\t")
        stem = os.path.basename(f)[:-4]
        canon = bytes.fromhex(hexcanon)
        # Mail::DKIM writes the canonicalized headers (each with CRLF) first,
        # then the body, then the signature header (no CRLF).
        hhi, body = out[stem + ".hhi"], out[stem + ".body"]
        m = list(re.finditer(br"(?:^|\r\n)(dkim-signature[ \t]*:)", hhi, re.I))
        sigstart = m[-1].start(1)
        expect = hhi[:sigstart] + body + hhi[sigstart:]
        same = canon == expect
        known = MAILDKIM_KNOWN.get((stem.split(".")[0], stem.rsplit("-", 1)[1]))
        if (result != "pass" or not same) and not known:
            good = False
        print("crosscheck %-36s Mail::DKIM %-4s canonical bytes %s%s" % (
            stem, result, "same" if same else "DIFFER",
            " (known: %s)" % known if known and not same else ""))
    return good


# (case, body canonicalization) -> why Mail::DKIM disagrees with dkimpy
MAILDKIM_KNOWN = {
    ("no-final-crlf", "simple"):
        "Mail::DKIM 1.20230212 'simple' body does not add the CRLF that "
        "RFC 6376 3.4.3 requires when the body does not end in CRLF",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--crosscheck", action="store_true")
    args = ap.parse_args()
    names = sorted(n[:-4] for n in os.listdir(SRC) if n.endswith(".eml"))
    missing = [n for n in names if n not in CASES]
    if missing:
        raise SystemExit("no CASES entry for: %s" % ", ".join(missing))
    out = generate(names)
    status = 0
    if args.check:
        for k, v in sorted(out.items()):
            p = os.path.join(HERE, k)
            if not os.path.exists(p) or open(p, "rb").read() != v:
                print("differs: %s" % k)
                status = 1
        print("check: %d files, %s" % (len(out), "all identical" if not status else "DIFFERENCES"))
    else:
        for k, v in out.items():
            with open(os.path.join(HERE, k), "wb") as f:
                f.write(v)
        print("wrote %d files (%d signed messages) to %s" % (
            len(out), sum(k.endswith(".eml") for k in out), HERE))
    if args.crosscheck and not crosscheck(out):
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
