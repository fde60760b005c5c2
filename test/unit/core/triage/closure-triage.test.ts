import { classifyClosure } from '../../../../src/core/triage/closure-classifier';
import {
  openMarker,
  READER_DECIDES_FROM,
  READER_OVERRULES_FROM,
  READER_READS_OPENING_FROM,
  triageClosure,
  weighWithReader,
} from '../../../../src/core/triage/closure-triage';
import { READER_BUCKETS, READER_CLASSES, READER_DIMENSIONS, type ReaderClass, type ReaderModel } from '../../../../src/core/triage/learned-reader';
import { type TriageInput } from '../../../../src/core/triage/triage-types';
import { aComment, anAppComment, aThread, aTriageInput } from './triage-builders';

/** A reader that ignores the text and leans on one class by its bias alone: tests the weighing, not the weights. */
function aReaderLeaningTo(leaning: ReaderClass, strength = 3): ReaderModel {
  return {
    threadIdf: new Float64Array(READER_BUCKETS).fill(1),
    lastIdf: new Float64Array(READER_BUCKETS).fill(1),
    weights: new Float64Array(READER_CLASSES.length * READER_DIMENSIONS),
    bias: Float64Array.from(READER_CLASSES, (name) => (name === leaning ? strength : 0)),
  };
}

/** A reader that gives every thread exactly these probabilities (biases are their logarithms). */
function aReaderGiving(probabilities: Record<ReaderClass, number>): ReaderModel {
  return { ...aReaderLeaningTo('skip', 0), bias: Float64Array.from(READER_CLASSES, (name) => Math.log(probabilities[name])) };
}

function weigh(input: TriageInput, reader: ReaderModel) {
  return weighWithReader(classifyClosure(input), input, reader);
}

describe('closure triage with the learned reader: what it may touch', () => {
  const leansFalsePositive = aReaderLeaningTo('false_positive');

  it('never reads a closure decided by the resolution alone (sync off, no human comment, not done)', () => {
    const syncOff = aTriageInput({ commentSyncEnabled: false, comments: [aComment('whatever')] });
    expect(weigh(syncOff, leansFalsePositive)).toEqual(classifyClosure(syncOff));
    const appOnly = aTriageInput({ comments: [anAppComment('Marked as false positive by policy.')] });
    expect(weigh(appOnly, leansFalsePositive)).toEqual(classifyClosure(appOnly));
    const notDone = aTriageInput({ status: { name: 'In Progress', category: 'indeterminate' }, comments: [aComment('Cache key only.')] });
    expect(weigh(notDone, leansFalsePositive).decision).toBe('skip');
  });

  it('never turns an unanswered challenge, or a denial, into a decision', () => {
    const unanswered = aTriageInput({ comments: [claim(), challenge()] });
    const ruled = classifyClosure(unanswered);
    expect(ruled).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'challenge', commentId: '2' } });
    expect(ruled.undecided).toBeUndefined();
    expect(weigh(unanswered, aReaderLeaningTo('resolved', 6))).toEqual(ruled);

    const denied = aTriageInput({ comments: [claim(), person('sec', 'Still vulnerable: /export returns the raw path, I just tried it.', '2'), person('dev', 'Looked again this morning.', '3')] });
    const deniedRuled = classifyClosure(denied);
    expect(deniedRuled.decision).toBe('skip');
    expect(deniedRuled.readerMayRead).toBeUndefined();
    expect(weigh(denied, aReaderLeaningTo('resolved', 6))).toEqual(deniedRuled);
  });
});

/** Sure enough to decide a silent thread, not to settle what the rules read as a dispute or a contest. */
const fairlySure = { resolved: 0.65, false_positive: 0.1, accepted_risk: 0.05, skip: 0.2 };

const person = (id: string, text: string, commentId: string) =>
  aComment(text, { id: commentId, author: { accountId: id, displayName: id === 'dev' ? 'Dev' : 'Sec', accountType: 'atlassian' } });
const claim = () => person('dev', 'Patched in PR #412 and deployed.', '1');
const challenge = () => person('sec', 'Did this actually reach prod? I only see it on staging.', '2');

