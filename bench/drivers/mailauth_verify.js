#!/usr/bin/env node
// Benchmark driver: verify every DKIM signature of FILE... with mailauth (npm).
// usage: node mailauth_verify.js ZONE FILE...
// DNS is replaced by the zone file through mailauth's `resolver` option.
// Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
// (mailauth "neutral" is counted as fail when its comment is "body hash did not
// verify", else as permerror (e.g. "no key"); "policy" is counted as pass.)
'use strict';
const fs = require('fs');
const { dkimVerify } = require('mailauth/lib/dkim/verify');

const [zonefile, ...files] = process.argv.slice(2);

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
    for (const f of files) {
        const res = await dkimVerify(fs.readFileSync(f), { resolver, minBitLength: 512 });
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
