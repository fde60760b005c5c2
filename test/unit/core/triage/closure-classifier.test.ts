import {
  classifyClosure,
  describeClosureReason,
  mapResolution,
} from '../../../../src/core/triage/closure-classifier';
import {
  DEFAULT_RESOLUTION_MAPPING,
  type TriageDecision,
  resolutionMappingSchema,
  triageInputSchema,
} from '../../../../src/core/triage/triage-types';
import { aComment, aDoc, aParagraph, anAppComment, aThread, aTriageInput } from './triage-builders';

describe('classifyClosure: resolution alone (README rule 5)', () => {
  it.each([
    ['Done', 'resolved'],
    ['Fixed', 'resolved'],
    [null, 'resolved'],
    ["Won't Fix", 'accepted_risk'],
    ['Won’t Do', 'accepted_risk'],
    ['risk accepted', 'accepted_risk'],
    ['Not a Bug', 'false_positive'],
    ['Cannot Reproduce', 'false_positive'],
    ['Duplicate', 'skip'],
    ['Incomplete', 'skip'],
    ['Obsolete', 'skip'],
  ])('maps resolution %p to %s when there are no human comments', (resolution, expected) => {
    const result = classifyClosure(aTriageInput({ resolution, comments: [anAppComment('Exported from ZeroPath')] }));
    expect(result.decision).toBe(expected);
    expect(result.evidence.source).toBe('resolution');
  });

  it('ignores comments entirely when comment sync is off', () => {
    const input = aTriageInput({ resolution: "Won't Do", commentSyncEnabled: false, comments: [aComment('Fixed in PR #88, deployed.')] });
    expect(classifyClosure(input)).toMatchObject({ decision: 'accepted_risk', evidence: { source: 'resolution', resolution: "Won't Do" } });
  });

  it('uses an admin-edited mapping', () => {
    const input = aTriageInput({ resolution: 'Obsolete', resolutionMapping: { ...DEFAULT_RESOLUTION_MAPPING, Obsolete: 'accepted_risk' } });
    expect(classifyClosure(input).decision).toBe('accepted_risk');
  });

  it('does nothing for an issue outside the done category', () => {
    const input = aTriageInput({ status: { name: 'In Review', category: 'indeterminate' }, comments: [aComment('Patched in 2.1.')] });
    expect(classifyClosure(input)).toMatchObject({ decision: 'skip', evidence: { source: 'none' } });
  });
});

