#!/usr/bin/python3
"""Per-signature DKIM verdicts from dkimpy, as JSON Lines.

usage: dkimpy_verdicts.py [--keys ZONE]... [--at RFC3339] FILE...

For every FILE and every DKIM-Signature header in it (index 0 = topmost) one line:
  {"file": FILE, "index": i, "d": ..., "s": ..., "dkimpy": "pass|fail|permerror|temperror",
   "error": "ExceptionClass: message" | null}
and for a message without DKIM-Signature one line with index -1 and "none".

Keys come only from the zone files (lines `name [TTL] [IN] TXT "part" "part"`,
`;` comments); a name absent from them does not exist. dkimpy runs with minkey=0,
so small RSA keys are still checked cryptographically. --at sets the clock dkimpy
uses for its t=/x= checks (default: now).

How dkimpy outcomes are mapped (dkimpy 1.1.x):
  verify() True                                    -> pass
  verify() False, key found and usable             -> fail   (header signature mismatch)
  ValidationError "body hash mismatch ..."         -> fail
  other ValidationError, MessageFormatError,
    KeyFormatError, ParameterError, other DKIMException,
    or any unexpected exception (error says so)    -> permerror
  key lookup returned nothing                      -> permerror ("key not found")
  key record unusable: dkimpy logs the KeyFormatError /
    binascii.Error and returns False               -> permerror (logged message as error)
  DnsTimeoutError (never raised by a zone file)    -> temperror
Exit status: 0, or 2 for usage errors / unreadable files.
"""

import argparse
import json
import logging
import re
import sys
import types
from datetime import datetime, timezone

try:
    import dkim
except ImportError:  # pragma: no cover
    print("dkimpy_verdicts.py: cannot import dkim (dkimpy); run it with /usr/bin/python3 "
          "(Debian package python3-dkim)", file=sys.stderr)
    sys.exit(3)


# --------------------------------------------------------------------------- zone files

def _tokens(line):
    """Split one zone-file line into tokens; quoted strings become ('q', bytes).
    Stops at a ';' outside quotes. Returns (tokens, paren_delta)."""
    toks, depth, i, n = [], 0, 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t\r\n":
            i += 1
        elif c == ";":
            break
        elif c == "(":
            depth += 1
            i += 1
        elif c == ")":
            depth -= 1
            i += 1
        elif c == '"':
            i += 1
            out = bytearray()
            while i < n and line[i] != '"':
                if line[i] == "\\" and i + 1 < n:
                    if line[i + 1:i + 4].isdigit() and len(line[i + 1:i + 4]) == 3:
                        out.append(int(line[i + 1:i + 4]))
                        i += 4
                    else:
                        out += line[i + 1].encode("utf-8")
                        i += 2
                else:
                    out += line[i].encode("utf-8")
                    i += 1
            i += 1  # closing quote
            toks.append(("q", bytes(out)))
        else:
            j = i
            while j < n and line[j] not in " \t\r\n;()\"":
                j += 1
            toks.append(("w", line[i:j]))
            i = j
    return toks, depth


def load_zones(paths):
    """Return {lowercase fqdn without trailing dot: [txt bytes, ...]}."""
    zone = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        pending, depth, lastname = [], 0, None
        for raw in lines:
            toks, d = _tokens(raw)
            starts_with_space = raw[:1] in (" ", "\t")
            if depth == 0:
                pending = [("blank", None)] if starts_with_space and toks else []
            pending += toks
            depth += d
            if depth > 0 or not pending:
                continue
            rr, pending = pending, []
            if rr[0][0] == "blank":
                name, rest = lastname, rr[1:]
            else:
                name, rest = rr[0][1], rr[1:]
            if not rest or name is None or name.startswith("$"):
                continue
            lastname = name
            # skip TTL / class
            k = 0
            while k < len(rest) and rest[k][0] == "w" and (
                    rest[k][1].isdigit() or rest[k][1].upper() in ("IN", "CH", "HS")):
                k += 1
            if k >= len(rest) or rest[k][0] != "w" or rest[k][1].upper() != "TXT":
                continue
            parts = [v for t, v in rest[k + 1:] if t == "q"]
            key = name.rstrip(".").lower()
            zone.setdefault(key, []).append(b"".join(parts))
    return zone


