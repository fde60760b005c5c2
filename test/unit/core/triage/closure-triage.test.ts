import { classifyClosure } from '../../../../src/core/triage/closure-classifier';
import {
  openMarker,
  READER_DECIDES_FROM,
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

  it('never turns a skip the rules chose (a challenged claim) into a decision', () => {
    const challenged = aTriageInput({
      comments: [
        aComment('Patched in PR #412 and deployed.', { author: { accountId: 'dev', displayName: 'Dev', accountType: 'atlassian' } }),
        aComment('Are you sure? The scan from this morning still flags /export.', { author: { accountId: 'sec', displayName: 'Sec', accountType: 'atlassian' } }),
      ],
    });
    const ruled = classifyClosure(challenged);
    expect(ruled.decision).toBe('skip');
    expect(ruled.undecided).toBeUndefined();
    expect(weigh(challenged, aReaderLeaningTo('resolved', 6))).toEqual(ruled);
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

  it('skips when the reader puts its weight on another outcome', () => {
    expect(weigh(fixed, aReaderLeaningTo('accepted_risk')).decision).toBe('skip');
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
