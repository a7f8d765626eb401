#!/usr/bin/python3
"""Authentication-Results values parsed by an independent parser, the `authres` Python package
(Debian python3-authres), for a differential test of core/authentication_results.cpp.

    /usr/bin/python3 tests/data/arc/make_ar_cases.py

Writes ar_authres.json: for each value, what authres reads (authserv-id, version, and per result the
method, method version, result, reason and properties), or the error it raises. tst_authentication_results
compares our parser with every value authres accepts; values it rejects are listed with its error
(RFC 8601 Appendix B.8, for instance, is valid but authres cannot read it).
"""
import json
import os

import authres

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    # RFC 8601 Appendix B
    " example.org 1; none",
    " example.com;\r\n          spf=pass smtp.mailfrom=example.net",
    " example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
    "          spf=pass smtp.mailfrom=example.net",
    " example.com; iprev=pass\r\n          policy.iprev=192.0.2.200",
    " example.com;\r\n          dkim=pass (good signature) header.d=mail-router.example.net;\r\n"
    "          dkim=fail (bad signature) header.d=newyork.example.com",
    " example.com;\r\n          sender-id=fail header.from=example.com;\r\n"
    "          dkim=pass (good signature) header.d=sub.example.com",
    " example.com;\r\n          dkim=pass reason=\"good signature\"\r\n            header.i=@mail-router.example.net;\r\n"
    "          dkim=fail reason=\"bad signature\"\r\n            header.i=@newyork.example.com",
    " foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
    "      policy (A dot can go here) . (like that) expired\r\n      (this surprised me) = (as I wasn't expecting it) "
    "1362471462",
    # real-world shapes
    " mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab+d/f1=;\r\n"
    "       spf=pass (google.com: domain of bounce@example.com designates 209.85.220.41 as permitted sender) "
    "smtp.mailfrom=bounce@example.com;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com",
    " mx.example.net; dkim=pass (key (2048 bits) ok) header.d=example.com",
    " mx.example.net;dkim=pass header.d=a.example;spf=fail",
    " mx.example.net; dkim/2=pass header.d=example.com",
    " mx.example.net; spf=softfail (transitioning domain) smtp.mailfrom=a@example.org; dkim=none",
    " mx.example.net; dmarc=fail (p=reject dis=quarantine) header.from=example.com policy.dmarc=reject",
    " \"mx.example.net\"; spf=fail reason=\"SPF; says no\" smtp.mailfrom=\"a b\"@example.com",
    " spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=example.com; dkim=pass header.d=example.com",
]


def main():
    out = []
    for value in CASES:
        entry = {"value": value}
        try:
            h = authres.AuthenticationResultsHeader.parse("Authentication-Results: " + value)
            entry["authserv_id"] = h.authserv_id
            entry["version"] = int(h.version) if h.version is not None else -1
            entry["results"] = [{
                "method": r.method.lower(),
                "version": int(r.version) if getattr(r, "version", None) else -1,
                "result": r.result.lower(),
                "reason": r.reason or "",
                "properties": [[p.type.lower(), p.name.lower(), p.value] for p in r.properties],
            } for r in h.results]
        except Exception as e:  # authres raises its own SyntaxError for values it cannot read
            entry["authres_error"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0])
        out.append(entry)
    with open(os.path.join(HERE, "ar_authres.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print("%d values, authres read %d" % (len(out), sum(1 for e in out if "authres_error" not in e)))


if __name__ == "__main__":
    main()
