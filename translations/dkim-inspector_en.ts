<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>dkimi::Step</name>
    <message>
        <source>Locate signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parse signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parse key record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonicalize body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonicalize headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy checks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::ArcPane</name>
    <message>
        <source>ARC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cv=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message signature (AMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal (AS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i=: the order in which forwarders sealed the message, 1 first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d= of the ARC-Seal: the domain that sealed this hop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain validation status: what this forwarder found when the message reached it (none for the first hop, then pass)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ARC-Message-Signature: a DKIM-like signature of the message as this forwarder passed it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ARC-Seal: a signature over the ARC headers of this hop and every earlier one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server named in this hop&apos;s ARC-Authentication-Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ARC chain of this file cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC is added by mailing lists and forwarders that change a message, so that later servers can see what the message looked like when it reached them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show: this message carries no ARC-Seal, ARC-Message-Signature or ARC-Authentication-Results header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sets, sealed by forwarders</source>
        <translation>
            <numerusform>%n set, sealed by a forwarder</numerusform>
            <numerusform>%n sets, sealed by forwarders</numerusform>
        </translation>
    </message>
    <message>
        <source>ARC set i=%1 (sealed by %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i=%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i=%1 — broken here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d=%1 s=%2 cv=%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d=%1 s=%2 h=%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>results recorded by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(server not named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of ARC set i=%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC-Message-Signature i=%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check of the ARC-Message-Signature: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC-Seal i=%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check of the ARC-Seal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC chain checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain checks (structure, cv=, verdict)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::ArchiveReader</name>
    <message>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot seek to byte %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive changed: %1 bytes expected at offset %2, %3 read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::AuthResultsPane</name>
    <message>
        <source>This header does not name the server that wrote it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server recorded no results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A property has no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of this header could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication-Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the receiving servers (authserv-ids) you trust: your own mail servers. Their recorded results count as evidence; any other server&apos;s could be forged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server / result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header / properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authserv-id: the server that says it wrote the header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the header sits among the Received headers, counted from the bottom: hop 1 is the first server that received the message. The position is not proof of who added it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted: a server you named (Trusted servers…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For dkim= results: the signature of this message the result speaks about, and whether our check today agrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication-Results headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have named no trusted servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted servers: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Authentication-Results headers: no receiving server recorded its checks in this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no server named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC-Authentication-Results i=%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC set %1, sealed by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You named this server as trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a server you named: anyone upstream of it could have written this header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server evaluated nothing (none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1=%2 recorded by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server you trust recorded a different result: the message changed after it was received, or the key changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server is not one you trust, so the recorded result is only a clue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disagrees with today&apos;s check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agrees with today&apos;s check</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n headers, what servers recorded on receipt</source>
        <translation>
            <numerusform>%n header, what a server recorded on receipt</numerusform>
            <numerusform>%n headers, what servers recorded on receipt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dkimi::ui::ByteView</name>
    <message>
        <source>Not covered by the signature (beyond l=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy selected bytes exactly (no markers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy selected bytes as hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy marked field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::CanonicalPane</name>
    <message>
        <source>Canonicalized (hash input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header hash input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonical body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exact bytes hashed for the signature: each header named in h=, tidied as c= says, then the DKIM-Signature itself with b= emptied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show spaces, tabs, CR and LF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the bytes as a hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature selected: nothing was hashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1, c=%2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Header hash input&lt;/b&gt;: not computed (the check stopped earlier).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Header hash input&lt;/b&gt;: %1 bytes from %2 header fields, then this signature with b= emptied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Canonical body&lt;/b&gt;: not computed (the check stopped earlier).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Canonical body&lt;/b&gt;: %1 bytes; l=%2 signs only the first %2. &lt;b&gt;%3 bytes not covered by the signature&lt;/b&gt; (shaded) can say anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Canonical body&lt;/b&gt;: %1 bytes, all covered by the body hash bh=</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::CopySupport</name>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::DmarcView</name>
    <message>
        <source>DMARC, computed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC (RFC 7489): whether a signature by a domain aligned with the From address passes, and what that domain asks receivers to do otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC result in detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC was not evaluated for this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC: no message open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (organizational domain %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The From header DMARC checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
DMARC records change over time: this is the record now, not necessarily the one published when the message was received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from %2=) · adkim=%3 · aspf=%4 · pct=%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 aligned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1: aligned and valid, but its result is policy (e.g. a weak key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known: SPF cannot be re-checked after delivery (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, as %2 recorded it at receipt: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Authentication-Results header the SPF side comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPF side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (other TXT records ignored: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not prove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the record is today&apos;s; SPF cannot be re-checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::EvaluationTimeControl</name>
    <message>
        <source>Judge expiry at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the signature&apos;s expiry (x=) and timestamp (t=) are judged. Old evidence is often best judged at its own Date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time of this check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message&apos;s own Date header (messages without one are judged now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>c&amp;hosen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen evaluation time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first &amp;Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the first receiving server stamped each message (its bottom-most Received header); messages without one are judged now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::ExplanationWords</name>
    <message numerus="yes">
        <source>%n bytes were added to the end of the body after signing; everything above them is intact</source>
        <translation>
            <numerusform>%n byte was added to the end of the body after signing; everything above it is intact</numerusform>
            <numerusform>%n bytes were added to the end of the body after signing; everything above them is intact</numerusform>
        </translation>
    </message>
    <message>
        <source>Content was added to the end of the body after signing; everything above it is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Whitespace at the end of lines was changed after signing (%n lines); the words are intact</source>
        <translation>
            <numerusform>Whitespace at the end of lines was changed after signing (%n line); the words are intact</numerusform>
            <numerusform>Whitespace at the end of lines was changed after signing (%n lines); the words are intact</numerusform>
        </translation>
    </message>
    <message>
        <source>Blank lines were added or removed at the end of the body after signing; the text is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Line endings were converted after signing (%n lines); the text is intact</source>
        <translation>
            <numerusform>Line endings were converted after signing (%n line); the text is intact</numerusform>
            <numerusform>Line endings were converted after signing (%n lines); the text is intact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lines starting with &quot;From &quot; were quoted as &quot;&gt;From &quot; after signing (%n lines), as mail archives do; the text is otherwise intact</source>
        <translation>
            <numerusform>Lines starting with &quot;From &quot; were quoted as &quot;&gt;From &quot; after signing (%n line), as mail archives do; the text is otherwise intact</numerusform>
            <numerusform>Lines starting with &quot;From &quot; were quoted as &quot;&gt;From &quot; after signing (%n lines), as mail archives do; the text is otherwise intact</numerusform>
        </translation>
    </message>
    <message>
        <source>A part of the message was re-encoded in transit (e.g. to quoted-printable); decoded, it is what was signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body was rewritten after signing: no harmless change (footer, whitespace, line endings, re-encoding) explains the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed header was re-wrapped over lines after signing (%1); its words are intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capitalisation of a signed header name changed after signing (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second %1 header was added below the signed one after signing; the verifier now picks the added one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key made this signature, but a signed header was changed afterwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key made this signature, but a signed header was changed afterwards: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key made this signature, but over different headers: the signed headers were changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This signature was not made with this key, or b= was altered (typical of a rotated key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header copied into the signature (z=) differs from the message now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has %1 From headers. A mail client shows only the top one; check which one the signature covers (Headers pane).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery with the key failed: b= is not a signature by this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer&apos;s hash, recovered from b=, equals ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signer&apos;s hash, recovered from b=, differs from ours: the signed headers were different</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::FieldLocator</name>
    <message>
        <source>%1= of signature %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM-Signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed header line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header field %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mbox separator line (not part of the message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank line between header and body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::HeaderTableModel</name>
    <message>
        <source>signature %1: instance %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>important, but no signature covers the one displayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>appears %1 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked against additions by signature %1 (over-signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An important header: what a reader of the message sees or relies on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance %1 (not signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown by mail clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which instance each signature covers: with several, the signature picks them from the bottom up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail clients show the topmost instance of a header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over-signed: the signature lists the name once more than it occurs, so nothing can be added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::HeadersPane</name>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Important headers not signed (could have been changed or added): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked against additions (over-signed): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appear more than once: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n header names</source>
        <translation>
            <numerusform>%n header name</numerusform>
            <numerusform>%n header names</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 header (%n instances)</source>
        <translation>
            <numerusform>%1 header (%n instance)</numerusform>
            <numerusform>%1 header (%n instances)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dkimi::ui::InspectorPane</name>
    <message>
        <source>Maximise this pane (again to restore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximise %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::KeyPane</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key record text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key record tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1= of the key record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature, so no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: no key file is loaded and live DNS is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNSSEC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CNAME chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;no key record&lt;/b&gt; (%1). Often the domain rotated the key away; an archived copy of the key can still be loaded with Keys › Load key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;temporary failure&lt;/b&gt;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA, %1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 (256 bits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;revoked&lt;/b&gt; (empty p=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;testing&lt;/b&gt; (t=y): treat as unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;a href=&quot;import&quot;&gt;Import or paste the key for %1…&lt;/a&gt; (stored as entered by hand, flagged as not from DNS)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::KeyProvenance</name>
    <message>
        <source>secure: the domain signed this DNS answer and the signatures check out up to the DNS root, so the key is the one the domain publishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insecure: the domain does not sign its DNS, so nothing proves the answer was not altered on the way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bogus: the DNS answer carries signatures that do not check out; it may have been tampered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable (not from DNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seen in DNS, vouched for by DNSSEC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seen in DNS (without DNSSEC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported from a zone file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported from an archive of historical keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported from a PEM public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ entered by hand: not from DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, last seen %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unusable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ verifies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ does not verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer&apos;s hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovered from b= with the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b= and the key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::KeySources</name>
    <message>
        <source>key store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key store unusable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live DNS (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system resolver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline: no DNS lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live DNS unusable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::KeyStoreModel</name>
    <message>
        <source>Entered by hand: not from DNS. A verdict that uses this key says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>served by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::KeysWindow</name>
    <message>
        <source>Key store — DKIM Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: domain or selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A zone file, a PEM public key (for a selector and domain you name), or a CSV/JSON archive of historical keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste key record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored as entered by hand, and flagged as not from DNS wherever it is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of the selected selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the key %1._domainkey.%2 (%3) from the store? Verdicts that relied on it will say the key is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key store is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n keys · %1</source>
        <translation>
            <numerusform>%n key · %1</numerusform>
            <numerusform>%n keys · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>History of %1._domainkey.%2: %n keys over time</source>
        <translation>
            <numerusform>History of %1._domainkey.%2: %n key over time</numerusform>
            <numerusform>History of %1._domainkey.%2: %n keys over time</numerusform>
        </translation>
    </message>
    <message>
        <source>Domain, selector and key record are all needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key files (*.zone *.txt *.pem *.csv *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing domain (d=):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector (s=):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys could not be imported:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key entered by hand is stored as such and flagged as not from DNS in every verdict that uses it. Paste the TXT record (v=DKIM1; k=rsa; p=…) or a PEM public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key record:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::ListExporter</name>
    <message>
        <source>Export the list as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the list as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n messages (each is read and verified again)…</source>
        <translation>
            <numerusform>Exporting %n message (it is read and verified again)…</numerusform>
            <numerusform>Exporting %n messages (each is read and verified again)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::MainWindow</name>
    <message>
        <source>DKIM Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: From, Subject, domain, file… (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the evidence list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only messages with this result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With caveats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load key file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget loaded keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offline (no live DNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;whitespace in raw message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw message as &amp;hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonicalized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About DKIM Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reading; what was read so far stays in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: no live DNS lookups. Keys come only from loaded key files, and each verdict says which file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 messages in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone files (*.zone *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file could not be loaded:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys: none loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a key file every signature is &quot;cannot check&quot;. Keys › Load key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>keys: %1 (%n records)</source>
        <translation>
            <numerusform>keys: %1 (%n record)</numerusform>
            <numerusform>keys: %1 (%n records)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — DKIM Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About DKIM Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;DKIM Inspector %1&lt;/h3&gt;&lt;p&gt;Proves or disproves where an email came from: it checks each DKIM signature of a message and shows every step, down to the byte.&lt;/p&gt;&lt;p&gt;DKIM shows that a domain vouched for these exact bytes. It does not show who received the message.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;GMime&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export list as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export list as &amp;JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: no DNS lookups; keys come from key files and the key store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary (totals and charts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers (every header, what is signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online: keys missing from key files and the key store are looked up in DNS. Each lookup is visible to the domain&apos;s DNS operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: no live DNS lookups. Keys come only from loaded key files and the key store, and each verdict says which.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages and mail archives (*.eml *.mbox *.mbx *.mbs);;Messages (*.eml);;mbox archives (*.mbox *.mbx *.mbs);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication-Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trusted receiving servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;RC (what forwarders sealed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Au&amp;thentication-Results and DMARC (what servers recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ti&amp;meline (every time in the message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted receiving servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The servers whose Authentication-Results you trust, as they name themselves (authserv-id), separated by commas. Name only your own receiving servers: any other could have been written by anyone upstream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Online, but DNS cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live DNS could not be set up: %1. Keys come only from loaded key files and the key store; a key found nowhere else is reported as not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live DNS could not be set up: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::MessageListModel</name>
    <message>
        <source>%1
Could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no From)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no Subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing domain (d=): the domain that vouches for the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector (s=): which of the domain&apos;s keys was used; the key lives at selector._domainkey.domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Date header, in UTC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::OnlineConsent</name>
    <message>
        <source>To fetch a signing key, DKIM Inspector asks DNS for selector._domainkey.domain. That lookup is visible to the domain&apos;s DNS operator and to your DNS resolver: they can see that someone is checking mail from that domain, and when.

Offline, keys come only from key files and the key store, and nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look keys up in DNS?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember my choice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::RawPane</name>
    <message>
        <source>Raw message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw message bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show spaces, tabs, CR and LF (Ctrl+Shift+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the bytes as a hex dump (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, as stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, as stored; %2 bytes added after signing (shaded)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::SignaturePane</name>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM-Signature tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2, header field %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rsa-sha1 is forbidden by RFC 8301</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired at the evaluation time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the evaluation time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does NOT match the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verifies with the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does NOT verify with the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Covers&lt;/b&gt;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Present but not signed&lt;/b&gt; (could have been changed or added): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Locked against additions&lt;/b&gt; (listed more often than present): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::SummaryDock</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::SummaryView</name>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 messages have a valid DKIM signature (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ valid, not to be relied on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ key not fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>! unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages by signing domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no valid signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages by month of the Date header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::SurroundingWords</name>
    <message>
        <source>A server that did not name itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>ARC: chain intact, sealed by %n forwarders</source>
        <translation>
            <numerusform>ARC: chain intact, sealed by %n forwarder</numerusform>
            <numerusform>ARC: chain intact, sealed by %n forwarders</numerusform>
        </translation>
    </message>
    <message>
        <source>ARC: a forwarder&apos;s key could not be fetched right now; try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC: chain broken at hop %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC: chain broken: a forwarder stated the wrong chain status (cv=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARC: chain broken: the ARC headers are not a complete, numbered chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealed in turn by %1. Each forwarder vouches for what it recorded when the message reached it, not that what it recorded was right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message changed after hop %1 (%2) sealed it, as mailing lists do: only the later hops vouch for it as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealed by %1. The chain could not be judged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message changed after the last forwarder, %1, sealed it: its ARC-Message-Signature %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ARC-Seal of %1 does not verify: the ARC headers it covers were changed after sealing, or forged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found the chain already broken when the message reached it (cv=fail); the chain ends there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ARC headers: no forwarder sealed this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verifies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked: chain already ended (cv=fail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails: the body changed after sealing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails: what it covers changed after sealing, or it was forged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails: the body and the headers changed after sealing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot check: no key at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>try again: the key could not be fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d= is a public suffix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d=%1 is the From domain, but that name is a public suffix: it identifies no organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aligned with From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC alignment (strict): the signing domain %1 is the From domain. The signature speaks for the domain a reader sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aligned with From (relaxed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC alignment (relaxed): the signing domain %1 and the From domain %2 belong to the same organization, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signer is not the From domain %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC alignment: none. This signature shows that %1 vouched for the message, not %2, the domain in the From header. Mailing lists and forwarders sign like this; so can anyone with a domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the From domain, but a public suffix: it identifies no organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the From domain (DMARC: aligned, strict)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same organization as the From domain %1 (DMARC: aligned, relaxed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not the From domain %1 (DMARC: not aligned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Received headers in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the first receiving server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added after hop %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded dkim=%2 at receipt, but the signature verifies now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it fails now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signed headers, or the published key, have changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body and the signed headers have changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded dkim=%2 at receipt; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several signatures fit; not compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no signature of this message fits (removed since, or never there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 now; not comparable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 now; agrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 now; disagrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What servers recorded on receipt. Anyone upstream of the server that added one of these headers could have written it, so a header proves nothing by itself: only the servers you trust (your own receiving servers) count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temporary error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permanent error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relaxed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>through SPF, as %1 recorded it at receipt (no aligned DKIM pass)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature %1 is aligned (%2) with the From domain %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signatures %1 are aligned (%2) with the From domain %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no passing signature is aligned (%1) with the From domain %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (signature %1 is aligned but not counted: valid, with a policy caveat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes no DMARC record today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DMARC record of %1 could not be fetched right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the From header does not hold exactly one address with a domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes several DMARC records: no policy applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DMARC record of %1 is unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key file holds a DMARC record for %1, and live DNS is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMARC: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; policy %1=%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live DNS (DNSSEC %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today&apos;s record, from %1, not necessarily the one at receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there may have been a record when the message was received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPF cannot be re-checked, so this is computed from DKIM alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPF %1 as %2 recorded it (it cannot be re-checked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a DMARC record is published here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no DMARC record (DNS says so)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not looked up: not in the key files, and live DNS is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lookup failed for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several DMARC records: none applies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::TagMeanings</name>
    <message>
        <source>Signing domain: the domain that vouches for the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector: which of the domain&apos;s keys was used; the key lives at selector._domainkey.domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonicalization: the agreed way to tidy whitespace before hashing, so harmless changes in transit do not break the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body hash: a fingerprint of the message body, written into the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key record: the public key the domain publishes in DNS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM version (always 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm: RSA signature over a SHA-256 hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm: RSA over SHA-1 (forbidden by RFC 8301)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm: Ed25519 signature over a SHA-256 hash (RFC 8463)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm used to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature itself, over the signed headers (base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canonicalization: headers %1, body %2 (how whitespace is tidied before hashing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed header fields, in the order they are hashed (bottom-most instance first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity of the user or agent the domain signs for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body length: only the first %1 bytes of the body are signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to fetch the key (dns/txt: a DNS TXT record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When it was signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed at %1 (as the signer&apos;s clock said)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies of the header fields as they were when signed (diagnostic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tag (ignored, as RFC 6376 requires)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key record version (DKIM1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash algorithms this key may be used with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key: empty, so the key is revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The public key (base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services the key may be used for (* or email)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags: y = testing; the domain asks verifiers to treat its mail as unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags: s = i= must equal d= exactly, no subdomains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes for people (ignored by verifiers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granularity (obsolete, RFC 4871)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tag (ignored)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::TagTableModel</name>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::TimelinePane</name>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time flows downward ↓. Not to scale: events are in order, evenly spaced, with the real gap written between them. ○ hop · □ Date · ◇ signature t= (hollow: x=) · △ ARC seal; a dashed mark has no time of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message can hold times seconds and years apart, so the axis is ordinal: each event gets a row in time order, and the gap to the event above is written beside the axis (+4 s, +2 h 13 min). Longer gaps get a little more room (logarithmically), and ⫽ on the axis marks a gap of more than a day.
Events without a time of their own (Authentication-Results, a Received header without a readable stamp) are placed by their position among the Received headers.
Coloured brackets beside the axis join the events of a contradiction, numbered as in the list above: amber for warnings and notes (dashed), red for errors.
The dashed blue line is the time at which x= (expiry) and t= (timestamp) were judged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contradictions between the times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contradiction %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hop is stamped before the hop below it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dated after the first server received it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed after it was received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature had expired when the message arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Date header is far from the signing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed after the key had been replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A forwarder sealed it before it was signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The times of this file cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;%2 &lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; &lt;a href=&quot;c:%4&quot;&gt;&lt;b&gt;%5&lt;/b&gt;&lt;/a&gt; (%6): %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No times in this message: no Date header, no Received time stamp, no t= or x= in a signature, no ARC seal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One header has no time of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 headers have no time of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 times, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; no contradiction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 1 contradiction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 contradictions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::TimelineView</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received it from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a server received it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The author&apos;s program dated the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Date header, which is not a readable time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 says it signed the message (signature %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature %1 by %2 expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hop %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarder %1 sealed the message (ARC set %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server recorded its checks (no server named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded its checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store first saw the key of signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store last saw the key of signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store first saw a different key at the selector of signature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no time stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stamped “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no time of its own: placed by its position among the Received headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged now (the time of this check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged at the Date header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged at the first Received hop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judged at a chosen time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: every time in the message, earliest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the up and down arrows to move from one time to the next; the selected event&apos;s header is marked in the raw message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x= and t= %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placed by position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before hop %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 after hop %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No time of its own: placed by its position among the Received headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay from the hop below: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contradiction %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No time of its own: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, part of contradiction %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, part of %1 contradictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation time: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::VerdictBanner</name>
    <message>
        <source>Open a message to see whether its signature holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File › Open, File › Open Folder, or drop files here. Keys › Load key file supplies the domains&apos; public keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here proves which domain sent it: anyone can write any From header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature %1 of %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show this signature in the panes below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two From headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Click to show the ARC tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2
Click to show the DMARC details in the Authentication-Results tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::VerdictPresenter</name>
    <message>
        <source>(no domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature header is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tag appears twice in the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a required tag is missing from the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it uses an unknown DKIM version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it uses an algorithm DKIM does not define</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names an unknown canonicalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it asks for its key in a way other than DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tag value in the signature is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its identity i= lies outside the signing domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it does not cover the From header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its expiry x= is not later than its timestamp t=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its body length l= is longer than the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key is published at %1 (often: the key was rotated away)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain has revoked the key at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key record at %1 is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key record at %1 has an unknown version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key published at %1 is not a usable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key at %1 is of another type than the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key at %1 does not allow this hash algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key at %1 is not meant for email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key requires i= to equal d= exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key lookup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message has two or more From headers, and a mail client may show an unsigned one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1-bit RSA key is too short to prove anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it uses rsa-sha1, which RFC 8301 forbids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it expired at %1 (x=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it claims to have been made at %1 (t=), after the evaluation time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1 — unchanged since signing, with caveats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1 — unchanged since signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature by %1 is mathematically valid, but should not be relied on: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body was changed after %1 signed it; the signed headers are intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed headers were changed after %1 signed them, or this signature was not made with the key published at %2 (often: the key was rotated); the body is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither the body nor the signed headers match what %1 signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature by %1 cannot be checked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch the key for %1 right now: %2; try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message carries no DKIM signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM shows that the signing domain vouched for these exact bytes. It does not show who received the message: a signed message can be resent to anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key source (load a key file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA %1-bit key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key at %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key lookup for %1 failed for now (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unusable key record at %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key was looked up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time of this check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message&apos;s Date header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a chosen time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expiry and timestamps judged at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>partial body: %n bytes not signed</source>
        <translation>
            <numerusform>partial body: %n byte not signed</numerusform>
            <numerusform>partial body: %n bytes not signed</numerusform>
        </translation>
    </message>
    <message>
        <source>The signature has l=: only the first %1 bytes of the canonical body are signed. Whatever follows can say anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial body (l=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature has l=: anything appended to the body later would not break it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weak key (%1 bits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA keys under 1024 bits are factored cheaply; RFC 8301 forbids them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 8301 recommends RSA keys of at least 2048 bits; 1024-bit keys are within reach of well-funded attackers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rsa-sha1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-1 collisions can be bought; RFC 8301 forbids rsa-sha1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>testing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has t=y: the domain asked verifiers to treat its mail as unsigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two From headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has more than one From header. DKIM covers the bottom one; a mail client may display another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x= lies before the evaluation time: intact, but past the date the signer set. Expired does not mean forged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t= lies after the evaluation time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h= does not list From.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has a %1 header that the signature does not cover: it could have been changed or added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#1 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p= holds a bare RSAPublicKey instead of SubjectPublicKeyInfo (accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key not from DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key came from %1, not from a live DNS lookup: its provenance is that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNSSEC: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s DNS answer was not DNSSEC-validated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LF line endings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file stores bare LF line endings; each was read as CRLF, as DKIM requires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mbox From line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file starts with an mbox &quot;From &quot; line, which is not part of the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid, not reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass, with caveats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with concerns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no key published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body hash matches bh=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body hash does not match bh=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature verifies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature does not verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n concerns</source>
        <translation>
            <numerusform>%1: %n concern</numerusform>
            <numerusform>%1: %n concerns</numerusform>
        </translation>
    </message>
    <message>
        <source>Find the DKIM-Signature header field among the message&apos;s headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the signature&apos;s tags (d=, s=, h=, bh=, b=, ...) and check that they are well-formed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up the public key the domain publishes at selector._domainkey.domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the key record and check that this key may be used for this signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidy the body&apos;s whitespace the agreed way (c=), so that harmless changes in transit do not break the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint the tidied body and compare it with bh=, the fingerprint the signer wrote down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect the signed header fields (h=) bottom-up and tidy them the agreed way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint the collected header fields and the signature itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check b= with the public key: only the holder of the private key could have made it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge what a valid signature is worth: key size, algorithm, expiry, duplicate From.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key source is available to look up %1 (load a key file; live DNS is off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first Received header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::WalkModel</name>
    <message numerus="yes">
        <source>output: %n bytes of header hash input (see Canonicalized)</source>
        <translation>
            <numerusform>output: %n byte of header hash input (see Canonicalized)</numerusform>
            <numerusform>output: %n bytes of header hash input (see Canonicalized)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>output: %n bytes of canonical body (see Canonicalized)</source>
        <translation>
            <numerusform>output: %n byte of canonical body (see Canonicalized)</numerusform>
            <numerusform>output: %n bytes of canonical body (see Canonicalized)</numerusform>
        </translation>
    </message>
    <message>
        <source>output: the key record (see Key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output: body hash %1 (base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output: header hash %1 (hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>output: %n bytes of public key data</source>
        <translation>
            <numerusform>output: %n byte of public key data</numerusform>
            <numerusform>output: %n bytes of public key data</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>output: the DKIM-Signature header field, %n bytes</source>
        <translation>
            <numerusform>output: the DKIM-Signature header field, %n byte</numerusform>
            <numerusform>output: the DKIM-Signature header field, %n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>output: %n bytes</source>
        <translation>
            <numerusform>output: %n byte</numerusform>
            <numerusform>output: %n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n remarks</source>
        <translation>
            <numerusform>%n remark</numerusform>
            <numerusform>%n remarks</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature %1  d=%2  s=%3  %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dkimi::ui::WalkPane</name>
    <message>
        <source>Walk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each step of the check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