class ZoneDNS:
    """dnsfunc for dkimpy; records what happened on the last lookup."""

    def __init__(self, zone):
        self.zone = zone
        self.reset()

    def reset(self):
        self.queried = None
        self.missing = False

    def __call__(self, name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
        self.queried = name
        recs = self.zone.get(name.rstrip(".").lower())
        if not recs:
            self.missing = True
            return None
        return recs[0]  # like dkimpy's dnspython plug: the first TXT record


# --------------------------------------------------------------------------- verdicts

class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _exc(e):
    return "%s: %s" % (type(e).__name__, e)


SIG_RE = re.compile(br"dkim-signature[ \t]*:", re.I)


def _count_sig_headers(raw):
    """Crude count of DKIM-Signature fields, for messages dkimpy cannot parse."""
    head = re.split(br"\r?\n\r?\n", raw, 1)[0]
    return sum(1 for line in re.split(br"\r?\n", head) if SIG_RE.match(line))


def set_clock(epoch):
    """Make dkimpy's t=/x= checks use `epoch` instead of the wall clock."""
    if epoch is not None:
        dkim.time = types.SimpleNamespace(time=lambda: epoch)


def verdicts_for_message(raw, dns, handler, logger):
    """Yield dicts {index, d, s, dkimpy, error} for one message (bytes)."""
    try:
        d = dkim.DKIM(raw, logger=logger, minkey=0)
    except Exception as e:  # MessageFormatError from rfc822_parse, or worse
        n = _count_sig_headers(raw)
        if n == 0:
            yield {"index": -1, "d": None, "s": None, "dkimpy": "none", "error": None}
        for i in range(n):
            yield {"index": i, "d": None, "s": None, "dkimpy": "permerror",
                   "error": "message not parsed: " + _exc(e)}
        return
    sigs = [v for k, v in d.headers if k.lower() == b"dkim-signature"]
    if not sigs:
        yield {"index": -1, "d": None, "s": None, "dkimpy": "none", "error": None}
        return
    for i, value in enumerate(sigs):
        row = {"index": i, "d": None, "s": None}
        try:
            tags = dkim.util.parse_tag_value(value)
            row["d"] = tags.get(b"d", b"").decode("utf-8", "replace") or None
            row["s"] = tags.get(b"s", b"").decode("utf-8", "replace") or None
        except Exception:
            pass
        dns.reset()
        handler.messages.clear()
        try:
            ok = d.verify(idx=i, dnsfunc=dns)
        except dkim.ValidationError as e:
            if str(e).startswith("body hash mismatch"):
                row.update(dkimpy="fail", error=_exc(e))
            else:
                row.update(dkimpy="permerror", error=_exc(e))
        except dkim.DnsTimeoutError as e:
            row.update(dkimpy="temperror", error=_exc(e))
        except dkim.DKIMException as e:
            row.update(dkimpy="permerror", error=_exc(e))
        except Exception as e:  # a dkimpy crash: still "cannot be evaluated"
            row.update(dkimpy="permerror", error="unexpected " + _exc(e))
        else:
            if ok:
                row.update(dkimpy="pass", error=None)
            elif dns.missing:
                row.update(dkimpy="permerror", error="key not found: %s" % dns.queried)
            elif any(m.startswith("DnsTimeoutError") for m in handler.messages):
                row.update(dkimpy="temperror", error="; ".join(handler.messages))
            elif handler.messages:
                row.update(dkimpy="permerror",
                           error="key record unusable (logged by dkimpy): " + "; ".join(handler.messages))
            else:
                row.update(dkimpy="fail", error="signature did not verify")
        yield row


def make_logger():
    logger = logging.getLogger("dkimpy_verdicts")
    logger.propagate = False
    logger.setLevel(logging.ERROR)
    handler = _ListHandler()
    logger.handlers[:] = [handler]
    return logger, handler


def parse_at(s):
    dt = datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp())


def main(argv=None):
    ap = argparse.ArgumentParser(description="dkimpy verdicts per DKIM signature (JSON Lines)")
    ap.add_argument("--keys", action="append", default=[], metavar="ZONE")
    ap.add_argument("--at", metavar="RFC3339", help="evaluation time for t=/x= (default now)")
    ap.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args(argv)
    try:
        zone = load_zones(args.keys)
    except OSError as e:
        print("dkimpy_verdicts.py: %s" % e, file=sys.stderr)
        return 2
    if args.at:
        try:
            set_clock(parse_at(args.at))
        except ValueError:
            print("dkimpy_verdicts.py: bad --at %r" % args.at, file=sys.stderr)
            return 2
    dns = ZoneDNS(zone)
    logger, handler = make_logger()
    status = 0
    out = sys.stdout
    for path in args.files:
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            print("dkimpy_verdicts.py: %s" % e, file=sys.stderr)
            status = 2
            continue
        for row in verdicts_for_message(raw, dns, handler, logger):
            out.write(json.dumps(dict(file=path, **row)) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
