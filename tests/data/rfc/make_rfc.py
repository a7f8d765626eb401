#!/usr/bin/python3
"""Write the RFC example messages, byte-exact, with CRLF line endings.

    /usr/bin/python3 tests/data/rfc/make_rfc.py

The texts below are the RFC examples with the RFC page margin (3 spaces) removed; every other
space is as printed in the RFC. Files written:

  rfc6376_appA.eml          RFC 6376 Appendix A.2 exactly as published (does NOT verify:
                            errata 3192 and 4926, see README.md)
  rfc6376_appA_errata.eml   the same message with both verified errata applied (verifies
                            with the RFC 6376 Appendix C key)
  rfc6376_appA_resigned.eml the published message re-signed by dkimpy with a test key
                            (keys/brisbane_resigned.pem), same tags; its key record is in
                            rfc6376_resigned.zone, not rfc.zone
  rfc8463_appA.eml          RFC 8463 Appendix A.3 (ed25519-sha256 + rsa-sha256 signatures)
  rfc.zone                  the key records of RFC 6376 Appendix C and RFC 8463 Appendix A.2
  rfc6376_resigned.zone     the key record for rfc6376_appA_resigned.eml

Reruns reproduce every file byte for byte (the test key is made once with openssl and then
reused; RSA PKCS#1 v1.5 signatures are deterministic).
"""
import base64
import os
import subprocess

import dkim
from dkim.canonicalization import CanonicalizationPolicy
from dkim.crypto import HASH_ALGORITHMS, parse_pem_private_key

HERE = os.path.dirname(os.path.abspath(__file__))

# RFC 6376 Appendix A.2 ("The Email after Signing"), as published. Continuation lines are
# indented by 5 spaces and the body has two spaces after "game." (RFC 4871's original of this
# example used 6 spaces; see errata 4926 and 3192).
RFC6376_A2 = """\
DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;
     c=simple/simple; q=dns/txt; i=joe@football.example.com;
     h=Received : From : To : Subject : Date : Message-ID;
     bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
     b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB
     4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut
     KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV
     4bmp/YzhwvcubU4=;
Received: from client1.football.example.com  [192.0.2.1]
     by submitserver.example.com with SUBMISSION;
     Fri, 11 Jul 2003 21:01:54 -0700 (PDT)
From: Joe SixPack <joe@football.example.com>
To: Suzie Q <suzie@shopping.example.net>
Subject: Is dinner ready?
Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
Message-ID: <20030712040037.46341.5F8J@football.example.com>

Hi.

We lost the game.  Are you hungry yet?

Joe.
"""

# Erratum 4926 (verified): continuation lines indented by 6 spaces.
# Erratum 3192: one space after "game.", which is what the published bh= was computed over.
RFC6376_A2_ERRATA = (RFC6376_A2.replace("\n     ", "\n      ")
                     .replace("game.  Are", "game. Are"))

# RFC 8463 Appendix A.3 ("Signed Message"), as published.
RFC8463_A3 = """\
DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
 d=football.example.com; i=@football.example.com;
 q=dns/txt; s=brisbane; t=1528637909; h=from : to :
 subject : date : message-id : from : subject : date;
 bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
 b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
 Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
 d=football.example.com; i=@football.example.com;
 q=dns/txt; s=test; t=1528637909; h=from : to : subject :
 date : message-id : from : subject : date;
 bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
 b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3
 DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz
 dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=
From: Joe SixPack <joe@football.example.com>
To: Suzie Q <suzie@shopping.example.net>
Subject: Is dinner ready?
Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
Message-ID: <20030712040037.46341.5F8J@football.example.com>

Hi.

We lost the game.  Are you hungry yet?

Joe.
"""