describe('closure triage with the learned reader: a challenge the rules cannot see answered', () => {
  const answered = aTriageInput({ comments: [claim(), challenge(), person('dev', 'Staging is a week behind; prod-eu answers with the sanitised name since Tuesday.', '3')] });

  it('is decided when the reader is sure, citing the answer', () => {
    expect(classifyClosure(answered)).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'challenge', commentId: '2' } });
    const result = weigh(answered, aReaderLeaningTo('resolved', 6));
    expect(result.decision).toBe('resolved');
    expect(result.confidence).toBeGreaterThanOrEqual(READER_READS_OPENING_FROM.challenge);
    expect(result.evidence).toMatchObject({ source: 'comment', commentId: '3', author: 'Dev' });
    expect(result.evidence.explanation).toContain('Comment 2 by Sec questioned the earlier claim');
  });

  it('stays the rules\' dispute (never "undecided", so never sent to the AI assist) below the admin\'s bar', () => {
    const strict = { ...answered, confidenceBar: 0.995 };
    const result = weigh(strict, aReaderLeaningTo('resolved', 6));
    expect(result).toEqual(classifyClosure(strict));
    expect(result.undecided).toBeUndefined();
  });

  it('stays skipped when the reader is only as sure as a silent thread needs, and is decided when surer', () => {
    expect(READER_DECIDES_FROM).toBeLessThanOrEqual(fairlySure.resolved);
    expect(READER_READS_OPENING_FROM.challenge).toBeGreaterThan(fairlySure.resolved);
    expect(weigh(answered, aReaderGiving(fairlySure))).toEqual(classifyClosure(answered));
    expect(weigh(answered, aReaderGiving({ ...fairlySure, resolved: 0.75, skip: 0.1 })).decision).toBe('resolved');
  });

  it('stays skipped when the answer contradicts a specific resolution, or leaves the outcome open', () => {
    const wontFix = { ...answered, resolution: "Won't Fix" };
    expect(classifyClosure(wontFix).readerMayRead).toBeDefined();
    expect(weigh(wontFix, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
    const planned = aTriageInput({ comments: [claim(), challenge(), person('dev', 'Good catch, we will redeploy prod-eu tomorrow.', '3')] });
    expect(classifyClosure(planned)).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'challenge', commentId: '2' } });
    expect(weigh(planned, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
  });
});

describe('closure triage with the learned reader: a challenge the rules read in the latest comment', () => {
  const misread = aTriageInput({ comments: [claim(), person('sec', 'No, that part is fine: the export returns the sanitised name on prod and staging.', '2')] });

  it('is read as that comment\'s own outcome only when the reader is as sure as it must be to correct the rules', () => {
    const ruled = classifyClosure(misread);
    expect(ruled).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'challenge', commentId: '2' } });
    const sure = weigh(misread, aReaderGiving({ resolved: READER_OVERRULES_FROM + 0.05, false_positive: 0.05, accepted_risk: 0.05, skip: 0.1 - 0.05 }));
    expect(sure).toMatchObject({ decision: 'resolved', evidence: { source: 'comment', commentId: '2', author: 'Sec' } });
    expect(sure.evidence.explanation).toContain('The rules read comment 2 by Sec as questioning the earlier claim');
    // Sure enough to settle an answered challenge, not to read past the rules in the challenge itself.
    const answeredOnly = { resolved: 0.75, false_positive: 0.05, accepted_risk: 0.05, skip: 0.15 };
    expect(READER_READS_OPENING_FROM.challenge).toBeLessThanOrEqual(answeredOnly.resolved);
    expect(READER_OVERRULES_FROM).toBeGreaterThan(answeredOnly.resolved);
    expect(weigh(misread, aReaderGiving(answeredOnly))).toEqual(ruled);
  });

  it('stays skipped when that comment asks a real question, however sure the reader is', () => {
    const asked = aTriageInput({ comments: [claim(), challenge()] });
    expect(weigh(asked, aReaderLeaningTo('resolved', 6))).toEqual(classifyClosure(asked));
  });
});