describe('classifyClosure: human comments (rules 1–4, 6)', () => {
  it('never counts what the app itself wrote', () => {
    const input = aTriageInput({ comments: [anAppComment('Finding status in ZeroPath changed to False Positive.'), aComment('thanks, closing')] });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it.each([
    ['Rolled the leaked token in the console and scrubbed it from git history with filter-repo.', 'resolved'],
    ['Bumped jsonwebtoken to 9.0.2, deployed to production this morning.', 'resolved'],
    ['This is a false positive: the sample key from the vendor docs, it cannot touch any real account.', 'false_positive'],
    ['Not exploitable, the id comes from our own session store and users cannot control it.', 'false_positive'],
    ['Security accepted the risk until the Q4 rewrite; compensating control is the WAF rule.', 'accepted_risk'],
    ["We won't fix this in the legacy app, it is being decommissioned in March.", 'accepted_risk'],
  ])('reads %p as %s over a generic resolution', (text, expected) => {
    const result = classifyClosure(aThread('Done', text));
    expect(result.decision).toBe(expected);
    expect(result.evidence).toMatchObject({ source: 'comment', phrase: expect.any(String) });
    expect(result.confidence).toBeGreaterThanOrEqual(0.65);
  });

  it('lets the latest comment with an outcome win', () => {
    const result = classifyClosure(
      aThread('Done', 'Accepting the risk for now, the upgrade is painful.', 'Changed my mind: upgraded to 3.2.1 and redeployed.'),
    );
    expect(result.decision).toBe('resolved');
    expect(result.evidence.commentId).toBeDefined();
  });

  it('reads "not a false positive — patched" as resolved (negation)', () => {
    expect(classifyClosure(aThread('Done', 'This is not a false positive — patched in #42.')).decision).toBe('resolved');
  });

  it('does not take the bot\'s or a quoted claim as the speaker\'s (attribution, quoting)', () => {
    expect(classifyClosure(aThread('Done', 'The bot says false positive, it is wrong.')).decision).toBe('skip');
    const quoted = aComment(aDoc({ type: 'blockquote', content: [aParagraph('Fixed in 3.1')] }, aParagraph('Any proof?')));
    expect(classifyClosure(aTriageInput({ comments: [quoted] })).decision).toBe('skip');
  });

  it('does not count intent or a guess as an outcome (future, hedging)', () => {
    expect(classifyClosure(aThread('Done', "I'll patch it after the release freeze.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Maybe fixed by the framework upgrade? Not sure.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'is this fixed?')).decision).toBe('skip');
  });

  it('skips when a later comment disputes the claimed outcome and nobody settles it', () => {
    const result = classifyClosure(aThread('Done', 'Fixed in release 5.0.', '5.0 does not include it, the commit was reverted.'));
    expect(result).toMatchObject({ decision: 'skip', evidence: { source: 'comment' } });
    expect(result.evidence.explanation).toMatch(/disputes/);
  });

  it('ignores fixes to the ticket itself and fixes of another ticket', () => {
    expect(classifyClosure(aThread('Done', 'Fixed the typo in the summary.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'FYI OPS-77 got fixed by PR #12 yesterday.')).decision).toBe('skip');
    expect(classifyClosure({ ...aThread('Done', 'SEC-5 patched in 2.0.1.'), issueKey: 'SEC-5' }).decision).toBe('resolved');
  });

  it('leaves silent comments to a specific resolution and skips on a generic one (rule 4)', () => {
    expect(classifyClosure(aThread('Declined', 'assigned to Kenji', 'ack')).decision).toBe('accepted_risk');
    const generic = classifyClosure(aThread('Done', 'any update?'));
    expect(generic).toMatchObject({ decision: 'skip', evidence: { source: 'none' } });
  });

  it('skips when a clear comment contradicts a specific resolution (rule 6)', () => {
    const result = classifyClosure(aThread("Won't Fix", 'Patched in v2.3 after all, redeployed.'));
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toMatch(/contradicts the resolution "Won't Fix"/);
  });

  it('agrees with a specific resolution that says the same, with more confidence', () => {
    const text = 'Exception EXC-12 approved until 2027-01-01.';
    const withSpecific = classifyClosure(aThread('Risk Accepted', text));
    const withGeneric = classifyClosure(aThread('Done', text));
    expect(withSpecific.decision).toBe('accepted_risk');
    expect(withSpecific.confidence).toBeGreaterThan(withGeneric.confidence);
  });

  it('turns a decision below the confidence bar into skip and says so', () => {
    const result = classifyClosure({ ...aThread('Done', 'Merged.'), confidenceBar: 0.95 });
    expect(result.decision).toBe('skip');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.evidence.explanation).toMatch(/below the bar 0\.95/);
  });

  it('orders comments by creation time, not by array position', () => {
    const early = aComment('Risk accepted by the CISO until June.');
    const late = aComment('Reverted the acceptance: rotated the key and purged history instead.');
    expect(classifyClosure(aTriageInput({ comments: [late, early] })).decision).toBe('resolved');
  });
});

describe('classifyClosure: scope of quotes, disputes and qualifiers', () => {
  it('keeps a quote that contains a clause break out of the speaker\'s words', () => {
    const text = "The bot says 'Resolved: fixed upstream'. That is not right, we never upgraded. We accept this one, signed off by security.";
    expect(classifyClosure(aThread('Done', text)).decision).toBe('accepted_risk');
  });

  it('lets a dispute cancel only the outcomes it contradicts', () => {
    // "it is real" denies a false positive, not an accepted risk.
    expect(classifyClosure(aThread('Done', 'The ReDoS is real, but we are fine living with it.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'We accept the risk until Q3.', 'To be clear, it is real.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'This is a false positive.', 'Disagree, the name comes straight from the upload.')).decision).toBe('skip');
  });

  it('reads a dispute said after an outcome in the same comment as the last word', () => {
    expect(classifyClosure(aThread('Done', 'Fixed in PR 77; the POST handler still concatenates user input.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fixed in #812.', '#812 was reverted yesterday, the endpoint is still injectable.')).decision).toBe('skip');
  });

  it('does not take a partial fix for a fix', () => {
    expect(classifyClosure(aThread('Done', 'PR 12 only fixed the GET route.')).decision).toBe('skip');
  });

  it('reads a revert of the revert as the fix being back', () => {
    expect(classifyClosure(aThread('Done', 'The fix was reverted on Friday.', 'Reverted the revert, the fix is back in main and deployed.')).decision).toBe('resolved');
  });

  it('does not read "not deployed anywhere yet" as unreachable code', () => {
    expect(classifyClosure(aThread('Done', 'The patched 3.1 is not deployed anywhere yet.')).decision).toBe('skip');
  });

  it('repairs a dropped or doubled letter in key verbs, but not a dropped last letter', () => {
    expect(classifyClosure(aThread('Done', 'fixd in 3.4.2')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'mergged and deployed')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'we need to rotate the key')).decision).toBe('skip');
  });

  it('treats "nothing"/"nobody" as negation', () => {
    expect(classifyClosure(aThread('Done', 'Nothing changed in production.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Nobody patched it.')).decision).toBe('skip');
  });
});

describe('mapping and input schemas', () => {
  it('matches resolution names case- and apostrophe-insensitively', () => {
    expect(mapResolution('WON’T FIX', DEFAULT_RESOLUTION_MAPPING)).toEqual({ label: 'WON’T FIX', decision: 'accepted_risk' });
    expect(mapResolution(null, DEFAULT_RESOLUTION_MAPPING)).toEqual({ label: '(none)', decision: 'resolved' });
  });

  it('rejects a mapping with an unknown decision or an empty name, with a clear message', () => {
    const bad = resolutionMappingSchema.safeParse({ Done: 'closed' });
    expect(bad.success).toBe(false);
    const empty = resolutionMappingSchema.safeParse({ ' ': 'resolved' });
    expect(empty.error?.issues[0]?.message).toBe('Resolution name must not be empty');
    expect(resolutionMappingSchema.safeParse(DEFAULT_RESOLUTION_MAPPING).success).toBe(true);
  });

  it('rejects a case without comment authors', () => {
    const parsed = triageInputSchema.safeParse({ ...aTriageInput(), comments: [{ id: '1', created: 'x', body: aDoc() }] });
    expect(parsed.success).toBe(false);
  });
});

describe('describeClosureReason', () => {
  it('names the Jira issue, the decision and the evidence, within 2000 characters', () => {
    const result = classifyClosure(aThread('Done', 'Bumped lodash to 4.17.21, closing.'));
    const reason = describeClosureReason('SEC-42', result);
    expect(reason).toMatch(/^Jira SEC-42 closed: resolved \(confidence 0\.\d\d\)\./);
    expect(reason).toContain('Evidence: "Bumped lodash to 4.17.21, closing."');
    const long = describeClosureReason('SEC-42', { ...result, evidence: { ...result.evidence, explanation: 'x'.repeat(3000) } });
    expect(long).toHaveLength(2000);
  });
});

describe('resolutionMappingSchema', () => {
  it('rejects two spellings of the same resolution, since lookup ignores case', () => {
    const parsed = resolutionMappingSchema.safeParse({ Done: 'resolved', DONE: 'skip' });
    expect(parsed.error?.issues[0]?.message).toBe('Resolution "DONE" is mapped twice');
  });
});

/**
 * One-sentence closing comments under a generic "Done": the scope rules (negation, hedging,
 * conditionals, intent, requests, other tickets, ticket housekeeping) on phrasings outside the
 * labelled sets.
 */
const PHRASING_PROBES: [string, TriageDecision][] = [
  ["Closing as won't fix.", 'accepted_risk'],
  ["We're okay with this risk for now, revisit in Q3.", 'accepted_risk'],
  ['Remediated in build 2291.', 'resolved'],
  ['This was addressed in PR #55.', 'resolved'],
  ['Fix is live.', 'resolved'],
  ['Confirmed not exploitable after review with the AppSec team.', 'false_positive'],
  ['The vulnerable package was removed from package.json.', 'resolved'],
  ['Will be fixed by the upgrade in 2.0', 'skip'],
  ['Not a false positive. Leaving open for the owners.', 'skip'],
  ['Closing - false positive per discussion with AppSec.', 'false_positive'],
  ['Looks fixed to me.', 'skip'],
  ['Patch is ready for review.', 'skip'],
  ['We believe this is not exploitable.', 'skip'],
  ['The secret was never valid, it is a revoked key from 2019.', 'skip'],
  ["Not applicable: we don't use the affected feature (XSLT).", 'false_positive'],
  ["We don't use the vulnerable function.", 'false_positive'],
  ['The issue is in a vendored test dependency that never ships to production.', 'false_positive'],
  ['Fixed in #123, and also this was mostly a false positive', 'skip'],
  ['Thanks @Bob!', 'skip'],
  ['Mark as resolved, the upgrade went out on Friday.', 'resolved'],
  ['Upgrading lodash to 4.17.21 now.', 'skip'],
  ["I don't think this is a false positive", 'skip'],
  ["Not sure it's fixed, but closing.", 'skip'],
  ['Exploit no longer works after the 5.1 upgrade.', 'resolved'],
  ['If this is a false positive please close it.', 'skip'],
  ['Please confirm it is patched.', 'skip'],
  ['Exception pending CISO approval.', 'skip'],
  ['We will accept the risk once the exception is approved.', 'skip'],
  ['Removed myself as a watcher.', 'skip'],
  ['Merged into SEC-77.', 'skip'],
  ['Can\'t reproduce the issue anymore after the upgrade to 3.1.', 'resolved'],
  ['Unable to reproduce, the endpoint rejects the payload.', 'false_positive'],
  ['Secret rotated, old one revoked.', 'resolved'],
  ['Security accepts this; the admin panel is internal only.', 'accepted_risk'],
  ['Not exploitable anymore since we added the CSP.', 'resolved'],
  ['It was never fixed, we just closed it.', 'skip'],
  ['Nope, still vulnerable on prod.', 'skip'],
  ['The scanner flagged the hashing code, we swapped MD5 for SHA-256 in #99.', 'resolved'],
  ['We now track this in SEC-5.', 'skip'],
  ['We now hash the tokens before storing them, deployed to production.', 'resolved'],
];

describe('classifyClosure: meaning families beyond English bug-tracker phrasing', () => {
  it.each<[string, TriageDecision]>([
    ['I have make the fix, it has been correct in the code and deploy to production.', 'resolved'],
    ['Fix is in MR !88; the ticket closes when it merges.', 'resolved'],
    ['The remediation has been completed and verified by QA.', 'resolved'],
    ['Output encoding added, retest passed.', 'resolved'],
    ['Took care of it in #4411.', 'resolved'],
    ['This code is never call, the function is dead since 2023, no route to it.', 'false_positive'],
    ['Correction: no fix was needed, the scanner flagged a vendored copy. Reverting the no-op PR.', 'false_positive'],
    ['Bogus finding.', 'false_positive'],
    ['Ce n\'est pas une vulnérabilité.', 'false_positive'],
    ['wontfix. Agreed in the risk review 2026-04-09.', 'accepted_risk'],
    ['Known and accepted; documented in the risk register.', 'accepted_risk'],
    ['Deprioritised, we\'ll live with it.', 'accepted_risk'],
    ['Wird nicht behoben.', 'accepted_risk'],
  ])('%p → %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });

  it('does not decide on a mitigation alone, an allowlist kept in place, or a plan', () => {
    expect(classifyClosure(aThread('Done', 'Protected by the WAF.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Deprioritised.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We need to get the hotfix installed before Friday.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Accept the risk for 6 months with the IP allowlist in place.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'The risk is not acceptable.')).decision).toBe('skip');
  });
});

describe('classifyClosure: phrasing probes', () => {
  it.each(PHRASING_PROBES)('%p → %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });
});

describe('classifyClosure: who argues with whom', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('skips when the claimant only restates an argument another person argued against', () => {
    const input = aTriageInput({
      comments: [
        aComment('Not exploitable: the value is overwritten by the proxy.', { author: alice }),
        aComment('The internal proxy forwards it untouched, so it is reachable from there.', { author: bob }),
        aComment('Still a false positive in my view.', { author: alice }),
      ],
    });
    const result = classifyClosure(input);
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toContain('restated after another person argued against it');
  });

  it('lets the claimant settle a question asked by another person', () => {
    const input = aTriageInput({
      comments: [
        aComment('Patched in PR #412.', { author: alice }),
        aComment('Did it ship to prod?', { author: bob }),
        aComment('Yes, deployed to production on Monday.', { author: alice }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
  });

  it('reads a reply that opens by contradicting the claim as a challenge', () => {
    for (const reply of ['No, the finance team needs it fixed.', 'Only for the EU region; the US one was missed.', 'Nein, das muss behoben werden.']) {
      const input = aTriageInput({ comments: [aComment('We accept the risk for this quarter.', { author: alice }), aComment(reply, { author: bob })] });
      expect(classifyClosure(input).decision).toBe('skip');
    }
  });

  it('does not let another person reverse an outcome on a weak cue, but lets a claimant correct themselves', () => {
    const weak = aTriageInput({
      comments: [aComment('Fixed in #88 and deployed to production.', { author: alice }), aComment('That module is only used in tests anyway.', { author: bob })],
    });
    expect(classifyClosure(weak).decision).toBe('skip');
    const own = aTriageInput({
      comments: [aComment('Fixed in #88.', { author: alice }), aComment('Correction: no fix was needed, the code is never called.', { author: alice })],
    });
    expect(classifyClosure(own).decision).toBe('false_positive');
  });

  it('reads "merged, but not in production yet" from another person as doubt about the fix', () => {
    const input = aTriageInput({
      comments: [
        aComment('PR #77 merged, closing.', { author: alice }),
        aComment('Merged to main, but the release branch still has the old code.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads a doubt said without a question ("no me cuadra", "doesn\'t add up") from another person as a dispute of the fix', () => {
    for (const doubt of ['Yo lo miré en la rama release y la lista blanca ya estaba antes... no sé, no me cuadra. Lo cierro igualmente.', "Hm, that doesn't add up, the allow-list was there before your change.", 'Ça ne colle pas, la liste blanche existait déjà avant.']) {
      const input = aTriageInput({
        comments: [aComment('I fixed this last week by adding the allow-list in SortValidator, so it was genuine and is fixed now.', { author: alice }), aComment(doubt, { author: bob })],
      });
      expect(classifyClosure(input).decision).toBe('skip');
    }
  });

  it('reads a rollback said in French, or production running without the fix, from another person as undoing the fix', () => {
    for (const reply of ["Pour information, la version 6.3.0 a fait l'objet d'un retour arrière le 19/06 suite à un incident.", 'La production tourne actuellement en 6.2.4, donc sans le correctif.']) {
      const input = aTriageInput({
        comments: [aComment('Fixed: file names are now generated server-side. Deployed in 6.3.0 on 18/06.', { author: alice }), aComment(reply, { author: bob })],
      });
      expect(classifyClosure(input).decision).toBe('skip');
    }
  });

  it('reads "it is exploitable" as a dispute of a false-positive claim', () => {
    const input = aTriageInput({
      comments: [aComment('False positive, input is validated upstream.', { author: alice }), aComment('The batch importer skips that validation, so it is exploitable.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });
});

describe('classifyClosure: completed forms in other languages (verb-morphology)', () => {
  it.each([
    ['Wir haben das Paket entfernt und die Version ausgerollt.', 'resolved'],
    ["On a supprimé l'ancien endpoint.", 'resolved'],
    ['Removemos a dependência e limpámos o histórico.', 'resolved'],
    ['Se eliminó el endpoint antiguo en la 4.2.', 'resolved'],
    ['Abbiamo aggiornato la libreria.', 'resolved'],
    ['Het pakket is verwijderd.', 'resolved'],
    ['La librería ya no se usa desde la 3.0.', 'resolved'],
    ["Ce code n'est jamais appelé en production.", 'false_positive'],
    ['Não é explorável, nem chega ao handler.', 'false_positive'],
    ['Das Risiko wurde vom Bereichsleiter akzeptiert.', 'accepted_risk'],
    ['O risco foi aceite pela direção.', 'accepted_risk'],
    ['Wir beheben das bewusst nicht.', 'accepted_risk'],
    ['Décision du comité : on vit avec jusqu’à la migration.', 'accepted_risk'],
  ])('reads %p as %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });

  it.each([
    'El endpoint será eliminado en la próxima versión.',
    'Das Paket wird nächste Woche entfernt.',
    'La dépendance sera supprimée après le gel.',
    'A chave vai ser revogada amanhã.',
    '¿Ya se ha desplegado el parche?',
    'Todavía no lo hemos corregido.',
    'Der Fix ist noch nicht ausgerollt.',
    'Hemos corregido el problema pero todavía no está en producción.',
    'Quando for implantado, estará corrigido.',
  ])('does not read the plan, question or qualified change %p as done', (text) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe('skip');
  });

  it('skips a specific resolution when a comment in another language reports another outcome', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Finalement on a corrigé : la lib est passée en 2.0.')).decision).toBe('skip');
    expect(classifyClosure(aThread("Won't Fix", 'Isso nem é explorável, o valor vem de uma constante.')).decision).toBe('skip');
  });
});

describe('classifyClosure: rationales and terse reports without the usual words', () => {
  it.each([
    ['The analyzer does not follow the allow-list check in the router, so the sink never sees raw input.', 'false_positive'],
    ['The shaded jar we deploy does not contain the plugin classes.', 'false_positive'],
    ['That package is dev tooling only, never in the published bundle.', 'false_positive'],
    ['sha1 there is only the etag for cache busting.', 'false_positive'],
    ['STRICT_COOKIES flipped to true in all regions.', 'resolved'],
    ['added the ownership check on /orders/:id. live', 'resolved'],
    ['nope, clean since 3.4.1', 'resolved'],
    ['kept it as is, risk owner signed, review in Q3', 'accepted_risk'],
  ])('reads %p as %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });

  it('does not read a ticket moved elsewhere or a test against a test tenant as an outcome', () => {
    expect(classifyClosure(aThread('Done', 'Moved to the platform board as PLAT-77.')).decision).toBe('skip');
    expect(classifyClosure(aThread(null, 'Deployed the fix to prod in v2.1.', 'Verified from a test tenant: the redirect is now refused.')).decision).toBe('resolved');
  });

  it('skips a specific resolution when a comment takes a stance against its key word', () => {
    const result = classifyClosure(aThread('Risk Accepted', "I'm not comfortable with this being accepted; the bucket holds invoices."));
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toContain('objects to the resolution');
  });
});

describe('classifyClosure: scope questions, concessions, announced reversals, causal clauses', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads a scope question by another person ("Which regions?") as a challenge the claimant must answer', () => {
    const open = aTriageInput({ comments: [aComment('Patched.', { author: alice }), aComment('Which regions?', { author: bob }), aComment('Still rolling.', { author: alice })] });
    expect(classifyClosure(open).decision).toBe('skip');
    const answered = aTriageInput({
      comments: [aComment('Patched.', { author: alice }), aComment('Which regions?', { author: bob }), aComment('All of them, the fix is live in production.', { author: alice })],
    });
    expect(classifyClosure(answered).decision).toBe('resolved');
  });

  it('reads "Fair, but …" after a counter-argument as a contested thread', () => {
    const input = aTriageInput({
      comments: [
        aComment('Not exploitable, the route needs a staff session.', { author: alice }),
        aComment('Staff sessions are issued to contractors too.', { author: bob }),
        aComment('Fair, but that is still not what the finding describes.', { author: alice }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('lets another person reverse an outcome when they announce the reversal', () => {
    const input = aTriageInput({
      comments: [aComment('We accept the risk until Q3.', { author: alice }), aComment('Change of plan: upstream released a patch and we deployed it today.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
  });

  it('does not let a future marker outside a causal clause make what the clause states a plan', () => {
    const text = 'Removed the package in 4.0.0. The other alerts should clear on the next scan since the package is no longer in the image.';
    expect(classifyClosure(aThread('Done', text)).decision).toBe('resolved');
  });

  it.each([
    ['Kein echtes Problem: die Benutzer können den Wert nicht setzen.', 'false_positive'],
    ['El valor nunca viene del usuario, se genera en el servidor.', 'false_positive'],
    ['Wir akzeptieren das Risiko bis zur Ablösung im Herbst.', 'accepted_risk'],
  ])('reads %p as %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });
});

describe('classifyClosure: countered arguments', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const carol = { accountId: 'carol', displayName: 'Carol', accountType: 'atlassian' as const };

  it('skips a false positive another person answered with a substantive point nobody settled', () => {
    const input = aTriageInput({
      comments: [
        aComment('False positive, the template is only rendered in the admin preview.', { author: alice }),
        aComment('The preview is embedded in the customer portal since March, so customers render it too.', { author: bob }),
        aComment('Hm, good catch.', { author: carol }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('keeps the claim when the reply agrees, approves or is housekeeping', () => {
    for (const reply of ['Approved from the security side, the exception expires in December.', 'Agreed, the template never sees customer input at all.', 'Assigned to the platform team for the quarterly review board.']) {
      const input = aTriageInput({ comments: [aComment('We accept the risk until the rewrite, logged as RA-9.', { author: alice }), aComment(reply, { author: bob })] });
      expect(classifyClosure(input).decision).toBe('accepted_risk');
    }
  });

  it('reads a reply opening with "Actually" from another person as a challenge', () => {
    const input = aTriageInput({
      resolution: "Won't Fix",
      comments: [aComment('We live with this until the rewrite.', { author: alice }), aComment('Actually the rewrite got cancelled, we need to patch it.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });
});

describe('classifyClosure: non-production scope and hedges in other languages', () => {
  it.each([
    'fixed on staging, prod tmrw',
    'Nous avons corrigé le problème en préproduction ; la mise en production est prévue lundi.',
    'Já está corrigido em homologação, falta subir para produção.',
    'Creo que es un falso positivo, pero no lo he comprobado todavía.',
    'Ich glaube, das ist ein Fehlalarm.',
  ])('does not decide on %p', (text) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe('skip');
  });

  it('still reads a fix verified on staging with nothing pending, or done in production too, as a fix', () => {
    expect(classifyClosure(aThread('Done', 'Verified on staging 2.4.1: the payload is rendered as text. Fix confirmed.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Fixed on staging yesterday and deployed to production this morning.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: replies to a fix', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads a substantive reply that points at something untouched as countering the fix', () => {
    const input = aTriageInput({
      comments: [aComment('Upgraded the parser to 4.1.0.', { author: alice }), aComment('The worker image vendors its own copy at 3.9, and that one was not updated.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads a reply reporting a check with negative results as confirming the fix', () => {
    const input = aTriageInput({
      comments: [aComment('Token revoked and rotated.', { author: alice }), aComment('Checked the audit log, the old token has had no use since the revocation.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
  });

  it('reads another person\'s check that saw the attack fail as confirming the fix, not challenging it', () => {
    const confirmed = (check: string) => aTriageInput({ comments: [aComment('Cookie is SameSite=Lax now and the CSRF middleware is on for /account/*, deployed.', { author: alice }), aComment(check, { author: bob })] });
    expect(classifyClosure(confirmed('Re-ran the PoC from a different origin against prod → 403, email unchanged.')).decision).toBe('resolved');
    expect(classifyClosure(confirmed('Sent the XXE test assertion to the prod endpoint: rejected, and no DNS hit on my canary.')).decision).toBe('resolved');
    // Something left over, a question, or a check that shows the code never was exploitable: not a confirmation.
    expect(classifyClosure(confirmed('Re-ran the PoC against prod: rejected on /account, but /billing is not covered and still accepts it.')).decision).toBe('skip');
    expect(classifyClosure(confirmed('Re-ran the PoC against prod, nothing happened on /account — did /billing get the middleware too?')).decision).toBe('skip');
  });

  it('reads "how?" as a challenge that an unrelated answer does not settle', () => {
    const input = aTriageInput({ comments: [aComment('fixed', { author: alice }), aComment('how?', { author: bob }), aComment('will write it up later', { author: alice })] });
    expect(classifyClosure(input).decision).toBe('skip');
  });
});

describe('classifyClosure: replies that go along with an argument', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const falsePositive = 'The MD5 is only the ETag for the HTTP image cache: no secret, no signature, nothing about authentication. False positive.';

  it('reads a request to keep a false positive out of future scans as going along with it', () => {
    const asked = (reply: string) => aTriageInput({ comments: [aComment(falsePositive, { author: alice }), aComment(reply, { author: bob })] });
    expect(classifyClosure(asked('Thanks both. Can we stop this coming back every scan?')).decision).toBe('false_positive');
    expect(classifyClosure(asked("Got it, I'll add gen/ to the scanner excludes so it stops coming back.")).decision).toBe('false_positive');
    expect(classifyClosure(asked('Ok pour moi. Par contre tu sais ajouter un # nosec pour que ça ne revienne pas à chaque scan ?')).decision).toBe('false_positive');
    // A question about the argument itself still challenges it.
    expect(classifyClosure(asked('Is the same helper used to sign the download links, though?')).decision).toBe('skip');
  });

  it('reads approving or registering the exception as going along with an accepted risk', () => {
    const accepted = 'Encrypting means two hours of CRM downtime and the CRM is decommissioned in December. We accept the risk until then; it stays in a private subnet.';
    const replied = (reply: string) => aTriageInput({ comments: [aComment(accepted, { author: alice }), aComment(reply, { author: bob })] });
    expect(classifyClosure(replied('Added to the exceptions register and the auditor packet.')).decision).toBe('accepted_risk');
    expect(classifyClosure(replied('Approving a policy exception for this database (EXC-DB-014), expires 2026-12-31.')).decision).toBe('accepted_risk');
    expect(classifyClosure(replied('I do not approve the exception: the snapshots are shared with the analytics account.')).decision).toBe('skip');
  });
});

describe('classifyClosure: production still ahead', () => {
  it('skips a fix when its comment or a later one puts production still ahead', () => {
    expect(classifyClosure(aThread('Fixed', 'Switched the cell renderer to text content. Merged and on staging.', 'Prod rollout goes with the next release train (the 28th).')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Allowlist deployed to staging, the PoC fails there. Prod will follow with the train.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Allowlist deployed to staging and prod, the PoC fails on both.')).decision).toBe('resolved');
  });

  it('reads production still ahead in German, Portuguese and a release calendar', () => {
    expect(classifyClosure(aThread('Fixed', 'Auf Staging ausgerollt, Header sind jetzt gesetzt.', 'Prod-Rollout hängt noch am Change-Board nächste Woche.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Corrigi o filtro e já subiu em homolog, testei e dá 403.', 'Prod vai no próximo release, dia 12.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Merged the parser change. Prod promotion is in the release calendar for the week of the 9th.')).decision).toBe('skip');
  });
});

describe('classifyClosure: part of what was flagged left as it was', () => {
  it('skips a fix when its comment or a later one leaves part as it was, said in the present', () => {
    expect(classifyClosure(aThread('Done', 'orders-api bumped to 2.17 and deployed. reports-worker still on the old one, its build is red.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fixed the verify flag in the inventory client.', 'The sync job still has verify=False until the vendor sends their CA.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'OIDC roles are live; 9 of the 22 pipelines are migrated and their key copies deleted.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'O pedidos-api foi atualizado e publicado. O faturamento-api ainda usa a versão velha.')).decision).toBe('skip');
  });

  it('skips a fix whose change still waits for a reviewer', () => {
    expect(classifyClosure(aThread('Done', 'Subí la PR con el fix: ahora el cliente valida el certificado.', 'Sigue bloqueada esperando aprobación de un code owner.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fixed the origin check, the PR is awaiting review from the platform team.')).decision).toBe('skip');
  });

  it('still reads a fix that says what was left over in the past, or what the fix must still do', () => {
    expect(classifyClosure(aThread('Done', 'The image was still on buster because the base tag was pinned. Rebuilt on bookworm and deployed.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Fixed and deployed: entry paths are cleaned and must still have the target dir as prefix, anything else is rejected.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Rotated all 22 of 22 keys and deployed the new config.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: a reply reporting the attack working again', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const replied = (reply: string) =>
    aTriageInput({ comments: [aComment('Comment field now rendered with th:text instead of th:utext. Live on prod.', { author: alice }), aComment(reply, { author: bob })] });

  it('counters the fix when the attack works again, gets past it, or the fix was rolled back', () => {
    expect(classifyClosure(replied('Seit Release 7.3 ist es wieder drin, der Payload feuert wieder auf prod.')).decision).toBe('skip');
    expect(classifyClosure(replied('The value gets decoded a second time after the check and sails past it; I read /etc/hostname from prod.')).decision).toBe('skip');
    expect(classifyClosure(replied('We are back on 4.7.9 since 03:40, the middleware broke the healthcheck POSTs and two pods were flapping.')).decision).toBe('skip');
    expect(classifyClosure(replied('Bypassed it with a double-encoded payload, the alert box pops on the staging and prod portals.')).decision).toBe('skip');
    expect(classifyClosure(replied('On a dû faire un rollback ce matin, ça cassait le rendu des signatures. On est revenus à la 3.1.0.')).decision).toBe('skip');
  });

  it('does not counter it when the retest passes', () => {
    expect(classifyClosure(replied('I test again on prod, now is 401. Thanks!')).decision).toBe('resolved');
    expect(classifyClosure(replied('Ran the usual bypass list against prod, everything lands on /home. Thanks!')).decision).toBe('resolved');
  });
});

describe('classifyClosure: an accepted risk still awaiting its approval', () => {
  it('skips an acceptance that is proposed for approval or pending a sign-off', () => {
    expect(classifyClosure(aThread('Done', 'Compensating control proposed: restrict the portal to the vendor egress IPs and record sessions. Submitted to the security council for approval.')).decision).toBe('skip');
    // The decision itself is still ahead: an acceptance offered as one option is not taken.
    expect(classifyClosure(aThread('Done', 'Discussed at CAB. Options: pay the vendor for the hotfix, or accept until the v24 upgrade. Decision next Tuesday once procurement comes back with the quote.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Whether we fix this in code or raise an exception and rely on the WAF rule until replacement is a decision for the ARB on 12 May.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "We're not fixing this, it's the vendor's code. Accepted; we'll raise it at the Q3 vendor review.")).decision).toBe('accepted_risk');
    // Requested or queued for the committee is not approved yet.
    expect(classifyClosure(aThread('Done', "Risk acceptance has been requested (EXC form) for the cleartext gRPC listener. It's on the agenda for RC on 2026-08-20.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Compensating controls documented; exception EXC-2026-044 is in the queue for the April risk committee.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We accept the risk until the Q3 decommission, pending sign-off from the CISO.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Risk accepted by the risk committee. Renewal submitted; until it is approved the old exception stays in the register.')).decision).toBe('skip');
  });

  it('reads an acceptance with a review date, or one that waits for the fix to come, as decided', () => {
    expect(classifyClosure(aThread('Done', 'Risk accepted by the CISO (RA-2026-044), compensating control: IP allowlist. To be reviewed in six months.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', "No customer data in that account. I'm fine waiting for the org-wide trail: accepting the risk until the rollout in September.")).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: announced change of course under a specific resolution', () => {
  it('skips a Won\'t Do closure when a comment announces fixing it after all', () => {
    const result = classifyClosure(aThread("Won't Do", "We'll fix it after all — the PR is in review."));
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toContain('change of course');
  });

  it('reads first-person "we have disabled" and a rule bug', () => {
    expect(classifyClosure(aThread('Done', 'we have disabled TLS 1.0 on the load balancer')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'The vendor acknowledged it as a rule bug.')).decision).toBe('false_positive');
  });
});

describe('classifyClosure: retractions and disagreement in other languages', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads "I changed my mind about the false positive call" as a retraction', () => {
    expect(classifyClosure(aThread('Done', 'I changed my mind about the false positive call; the input does come from the query string.')).decision).toBe('skip');
  });

  it.each([
    ["Je ne suis pas d'accord, le paramètre vient de l'URL.", 'fr'],
    ['En producción todavía se reproduce, lo acabo de probar.', 'es'],
  ])('reads %p as disagreement (%s)', (reply) => {
    const input = aTriageInput({ comments: [aComment("C'est un faux positif.", { author: alice }), aComment(reply, { author: bob })] });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads "who owns it?" as a challenge to an acceptance', () => {
    const input = aTriageInput({ comments: [aComment('We accept it.', { author: alice }), aComment('Who owns it?', { author: bob }), aComment('Not sure yet.', { author: alice })] });
    expect(classifyClosure(input).decision).toBe('skip');
  });
});

describe('classifyClosure: German present passive with "jetzt"', () => {
  it('reads "wird jetzt … gesetzt, ausgerollt" as done and "wird … gesetzt" as a plan', () => {
    expect(classifyClosure(aThread('Done', 'Der Header wird jetzt überall gesetzt, ausgerollt mit Version 3.4.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Der Header wird mit Version 3.5 ausgerollt.')).decision).toBe('skip');
  });
});

describe('classifyClosure: adjectival "fixed", modal hedges, subject-dropped reports', () => {
  it.each([
    ['In this script the command is a fixed string and no user input reaches it.', 'false_positive'],
    ['Der gemeldete Schlüssel ist ein Platzhalter aus der Dokumentation und war nie gültig.', 'false_positive'],
    ['turned off directory listing on the bucket, verified with anonymous curl', 'resolved'],
  ])('reads %p as %s', (text, expected) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe(expected);
  });

  it.each(['Der gemeldete Schlüssel könnte ein Platzhalter sein.', 'blocked on QA'])('does not decide on %p', (text) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe('skip');
  });
});

describe('classifyClosure: the challenger concedes', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('restores a claim when the person who disputed it agrees, and only then', () => {
    const conceded = aTriageInput({
      comments: [
        aComment('False positive.', { author: alice }),
        aComment("I'm not so sure, the parameter ends up in a shell command.", { author: bob }),
        aComment("It is passed as an argv element through execFile, there's no shell.", { author: alice }),
        aComment('Ah right, agreed.', { author: bob }),
      ],
    });
    expect(classifyClosure(conceded).decision).toBe('false_positive');
    const stillOpen = aTriageInput({
      comments: [aComment('False positive.', { author: alice }), aComment("I'm not so sure, the parameter ends up in a shell command.", { author: bob }), aComment('Agreed.', { author: alice })],
    });
    expect(classifyClosure(stillOpen).decision).toBe('skip');
  });

  it('reads a leading "accepted:" status label and German "seit heute in Produktion"', () => {
    expect(classifyClosure(aThread('Done', 'accepted: internal tool, SSO only; owner is the ops lead, revisit in July')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Die Prüfung ist ergänzt, Release 5.1 ist seit heute in Produktion.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: restricting replies in other languages, yes/no questions, replies that only close', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const carol = { accountId: 'carol', displayName: 'Carol', accountType: 'atlassian' as const };
  const thread = (...turns: [typeof alice, string][]) => aTriageInput({ comments: turns.map(([author, text]) => aComment(text, { author })) });
  const fix: [typeof alice, string] = [alice, 'Replaced the raw HTML rendering with the sanitizer and deployed it, PR #412.'];

  it('counters a fix with another person saying, in any supported language, that something is still as it was', () => {
    expect(classifyClosure(thread(fix, [bob, 'O job de relatórios ainda grava o corpo inteiro do pedido nos logs.'])).decision).toBe('skip');
    expect(classifyClosure(thread(fix, [bob, 'La app de iOS sigue mostrando el token en la URL de retorno.'])).decision).toBe('skip');
    expect(classifyClosure(thread(fix, [bob, 'Le service de reporting écrit toujours le corps complet dans les logs.'])).decision).toBe('skip');
    expect(classifyClosure(thread(fix, [bob, 'Danke, sieht gut aus.'])).decision).toBe('resolved');
  });

  it('reads a yes/no question from another person as a challenge, settled by a plain yes', () => {
    expect(classifyClosure(thread(fix, [bob, 'Was that rolled out to all regions?']))).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'challenge' } });
    expect(classifyClosure(thread(fix, [bob, 'Was that rolled out to all regions?'], [alice, 'Yes, since Monday in every region, and the payload from the finding no longer runs.'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'So the legacy app is still exposed?'], [alice, 'Yes, it stays on 1.43 until the store approves the update.'])).decision).toBe('skip');
  });

  it('does not let a reply that only closes the ticket settle a challenge to a fix', () => {
    expect(
      classifyClosure(thread(fix, [carol, 'We rolled the release back last night because of a crash; every region is on the previous build again.'], [alice, 'Marking fixed; the change is in the next build.'])).decision,
    ).toBe('skip');
    expect(classifyClosure(thread(fix, [bob, 'Did this reach prod?'], [alice, 'Deployed to prod on Tuesday, the PoC now gets a 403.'])).decision).toBe('resolved');
  });

  it('reads what was left unfinished before a reply that only closes the ticket', () => {
    const shipped: [typeof alice, string] = [alice, 'Client fix shipped in 1.44: invite links carry only a lobby id now.'];
    expect(classifyClosure(thread(shipped, [bob, 'The console build stays on 1.43 until certification passes.'], [carol, 'Closing this out since the fix has shipped.'])).decision).toBe('skip');
    expect(classifyClosure(thread(shipped, [bob, 'Console build passed certification and 1.44 is live there too.'], [carol, 'Closing this out since the fix has shipped.'])).decision).toBe('resolved');
  });

  it('reads a production release planned for a date as still ahead, unless it went as planned', () => {
    expect(classifyClosure(aThread('Done', 'Corrigé sur la branche de release, validé en préprod ce matin. MEP prévue jeudi soir.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fixed the ownership check; prod rollout planned for the 12th.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fixed the ownership check and deployed it to prod as planned on Thursday.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: checks that find everything healthy, releases in production, stopgaps', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const thread = (...turns: [typeof alice, string][]) => aTriageInput({ comments: turns.map(([author, text]) => aComment(text, { author })) });
  const fix: [typeof alice, string] = [alice, 'Fixed in replay-svc 1.12.0: the id must be uuid hex and the resolved path stays under the base dir. Deployed to prod this morning.'];

  it('does not read ordinary use carrying on after a fix as something left over', () => {
    expect(classifyClosure(thread(fix, [bob, 'Ran the traversal list against prod: all 404. Valid replay shares still download.'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'And contest uploads still work. Thank you!!'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'Real signing flow end to end still moves the application to SIGNED.'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'The old v1 download route still works with the traversal payload.'])).decision).toBe('skip');
  });

  it('does not read signs of health as an objection to a fix', () => {
    expect(classifyClosure(thread(fix, [bob, 'Saw the detection pipeline numbers this morning, no drop. Thanks.'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'No queue loss during the switchover, the workers drained in four minutes.'])).decision).toBe('resolved');
    expect(classifyClosure(thread(fix, [bob, 'The v1 route was not touched by that release, it serves the same files as before.'])).decision).toBe('skip');
  });

  it('reads a thanks followed by a "but" as the reply it is', () => {
    expect(classifyClosure(thread(fix, [bob, 'Thanks. But the password itself is the same and nobody at the agency has changed it yet.'])).decision).toBe('skip');
  });

  it('does not read a tidying suggestion as a challenge', () => {
    const falsePositive: [typeof alice, string] = [alice, 'False positive: the script only runs against a local container and never ships in an image.'];
    expect(classifyClosure(thread(falsePositive, [bob, 'Could still be nice to switch to executemany with params? Just for hygiene.'])).decision).toBe('false_positive');
  });

  it('reads "<service> <version> in prod" as a release in production', () => {
    expect(classifyClosure(aThread('Done', 'Bound the parameter and added a test. auth-svc 2.9.1 in prod')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Back on 1.8.4 in prod until we sort out the encoding issue.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Change applied to the production account today: port 502 only admits the bastion security group.')).decision).toBe('resolved');
  });

  it('reads "prd" blocked by a freeze and "toca esperar la ventana" as production still ahead', () => {
    expect(classifyClosure(aThread('Fixed', "added frame-ancestors 'none' to the helm values, rolled to stg 13:40Z.", 'prd is blocked by the month-end change freeze until 05-04, rolling then.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'El fix ya está desplegado en staging.', 'Prod sale con el release train del 15, toca esperar la ventana.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', "added frame-ancestors 'none' to the helm values, rolled to prd-eu 13:05Z and prd-us 14:20Z.")).decision).toBe('resolved');
  });

  it('reads production booked into a change window, put off or waiting, as still ahead; a window that ran is not', () => {
    expect(classifyClosure(aThread('Done', 'Set cookie.secure=true. Deployed to STAGING and verified in devtools.', 'PROD deployment is part of CR-2026-0703, MW-2026-06A (06/13). Marking Done since dev work is complete.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'Set publicly_accessible = false and moved the instance to private subnets. Applied to staging.', 'Prod apply needs a maintenance window since the endpoint IP changes.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'Role fixed (mode 0400). Applied to the test cluster this afternoon.', "Production needs to wait for Tuesday's maintenance window; the rollout goes in with the rest of Tuesday's changes.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Next parameter validated against relative paths. Deployed to staging, QA verified.', 'Production deployment is in the release train 2026.05.4, which was postponed.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "J'ai changé pour des requêtes préparées. C'est déployé en pré-prod seulement. La prod va suivre au prochain déploiement, à cause du gel.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Bound the parameters in the report query. Deployed to PROD under CR-2026-0614 during MW-2026-05C.')).decision).toBe('resolved');
  });

  it('reads a backport or follow-up still to come as part of the fix left', () => {
    expect(classifyClosure(aThread('Fixed', 'Now served with Content-Disposition: attachment. Merged to main, tagged 5.2.4.', 'Closing this with the 5.2.4 release; 5.0 follow-up whenever Mateo gets to it.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'Now served with Content-Disposition: attachment. Merged to main, tagged 5.2.4. They will not backport to 4.x, which is end of life.')).decision).toBe('resolved');
  });

  it('does not read a plan or a retest payload as what the words look like', () => {
    // "migrate" is an Italian participle too; "The plan is to" is a plan.
    expect(classifyClosure(aThread('Done', 'The plan is to put it behind the new API gateway with mTLS when we migrate in January.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Abbiamo migrate le chiavi su Vault e ruotate tutte.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Hardened the DocumentBuilderFactory (disallow-doctype-decl).', 'Deployed to production since 10:05. The XXE test payload now fails with DOCTYPE is disallowed.')).decision).toBe('resolved');
  });

  it('reads a stopgap whose real fix is still to come as unfinished', () => {
    expect(classifyClosure(aThread('Done', 'Temporary mitigation: the bulk_import_v2 flag is off on prod. Real fix (check entry names) will be in release 5.3.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'The IMDS change alone would have left internal reachability open, so the resolver check is the actual fix. Deployed to prod on Monday.')).decision).toBe('resolved');
  });

  it('reads a short "accepted" with its terms, and a review date that belongs to the acceptance', () => {
    expect(classifyClosure(aThread('Done', 'accepted, same as last year. next review at the annual DR test')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'accepted from sec side')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'accepted, merging now')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Keeping * on the license endpoint; it needs a valid session token. Risk accepted, revisit when the TV SDK update lands (Q3).')).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: round 17 (refusals, decisions still with a board, production still ahead, rollbacks in other words)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };
  const fixThenReply = (reply: string) =>
    aTriageInput({
      comments: [aComment('Upgraded the XML parser to 2.14.1 and it is in production since Tuesday.', { author: alice }), aComment(reply, { author: bob })],
    });

  it('skips a Risk Accepted resolution a comment refuses, in any language the rules read', () => {
    for (const refusal of [
      'The security board does not approve the exception; the team has to remediate instead.',
      'Exception request EXC-2026-112 was rejected by the CISO.',
      'Dieses Risiko haben wir nicht akzeptiert, bitte beheben.',
      'No hemos aceptado ese riesgo en ningún comité.',
      'Pedido de exceção rejeitado pelo comité de risco.',
      'Bitte wieder öffnen, das muss behoben werden.',
      'Merci de rouvrir le ticket.',
    ]) {
      expect(classifyClosure(aThread('Risk Accepted', refusal)).decision).toBe('skip');
    }
    expect(classifyClosure(aThread('Risk Accepted', 'Exception approved by the CISO until March, owner is the payments lead.')).decision).toBe('accepted_risk');
  });

  it('skips an acceptance that is only being sent to, or still sits with, the body that decides it', () => {
    expect(classifyClosure(aThread('Done', 'The appliance cannot be upgraded. Sending a risk exception to the architecture board; they meet on the 3rd.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Compensating control: the kiosk VLAN is isolated. Exception EXC-881 is with the risk committee, next meeting Thursday.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "Risk accepted by the CISO until Q3; I'll note here once it's approved or not by the board.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Risk accepted by the CISO until Q3, compensating control in place.')).decision).toBe('accepted_risk');
  });

  it('skips a fix whose production change is still booked for the change board, or that reached only a share of traffic', () => {
    expect(classifyClosure(aThread('Done', 'Patched the export sanitiser and verified it on UAT. The production change is booked for CAB on Thursday.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fix deployed to the canary pool: 5% of traffic, one region only.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Patched the export sanitiser, approved at CAB and deployed to production on Thursday.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Fix deployed: the canary at 5% of traffic was clean, so it went to 100% this morning.')).decision).toBe('resolved');
  });

  it('skips a fix that a rollback said in other words undid, or that left production on the old version', () => {
    for (const reply of ['Hicimos rollback de la release por otro problema.', "On a rollbacké la release hier soir, la prod roule de nouveau sur l'ancienne version.", 'Fizemos rollback para a versão anterior por causa da migração.', 'In prod gira ancora la versione vecchia.']) {
      expect(classifyClosure(fixThenReply(reply)).decision).toBe('skip');
    }
  });

  it('skips a secret removed from the code but left in the history, and a list that leaves one item unchanged', () => {
    expect(classifyClosure(aThread('Done', 'Removed the hard-coded SFTP token from the sync job; it is read from the vault now. The old value still sits in the git history.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', '/api/orders: parameterised, in production since Monday. /api/export: unchanged, waiting for the vendor.')).decision).toBe('skip');
  });

  it('reads a reproduction said in Italian, Spanish or Portuguese as contradicting Cannot Reproduce', () => {
    for (const reproduced of ['Riprodotto al primo tentativo con curl, il parametro non viene controllato.', 'Reproducido con el PoC del informe.', 'Reproduzido em staging com o payload do relatório.']) {
      expect(classifyClosure(aThread('Cannot Reproduce', reproduced)).decision).toBe('skip');
    }
  });

  it('does not read a priority bump or a QA sign-off as the outcome', () => {
    expect(classifyClosure(aThread('Fixed', 'Bumped to P1 and added to the Friday agenda.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Bumped lodash to 4.17.21, live in production.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'QA sign-off is recorded with the change. The patched build was deployed to production on 3 March.')).decision).toBe('resolved');
  });

  it('reads acceptances, refusals to fix and changes said in German, French and Italian words it did not know', () => {
    expect(classifyClosure(aThread('Done', 'Risiko ist durch das Risk Office akzeptiert, Ausnahme EXC-12 gültig bis 30.09.2027.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Die Risikoakzeptanz des Teamleads liegt vor, gültig bis Ende März.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Ich habe einen Antrag auf Risikoakzeptanz beim Risk Committee gestellt, Entscheid an der Sitzung vom 12.05.')).decision).toBe('skip');
    expect(classifyClosure(aThread("Won't Fix", 'On ne corrige pas : le portail v1 est mis hors service le 30 juin.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Modulo legacy cancellato dal repo, cron tolti e la VM spenta e distrutta martedì.')).decision).toBe('resolved');
  });

  it('reads a release pushed to devices as a change made, and a push to a branch as nothing', () => {
    expect(classifyClosure(aThread("Won't Fix", 'Pushed 5.2 through the device server to all 600 pumps; nmap shows nothing on port 23 anymore.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Pushed 5.2 through the device server to all 600 pumps.')).decision).toBe('resolved');
    expect(classifyClosure(aThread("Won't Fix", 'Pushed 5.2.1 to my branch for the demo, nothing else.')).decision).toBe('accepted_risk');
  });

  it('does not read a bare "fatto" or "hecho" as a fix, nor a scan that no longer finds it as an objection', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Puoi chiuderlo tu? Io non ho i permessi su questo progetto.', 'fatto')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Risk Accepted', '¿Lo cierras tú?', 'hecho')).decision).toBe('accepted_risk');
    expect(classifyClosure(fixThenReply("Visto, lo scan notturno sull'immagine di prod non la trova più. Grazie!")).decision).toBe('resolved');
  });
});

describe('classifyClosure: round 18 (a release rolled back by version, a rotation still to come, a rollout booked, refusals said before the noun)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads "rolled 4.11 back" from another person as undoing the fix', () => {
    const input = aTriageInput({
      comments: [aComment('licence server 4.11 with the fix live since 09:00Z.', { author: alice }), aComment('rolled 4.11 back at 19:55Z, renewals failing on smart TVs. 4.10 on all nodes.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips a secret removed whose rotation is still to come, but not one with a rotation schedule', () => {
    expect(classifyClosure(aThread('Done', 'Signing secret removed from the repo and the history scrubbed. Rotation needs a coordinated swap with the mobile team, booked for the 12th.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Signing secret removed from the repo, rotated and revoked; the next rotation is scheduled in 90 days.')).decision).toBe('resolved');
  });

  it('skips a merged fix whose rollout is booked for a date, and reads a fix that will not reach some servers as accepted', () => {
    expect(classifyClosure(aThread('Done', 'PR merged. Store rollout is booked for the 12th.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'PR merged and deployed; the store rollout that was booked for the 12th went out on the 12th.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', "The back-office servers at the three closing stores won't get this patch; they are wiped and returned on 31/07. Accepted by store ops.")).decision).toBe('accepted_risk');
  });

  it('skips a Risk Accepted resolution a comment refuses with the verb first or with "no acceptance"', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Attention : aucune acceptation de risque n’a été validée, le comité a refusé la dérogation.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'El comité ha rechazado la excepción, hay que corregirlo.')).decision).toBe('skip');
  });
});

describe('classifyClosure: round 19 (negated arguments, realness said first, deployments not yet out, decisions that belong to a board)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads "it\'s not test-only" from another person as denying the test-code argument', () => {
    const input = aTriageInput({
      comments: [aComment("FP, it's test code", { author: alice }), aComment("that module is imported by the prod night-audit runner, see the stack trace. it's not test-only.", { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('does not read "not started" as an argument that the code never runs', () => {
    expect(classifyClosure(aThread('Resolved', 'server-side half is live. the kiosk app still ships the client lib that skips cert validation - KIOSK-77, not started.')).decision).toBe('skip');
  });

  it('does not read a bare "acknowledged by" as an acceptance, but still reads a risk acknowledged by its owner', () => {
    expect(classifyClosure(aThread('Done', 'The template now relies on the framework escaping; release 2026.03 was rolled out to all three data centres and verified at each site.', 'Acknowledged by second line.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Risk acknowledged by the CISO until the Q3 migration; exception EXC-44 recorded.')).decision).toBe('accepted_risk');
  });

  it('reads "repro\'d" and "the issue was genuine" as contradicting Cannot Reproduce and Not a Bug', () => {
    expect(classifyClosure(aThread('Cannot Reproduce', "repro'd fine on staging with the payload from the finding - stored script runs in the front desk view. sending a PR")).decision).toBe('skip');
    // Said in the first report, before the fix, it does not undo the fix.
    const input = aTriageInput({
      comments: [aComment("repro'd. menu-ingest fetches whatever url the merchant puts in the CSV.", { author: alice }), aComment('fetchRemoteImage now rejects link-local and private ranges; rolled to all regions 14:20 UTC.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
    expect(classifyClosure(aThread('Not a Bug', 'Our analysis confirmed that the session fixation issue was genuine: the identifier was not regenerated at login.')).decision).toBe('skip');
  });

  it('reads a flaw called real before the argument that it cannot be reached as no false positive', () => {
    const realThenFirewalled = 'Reproduced on the lab box: a crafted status message on port 7710 gives code execution. This is a real issue. We cannot touch the agent before Q3, so for now 7710 is firewalled to the ops subnet only.';
    expect(classifyClosure(aThread('Not a Bug', realThenFirewalled)).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', realThenFirewalled)).decision).not.toBe('false_positive');
  });

  it('reads a disagreement said of a third party ("the legal desk does not agree") as a challenge', () => {
    const input = aTriageInput({
      comments: [aComment("I'm accepting this until Q3: owner me, reviewed at the July board.", { author: alice }), aComment('The legal desk does not agree. This needs fixing, not an exception.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips a merged fix someone says is not deployed yet, or goes out with a later release', () => {
    const input = aTriageInput({
      comments: [aComment('The reset tokens now come from secrets.token_urlsafe. PR #402 is merged to main.', { author: alice }), aComment('It goes out with 3.3.0 once the field office confirms the download size. Not deployed yet.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Fix merged, pas encore déployé.')).decision).toBe('skip');
  });

  it('skips a secret moved to the vault while the committed value remains the live credential', () => {
    expect(classifyClosure(aThread('Done', 'The SMTP relay password has been removed from the configuration file and is now read from the vault. Until the provider rotates it, the value that was committed remains the live credential.')).decision).toBe('skip');
  });

  it('reads a fix that went into a version, or a release that reached production, as a change made', () => {
    expect(classifyClosure(aThread('Done', 'The parameter-binding change went into MCS 4.13.0 and that build has been on the ops servers since Monday.')).decision).toBe('resolved');
    expect(classifyClosure(aThread("Won't Fix", 'The parameter-binding change went into MCS 4.13.0 and that build has been on the ops servers since Monday.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'The login handler now issues a fresh identifier, and the release carrying this reached production on 19 August.')).decision).toBe('resolved');
  });

  it('skips a Risk Accepted resolution when a comment says the acceptance is obsolete, not when it names what would void it', () => {
    expect(classifyClosure(aThread('Risk Accepted', "Last year's accepted risk is obsolete: the upgrade to nginx 1.24 went live last week. Nothing left to accept.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'Accepting this until 30 June 2027, recorded as RR-275. The private endpoint is the condition: if it goes away, the acceptance is void.')).decision).toBe('accepted_risk');
  });

  it('reads a risk carried as a risk as accepted, and a decision that belongs to a board as still ahead', () => {
    expect(classifyClosure(aThread('Done', 'Agreed with the owner: carried as a known risk until the Q3 release, reviewed monthly.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Option 2 in the short term, option 3 by end of year. The decision belongs to the CCB on 3 June; I will present it there.')).decision).toBe('skip');
  });
});

describe('classifyClosure: round 20 (requests turned down, escalations, closures recorded as formalities, parts still missing)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('skips Risk Accepted when the named request was turned down by the committee and the closure is challenged', () => {
    const input = aTriageInput({
      resolution: 'Risk Accepted',
      comments: [aComment('Taking this one, see RA-2026-118.', { author: alice }), aComment('RA-2026-118 was declined by the security council on Monday. This should not have been closed this way.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips an acceptance whose signature is still to come, and one the signer has not given', () => {
    expect(classifyClosure(aThread('Done', 'accepting the risk for this quarter, Priya to sign the waiver')).decision).toBe('skip');
    const input = aTriageInput({
      comments: [aComment('risk accepted till the card vault migration', { author: alice }), aComment('Priya hasnt signed, and audit says no exceptions for the card vault.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads "without a signed acceptance" as no acceptance, and an escalation to a board as a decision still ahead', () => {
    const input = aTriageInput({
      resolution: "Won't Do",
      comments: [aComment('Das bauen wir nicht um, lohnt sich nicht.', { author: alice }), aComment('Ohne unterschriebene Risikoakzeptanz geht das nicht. Ich eskaliere das an den Risikoausschuss.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Escalated to the CISO, who accepted the risk until March; exception EXC-9 recorded.')).decision).toBe('accepted_risk');
  });

  it('skips a fix when another person says the environment still serves the flaw, or the release carrying it was pulled', () => {
    const stillServed = aTriageInput({
      comments: [aComment('Dropped the /actuator/heapdump route and deployed 3.2.0.', { author: alice }), aComment('The standby cluster still serves it; it is pinned to 3.1.4.', { author: bob })],
    });
    expect(classifyClosure(stillServed).decision).toBe('skip');
    const pulled = aTriageInput({
      comments: [aComment('Bumped jackson-databind to 2.17.1, shipped in 8.2.0.', { author: alice }), aComment('8.2.0 was pulled from the App Store after the login crash; 8.2.1 is built from the branch before the bump.', { author: bob })],
    });
    expect(classifyClosure(pulled).decision).toBe('skip');
  });

  it('skips a fix that names what is still missing, in Spanish, Portuguese, French and German, but not a ticket chore', () => {
    expect(classifyClosure(aThread('Done', 'Actualizado el cliente SAML a 4.1.2 en la intranet y desplegado. Faltan los dos portales externos, que salen con su release.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Atualizado o cliente SAML para 4.1.2 no portal interno e implantado. Falta o portal dos parceiros.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "Client SAML mis à jour en 4.1.2 sur l'intranet et déployé. Il reste les portails externes.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'SAML-Client im Intranet auf 4.1.2 aktualisiert und ausgerollt. Fehlt noch das Partnerportal.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Actualizado el cliente SAML a 4.1.2 en todos los portales y desplegado. Falta el cierre del ticket en Jira.')).decision).toBe('resolved');
  });

  it('skips a fix when a later retest says the flaw is still reproducible, in German', () => {
    const input = aTriageInput({
      comments: [aComment('Correctif déployé en production hier soir.', { author: alice }), aComment('Nachtest: die Lücke ist nach wie vor reproduzierbar, gleicher Request.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads an unverified guess in Italian as no decision', () => {
    expect(classifyClosure(aThread('Done', 'Penso sia un falso positivo, però non ho avuto il tempo di controllare.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Probably a false positive, no time to verify.')).decision).toBe('skip');
  });

  it('skips a Cannot Reproduce or Invalid closure that its own comment calls a formality, or says proves nothing', () => {
    expect(classifyClosure(aThread('Cannot Reproduce', 'Closed as Cannot Reproduce only because the staging stack is down. That does not mean the flaw is gone; we test again when it is back.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Invalid', 'Cerrado como inválido solo porque se abrió en el proyecto equivocado. El hallazgo sigue siendo válido; lo abrí de nuevo en SEC.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Cannot Reproduce', 'Não conseguimos reproduzir em nenhum ambiente: o parâmetro é validado no gateway.')).decision).toBe('false_positive');
  });

  it('reads code that exists only in lab builds and is absent from what ships as a false positive', () => {
    expect(classifyClosure(aThread('Done', 'The test backdoor in boot/diag.c is compiled in only for bring-up on the lab prototypes. The shipped firmware does not contain the routine; checked with objdump on the release image.')).decision).toBe('false_positive');
  });
});

describe('classifyClosure: round 21 (reluctance to close, protections found absent, acceptances not given, realness in a contest, shipped artefacts)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads "not comfortable closing this as fp" from another person as an objection, not a false positive', () => {
    const input = aTriageInput({
      comments: [aComment('fp, only used by the seed script', { author: alice }), aComment('the seed script runs on every tenant signup though. not comfortable closing this as fp', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads a reply that finds the argued protection absent as a challenge to the false positive', () => {
    const input = aTriageInput({
      comments: [aComment('Not exploitable: the filename is sanitised by the upload middleware.', { author: alice }), aComment('The export job writes it directly, not through the middleware, and I see no path sanitisation there. That is exactly what this rule is about.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips Risk Accepted when a comment says it is not accepted until a committee signs off', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'The ethics board must sign off on any acceptance here and has not met yet. Until then this is not accepted.')).decision).toBe('skip');
  });

  it('does not let a comment that says the flaw was reproduced settle on Not a Bug', () => {
    expect(classifyClosure(aThread('Not a Bug', 'I disagree with closing this as Not a Bug. I reproduced the injection with a crafted batch name, then pushed the escaping in commit 1a2b3c4d and it went out with 2.4.1 this morning.')).decision).toBe('skip');
  });

  it('reads an old version that only sits in a commented-out line and never in a shipped artefact as a false positive, in German', () => {
    expect(classifyClosure(aThread('Done', 'Der Scanner meldet commons-text 1.9, im gebauten WAR steckt aber 1.12. Die alte Version steht nur in einem auskommentierten Block, den bisher niemand gelöscht hat. Sie war nie in einem ausgelieferten Artefakt.')).decision).toBe('false_positive');
  });

  it('does not read "the pinned library" as an upgrade', () => {
    expect(classifyClosure(aThread('Done', 'Checked it: the pinned library rejects unsigned tokens and the verifier passes an explicit algorithm list.')).decision).not.toBe('resolved');
  });
});

describe('classifyClosure: round 22 (acceptances only suggested or left to confirm, informal French arguments, changes dated years back)', () => {
  it('skips an acceptance that is only suggested and handed to someone to sign off', () => {
    expect(classifyClosure(aThread('Done', 'Suggest we accept this until the next hardware refresh. @Dana to sign off.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We accept this until the next hardware refresh. CISO to approve.')).decision).toBe('skip');
  });

  it('still reads an acceptance someone was asked to sign and did', () => {
    expect(classifyClosure(aThread('Done', 'Risk accepted until the hardware refresh; I asked Dana to sign off and she did.')).decision).toBe('accepted_risk');
  });

  it('skips an acceptance that is still to be confirmed with a committee, in French', () => {
    expect(classifyClosure(aThread('Done', 'On accepte le risque pour l’instant, mais c’est à confirmer avec le comité.')).decision).toBe('skip');
  });

  it('reads informal French that the hash serves only a cache as a false positive, which contradicts Won’t Fix', () => {
    const text = "Le SHA-1 sert seulement à calculer l'ETag du cache des vignettes. Y'a aucun usage crypto, c'est pas une faille.";
    expect(classifyClosure(aThread('Done', text)).decision).toBe('false_positive');
    expect(classifyClosure(aThread("Won't Fix", text)).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "C'est pas une faille critique, on accepte le risque jusqu'en mars.")).decision).toBe('accepted_risk');
  });

  it('does not read a removal dated years back, given as the reason a path is dead, as a fix', () => {
    expect(classifyClosure(aThread('Done', 'The sink is unreachable: export_v1() has no callers and its cron job was deleted in 2022. Nothing can reach it.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Removed export_v1() in release 2026.05.1 and deployed it to production.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: round 23 (fixes announced under Won’t Do, exploits shown in French, protections already in place, production frozen)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('skips Won’t Do when a comment announces the fix, but keeps an acceptance that also plans one', () => {
    expect(classifyClosure(aThread("Won't Do", 'We are going to fix this properly in the next minor; Dana has a branch going.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'We are going to fix this properly in the next minor; Dana has a branch going.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread("Won't Fix", 'We accept the risk for the pilot and will fix it before GA.')).decision).toBe('accepted_risk');
  });

  it('reads another person announcing a fix in reply to an acceptance as an objection, and "will be replaced" under Won’t Fix as no contradiction', () => {
    const input = aTriageInput({
      comments: [
        aComment('Accepting this for now: the weak cipher suite is reachable only from the operations LAN. RR-320.', { author: alice }),
        aComment('I would rather you withdrew RR-320 than carry an exception for something we intend to fix in the next maintenance window.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
    expect(classifyClosure(aThread("Won't Fix", 'Not worth touching: the whole appliance will be replaced by the new platform next spring.')).decision).toBe('accepted_risk');
  });

  it('reads a payload shown to execute, in French, as a challenge to the false positive', () => {
    const input = aTriageInput({
      resolution: 'Not a Bug',
      comments: [
        aComment('No aplica: el campo se escapa en la plantilla con th:text.', { author: alice }),
        aComment("Sauf que l'écran de reçu utilise th:utext. J'ai une alert() qui s'exécute avec un nom piégé.", { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads code that already skips the dangerous input as a false positive, confirmed by a check "OK by me"', () => {
    const input = aTriageInput({
      comments: [
        aComment('It already skips the dangerous keys (__proto__, constructor, prototype) and merges into an object without a prototype.', { author: alice }),
        aComment('Ran a crafted payload through it and the global prototype stays clean. OK by me.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Upgraded the parser to 2.4.1 and deployed; the new parser already rejects the payload.')).decision).toBe('resolved');
  });

  it('skips a fix merged while production deploys are frozen', () => {
    expect(classifyClosure(aThread('Fixed', 'jwt alg pinning merged to main in #7781. gateway deploys frozen till after the promo, so prod gets it monday')).decision).toBe('skip');
  });

  it('does not read a version seen on the registry, an admitted oversight or a note for the docs as objections', () => {
    const seen = aTriageInput({
      comments: [aComment('Bumped x/net to v0.23.0 and tagged v1.12.3.', { author: alice }), aComment('I can see v1.12.3 on the module proxy and my service resolves the new x/net through it.', { author: bob })],
    });
    expect(classifyClosure(seen).decision).toBe('resolved');
    const oversight = aTriageInput({
      comments: [aComment("nope, it's real. changed it to only accept relative paths, out in portal 2.41, live since 13:00", { author: alice }), aComment('ah nice, missed that. thx', { author: bob })],
    });
    expect(classifyClosure(oversight).decision).toBe('resolved');
    expect(classifyClosure(aThread("Won't Do", 'Decision: no limit in the SDK. We keep relying on the framework body caps and will point that out in the webhook docs.')).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: round 24 (nothing changed in Dutch or German, a rollback seen in production, a decision awaited in French, a vulnerable version never installed)', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('does not read "nothing had to be changed" in Dutch or German as a fix', () => {
    expect(classifyClosure(aThread('Fixed', 'Er is niets gewijzigd: de parser laadt geen externe entiteiten.')).decision).not.toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Es wurde nichts geändert, der Endpunkt ist nur intern erreichbar.')).decision).not.toBe('resolved');
    expect(classifyClosure(aThread('Done', 'De parser is aangepast en uitgerold naar productie.')).decision).toBe('resolved');
  });

  it('reads the old version still seen in production, in Dutch, or a rollback, as disputing the fix', () => {
    const input = aTriageInput({
      comments: [
        aComment('Patch uitgerold, lodash bijgewerkt naar 4.17.21.', { author: alice }),
        aComment('In de container zie ik nog steeds lodash 4.17.15; de release is teruggedraaid.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips an acceptance when the thread waits on a committee to choose between fixing and accepting', () => {
    expect(classifyClosure(aThread('Done', "Nous attendons la décision du CAB : on corrige ou on accepte le risque jusqu'en juin.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We are waiting on the risk board decision; either we patch or we accept it until June.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "Le comité a tranché : on accepte le risque jusqu'en juin.")).decision).toBe('accepted_risk');
  });

  it('reads a vulnerable version that was never installed as a false positive', () => {
    expect(classifyClosure(aThread('Done', 'El escáner leyó mal el nombre del jar: en este servidor nunca ha estado instalada una versión vulnerable.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Scanner guessed the version from the file name; we never ran an affected release of that library.')).decision).toBe('false_positive');
  });
});

describe('classifyClosure: round 25 (scanner mix-ups and plain statements in German, Italian, Portuguese; security uses; purges still to come)', () => {
  it('reads a scanner that took one thing for another, in Italian, as a false positive that contradicts Risk Accepted', () => {
    const text = 'Secondo me qui non c’è nessun problema: lo scanner ha scambiato una stringa di log per una query.';
    expect(classifyClosure(aThread('Done', text)).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Risk Accepted', text)).decision).toBe('skip');
  });

  it('reads a security use of a primitive argued harmless as disputing False Positive', () => {
    expect(classifyClosure(aThread('False Positive', 'careful, the same rand() helper also generates the password reset codes for the kiosk app')).decision).toBe('skip');
  });

  it('does not read a request to confirm where something landed as a fix', () => {
    expect(classifyClosure(aThread('Done', 'I have asked Priya to confirm where that landed before anyone closes this.')).decision).toBe('skip');
  });

  it('skips a rotated secret whose purge from history is still to come, in Spanish and English', () => {
    expect(classifyClosure(aThread('Done', 'Rotamos la clave de Stripe. Limpiar el historial del repo queda pendiente hasta el viernes.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Rotated the Slack webhook. History rewrite with filter-repo is still to do.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Rotated the Slack webhook and rewrote the history with filter-repo; everyone re-cloned.')).decision).toBe('resolved');
  });

  it('reads informal Portuguese "nem é vuln" as a false positive, which contradicts Won’t Fix', () => {
    expect(classifyClosure(aThread("Won't Fix", 'Fechei assim mas nem é vuln: o valor passa pelo encoder antes de ir pra página.')).decision).toBe('skip');
  });

  it('reads German "we do not touch the code" as an acceptance, and plain German and Italian statements of a false positive', () => {
    expect(classifyClosure(aThread('Done', 'Die Bibliothek ändern wir nicht. Von der Security so abgezeichnet, Review im Juni.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Der angebliche Schlüssel ist ein Label in der Übersetzungsdatei, da ist kein Passwort drin.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Die Datei wird weder gebaut noch ausgeliefert, sie liegt nur im Archiv.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Der Dienst verwendet die betroffene Methode überhaupt nicht.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Lo script di build gira solo in pipeline. Nessun dato esterno ci arriva.')).decision).toBe('false_positive');
  });

  it('does not read a credential or a use that is gone as a false positive', () => {
    expect(classifyClosure(aThread('Done', 'Passwort entfernt und rotiert, keine Passwörter mehr im Code.')).decision).not.toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Der Dienst verwendet die betroffene Methode nicht mehr, Release ist ausgerollt.')).decision).not.toBe('false_positive');
  });

  it('reads a change live in production in Swiss Italian or German as a fix', () => {
    expect(classifyClosure(aThread('Done', 'Il template ora usa th:text. La versione con la correzione è in esercizio da martedì.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Produktiv seit dem Release vom Montag: externe Entitäten werden nicht mehr aufgelöst.')).decision).toBe('resolved');
  });
});

describe('classifyClosure: round 26 (a proof of concept, a deploy left for later in Portuguese, a Dutch denial, "not a fp")', () => {
  const alice = { accountId: 'alice', displayName: 'Alice', accountType: 'atlassian' as const };
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' as const };

  it('reads a proof of concept from another person as a challenge to the false positive', () => {
    const input = aTriageInput({
      comments: [
        aComment('Not exploitable: every redirect target goes through isAllowedHost first.', { author: alice }),
        aComment('isAllowedHost never sees protocol-relative targets. PoC attached in the gist.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('skips a fix whose deploy is left for a later window, in Portuguese', () => {
    const input = aTriageInput({
      comments: [aComment('O PR com a validação do upload foi aprovado e fez merge.', { author: alice }), aComment('O deploy fica para a janela de quinta, hoje não mexemos em produção.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads a Dutch reply that denies the fix and finds the old version running as disputing it', () => {
    const input = aTriageInput({
      comments: [aComment('Opgelost en live.', { author: alice }), aComment('Klopt niet. De server draait nog op 2.7.1 en de fix zit pas in 2.8.0.', { author: bob })],
    });
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads a reply that opens by saying "that is not true" in another language as questioning the claim', () => {
    const claim = aComment('Behoben und in Produktion ausgerollt.', { author: alice });
    expect(classifyClosure(aTriageInput({ comments: [claim] })).decision).toBe('resolved');
    for (const reply of ['Stimmt so nicht, ich sehe das Formular heute Morgen unverändert.', 'Niet waar helaas, het formulier is vanochtend onveranderd.', "C'est faux, le formulaire est inchangé ce matin."]) {
      expect(classifyClosure(aTriageInput({ comments: [claim, aComment(reply, { author: bob })] })).decision).toBe('skip');
    }
  });

  it('does not read "stimmt nicht" further into a comment as denying the comment itself', () => {
    const input = aTriageInput({
      comments: [aComment('Der Bot schreibt oben „false positive" – stimmt nicht, die Lücke war echt. Behoben und in Produktion ausgerollt.', { author: alice })],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
  });

  it('reads "not a fp" as denying a false positive', () => {
    expect(classifyClosure(aThread('Not a Bug', 'not a fp btw, the header is reflected unescaped')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', "it's a fp, the value is a constant")).decision).toBe('false_positive');
  });
});

describe('classifyClosure: round 26, "nowhere" before a change', () => {
  it('does not read "nowhere else changed" in Dutch or German as a change that disputes False Positive', () => {
    expect(classifyClosure(aThread('False Positive', 'De parser wordt bij het opstarten op de veilige modus gezet en nergens anders aangepast.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('False Positive', 'Der Parser wird beim Start auf den sicheren Modus gesetzt und nirgends sonst geändert.')).decision).toBe('false_positive');
  });
});

describe('classifyClosure: round 27 (a resolution called the wrong label, reported speech in Italian, a version never contained)', () => {
  it('reads "Won\'t Fix is the wrong label" as objecting to the resolution, not as accepting the risk', () => {
    const input = aThread("Won't Fix", "This can't be hit: the parser only sees validated hosts. Won't Fix is the wrong label, there is no risk here to accept.");
    expect(classifyClosure(input).decision).toBe('skip');
  });

  it('reads what the bot says, in Italian, as its words and not the writer\'s', () => {
    expect(classifyClosure(aThread('Done', 'il bot dice che è un falso positivo, ma non ne sono sicura: il parametro arriva da un header.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'È un falso positivo: il parametro è una costante.')).decision).toBe('false_positive');
  });

  it('reads an image that never contained the vulnerable version as a false positive', () => {
    expect(classifyClosure(aThread('Done', 'The pin comes from an archived requirements file that is never installed. The production image has never contained 8.2.0.')).decision).toBe('false_positive');
  });

  it('reads "not accepting it" as refusing the acceptance, and "accepting this" alone as no decision', () => {
    expect(classifyClosure(aThread("Won't Fix", "no. we're fixing this in Q2, not accepting it.")).decision).toBe('skip');
    // A leaning and an objection name the acceptance without making it.
    expect(classifyClosure(aThread('Done', "I'd lean towards accepting this, the exposure is small.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'I object to accepting this. It is reachable by any subscriber.')).decision).toBe('skip');
  });
});

describe('classifyClosure: round 28 (the old version still in production, a credential not rotated, Quebec French)', () => {
  it('reads the old version still running in production as disputing a merged fix', () => {
    expect(classifyClosure(aThread('Fixed', "Mergé dans main (#4102). Le prochain deploy est cédulé pour le 3 juin; d'ici là c'est l'ancienne version qui roule en prod.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'Merged the signature check (#4102). The old build is still running in production until the June deploy.')).decision).toBe('skip');
  });

  it('reads a leaked credential purged from history but not rotated as not remediated', () => {
    expect(classifyClosure(aThread('Done', "J'ai purgé la clé de l'historique avec BFG. Par contre la clé elle-même a pas encore été changée.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Purged the key from history with BFG. The key is still valid until the vendor reissues it.')).decision).toBe('skip');
  });

  it('reads "c\'est pas un secret" as a false positive, but not the idiom "ce n\'est pas un secret que …"', () => {
    expect(classifyClosure(aThread('Done', "C'est la clé publique d'ingestion du SDK. C'est pas un secret.")).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', "Ce n'est pas un secret que ce module est vieux.")).decision).toBe('skip');
  });

  it('does not read "faite pour" (made to) as a change made', () => {
    expect(classifyClosure(aThread('Done', 'Elle est faite pour être embarquée dans le client.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Le correctif est fait et déployé en prod.')).decision).toBe('resolved');
  });

  it('reads declining the fix, an approved exception and a decommission in French as accepted risks', () => {
    expect(classifyClosure(aThread('Done', "On investit pas dans un patch d'ici là.")).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Not spending effort on a fix for EOL units.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Exception approuvée au comité sécu de mardi.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', "Décommission prévue: l'ancien portail s'arrête le 30/06.")).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: round 29 (the old version still running said verb first, change windows in other languages, nothing to accept)', () => {
  it('reads "bis dahin läuft noch die alte Version" as disputing a merged fix, and a release window booked as production ahead', () => {
    expect(classifyClosure(aThread('Done', 'PR !511 ist gemerged. Bis dahin läuft noch die alte Version mit dem offenen Proxy-Endpoint.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'PR !511 ist gemerged. Deployment auf PROD ist fürs Release-Fenster vom 20.06. eingeplant.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'PR #3310 aprovado e mergeado na main. O deploy em prod depende da janela de mudança do dia 20.')).decision).toBe('skip');
  });

  it('reads "there is nothing to accept" as arguing a false positive, which contradicts Risk Accepted', () => {
    expect(classifyClosure(aThread('Done', 'There is nothing to accept here: the format string is a constant and no caller can influence it.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Risk Accepted', 'There is nothing to accept here. The format string is a constant defined two lines above the call.')).decision).toBe('skip');
  });

  it('reads "it isn\'t" followed by an emoji as a denial', () => {
    const thread = aThread('Done', "marked fixed\nit isn't 🙃 the file got renamed in the refactor, same code, the scanner just lost track of it.");
    expect(classifyClosure(thread).decision).toBe('skip');
  });
});

describe('classifyClosure: round 30 ("after all", a German condition with the verb last, a key still active, an exception asked for)', () => {
  it('does not read "after all" as a condition the fix waits for', () => {
    const thread = aThread(
      'Risk Accepted',
      'Security accepts the risk of the outdated SAML library until the migration, under exception EX-2026-006.',
      'Update: the identity team found a compatible version after all, and the portal has been running the upgraded SAML library in production since this afternoon.',
    );
    expect(classifyClosure(thread).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Found a compatible version after all: the portal has been running the upgraded SAML library in production since this afternoon.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'We close this after the portal has been running the upgraded library in production.')).decision).toBe('skip');
  });

  it('reads "erst, wenn der Dienstleister umgestellt hat" as a change still ahead, and "nachdem" as one made', () => {
    expect(classifyClosure(aThread('Done', 'Rotieren geht erst, wenn der Dienstleister seine Seite umgestellt hat.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Nachdem der Dienstleister seine Seite umgestellt hat, haben wir den Key rotiert und aus der Historie entfernt.')).decision).toBe('resolved');
  });

  it('reads a credential "noch aktiv", "still active" or "ainda ativa" as not remediated', () => {
    expect(classifyClosure(aThread('Done', 'Den Key aus settings.py entfernt und nach Vault verschoben. Bis dahin ist der alte Key noch aktiv.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Moved the token into the vault; the old token still active until the vendor switches.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Tirei a chave do repositório, mas a chave antiga ainda ativa no provedor.')).decision).toBe('skip');
  });

  it('reads an exception only asked for as an acceptance not taken yet', () => {
    expect(classifyClosure(aThread('Risk Accepted', "I've asked security for an exception and set the resolution to Risk Accepted while that goes through.")).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'Security approved the exception we asked for in March; it is valid until Q3.')).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: round 31 (a proposal under a heading, production that follows, a rotation or purge still ahead, a concession, a resolution questioned in other languages)', () => {
  it('reads what follows "Proposed approach:" as proposed, not done', () => {
    expect(classifyClosure(aThread('Resolved', 'Proposed approach for the download links: replace the public object URLs with presigned URLs.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Resolved', 'Fix: replaced the public object URLs with presigned URLs in 4.2, deployed to prod.')).decision).toBe('resolved');
  });

  it('keeps a fix on UAT open when production only follows', () => {
    expect(classifyClosure(aThread('Fixed', 'Déployé en recette (UAT) hier soir, la PROD suit avec la release de juillet.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', 'Deployed to UAT last night, prod follows with the July release.')).decision).toBe('skip');
  });

  it('reads a rotation still ahead and a purge not done as a secret not remediated, but not a dead password left in the history', () => {
    expect(classifyClosure(aThread('Done', 'Removed the password from datasource.xml and rewrote the history with filter-repo. Rotating the account itself needs downtime and sign-off from the labs.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'rotated the Mapbox token, new one in SSM. old value is still in git history, purge not done yet')).decision).toBe('skip');
    const dead = classifyClosure(aThread('Done', "rotated the db password via the rotation lambda; the old one is still in git history but it's dead, auth fails"));
    expect(dead.evidence.explanation).not.toContain('not purged');
  });

  it('reads "needs patching" after an acceptance as disputing it', () => {
    expect(classifyClosure(aThread('Done', "accepting, the old OCR server gets decomm'd in aug", "decomm slipped to 2027, we cant sit on this for a year. needs patching")).decision).toBe('skip');
  });

  it('reads "ok yeah, that\'s reachable" as conceding a false positive', () => {
    const conceded = aThread('Done', 'This is a FP, the redirect target is always relative.', 'Not when next=//evil.example, that passes your startsWith check.', "ok yeah, that's reachable.");
    expect(classifyClosure(conceded).decision).toBe('skip');
    expect(classifyClosure(conceded).evidence.explanation).toContain('affirmed exploitable');
  });

  it('reads "we escape it now" as a fix, which contradicts Not a Bug', () => {
    expect(classifyClosure(aThread('Not a Bug', 'We escape the album title in the meta tags now (PR 4590, in 1.121.0).')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We escape the album title in the meta tags now (PR 4590, in 1.121.0).')).decision).toBe('resolved');
  });

  it('reads a resolution questioned in Spanish, French or German as objected to', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Esto ya quedó parchado en la 3.7. No sé por qué quedó como Risk Accepted.')).decision).toBe('skip');
    expect(classifyClosure(aThread("Won't Fix", "Je ne vois pas pourquoi c'est en Won't Fix.")).decision).toBe('skip');
  });

  it('reads "protected all along" as a false positive, and a ticket moved to another board as no fix', () => {
    expect(classifyClosure(aThread('Done', 'The scanner read the module default. The live buckets were encrypted throughout with the CMK.')).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'moved to the platform board → PLAT-992')).decision).toBe('skip');
  });
});

describe('classifyClosure: round 32 (purges put off, windows and days gone by, refusals of a compound noun, reports withdrawn, "accept only")', () => {
  it('reads a purge put off ("on verra plus tard") as a secret not yet remediated', () => {
    expect(classifyClosure(aThread('Done', "Le token GitLab a été révoqué et remplacé. La purge de l'historique, on verra plus tard.")).decision).toBe('skip');
  });

  it('puts production ahead in an Italian maintenance window, but not a window that was yesterday', () => {
    expect(classifyClosure(aThread('Done', 'Deployato su INT e UAT, test ok. La produzione va nella finestra di manutenzione del 12.05.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Complete', 'Base-Image auf distroless umgestellt, das openssl-Paket ist nicht mehr im Image. Prod-Deploy gestern 22:00 im Wartungsfenster, passt.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Umgestellt auf setParameter. Release 4.12.0 ist seit gestern Abend auf PROD (Change CHG0041187), Smoke-Tests grün.')).decision).toBe('resolved');
  });

  it('reads "Risikoakzeptanz … nicht unterschrieben" as a refusal that contradicts Risk Accepted', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Die Risikoakzeptanz wurde vom CISO nicht unterschrieben, das muss gefixt werden.')).decision).toBe('skip');
  });

  it('reads a report withdrawn as a false positive, and "my own patched copy" as no fix', () => {
    expect(classifyClosure(aThread('Done', "You're right, I was running my own patched copy. Against the real 4.2.x it returns at once. Withdrawing the report.")).decision).toBe('false_positive');
    expect(classifyClosure(aThread('Done', 'Patched in 4.2.1 and deployed.')).decision).toBe('resolved');
  });

  it('reads an exposed value that "remains valid" as a secret not remediated', () => {
    expect(classifyClosure(aThread('Done', 'The credentials have been scrubbed from all history with filter-repo. Until then the exposed value remains valid against the service.')).decision).toBe('skip');
  });

  it('does not read "accettiamo solo URL firmati" as accepting a risk', () => {
    expect(classifyClosure(aThread('Done', 'Fatto: adesso accettiamo solo URL firmati del nostro bucket, tutto il resto risponde 400.')).decision).not.toBe('accepted_risk');
    expect(classifyClosure(aThread('Done', 'Accettiamo il rischio fino a settembre, firmato dal risk owner.')).decision).toBe('accepted_risk');
  });

  it('reads "akzeptiertes Risiko" as an accepted risk, and an Italian time clause in the present passive as still ahead', () => {
    expect(classifyClosure(aThread('Done', 'Ok, dann dokumentieren wir das als akzeptiertes Risiko, Ablauf 03/2027.')).decision).toBe('accepted_risk');
    expect(classifyClosure(aThread('Declined', 'Il risk owner ha accettato il rischio fino a settembre, quando il sistema periti viene sostituito.')).decision).toBe('accepted_risk');
  });
});

describe('classifyClosure: round 33 (autoescape switched off, "escaped now", no acceptance yet, a purge answered "not yet", a setting still the default)', () => {
  it('does not read autoescape that "was off" as already escaped, and reads "escaped now" as a change', () => {
    const fixed = 'Mod names in the changelog email are escaped now — Jinja autoescape was off for .txt.j2 templates, which we then rendered as HTML. Shipped with web 2026.05.20.';
    expect(classifyClosure(aThread('Not a Bug', fixed)).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', fixed)).decision).toBe('resolved');
    expect(classifyClosure(aThread('Not a Bug', 'Jinja autoescape is on for every .html template, so the value is escaped on output.')).decision).toBe('false_positive');
  });

  it('reads an exception not yet signed, "não há aceitação de risco", as contradicting Risk Accepted', () => {
    expect(classifyClosure(aThread('Risk Accepted', 'Quem fechou isto? A excepção ainda não foi assinada pelo Rui, não há aceitação de risco nenhuma por enquanto.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'Who closed this? There is no risk acceptance yet, the CISO is away.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Risk Accepted', 'No hay excepción firmada todavía.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'A excepção foi assinada pelo Rui até 30/06.')).decision).toBe('accepted_risk');
  });

  it('reads a purge answered "Ainda não, fica para outra altura" as still to come', () => {
    const thread = aThread(
      'Done',
      'AWS access key rodada (a antiga já está desativada no IAM).',
      'E o histórico do git? A chave continua visível no commit a1b9c3e.',
      'Ainda não, fica para outra altura, o repo é grande e o filter-repo demora.',
    );
    expect(classifyClosure(thread).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Key rotated and the history rewritten with filter-repo, force-pushed.')).decision).toBe('resolved');
  });

  it('reads a setting "still the default" as the finding still present', () => {
    expect(classifyClosure(aThread('Done', 'The scanner no longer looks at the chart; hostNetwork: true is still the default in values.yaml.')).readerMayRead).toMatchObject({ kind: 'objection' });
  });
});

describe('classifyClosure: round 34 (an acceptance only recommended or still needing a signature, a purge put off in Polish, credentials still the same, a fix demanded after all)', () => {
  it('reads "my recommendation is that we accept" as a proposal, and "still needs … signature" as an acceptance awaited', () => {
    expect(classifyClosure(aThread('Done', 'My recommendation is that we accept this one rather than fix it: the console is only reachable over ZTNA.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We accept this one rather than fix it. It still needs the Head of Platform\'s signature as risk owner.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'We accept this one rather than fix it: the console is only reachable over ZTNA. Signed by the Head of Platform as risk owner.')).decision).toBe('accepted_risk');
  });

  it('reads "filter-repo zrobimy później" as a purge still to come', () => {
    expect(classifyClosure(aThread('Done', 'Hasło do bazy zmienione, stare już nie działa. W historii gita nadal leży stary .env — filter-repo zrobimy później.')).decision).toBe('skip');
  });

  it('reads credentials "noch dieselben" after a purge as not rotated', () => {
    expect(classifyClosure(aThread('Done', 'Datei mqtt-creds.env mit BFG aus der Historie entfernt, Force-Push gemacht. Die Zugangsdaten selbst sind noch dieselben.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Purged with BFG and force-pushed. The credentials themselves are still the same.')).decision).toBe('skip');
  });

  it('reads "der Kunde verlangt einen Fix … Wir machen das doch" as disputing an acceptance', () => {
    expect(classifyClosure(aThread('Done', 'Risiko akzeptiert, Owner: ich. Review in 6 Monaten.', 'Moment – der Kunde verlangt im Audit einen Fix bis Ende Q2. Wir machen das doch.')).decision).toBe('skip');
    expect(classifyClosure(aThread('Done', 'Risiko akzeptiert, Owner: ich. Review in 6 Monaten.')).decision).toBe('accepted_risk');
  });
});