RFC_ZONE = """\
; Key records of the RFC examples, in the same master-file format as ../fixtures/keys.zone.
; The strings are split exactly as the RFCs print them.

; RFC 6376 Appendix C (1024-bit RSA), used by rfc6376_appA.eml and rfc6376_appA_errata.eml
brisbane._domainkey.example.com. 3600 IN TXT ( "v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ"
    "KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt"
    "IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v"
    "/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi"
    "tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB" )

; RFC 8463 Appendix A.2 (Ed25519, and 1024-bit RSA), used by rfc8463_appA.eml
brisbane._domainkey.football.example.com. 3600 IN TXT (
    "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" )
test._domainkey.football.example.com. 3600 IN TXT (
    "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
    "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
    "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
    "Ip3G+2kryOTIKT+l/K4w3QIDAQAB" )
"""

RESIGN_KEY = os.path.join(HERE, "keys", "brisbane_resigned.pem")


def crlf(text):
    assert "\r" not in text
    return text.replace("\n", "\r\n").encode("ascii")


def ensure_key():
    os.makedirs(os.path.dirname(RESIGN_KEY), exist_ok=True)
    if not os.path.exists(RESIGN_KEY):
        subprocess.run(["openssl", "genrsa", "-traditional", "-out", RESIGN_KEY, "2048"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def resigned_zone():
    der = subprocess.run(["openssl", "rsa", "-in", RESIGN_KEY, "-pubout", "-outform", "DER"],
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    p = "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()
    chunks = " ".join('"%s"' % p[i:i + 255] for i in range(0, len(p), 255))
    return ("; TEST KEY, not from any RFC: the key that re-signed rfc6376_appA_resigned.eml\n"
            "; (private key: keys/brisbane_resigned.pem). Use this file INSTEAD of rfc.zone for\n"
            "; that message: it publishes a different key under the same name as RFC 6376 Appendix C.\n"
            "brisbane._domainkey.example.com. 3600 IN TXT %s\n" % chunks)


def resign(published):
    """Re-sign the published message with the RFC's own tag list (no t=, as in the RFC)."""
    msg = published.split(b"Received:", 1)
    unsigned = b"Received:" + msg[1]
    d = dkim.DKIM(unsigned, signature_algorithm=b"rsa-sha256")
    pk = parse_pem_private_key(open(RESIGN_KEY, "rb").read())
    policy = CanonicalizationPolicy.from_c_value(b"simple/simple")
    d.hasher = HASH_ALGORITHMS[b"rsa-sha256"]
    bh = base64.b64encode(d.hasher(policy.canonicalize_body(d.body)).digest())
    include = (b"received", b"from", b"to", b"subject", b"date", b"message-id")
    fields = [(b"v", b"1"), (b"a", b"rsa-sha256"), (b"s", b"brisbane"), (b"d", b"example.com"),
              (b"c", b"simple/simple"), (b"q", b"dns/txt"), (b"i", b"joe@football.example.com"),
              (b"h", b"Received : From : To : Subject : Date : Message-ID"), (b"bh", bh),
              (b"b", b"0" * 60)]
    d.include_headers = include
    value = d.gen_header(fields, include, policy, b"DKIM-Signature", pk)
    return b"DKIM-Signature: " + value + unsigned


def main():
    ensure_key()
    published = crlf(RFC6376_A2)
    out = {
        "rfc6376_appA.eml": published,
        "rfc6376_appA_errata.eml": crlf(RFC6376_A2_ERRATA),
        "rfc6376_appA_resigned.eml": resign(published),
        "rfc8463_appA.eml": crlf(RFC8463_A3),
    }
    for name, data in out.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    with open(os.path.join(HERE, "rfc.zone"), "w", newline="\n") as f:
        f.write(RFC_ZONE)
    with open(os.path.join(HERE, "rfc6376_resigned.zone"), "w", newline="\n") as f:
        f.write(resigned_zone())
    print("wrote", ", ".join(sorted(out)), "rfc.zone, rfc6376_resigned.zone")


if __name__ == "__main__":
    main()
