#pragma once

#include "verdict_icons.h"
#include "verdict_presenter.h"
#include "verification_result.h"

#include <QCoreApplication>
#include <QString>

namespace dkimi::ui {

// The plain words for the evidence around the signatures (issue 7): the ARC chain forwarders sealed,
// what receiving servers recorded in Authentication-Results, and DMARC alignment of d= with From.
// Shared by the banner, the ARC pane and the Authentication-Results pane.
class SurroundingWords {
    Q_DECLARE_TR_FUNCTIONS(dkimi::ui::SurroundingWords)
public:
    // "ARC: chain intact, sealed by 2 forwarders" / "ARC chain broken at hop 2: …"; empty without ARC.
    static QString arcHeadline(const ArcResult &arc);
    // Who sealed, in order, and what the chain proves (one sentence or two).
    static QString arcDetail(const ArcResult &arc);
    static VerdictIcons::Kind arcIcon(const ArcResult &arc);
    static QString arcEmpty();
    // The hop (1-based instance) where the chain broke; 0 when it did not, or not at one hop.
    static int arcBrokenAt(const ArcResult &arc);
    // "verifies" / "fails: the body changed after sealing" / "not checked: …"
    static QString checkWords(const ArcSignatureCheck &c);
    static VerdictIcons::Kind checkIcon(const ArcSignatureCheck &c);

    // DMARC alignment as a banner badge (empty text: nothing to show).
    static VerdictPresenter::Badge alignmentBadge(const SignatureResult &s);
    // The same, as a note beside d= in the Signature pane; empty without a From domain.
    static QString alignmentNote(const SignatureResult &s);

    // Where an Authentication-Results header sits among the Received hops, counted from the bottom.
    static QString arPosition(const AuthenticationResults &ar, int receivedCount);
    // "mx.example.net recorded dkim=pass at receipt; the body has changed since"; empty when it agrees.
    static QString disagreement(const ArDkimMatch &match, const MessageResult &r);
    // "signature 2 (example.com): fail now — disagrees"
    static QString matchWords(const ArDkimMatch &match, const MessageResult &r);
    // The permanent caveat of the Authentication-Results pane.
    static QString forgeableNote();

    // DMARC (docs/dmarc.md), computed now with today's record.
    static QString dmarcResultWord(DmarcResult r); // "pass", "fail", "none", "temporary error", ...
    static VerdictIcons::Kind dmarcIcon(const DmarcEvaluation &e);
    // "DMARC: pass — signature 1 (example.com) is aligned with From example.com; policy p=reject"
    static QString dmarcHeadline(const DmarcEvaluation &e);
    // "Today's record, from the key file dmarc.zone; SPF cannot be re-checked (computed from DKIM alone)"
    static QString dmarcBasis(const DmarcEvaluation &e);
    // Where a record came from: "the key file dmarc.zone", "DNS (DNSSEC secure)", ...
    static QString dmarcSource(const KeyLookup &l);
    static QString dmarcOutcomeWords(const QString &outcome); // of a DmarcQuery
};

} // namespace dkimi::ui