describe('closure triage with the learned reader: a comment stating two outcomes', () => {
  const contested = aTriageInput({
    comments: [person('dev', 'Bumped the image to 3.19 and rolled it out. Honestly the flagged binary is not reachable from outside, it was never exposed.', '1')],
  });

  it('is decided only as one of the two outcomes, and only when the reader is sure', () => {
    expect(classifyClosure(contested)).toMatchObject({
      decision: 'skip',
      readerMayRead: { kind: 'contest', commentId: '1', outcomes: ['false_positive', 'resolved'] },
    });
    const result = weigh(contested, aReaderLeaningTo('resolved', 6));
    expect(result).toMatchObject({ decision: 'resolved', evidence: { source: 'comment', commentId: '1', author: 'Dev' } });
    expect(result.evidence.explanation).toContain('The rules read two outcomes in comment 1 by Dev');
    // An outcome the comment did not state is not a way out of the contest.
    expect(weigh(contested, aReaderLeaningTo('accepted_risk', 6))).toEqual(classifyClosure(contested));
    // Enough for a silent thread, not for a contest.
    expect(READER_DECIDES_FROM).toBeLessThanOrEqual(fairlySure.resolved);
    expect(READER_READS_OPENING_FROM.contest).toBeGreaterThan(fairlySure.resolved);
    expect(weigh(contested, aReaderGiving(fairlySure))).toEqual(classifyClosure(contested));
    // 0.75 settles a contest since round 9 (cross-validation, docs/triage.md).
    expect(weigh(contested, aReaderGiving({ ...fairlySure, resolved: 0.75, skip: 0.1 })).decision).toBe('resolved');
  });

  it('stays skipped under a specific resolution the reader\'s outcome contradicts', () => {
    const underRiskAccepted = { ...contested, resolution: 'Risk Accepted' };
    expect(weigh(underRiskAccepted, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
  });
});

describe('closure triage with the learned reader: an objection to an outcome nobody claimed', () => {
  const objection = aTriageInput({ comments: [person('sec', 'This is not a false positive.', '1')] });

  it('may be read as another outcome, never as the one objected to', () => {
    const ruled = classifyClosure(objection);
    expect(ruled).toMatchObject({ decision: 'skip', readerMayRead: { kind: 'objection', commentId: '1', denies: ['false_positive'] } });
    expect(ruled.undecided).toBeUndefined();
    expect(weigh(objection, aReaderLeaningTo('false_positive', 6))).toEqual(ruled);
    const accepted = weigh(objection, aReaderLeaningTo('accepted_risk', 6));
    expect(accepted).toMatchObject({ decision: 'accepted_risk', evidence: { commentId: '1' } });
    expect(accepted.evidence.explanation).toContain('The rules read only an objection in comment 1 by Sec');
  });

  it('never reopens a denial of a claim someone made', () => {
    const denied = aTriageInput({ comments: [claim(), person('sec', 'This is not fixed, the old route still answers.', '2')] });
    expect(classifyClosure(denied).readerMayRead).toBeUndefined();
    expect(weigh(denied, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
  });
});

describe('closure triage: a change undone or not yet everywhere', () => {
  it('reads a revert in the languages the rules know as a dispute of the fix', () => {
    for (const undo of [
      'Tuvimos que revertirlo, rompía el login por SSO.',
      'La PR 88 è stata revertata ieri sera.',
      'Der Fix wurde zurückgerollt, Login ging kaputt.',
      'Had to roll that back in 3.4.1, it broke the SSO return leg.',
    ]) {
      const thread = aTriageInput({ comments: [claim(), person('dev', undo, '2')] });
      expect({ undo, decision: triageClosure(thread).decision }).toEqual({ undo, decision: 'skip' });
    }
  });

  it('does not read a fix on part of what runs, or on staging with production to come, and the reader may not either', () => {
    for (const text of ['fixed on 3 of 5 clusters, prod-ap + prod-sa next maint window', 'patched in staging (api:7.3.0-rc2), prod rollout is next tues with the release train']) {
      const thread = aThread('Done', text);
      expect(classifyClosure(thread)).toMatchObject({ decision: 'skip', undecided: true });
      expect(weigh(thread, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
      expect(openMarker(text)).toBeDefined();
    }
    for (const text of ['Patched and partially rolled out, the EU cluster still runs 2.3.', 'Fix teilweise ausgerollt, eu-west folgt.', 'Correção aplicada parcialmente, falta o billing.']) {
      expect({ text, decision: triageClosure(aThread('Done', text)).decision }).toEqual({ text, decision: 'skip' });
      expect(openMarker(text)).toBeDefined();
    }
    expect(classifyClosure(aThread('Done', 'fixed on 5 of 5 clusters')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Upgraded to 2.4.1 and deployed everywhere.')).decision).toBe('resolved');
  });
});

describe('closure triage with the learned reader: second opinion on a rule decision', () => {
  const fixed = aThread('Done', 'Fixed in #42, deployed to prod yesterday.');

  it('keeps the decision when the reader agrees', () => {
    expect(classifyClosure(fixed).decision).toBe('resolved');
    expect(weigh(fixed, aReaderLeaningTo('resolved'))).toEqual(classifyClosure(fixed));
  });

  it('skips when the reader finds "cannot tell" as likely, and says why in the evidence', () => {
    const result = weigh(fixed, aReaderLeaningTo('skip'));
    expect(result.decision).toBe('skip');
    expect(result.undecided).toBeUndefined();
    expect(result.evidence.commentId).toBe(classifyClosure(fixed).evidence.commentId);
    expect(result.evidence.explanation).toMatch(/learned reader does not confirm it \(a fix 0\.\d\d, cannot tell 0\.\d\d\)/u);
  });

  it('skips when the reader puts its weight on another outcome without being sure of it', () => {
    const leaning = { resolved: 0.1, false_positive: 0.05, accepted_risk: 0.7, skip: 0.15 };
    expect(READER_OVERRULES_FROM).toBeGreaterThan(leaning.accepted_risk);
    expect(weigh(fixed, aReaderGiving(leaning)).decision).toBe('skip');
  });

  it('asks more confirmation of a fix than of a false positive or an accepted risk', () => {
    const falsePositive = aThread('Done', 'Not a real issue: the value is a compile-time constant, false positive.');
    expect(classifyClosure(falsePositive).decision).toBe('false_positive');
    const unsure = { resolved: 0.15, false_positive: 0.25, accepted_risk: 0.15, skip: 0.45 };
    expect(weigh(falsePositive, aReaderGiving(unsure)).decision).toBe('false_positive');
    expect(weigh(fixed, aReaderGiving({ ...unsure, resolved: 0.25, false_positive: 0.15 })).decision).toBe('skip');
    // A fix the reader gives 0.4 or more stands even when it finds "cannot tell" likelier.
    expect(weigh(fixed, aReaderGiving({ resolved: 0.4, false_positive: 0.05, accepted_risk: 0.05, skip: 0.5 })).decision).toBe('resolved');
    // Too little for either: under 0.2, or under half of "cannot tell".
    expect(weigh(falsePositive, aReaderGiving({ resolved: 0.1, false_positive: 0.18, accepted_risk: 0.12, skip: 0.6 })).decision).toBe('skip');
    expect(weigh(falsePositive, aReaderGiving({ resolved: 0.04, false_positive: 0.22, accepted_risk: 0.04, skip: 0.7 })).decision).toBe('skip');
  });
});

describe('closure triage with the learned reader: a thread the rules found silent', () => {
  const silent = aTriageInput({
    comments: [
      aComment('Looked at it with Priya.', { id: '1', author: { accountId: 'p', displayName: 'Priya', accountType: 'atlassian' } }),
      aComment('The sha1 only builds the ETag for static files on the CDN.', { id: '2', author: { accountId: 'r', displayName: 'Rui', accountType: 'atlassian' } }),
    ],
  });

  it('is decided when the reader is confident, citing comment, author and phrase', () => {
    expect(classifyClosure(silent)).toMatchObject({ decision: 'skip', undecided: true });
    const result = weigh(silent, aReaderLeaningTo('false_positive'));
    expect(result.decision).toBe('false_positive');
    expect(result.confidence).toBeGreaterThanOrEqual(READER_DECIDES_FROM);
    // Equal probabilities everywhere (the stand-in reader ignores text): the later comment wins.
    expect(result.evidence).toMatchObject({ source: 'comment', commentId: '2', author: 'Rui', resolution: 'Done' });
    expect(result.evidence.phrase).toBe('The sha1 only builds the ETag for static files on the CDN.');
    expect(result.evidence.explanation).toContain('the learned reader reads a false positive');
  });

  it('stays undecided when the reader is unsure, or below the admin\'s confidence bar', () => {
    expect(weigh(silent, aReaderLeaningTo('false_positive', 1))).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh({ ...silent, confidenceBar: 0.95 }, aReaderLeaningTo('false_positive'))).toMatchObject({ decision: 'skip', undecided: true });
  });

  it.each([
    'Upgrading lodash to 4.17.21 now.',
    "We're rolling the new image out.",
    'We will accept the risk once the exception is approved.',
    'Exception pending CISO approval.',
    'Is the ETag the only use of sha1?',
    'I think the value comes from the enum.',
    'Vamos a quitar el endpoint la próxima semana.',
  ])('stays undecided when a comment leaves the outcome open: "%s"', (text) => {
    const input = aThread('Done', text);
    const ruled = classifyClosure(input);
    if (ruled.undecided !== true) {
      // The rules already read it (as a plan or a question): the reader cannot overturn that.
      expect(weigh(input, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
      return;
    }
    const result = weigh(input, aReaderLeaningTo('resolved', 6));
    expect(result).toMatchObject({ decision: 'skip', undecided: true });
    expect(result.evidence.explanation).toContain('leaves the outcome open');
  });

  it('lets a question stand open only in the last comment: an earlier one was answered', () => {
    const askedThenAnswered = aThread('Done', 'Is the sha1 used for anything but the ETag?', 'Only the ETag of static files on the CDN, nothing else reads it.');
    expect(classifyClosure(askedThenAnswered)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(askedThenAnswered, aReaderLeaningTo('false_positive')).decision).toBe('false_positive');
    const plannedThenChatter = aThread('Done', 'We will move the ETag to sha256 next sprint.', 'Closing the ticket with the sprint.');
    if (classifyClosure(plannedThenChatter).undecided === true) {
      expect(weigh(plannedThenChatter, aReaderLeaningTo('resolved', 6))).toMatchObject({ decision: 'skip', undecided: true });
    } else {
      expect(weigh(plannedThenChatter, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
    }
  });

  it('lets a guess or a condition stand open only where it still stands; work still to do stands anywhere', () => {
    const guessedThenShown = aThread('Done', 'I think the value comes from the enum?', 'Only the ETag of static files on the CDN reads it.', 'Thanks, closing.');
    expect(classifyClosure(guessedThenShown)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(guessedThenShown, aReaderLeaningTo('false_positive')).decision).toBe('false_positive');
    const guessedLast = aThread('Done', 'Only the ETag of static files on the CDN reads it.', 'I think the value comes from the enum.');
    expect(weigh(guessedLast, aReaderLeaningTo('false_positive'))).toMatchObject({ decision: 'skip', undecided: true });
    const inProgressThenChatter = aThread('Done', "We're rolling the new image out.", 'Closing the ticket with the sprint.');
    expect(weigh(inProgressThenChatter, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
    const pendingThenChatter = aThread('Done', 'Exception pending CISO approval.', 'Closing, see the exception ticket.');
    expect(weigh(pendingThenChatter, aReaderLeaningTo('accepted_risk', 6)).decision).toBe('skip');
  });

  it('never takes from a silent thread an acceptance the rules know is still awaiting its decision', () => {
    const awaitingApproval = aThread('Done', 'Pedido de exceção submetido ao comité de risco, aguardamos aprovação.');
    expect(classifyClosure(awaitingApproval)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(awaitingApproval, aReaderLeaningTo('accepted_risk', 6)).decision).toBe('skip');
    const decisionAhead = aThread('Done', 'Option 2 now, option 3 by end of year. The decision belongs to the CCB on 3 June.');
    expect(weigh(decisionAhead, aReaderLeaningTo('accepted_risk', 6)).decision).toBe('skip');
  });

  it('never cites a comment that only thanks or acknowledges: a thread of chatter stays undecided however the reader leans', () => {
    const chatter = aThread('Done', 'Je prends.', 'Oui, je t\'ajoute au repo.', 'Merci !');
    expect(classifyClosure(chatter)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(chatter, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
    const afterTheApp = aTriageInput({ comments: [anAppComment('Linked finding marked as resolved by rescan.'), aComment('thanks!')] });
    expect(weigh(afterTheApp, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
  });

  it('lets a plan or a wait announced before the comment the reader reads from stand no longer: that comment reports it', () => {
    const announcedThenReported = aTriageInput({
      comments: [
        aComment("It's a four-line change. I'll put it behind the normal canary.", { id: '1', author: { accountId: 't', displayName: 'Tomasz', accountType: 'atlassian' } }),
        aComment("Canary ran all weekend with no login errors, and it's been at 100% on every brand since this morning.", { id: '2', author: { accountId: 't', displayName: 'Tomasz', accountType: 'atlassian' } }),
      ],
    });
    expect(classifyClosure(announcedThenReported)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(announcedThenReported, aReaderLeaningTo('resolved', 6)).decision).toBe('resolved');
    // A closer reports nothing: the plan still stands.
    const plannedThenClosed = aThread('Done', 'We will move the ETag to sha256 next sprint.', 'Closing the ticket with the sprint.');
    expect(weigh(plannedThenClosed, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
    // Work still partial stands wherever it was said.
    const partialThenReported = aThread('Done', "We're rolling the new image out.", 'Checked the pods this morning.');
    expect(weigh(partialThenReported, aReaderLeaningTo('resolved', 6)).decision).toBe('skip');
  });

  it('reads "was going to" as an intention given up, not a plan still ahead', () => {
    expect(openMarker('was going to propose we accept it since the box is due for decom anyway')).toBeUndefined();
    expect(openMarker('going to propose we accept it')).toBeDefined();
  });

  it('weighs open markers by the outcome: hypotheticals argue a false positive, conditions still block a fix or an acceptance', () => {
    const hypothetical = aThread('Done', 'The sha1 only builds the ETag for static files. If somebody collides it, the browser downloads the file again.');
    expect(classifyClosure(hypothetical)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(hypothetical, aReaderLeaningTo('false_positive')).decision).toBe('false_positive');
    expect(weigh(hypothetical, aReaderLeaningTo('resolved'))).toMatchObject({ decision: 'skip', undecided: true });
    const decommission = aThread('Done', 'The old admin panel goes away next quarter; until then it sits behind the VPN and nobody touches it.');
    expect(classifyClosure(decommission)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(decommission, aReaderLeaningTo('accepted_risk')).decision).toBe('accepted_risk');
    expect(weigh(decommission, aReaderLeaningTo('resolved'))).toMatchObject({ decision: 'skip', undecided: true });
    const conditional = aThread('Done', 'The admin panel stays as it is once Marta signs the exception form.');
    expect(classifyClosure(conditional)).toMatchObject({ decision: 'skip', undecided: true });
    expect(weigh(conditional, aReaderLeaningTo('accepted_risk'))).toMatchObject({ decision: 'skip', undecided: true });
  });

  it('finds the open markers in each language', () => {
    expect(openMarker('will fix once the new gateway is deployed')).toBeDefined();
    expect(openMarker('wird behoben, sobald das neue Gateway ausgerollt ist')).toBeDefined();
    expect(openMarker('on va corriger ça la semaine prochaine')).toBeDefined();
    expect(openMarker('estamos atualizando a imagem')).toBeDefined();
    expect(openMarker('The sha1 only builds the ETag for static files on the CDN.')).toBeUndefined();
    expect(openMarker('Removed the debug endpoint and redeployed; it answers 404 now.')).toBeUndefined();
  });
});

describe('closure triage with the shipped reader', () => {
  it('reads rationales and changes written without outcome words that the rules miss', () => {
    const german = aThread('Done', 'Das MD5 im Vorschau-Cache ist nur der Schlüssel für Thumbnails, mit Passwörtern hat das null zu tun.');
    expect(classifyClosure(german)).toMatchObject({ decision: 'skip', undecided: true });
    expect(triageClosure(german)).toMatchObject({ decision: 'false_positive', evidence: { source: 'comment' } });
    const generated = aThread('Done', 'That exec only runs inside the protoc-generated descriptor with static data, nobody edits that file by hand.');
    expect(classifyClosure(generated)).toMatchObject({ decision: 'skip', undecided: true });
    expect(triageClosure(generated).decision).toBe('false_positive');
  });

  it('keeps intent, conditions and questions undecided', () => {
    for (const text of ['Upgrading lodash to 4.17.21 now.', 'We will accept the risk once the exception is approved.', 'Exception pending CISO approval.']) {
      expect(triageClosure(aThread('Done', text)).decision).toBe('skip');
    }
  });
});

describe('closure triage with the learned reader: a decision the reader reads as another outcome', () => {
  // The rules read "upgraded" as a fix; the comment decides to live with what is left.
  const misread = aTriageInput({ comments: [person('dev', 'Upgraded the base image. The remaining openssl CVE has no fix upstream, so we keep it.', '1')] });
  const sureOfRisk = { resolved: 0.05, false_positive: 0.03, accepted_risk: 0.85, skip: 0.07 };

  it('is decided as the reader\'s outcome when it is sure, naming what the rules read', () => {
    const ruled = classifyClosure(misread);
    expect(ruled.decision).not.toBe('skip');
    expect(ruled.decision).not.toBe('accepted_risk');
    expect(READER_OVERRULES_FROM).toBeLessThanOrEqual(sureOfRisk.accepted_risk);
    const result = weigh(misread, aReaderGiving(sureOfRisk));
    expect(result).toMatchObject({ decision: 'accepted_risk', evidence: { source: 'comment', commentId: '1', author: 'Dev' } });
    expect(result.evidence.explanation).toContain('The rules read');
    expect(result.evidence.explanation).toContain('which the learned reader does not confirm');
  });

  it('stays skipped when the reader is less sure, or the outcome contradicts a specific resolution', () => {
    const lessSure = { resolved: 0.05, false_positive: 0.03, accepted_risk: 0.75, skip: 0.17 };
    expect(weigh(misread, aReaderGiving(lessSure)).decision).toBe('skip');
    expect(weigh({ ...misread, resolution: 'False Positive' }, aReaderGiving(sureOfRisk)).decision).toBe('skip');
  });

  it('never reads an outcome some human comment denies in so many words, even an earlier one', () => {
    const denied = aTriageInput({
      comments: [
        person('sec', 'This is not a false positive: the path comes straight from the query string.', '1'),
        person('dev', 'Switched the handler to the safe join helper and deployed it.', '2'),
      ],
    });
    expect(classifyClosure(denied).decision).toBe('resolved');
    const sureOfFalsePositive = { resolved: 0.05, false_positive: 0.9, accepted_risk: 0.02, skip: 0.03 };
    expect(weigh(denied, aReaderGiving(sureOfFalsePositive)).decision).toBe('skip');
  });
});

describe('closure triage: comments that only arrange the work', () => {
  const unsure = aReaderLeaningTo('skip', 6);

  it('lets a specific resolution decide alone when every human comment is small talk, whatever the reader says', () => {
    const arranged = aTriageInput({
      resolution: "Won't Fix",
      comments: [person('sec', '@Dev can you pick this one up after standup?', '1'), person('dev', 'ack, on it once INC-4410 is over', '2')],
    });
    const decided = weigh(arranged, unsure);
    expect(decided.decision).toBe('accepted_risk');
    expect(decided.evidence.explanation).toContain('only arrange the work');
    const handedOver = aTriageInput({ resolution: 'Not a Bug', comments: [person('sec', '¿lo podés mirar mañana?', '1'), person('dev', 'era, agora é do squad de pagamentos', '2')] });
    expect(weigh(handedOver, unsure).decision).toBe('false_positive');
  });

  it('still asks the reader when a comment names anything of the finding, or is in a script the rules do not read', () => {
    const said = aTriageInput({ resolution: "Won't Fix", comments: [person('dev', 'Looked again, the template escapes it anyway.', '1')] });
    expect(weigh(said, unsure).decision).toBe('skip');
    const versioned = aTriageInput({ resolution: 'Not a Bug', comments: [person('dev', 'Looking after lunch, it is on 4.2.1 anyway.', '1')] });
    expect(weigh(versioned, unsure).decision).toBe('skip');
    const unread = aTriageInput({ resolution: 'Not a Bug', comments: [person('dev', '파일명 검증을 추가해서 패치했습니다.', '1')] });
    expect(weigh(unread, unsure).decision).toBe('skip');
  });

  it('does not let small talk under a generic resolution decide anything', () => {
    const generic = aTriageInput({ resolution: 'Done', comments: [person('sec', '@Dev can you pick this one up after standup?', '1'), person('dev', 'ack, on it', '2')] });
    expect(weigh(generic, unsure).decision).toBe('skip');
  });
});

describe('closure triage: round 27 (a flat "no" that ends the thread, an investigation still to do)', () => {
  const sureOfRisk = { resolved: 0.02, false_positive: 0.02, accepted_risk: 0.95, skip: 0.01 };
  const sureOfFalsePositive = { resolved: 0.02, false_positive: 0.9, accepted_risk: 0.02, skip: 0.06 };

  it('leaves a latest reply that opens with "no" to the rules, however sure the reader is', () => {
    const refused = aTriageInput({ comments: [person('lead', "won't fix, accept it.", '1'), person('cto', "no. we're fixing this in Q2, not accepting it.", '2')] });
    expect(classifyClosure(refused).decision).toBe('skip');
    expect(weigh(refused, aReaderGiving(sureOfRisk)).decision).toBe('skip');
  });

  it('keeps a challenged false positive open when its claimant answers that they need to dig into it', () => {
    const challenged = aTriageInput({
      comments: [
        person('dev', 'Not a bug: the fetch helper only talks to allowlisted hosts, so no SSRF.', '1'),
        person('sec', 'The allowlist checks the hostname, then DNS resolves again on connect. Rebinding an allowed name to 127.0.0.1 reaches the debug port.', '2'),
        person('dev', 'hmm. fair point, I need to dig into that.', '3'),
      ],
    });
    expect(weigh(challenged, aReaderGiving(sureOfFalsePositive)).decision).toBe('skip');
    expect(openMarker('fair point, I need to dig into that')).toBeDefined();
    expect(openMarker('The helper only talks to allowlisted hosts.')).toBeUndefined();
  });
});

describe('closure triage: round 30 (a plan laid out, the old state kept until then)', () => {
  const sureOfFix = { resolved: 0.9, false_positive: 0.02, accepted_risk: 0.02, skip: 0.06 };

  it('keeps a comment headed "Plan:" open to a fix, however sure the reader is', () => {
    const planned = aTriageInput({ resolution: 'Fixed', comments: [person('dev', 'Plan: express naar 4.19.2 zodra de regressietests groen zijn.', '1')] });
    expect(weigh(planned, aReaderGiving(sureOfFix)).decision).toBe('skip');
    expect(openMarker('Plan: bump express to 4.19.2 after the freeze.')).toBeDefined();
    expect(openMarker('The plan worked: express is on 4.19.2 in prod.')).toBeUndefined();
  });

  it('reads the old state kept "until then" as work still ahead, in several languages', () => {
    expect(openMarker('Tot dan blijft 4.17 draaien.')).toBeDefined();
    expect(openMarker('Bis dahin läuft die alte Version weiter.')).toBeDefined();
    expect(openMarker("Jusque-là, l'ancienne image reste en service.")).toBeDefined();
    expect(openMarker('Until then the old pod stays on 2.3.')).toBeDefined();
    expect(openMarker('Patched in 2.4 on Monday; until then the WAF rule covered it.')).toBeUndefined();
  });
});

describe('closure triage: round 32 (a count of services short of all, with an article)', () => {
  it('keeps "3 van de 5 services" open to a fix, however sure the reader is', () => {
    expect(openMarker('3 van de 5 services draaien nu met log4j 2.17.2, de andere twee nog niet.')).toBeDefined();
    expect(openMarker('5 van de 5 services draaien nu met log4j 2.17.2.')).toBeUndefined();
  });
});
