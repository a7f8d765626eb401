#!/usr/bin/env node
// Benchmark driver: verify every DKIM signature of FILE... with mailauth (npm).
// usage: node mailauth_verify.js [--mbox] [--shard K/N] ZONE FILE...
// DNS is replaced by the zone file through mailauth's `resolver` option.
// Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
// (mailauth "neutral" is counted as fail when its comment is "body hash did not
// verify", else as permerror (e.g. "no key"); "policy" is counted as pass.)
//   --mbox       every FILE is an mboxrd archive, split here (separator "From ..." at
//                the start or after a blank line; the blank line is dropped and
//                ">From " quoting undone; the LF line endings are passed as they are,
//                mailauth accepts them).
//   --shard K/N  verify only messages number K, K+N, ... (0-based), so that N copies
//                can run side by side (bench/archive.sh does that).
'use strict';
const fs = require('fs');
const { dkimVerify } = require('mailauth/lib/dkim/verify');

const argv = process.argv.slice(2);
let mbox = false;
let shard = 0;
let nshards = 1;
while (argv.length && argv[0].startsWith('--')) {
    const opt = argv.shift();
    if (opt === '--mbox') mbox = true;
    else if (opt === '--shard') [shard, nshards] = argv.shift().split('/').map(Number);
    else { console.error('mailauth_verify.js: unknown option ' + opt); process.exit(2); }
}
const [zonefile, ...files] = argv;

// yields the messages of one mboxrd file as Buffers
function* splitMbox(data) {
    const starts = [];
    if (data.length >= 5 && data.toString('latin1', 0, 5) === 'From ') starts.push(0);
    const sep = Buffer.from('\n\nFrom ');
    for (let p = data.indexOf(sep); p >= 0; p = data.indexOf(sep, p + 1)) starts.push(p + 2);
    for (let k = 0; k < starts.length; k++) {
        const nl = data.indexOf(10, starts[k]);
        const end = k + 1 < starts.length ? starts[k + 1] - 1 : data.length;
        yield data.subarray(nl + 1, end);
    }
}

const QUOTED = /^>(>*From )/gm;
function unquote(buf) {
    // only messages that contain a quoted line are copied
    if (buf.indexOf('\n>') < 0 && !(buf.length && buf[0] === 0x3e)) return buf;
    return Buffer.from(buf.toString('latin1').replace(QUOTED, '$1'), 'latin1');
}

function* messages() {
    let seq = -1;
    for (const f of files) {
        if (mbox) {
            for (const m of splitMbox(fs.readFileSync(f))) {
                if (++seq % nshards === shard) yield unquote(m);
            }
        } else if (++seq % nshards === shard) {
            yield fs.readFileSync(f);
        }
    }
}

function loadZone(path) {
    const zone = new Map();
    let buf = '';
    let depth = 0;
    for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
        let clean = '';
        let inq = false;
        for (const ch of line) {
            if (ch === '"') inq = !inq;
            else if (!inq && ch === ';') break;
            else if (!inq && ch === '(') { depth++; clean += ' '; continue; }
            else if (!inq && ch === ')') { depth--; clean += ' '; continue; }
            clean += ch;
        }
        buf += ' ' + clean;
        if (depth > 0) continue;
        depth = 0;
        const m = /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?TXT\s+(.*)$/i.exec(buf);
        buf = '';
        if (!m) continue;
        const parts = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(p =>
            p[1].replace(/\\(\d{3})/g, (_, d) => String.fromCharCode(+d)).replace(/\\(.)/g, '$1'));
        const name = m[1].replace(/\.$/, '').toLowerCase();
        if (!zone.has(name)) zone.set(name, []);
        zone.get(name).push(parts);
    }
    return zone;
}

const zone = loadZone(zonefile);
const resolver = async (name, rrtype) => {
    const recs = rrtype === 'TXT' ? zone.get(name.replace(/\.$/, '').toLowerCase()) : null;
    if (!recs) {
        const err = new Error('queryTxt ENOTFOUND ' + name);
        err.code = 'ENOTFOUND';
        throw err;
    }
    return recs;
};

(async () => {
    const count = { pass: 0, fail: 0, permerror: 0, temperror: 0, none: 0 };
    for (const msg of messages()) {
        const res = await dkimVerify(msg, { resolver, minBitLength: 512 });
        if (!res.results.length) { count.none++; continue; }
        for (const r of res.results) {
            let s = (r.status && r.status.result) || 'none';
            // mailauth reports a body hash mismatch as neutral ("body hash did not verify")
            if (s === 'neutral') s = /body hash/.test(r.status.comment || '') ? 'fail' : 'permerror';
            if (s === 'policy') s = 'pass';
            count[s] = (count[s] || 0) + 1;
        }
    }
    console.log(Object.entries(count).map(([k, v]) => `${k}=${v}`).join(' '));
})().catch(e => { console.error(e); process.exit(1); });
