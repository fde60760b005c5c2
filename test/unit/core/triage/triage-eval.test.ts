import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { classifyClosure } from '../../../../src/core/triage/closure-classifier';
import { triageClosure } from '../../../../src/core/triage/closure-triage';
import {
  TRIAGE_DECISIONS,
  type TriageDecision,
  type TriageInput,
  type TriageResult,
  triageInputSchema,
} from '../../../../src/core/triage/triage-types';

/**
 * Accuracy on the labelled sets. Precision counts only decided cases (anything but skip);
 * coverage is the share of cases whose label is not skip that got a decision.
 * dev.jsonl is split deterministically by id parity and each half is held to the bar. Honest
 * caveat: the cue lexicon was written after reading all of dev.jsonl, so both halves are
 * in-sample. extra*.jsonl hold new phrasings written after the classifier, each scored once
 * before any change made after seeing it: extra 0.931 precision / 0.933 coverage, extra2
 * 0.913 / 0.955, extra3 0.889 / 0.842, extra4 1.000 / 0.778, extra5 0.909 / 0.588. Later general changes (comment-level doubt, attribution
 * verbs, disputes that outweigh weak outcomes, more cue synonyms) were informed by their misses,
 * so they are no longer clean; they keep a regression floor, not the target.
 *
 * holdout-a.jsonl and holdout-b.jsonl (70 cases each) were written and committed before the
 * classifier code was read. Untouched first run: holdout-a 0.955 precision / 0.792 coverage,
 * holdout-b 0.936 / 0.833. The next round of general changes (quotes masked before clause
 * splitting, disputes that deny only the outcomes they contradict and win when said last, partial
 * fixes, "not … yet", one-letter typo slips, "nothing"/"nobody" as negation) was tuned on
 * holdout-a's misses only (after: 1.000 / 0.981, so in-sample now). holdout-b was then scored
 * once, as the held-out estimate: 0.978 / 0.815. Its misses are deliberately not printed, so the
 * set stays usable as a held-out check; re-scoring it after tuning on it would make it in-sample.
 *
 * holdout-c.jsonl and holdout-d.jsonl (80 cases each, ~20% skip; terse shorthand, manager prose,
 * non-native English, mixed-language fragments, bullet lists, inline code and diffs, PR/MR/commit
 * and Dependabot links, automation closures, duplicates, WAF/flag/network-policy mitigations,
 * test-only code, sample data, dated sign-offs) were written and committed before this round read
 * the classifier. Untouched first run: holdout-c 0.983 / 0.891, holdout-d 0.982 / 0.875. The next
 * round (completion with "has been", fix in an MR, retest passed, dead code / no route to it,
 * "no fix needed", "wontfix", risk register / risk review, known-and-accepted, tolerated risk,
 * lemma families such as corrected/solved/patch applied/change is live, tense slips after an
 * auxiliary ("has been correct"), translated won't-fix / not-a-vulnerability and foreign negation
 * words, "reverting" and "Correction:" as disputes) was tuned on holdout-c's misses and on phrasings
 * written for the purpose, never on holdout-d (after: holdout-c 1.000 / 1.000, in-sample now).
 * holdout-d was then scored once: 0.983 / 0.891. Its misses are not printed.
 */
const labelledCaseSchema = triageInputSchema.extend({
  id: z.string(),
  expected: z.enum(TRIAGE_DECISIONS),
  why: z.string(),
});
type LabelledCase = z.infer<typeof labelledCaseSchema>;

function loadCases(name: string): LabelledCase[] {
  const text = readFileSync(join(__dirname, '../../../fixtures/triage', name), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => labelledCaseSchema.parse(JSON.parse(line)));
}

interface Score {
  precision: number;
  coverage: number;
  decided: number;
  decidable: number;
  wrong: string[];
}

function scoreCases(cases: LabelledCase[], classify: (input: TriageInput) => TriageResult = classifyClosure): Score {
  let decided = 0;
  let correct = 0;
  let decidable = 0;
  let covered = 0;
  const wrong: string[] = [];
  for (const { id, expected, why: _why, ...input } of cases) {
    const decision: TriageDecision = classify(input).decision;
    if (decision !== 'skip') decided += 1;
    if (decision !== 'skip' && decision === expected) correct += 1;
    if (expected !== 'skip') {
      decidable += 1;
      if (decision !== 'skip') covered += 1;
    }
    if (decision !== expected) wrong.push(`${id}: expected ${expected}, got ${decision}`);
  }
  return {
    precision: decided === 0 ? 1 : correct / decided,
    coverage: decidable === 0 ? 1 : covered / decidable,
    decided,
    decidable,
    wrong,
  };
}

function formatScore(name: string, score: Score, showMisses = true): string {
  return `${name}: precision ${score.precision.toFixed(3)} on ${score.decided} decided, coverage ${score.coverage.toFixed(3)} of ${score.decidable} decidable${showMisses && score.wrong.length > 0 ? `\n    misses: ${score.wrong.join('; ')}` : ''}`;
}

interface Floor {
  name: string;
  precision: number;
  coverage: number;
}

/** Each named set (≥ 70 cases) keeps at least the precision and coverage it was measured at. */
function expectFloors(floors: readonly Floor[], classify: (input: TriageInput) => TriageResult, label: string): void {
  for (const floor of floors) {
    const cases = loadCases(`${floor.name}.jsonl`);
    const score = scoreCases(cases, classify);
    process.stdout.write(`  ${formatScore(`${floor.name} (${label})`, score, false)}\n`);
    expect({
      name: floor.name,
      size: cases.length >= 70,
      precision: score.precision >= floor.precision,
      coverage: score.coverage >= floor.coverage,
    }).toEqual({ name: floor.name, size: true, precision: true, coverage: true });
  }
}

const isOddId = (c: LabelledCase): boolean => Number(c.id.replace(/\D/g, '')) % 2 === 1;

// The rules alone (classifyClosure): their floors keep the structure from regressing underneath
// the learned reader. What the app decides is triageClosure, scored further below.
describe('closure triage on labelled sets', () => {
  const dev = loadCases('dev.jsonl');
  const extra = loadCases('extra.jsonl');
  const extra2 = loadCases('extra2.jsonl');
  const extra3 = loadCases('extra3.jsonl');
  const extra4 = loadCases('extra4.jsonl');
  const extra5 = loadCases('extra5.jsonl');
  const holdoutA = loadCases('holdout-a.jsonl');
  const holdoutB = loadCases('holdout-b.jsonl');
  const holdoutC = loadCases('holdout-c.jsonl');
  const holdoutD = loadCases('holdout-d.jsonl');
  // Tuning sets written blind by people who never saw the classifier (issue 16); the clause
  // structure and speech-act tables were then tuned on their misses, so they are in-sample now.
  const tuneA = loadCases('tune-a.jsonl');
  const tuneB = loadCases('tune-b.jsonl');
  // The four blind sets of issue 16's first round (spent: tuned on in round 2) and the tuning
  // engineer's own probes from round 2 (each scored once before it was tuned on; see docs/triage.md).
  const spentAndProbes = [
    'blind-terse-ops',
    'blind-long-rationale',
    'blind-multilingual',
    'blind-threads',
    'self-probe-1',
    'self-probe-2',
    'self-probe-3',
    'self-probe-4',
    'self-probe-5',
    'self-probe-6',
    'self-probe-7',
    'self-probe-8',
    'self-probe-9',
    'self-probe-10',
  ].map((name) => ({ name, cases: loadCases(`${name}.jsonl`) }));
  const scores = {
    dev: scoreCases(dev),
    tuneHalf: scoreCases(dev.filter(isOddId)),
    heldHalf: scoreCases(dev.filter((c) => !isOddId(c))),
    extra: scoreCases(extra),
    extra2: scoreCases(extra2),
    extra3: scoreCases(extra3),
    extra4: scoreCases(extra4),
    extra5: scoreCases(extra5),
    holdoutA: scoreCases(holdoutA),
    holdoutB: scoreCases(holdoutB),
    holdoutC: scoreCases(holdoutC),
    holdoutD: scoreCases(holdoutD),
    tuneA: scoreCases(tuneA),
    tuneB: scoreCases(tuneB),
  };
  const roundTwo = spentAndProbes.map(({ name, cases }) => ({
    name,
    size: cases.length,
    score: scoreCases(cases),
  }));

  beforeAll(() => {
    process.stdout.write(
      `closure triage evaluation\n  ${formatScore('dev (all)', scores.dev)}\n  ${formatScore('dev odd ids', scores.tuneHalf)}\n  ${formatScore('dev even ids', scores.heldHalf)}\n  ${formatScore('extra (new phrasings)', scores.extra)}\n  ${formatScore('extra2 (new phrasings)', scores.extra2)}\n  ${formatScore('extra3 (new phrasings)', scores.extra3)}\n  ${formatScore('extra4 (new phrasings)', scores.extra4)}\n  ${formatScore('extra5 (new phrasings)', scores.extra5)}\n  ${formatScore('holdout-a (tuned on)', scores.holdoutA)}\n  ${formatScore('holdout-b (held out, misses hidden)', scores.holdoutB, false)}\n  ${formatScore('holdout-c (tuned on)', scores.holdoutC)}\n  ${formatScore('holdout-d (held out, misses hidden)', scores.holdoutD, false)}\n  ${formatScore('tune-a (blind-written, tuned on)', scores.tuneA)}\n  ${formatScore('tune-b (blind-written, tuned on)', scores.tuneB)}\n${roundTwo.map(({ name, score }) => `  ${formatScore(`${name} (tuned on)`, score)}\n`).join('')}`,
    );
  });

  it('loads every labelled case', () => {
    expect(dev).toHaveLength(80);
    expect(extra.length).toBeGreaterThanOrEqual(40);
    expect(extra2.length).toBeGreaterThanOrEqual(30);
    expect(extra3.length).toBeGreaterThanOrEqual(30);
    expect(extra4.length).toBeGreaterThanOrEqual(25);
    expect(extra5.length).toBeGreaterThanOrEqual(24);
    expect(holdoutA).toHaveLength(70);
    expect(holdoutB).toHaveLength(70);
    expect(holdoutC).toHaveLength(80);
    expect(holdoutD).toHaveLength(80);
    expect(tuneA.length).toBeGreaterThanOrEqual(60);
    expect(tuneB.length).toBeGreaterThanOrEqual(60);
  });

  it('reaches the issue 16 bar on the blind-written tuning sets it was tuned on', () => {
    // Before the clause-structure rules: tune-a 0.943 / 0.786, tune-b 0.926 / 0.595.
    for (const set of [scores.tuneA, scores.tuneB]) {
      expect(set.precision).toBeGreaterThanOrEqual(0.97);
      expect(set.coverage).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('reaches the issue 16 bar on the spent blind sets and the round-2 probes it was tuned on', () => {
    // Round-1 blind results, before round 2: terse-ops 1.000 / 0.800, long-rationale 0.950 / 0.867,
    // multilingual 0.881 / 0.822, threads 0.932 / 0.932. Probes before tuning: 0.920 / 0.885,
    // 0.929 / 0.765, 0.893 / 0.806, 0.818 / 0.857, 0.875 / 0.700, 0.917 / 0.688,
    // 0.714 / 0.769, 0.900 / 0.750, 0.900 / 0.692, 1.000 / 0.667.
    for (const { name, size, score } of roundTwo) {
      expect({
        name,
        size: size >= 20,
        precision: score.precision >= 0.97,
        coverage: score.coverage >= 0.85,
      }).toEqual({ name, size: true, precision: true, coverage: true });
    }
  });

  it('keeps at least what it reached on the round-2 blind sets, measured once (the issue 16 bar is not met there)', () => {
    // Written in session 3 by four people who never saw the classifier, each case labelled by a
    // second person on their own (324 of 324 agreed), and scored once by the lead on main before
    // round 2 and once after it (docs/triage.md). They are spent now: a floor, not an estimate.
    const floors: Floor[] = [
      { name: 'blind2-ops2', precision: 37 / 40, coverage: 37 / 54 },
      { name: 'blind2-longform2', precision: 46 / 50, coverage: 47 / 56 },
      // Round 17 (rules alone): "Risikoübernahme … ist unterschrieben" now reads as the acceptance it
      // is, beside the fix the rules misread in the same comment, so ml2-015 went from a wrong fix to
      // a skip (the app, with the reader, decides it right): one decision fewer, one wrong fewer.
      { name: 'blind2-multilingual2', precision: 39 / 44, coverage: 41 / 55 },
      { name: 'blind2-threads2', precision: 39 / 45, coverage: 40 / 55 },
    ];
    // Round 3's sets (blind3-*), written and double-labelled the same way later in session 3
    // (311 of 318 labels agreed; the 7 disagreements, all "deferred fix without an explicit
    // acceptance", are left out), scored once on round 2's rules: a second blind measurement.
    floors.push(
      { name: 'blind3-ops3', precision: 44 / 47, coverage: 45 / 53 },
      { name: 'blind3-longform3', precision: 45 / 46, coverage: 46 / 53 },
      { name: 'blind3-multilingual3', precision: 42 / 45, coverage: 42 / 59 },
      { name: 'blind3-threads3', precision: 37 / 41, coverage: 38 / 54 },
    );
    expectFloors(floors, classifyClosure, 'round-2 blind, spent');
  });

  it('meets precision ≥ 0.97 and coverage ≥ 0.85 on the dev set', () => {
    expect(scores.dev.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.dev.coverage).toBeGreaterThanOrEqual(0.85);
  });

  it('meets the same bar on each dev half', () => {
    for (const half of [scores.tuneHalf, scores.heldHalf]) {
      expect(half.precision).toBeGreaterThanOrEqual(0.97);
      expect(half.coverage).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('stays above the regression floor on the extra sets', () => {
    for (const set of [scores.extra, scores.extra2, scores.extra3, scores.extra4, scores.extra5]) {
      expect(set.precision).toBeGreaterThanOrEqual(0.9);
      expect(set.coverage).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('stays at what it honestly reaches on the hold-out sets', () => {
    // holdout-a: 1.000 / 0.981 after tuning on it. holdout-b: 0.978 / 0.815 on its one held-out run.
    expect(scores.holdoutA.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.holdoutA.coverage).toBeGreaterThanOrEqual(0.95);
    expect(scores.holdoutB.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.holdoutB.coverage).toBeGreaterThanOrEqual(0.8);
    // holdout-c: 1.000 / 1.000 after tuning on it. holdout-d: 0.983 / 0.891 on its one held-out run.
    expect(scores.holdoutC.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.holdoutC.coverage).toBeGreaterThanOrEqual(0.95);
    expect(scores.holdoutD.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.holdoutD.coverage).toBeGreaterThanOrEqual(0.85);
  });
});

/**
 * What the app decides: the rules weighed against the learned reader (closure-triage.ts). The
 * reader was trained on every set in reader-training-sets.json, so on those sets this measures
 * nothing about unseen text; it only checks that training took. The honest numbers are each blind
 * set's one measurement before it was trained on, kept below as floors with the round that made
 * it (blind16-* … blind40-* trained on since round 19, blind41-* … blind44-* since round 20, blind45-* and blind46-* since round 21, blind47-* and blind48-* since round 22, blind49-* and blind50-* since round 23, blind51-* and blind52-* since round 24, blind53-* and blind54-* since round 25, blind55-* and blind56-* since round 26, blind57-* and blind58-* since round 27, blind59-* and blind60-* since round 28, blind61-* and blind62-* since round 29, blind63-* and blind64-* since round 30, blind65-* and blind66-* since round 31, blind67-* and blind68-* since round 32, blind69-* and blind70-* since round 33, blind71-* and blind72-* since round 34; docs/triage.md).
 */
describe('closure triage as the app runs it (rules and learned reader)', () => {
  const trainingSets = (JSON.parse(readFileSync(join(__dirname, '../../../fixtures/triage/reader-training-sets.json'), 'utf8')) as { sets: string[] }).sets;

  it('keeps the dev set at its level', () => {
    const dev = loadCases('dev.jsonl');
    const score = scoreCases(dev, triageClosure);
    expect(score.precision).toBeGreaterThanOrEqual(0.97);
    expect(score.coverage).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps precision at 0.97 or more on every training set (in-sample: it only shows training took)', () => {
    for (const name of trainingSets) {
      const score = scoreCases(loadCases(name), triageClosure);
      expect({ name, precision: score.precision >= 0.97 }).toEqual({ name, precision: true });
    }
  });

  /**
   * Spent blind sets keep what they reached when measured once. Since round 19 the reader trains on
   * them too (docs/triage.md): the floors now guard against a regression, they no longer measure
   * unseen text. The newest blind sets, which must never be trained on, are checked in
   * learned-reader.test.ts.
   */
  function itKeepsBlindFloors(title: string, floors: readonly Floor[], label: string, trainedOn: boolean): void {
    it(title, () => {
      for (const floor of floors) expect(trainingSets.includes(`${floor.name}.jsonl`)).toBe(trainedOn);
      expectFloors(floors, triageClosure, label);
    });
  }
  function itKeepsSpentBlindFloors(title: string, floors: readonly Floor[], label: string): void {
    itKeepsBlindFloors(title, floors, label, true);
  }

  // Each blind16 set was written and double-labelled before round 10 changed anything (319 of
  // 319 labels agreed), never trained on, and scored once with round 9's model ("before") and
  // once with the model shipped here ("after"). blind13-* to blind15-*, round 9's blind sets, are
  // training sets now. Rules alone after: ops16 0.942 / 0.891, longform16 0.906 / 0.873,
  // multilingual16 0.962 / 0.927, threads16 0.957 / 0.789. Before: ops16 0.981 / 0.964,
  // longform16 0.961 / 0.891, multilingual16 1.000 / 0.945, threads16 0.980 / 0.860. After (the
  // floors): both bars on all four.
  const roundTenFloors: Floor[] = [
    { name: 'blind16-ops16', precision: 53 / 54, coverage: 53 / 55 },
    { name: 'blind16-longform16', precision: 49 / 50, coverage: 49 / 55 },
    { name: 'blind16-multilingual16', precision: 52 / 52, coverage: 52 / 55 },
    { name: 'blind16-threads16', precision: 49 / 50, coverage: 49 / 57 },
    // A second blind measurement: blind17-* was written and double-labelled by eight more people
    // while round 10 was being built (319 of 319 labels agreed), kept unscored until the model
    // was final, then scored once with it (and, for comparison only, once with round 9). Rules
    // alone: ops17 0.975 / 0.736, longform17 0.927 / 0.850, multilingual17 0.945 / 0.912,
    // threads17 0.957 / 0.815. Round 9: ops17 0.978 / 0.830, longform17 0.963 / 0.867,
    // multilingual17 and threads17 as below.
    { name: 'blind17-ops17', precision: 42 / 43, coverage: 42 / 53 },
    { name: 'blind17-longform17', precision: 54 / 56, coverage: 54 / 60 },
    { name: 'blind17-multilingual17', precision: 52 / 52, coverage: 52 / 57 },
    { name: 'blind17-threads17', precision: 45 / 46, coverage: 45 / 54 },
    // A third: blind18-* was written and double-labelled by eight more people after round 10's
    // model was committed (311 of 311 labels agreed) and scored once with it. Rules alone: ops18
    // 0.917 / 0.830, longform18 0.864 / 0.911, multilingual18 0.922 / 0.870, threads18
    // 0.927 / 0.717. Round 9 on the same sets: ops18 0.980 / 0.906, longform18 0.929 / 0.929,
    // multilingual18 0.958 / 0.852, threads18 0.956 / 0.811.
    { name: 'blind18-ops18', precision: 47 / 49, coverage: 47 / 53 },
    { name: 'blind18-longform18', precision: 53 / 56, coverage: 53 / 56 },
    { name: 'blind18-multilingual18', precision: 46 / 48, coverage: 46 / 54 },
    { name: 'blind18-threads18', precision: 44 / 44, coverage: 44 / 53 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-10 blind sets, measured once', roundTenFloors, 'round-10 blind, spent');

  // Round 11. blind19-* was written and double-labelled by eight people who never saw the code
  // before round 11 changed anything (327 of 328 labels agreed; the one disagreement is left out),
  // scored once with round 10's model ("before") and once with the model shipped here ("after").
  // Before: ops19 1.000 / 0.933, longform19 1.000 / 0.907, multilingual19 0.952 / 0.968,
  // threads19 1.000 / 0.792. Rules alone after: ops19 0.964 / 0.900, longform19 0.980 / 0.889,
  // multilingual19 0.952 / 0.968, threads19 0.929 / 0.736. After (the floors):
  const roundElevenFloors: Floor[] = [
    { name: 'blind19-ops19', precision: 57 / 57, coverage: 57 / 60 },
    { name: 'blind19-longform19', precision: 51 / 51, coverage: 51 / 54 },
    { name: 'blind19-multilingual19', precision: 60 / 63, coverage: 60 / 62 },
    { name: 'blind19-threads19', precision: 41 / 41, coverage: 41 / 53 },
    // A second: blind20-* was written and double-labelled by eight more people while round 11 was
    // built (317 of 317 labels agreed), unscored until round 11's second step was committed, then
    // scored once with it (and, for comparison only, once with round 10). Rules alone: ops20
    // 0.935 / 0.754, longform20 0.889 / 0.755, multilingual20 0.875 / 0.845, threads20
    // 0.822 / 0.698. Round 10: ops20 0.980 / 0.877, longform20 0.979 / 0.868, multilingual20
    // 0.964 / 0.914, threads20 0.909 / 0.755.
    { name: 'blind20-ops20', precision: 51 / 52, coverage: 51 / 57 },
    { name: 'blind20-longform20', precision: 48 / 49, coverage: 48 / 53 },
    { name: 'blind20-multilingual20', precision: 53 / 55, coverage: 53 / 58 },
    { name: 'blind20-threads20', precision: 41 / 45, coverage: 41 / 53 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-11 blind sets, measured once', roundElevenFloors, 'round-11 blind, spent');

  // Round 12: blind21-* and blind22-* were written and double-labelled by sixteen people who never
  // saw the code (blind21 324 of 324 labels agreed; blind22 321 of 322, the disagreement left
  // out). blind21 was written before round 12 changed anything and blind22 while it was built;
  // both were scored once with round 11 ("before") and once with round 12's committed model
  // ("after"), and nothing was read from them before. Before = after on every set except rules
  // alone on threads22 (0.925 → 0.942, one wrong decision fewer). Rules alone: ops21 0.900 /
  // 0.849, longform21 0.946 / 0.930, multilingual21 0.927 / 0.864, threads21 0.949 / 0.661,
  // ops22 0.918 / 0.804, longform22 0.939 / 0.868, multilingual22 0.926 / 0.893, threads22
  // 0.942 / 0.803. After (the floors):
  const roundTwelveFloors: Floor[] = [
    { name: 'blind21-ops21', precision: 46 / 47, coverage: 46 / 53 },
    { name: 'blind21-longform21', precision: 56 / 56, coverage: 56 / 57 },
    { name: 'blind21-multilingual21', precision: 50 / 52, coverage: 50 / 59 },
    { name: 'blind21-threads21', precision: 42 / 42, coverage: 42 / 56 },
    { name: 'blind22-ops22', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind22-longform22', precision: 47 / 49, coverage: 47 / 53 },
    { name: 'blind22-multilingual22', precision: 55 / 56, coverage: 55 / 56 },
    { name: 'blind22-threads22', precision: 53 / 54, coverage: 53 / 61 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-12 blind sets, measured once', roundTwelveFloors, 'round-12 blind, spent');

  // Round 13: blind23-* and blind24-* were written and double-labelled by sixteen people who never
  // saw the code (649 of 649 labels agreed) before round 13 changed anything, scored once with
  // round 12 ("before", totals only) and once with round 13's committed model ("after"). Before:
  // ops23 0.963 / 0.929, longform23 0.982 / 0.949, multilingual23 0.981 / 0.852, threads23
  // 1.000 / 0.893, ops24 1.000 / 0.927, longform24 0.944 / 0.944, multilingual24 0.980 / 0.875,
  // threads24 0.980 / 0.925. Rules alone after: ops23 0.960 / 0.857, longform23 0.965 / 0.932,
  // multilingual23 0.961 / 0.803, threads23 0.918 / 0.804, ops24 1.000 / 0.873, longform24
  // 0.920 / 0.852, multilingual24 0.920 / 0.821, threads24 0.959 / 0.887. After (the floors):
  const roundThirteenFloors: Floor[] = [
    { name: 'blind23-ops23', precision: 53 / 55, coverage: 53 / 56 },
    { name: 'blind23-longform23', precision: 56 / 57, coverage: 56 / 59 },
    { name: 'blind23-multilingual23', precision: 52 / 53, coverage: 52 / 61 },
    { name: 'blind23-threads23', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind24-ops24', precision: 52 / 52, coverage: 52 / 55 },
    { name: 'blind24-longform24', precision: 51 / 54, coverage: 51 / 54 },
    { name: 'blind24-multilingual24', precision: 49 / 50, coverage: 49 / 56 },
    { name: 'blind24-threads24', precision: 49 / 50, coverage: 49 / 53 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-13 blind sets, measured once', roundThirteenFloors, 'round-13 blind, spent');

  // Round 14: blind25-* and blind26-* were written and double-labelled by sixteen people who never
  // saw the code (654 of 654 labels agreed) and scored once with the shipped model (round 13 and
  // its 'prd' step, 8711cd6) before anything changed. Rules alone: ops25 0.981 / 0.945, longform25
  // 0.932 / 0.965, multilingual25 0.948 / 0.932, threads25 0.904 / 0.870, ops26 0.980 / 0.857,
  // longform26 0.893 / 0.847, multilingual26 0.949 / 0.918, threads26 0.980 / 0.873. The app (the
  // floors):
  const roundFourteenFloors: Floor[] = [
    { name: 'blind25-ops25', precision: 53 / 53, coverage: 53 / 55 },
    { name: 'blind25-longform25', precision: 55 / 56, coverage: 55 / 57 },
    { name: 'blind25-multilingual25', precision: 56 / 57, coverage: 56 / 59 },
    { name: 'blind25-threads25', precision: 48 / 49, coverage: 48 / 54 },
    { name: 'blind26-ops26', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind26-longform26', precision: 53 / 54, coverage: 53 / 59 },
    { name: 'blind26-multilingual26', precision: 59 / 60, coverage: 59 / 61 },
    { name: 'blind26-threads26', precision: 50 / 50, coverage: 50 / 55 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-14 blind sets, measured once', roundFourteenFloors, 'round-14 blind, spent');

  // Round 14's own measurement: blind27-* and blind28-* were written and double-labelled the same
  // way (654 of 656 labels agreed; the two disagreements are left out) before round 14 changed
  // anything, scored once with the model before it (8711cd6, totals only) and once with round 14's
  // committed model. Before: ops27 0.981 / 0.897, longform27 0.982 / 0.982, multilingual27
  // 1.000 / 0.929, threads27 1.000 / 0.833, ops28 1.000 / 0.966, longform28 1.000 / 0.873,
  // multilingual28 0.962 / 0.893, threads28 0.966 / 0.891. Rules alone after: ops27 0.922 / 0.810,
  // longform27 0.963 / 0.929, multilingual27 0.923 / 0.857, threads27 1.000 / 0.833, ops28
  // 0.981 / 0.897, longform28 0.958 / 0.836, multilingual28 0.980 / 0.893, threads28 0.947 / 0.844.
  // After (the floors):
  const roundFourteenAfterFloors: Floor[] = [
    { name: 'blind27-ops27', precision: 51 / 52, coverage: 51 / 58 },
    { name: 'blind27-longform27', precision: 55 / 56, coverage: 55 / 56 },
    { name: 'blind27-multilingual27', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind27-threads27', precision: 51 / 51, coverage: 51 / 60 },
    { name: 'blind28-ops28', precision: 56 / 56, coverage: 56 / 58 },
    { name: 'blind28-longform28', precision: 50 / 50, coverage: 50 / 55 },
    { name: 'blind28-multilingual28', precision: 50 / 52, coverage: 50 / 56 },
    { name: 'blind28-threads28', precision: 57 / 59, coverage: 57 / 64 },
  ];
  itKeepsSpentBlindFloors('keeps what round 14 reached on its own blind sets, measured once', roundFourteenAfterFloors, 'round-14 blind (after), spent');

  // Round 15: blind29-* and blind30-* were written and double-labelled by sixteen people who never
  // saw the code (655 of 655 labels agreed) and scored once with round 14's model (9b62824, totals
  // only) before anything changed, then once with round 15's committed model (7162727), which was
  // chosen without them: the same numbers both times. Rules alone: ops29 0.981 / 0.883, longform29
  // 0.959 / 0.887, multilingual29 0.898 / 0.914, threads29 0.917 / 0.932, ops30 0.929 / 0.897,
  // longform30 0.961 / 0.875, multilingual30 0.942 / 0.845, threads30 0.980 / 0.842. Their misses
  // were then read for round 16. The app (the floors):
  const roundFifteenFloors: Floor[] = [
    { name: 'blind29-ops29', precision: 55 / 55, coverage: 55 / 60 },
    { name: 'blind29-longform29', precision: 49 / 49, coverage: 49 / 53 },
    { name: 'blind29-multilingual29', precision: 50 / 52, coverage: 50 / 58 },
    { name: 'blind29-threads29', precision: 56 / 57, coverage: 56 / 59 },
    { name: 'blind30-ops30', precision: 56 / 56, coverage: 56 / 58 },
    { name: 'blind30-longform30', precision: 51 / 53, coverage: 51 / 56 },
    { name: 'blind30-multilingual30', precision: 54 / 54, coverage: 54 / 58 },
    { name: 'blind30-threads30', precision: 54 / 55, coverage: 54 / 57 },
  ];
  itKeepsSpentBlindFloors('keeps what it reached on the round-15 blind sets, measured once', roundFifteenFloors, 'round-15 blind, spent');

  // Round 16's own measurement: blind31-* and blind32-* were written and double-labelled the same
  // way (661 of 661 labels agreed) while round 15 was being chosen, kept unscored until it was
  // committed, scored once with it (7162727, totals only) and once with round 16's committed model
  // (b4eac24), chosen from blind29/30's misses: the same numbers both times. Rules alone: ops31
  // 0.980 / 0.845, longform31 0.981 / 0.945, multilingual31 0.930 / 0.883, threads31
  // 0.966 / 0.918, ops32 0.962 / 0.877, longform32 0.963 / 0.881, multilingual32 0.920 / 0.807,
  // threads32 0.962 / 0.893. The app (the floors):
  const roundSixteenFloors: Floor[] = [
    { name: 'blind31-ops31', precision: 54 / 54, coverage: 54 / 58 },
    { name: 'blind31-longform31', precision: 53 / 53, coverage: 53 / 55 },
    { name: 'blind31-multilingual31', precision: 56 / 57, coverage: 56 / 60 },
    { name: 'blind31-threads31', precision: 56 / 56, coverage: 56 / 61 },
    { name: 'blind32-ops32', precision: 53 / 53, coverage: 53 / 57 },
    { name: 'blind32-longform32', precision: 53 / 53, coverage: 53 / 59 },
    { name: 'blind32-multilingual32', precision: 52 / 53, coverage: 52 / 57 },
    { name: 'blind32-threads32', precision: 50 / 52, coverage: 50 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 16 reached on its own blind sets, measured once', roundSixteenFloors, 'round-16 blind (after), spent');

  // A second measurement of round 16: blind33-* and blind34-* were written and double-labelled the
  // same way (653 of 653 labels agreed) after round 16 was committed and scored once with it
  // (695775d, totals only). Rules alone: ops33 1.000 / 0.862, longform33 0.980 / 0.909,
  // multilingual33 0.936 / 0.772, threads33 0.966 / 0.919, ops34 0.913 / 0.792, longform34
  // 0.943 / 0.862, multilingual34 0.943 / 0.893, threads34 0.959 / 0.855. The app (the floors):
  const roundSixteenSecondFloors: Floor[] = [
    { name: 'blind33-ops33', precision: 54 / 54, coverage: 54 / 58 },
    { name: 'blind33-longform33', precision: 53 / 53, coverage: 53 / 55 },
    { name: 'blind33-multilingual33', precision: 46 / 46, coverage: 46 / 57 },
    { name: 'blind33-threads33', precision: 61 / 62, coverage: 61 / 62 },
    { name: 'blind34-ops34', precision: 48 / 49, coverage: 48 / 53 },
    { name: 'blind34-longform34', precision: 53 / 53, coverage: 53 / 58 },
    { name: 'blind34-multilingual34', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind34-threads34', precision: 52 / 52, coverage: 52 / 55 },
  ];
  itKeepsSpentBlindFloors('keeps what round 16 reached on a second pair of blind sets, measured once', roundSixteenSecondFloors, 'round-16 blind (second), spent');

  // Round 17's material: blind35-* and blind36-* were written and double-labelled in session 15
  // (639 of 640 labels agreed; the one disagreement is left out) and scored once with round 16 as
  // shipped (5708323) before anything changed: ops35 1.000 / 0.982, longform35 0.938 / 0.821,
  // multilingual35 0.953 / 0.732, threads35 0.979 / 0.821, ops36 0.964 / 0.946, longform36
  // 0.963 / 0.929, multilingual36 0.962 / 0.911, threads36 1.000 / 0.964. Their misses were then
  // read for round 17, so these are spent, not blind. Round 17 (the floors):
  const roundSeventeenReadFloors: Floor[] = [
    { name: 'blind35-ops35', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind35-longform35', precision: 46 / 46, coverage: 46 / 56 },
    { name: 'blind35-multilingual35', precision: 43 / 43, coverage: 43 / 56 },
    { name: 'blind35-threads35', precision: 46 / 46, coverage: 46 / 56 },
    { name: 'blind36-ops36', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind36-longform36', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind36-multilingual36', precision: 50 / 51, coverage: 51 / 56 },
    { name: 'blind36-threads36', precision: 54 / 54, coverage: 54 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 17 reached on the sets it was read from', roundSeventeenReadFloors, 'round-17 material, spent');

  // Round 17's blind measurement: blind37-* and blind38-* were written and double-labelled (640 of
  // 640 labels agreed) while round 17 was being made, kept unscored until it was committed
  // (8d60a96) and scored once with it (totals only). Rules alone: ops37 0.884 / 0.696, longform37
  // 0.881 / 0.679, multilingual37 0.926 / 0.911, threads37 0.947 / 0.643, ops38 0.922 / 0.857,
  // longform38 0.976 / 0.714, multilingual38 0.950 / 0.679, threads38 0.979 / 0.839. Their misses
  // were then read for round 18. The app (the floors):
  const roundSeventeenBlindFloors: Floor[] = [
    // Round 18, read from this set, turned both of its wrong decisions into skips: a rollout booked
    // for a date (ops37-077) and "won't get this patch", an acceptance the learned reader does not
    // confirm (ops37-031, so one decidable closure fewer is decided).
    { name: 'blind37-ops37', precision: 45 / 45, coverage: 45 / 56 },
    { name: 'blind37-longform37', precision: 40 / 40, coverage: 40 / 56 },
    { name: 'blind37-multilingual37', precision: 51 / 54, coverage: 52 / 56 },
    { name: 'blind37-threads37', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind38-ops38', precision: 49 / 51, coverage: 49 / 56 },
    { name: 'blind38-longform38', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind38-multilingual38', precision: 43 / 44, coverage: 44 / 56 },
    { name: 'blind38-threads38', precision: 51 / 51, coverage: 51 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 17 reached on its blind sets, measured once', roundSeventeenBlindFloors, 'round-17 blind, spent');

  // Round 18's blind measurement: blind39-* and blind40-* were written and double-labelled (640 of
  // 640 labels agreed) while round 18 was being made, kept unscored until it was committed
  // (7b90041) and scored once with it (totals only; round 17 gives the same numbers). Rules alone:
  // ops39 0.920 / 0.821, longform39 0.886 / 0.714, multilingual39 0.913 / 0.750, threads39
  // 0.898 / 0.786, ops40 0.958 / 0.839, longform40 0.891 / 0.750, multilingual40 0.953 / 0.732,
  // threads40 0.958 / 0.821. Their misses have not been read. The app (the floors):
  const roundEighteenBlindFloors: Floor[] = [
    { name: 'blind39-ops39', precision: 52 / 55, coverage: 52 / 56 },
    { name: 'blind39-longform39', precision: 42 / 45, coverage: 43 / 56 },
    { name: 'blind39-multilingual39', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind39-threads39', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind40-ops40', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind40-longform40', precision: 47 / 50, coverage: 47 / 56 },
    { name: 'blind40-multilingual40', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind40-threads40', precision: 48 / 50, coverage: 48 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 18 reached on its blind sets, measured once', roundEighteenBlindFloors, 'round-18 blind, spent');

  // Round 19 (the reader retrained on blind16–40, rules read from blind39/40's misses). blind41-*
  // and blind42-* were written and double-labelled while it was made (638 of 640 labels agreed,
  // longform41's two disagreements dropped), blind43-* and blind44-* right after (637 of 640: one
  // disagreement in threads43 dropped, and longform44-028 and -072, which their writer revised
  // after the second labeller had been given them). All sixteen stayed unscored until round 19 was
  // committed (4ff31c7), then were scored once with it and, in the same run, with round 18
  // (2604640). Round 18: both bars on five of blind41/42 and four of blind43/44, 17 wrong of 819.
  // Round 19 (the floors): both bars on fourteen of sixteen (longform42's coverage 0.839 and
  // multilingual44's precision 0.946 miss), 11 wrong of 821. Rules alone: 48 wrong of 762, both bars
  // on one of sixteen.
  const roundNineteenBlindFloors: Floor[] = [
    { name: 'blind41-ops41', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind41-longform41', precision: 48 / 49, coverage: 49 / 56 },
    { name: 'blind41-multilingual41', precision: 51 / 52, coverage: 51 / 56 },
    { name: 'blind41-threads41', precision: 54 / 55, coverage: 54 / 56 },
    { name: 'blind42-ops42', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind42-longform42', precision: 47 / 47, coverage: 47 / 56 },
    { name: 'blind42-multilingual42', precision: 49 / 50, coverage: 49 / 56 },
    { name: 'blind42-threads42', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind43-ops43', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind43-longform43', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind43-multilingual43', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind43-threads43', precision: 48 / 48, coverage: 48 / 55 },
    { name: 'blind44-ops44', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind44-longform44', precision: 47 / 48, coverage: 47 / 54 },
    { name: 'blind44-multilingual44', precision: 53 / 56, coverage: 53 / 56 },
    { name: 'blind44-threads44', precision: 49 / 49, coverage: 49 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 19 reached on its blind sets, measured once', roundNineteenBlindFloors, 'round-19 blind, spent');

  // Round 20 (the reader also trained on blind41–44, rules read from their eleven wrong decisions).
  // blind45-* and blind46-* were written and double-labelled (640 of 640 labels agreed) before
  // round 20 was made, kept unscored until it was committed (bb5a271), then scored once with it and,
  // in the same run, with round 19 (17c28df). Round 19: both bars on six of eight, 7 wrong of 427.
  // Round 20 (the floors): both bars on seven of eight (longform46's precision 0.965, two wrong,
  // misses), 6 wrong of 430. Rules alone: 23 wrong of 388, both bars on none.
  const roundTwentyBlindFloors: Floor[] = [
    { name: 'blind45-ops45', precision: 54 / 55, coverage: 54 / 56 },
    { name: 'blind45-longform45', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind45-multilingual45', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind45-threads45', precision: 51 / 52, coverage: 51 / 56 },
    { name: 'blind46-ops46', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind46-longform46', precision: 55 / 57, coverage: 55 / 56 },
    { name: 'blind46-multilingual46', precision: 52 / 53, coverage: 53 / 56 },
    { name: 'blind46-threads46', precision: 51 / 52, coverage: 52 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 20 reached on its blind sets, measured once', roundTwentyBlindFloors, 'round-20 blind, spent');

  // Round 21 (the reader also trained on blind45–46, rules read from their six wrong decisions).
  // blind47-* and blind48-* were written and double-labelled (640 of 640 labels agreed) before
  // round 20 was begun, kept unscored until round 21 was committed (5cf0110), then scored once with it
  // and, in the same run, with round 20 (ad67597). Round 20: both bars on seven of eight, 3 wrong
  // of 412. Round 21 (the floors): both bars on six of eight (ops48's precision 0.962 and
  // multilingual48's 0.961, two wrong each, miss), 4 wrong of 414. Rules alone: 18 wrong of 359,
  // both bars on none.
  const roundTwentyOneBlindFloors: Floor[] = [
    { name: 'blind47-ops47', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind47-longform47', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind47-multilingual47', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind47-threads47', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind48-ops48', precision: 50 / 52, coverage: 51 / 56 },
    { name: 'blind48-longform48', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind48-multilingual48', precision: 49 / 51, coverage: 49 / 56 },
    { name: 'blind48-threads48', precision: 53 / 53, coverage: 53 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 21 reached on its blind sets, measured once', roundTwentyOneBlindFloors, 'round-21 blind, spent');

  // Round 22 (the reader also trained on blind47–48, rules read from their four wrong decisions).
  // blind49-* and blind50-* were written and double-labelled (640 of 640 labels agreed) at the start
  // of round 22, before anything was changed, kept unscored until round 22 was committed (6ee8353),
  // then scored once with it and, in the same run, with round 21 (5a9abe7). Round 21: both bars on
  // seven of eight, 4 wrong of 408. Round 22 (the floors): both bars on seven of eight (threads49's
  // precision 0.957, two wrong, and coverage 0.821 miss), 4 wrong of 408. Rules alone: 23 wrong of
  // 377, both bars on one (ops50).
  const roundTwentyTwoBlindFloors: Floor[] = [
    { name: 'blind49-ops49', precision: 52 / 53, coverage: 52 / 56 },
    { name: 'blind49-longform49', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind49-multilingual49', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind49-threads49', precision: 45 / 47, coverage: 46 / 56 },
    { name: 'blind50-ops50', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind50-longform50', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind50-multilingual50', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind50-threads50', precision: 52 / 52, coverage: 52 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 22 reached on its blind sets, measured once', roundTwentyTwoBlindFloors, 'round-22 blind, spent');

  // Round 23 (the reader also trained on blind49–50, rules read from their four wrong decisions and
  // threads49's coverage). blind51-* and blind52-* were written and double-labelled (640 of 640
  // labels agreed) by people who never saw the code while round 23 was being made, kept unread and
  // unscored until round 23 was committed (c760f5f), then scored once with it and, in the same run,
  // with round 22 (db4d2ba). Round 22: both bars on seven of eight, 5 wrong of 411. Round 23 (the
  // floors): both bars on seven of eight (multilingual52's precision 0.938, three wrong, and
  // coverage 0.821 miss), 5 wrong of 411. Rules alone: 19 wrong of 359, both bars on none.
  const roundTwentyThreeBlindFloors: Floor[] = [
    { name: 'blind51-ops51', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind51-longform51', precision: 49 / 49, coverage: 49 / 56 },
    { name: 'blind51-multilingual51', precision: 50 / 51, coverage: 51 / 56 },
    { name: 'blind51-threads51', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind52-ops52', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind52-longform52', precision: 52 / 53, coverage: 52 / 56 },
    { name: 'blind52-multilingual52', precision: 45 / 48, coverage: 46 / 56 },
    { name: 'blind52-threads52', precision: 49 / 49, coverage: 49 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 23 reached on its blind sets, measured once', roundTwentyThreeBlindFloors, 'round-23 blind, spent');

  // Round 24 (the reader also trained on blind51–52, rules read from their five wrong decisions).
  // blind53-* and blind54-* were written and double-labelled (639 of 640 labels agreed) by people
  // who never saw the code while round 24 was being made, kept unread and unscored until round 24
  // was committed (c7faa0f), then scored once with it and, in the same run, with round 23
  // (ec846e4). Round 23: both bars on six of eight, 5 wrong of 406. Round 24 (the floors): both
  // bars on six of eight (multilingual53's coverage 0.839 and multilingual54's precision 0.963,
  // two wrong, miss), 5 wrong of 408. Rules alone: 18 wrong of 367, both bars on none.
  const roundTwentyFourBlindFloors: Floor[] = [
    { name: 'blind53-ops53', precision: 51 / 52, coverage: 51 / 56 },
    { name: 'blind53-longform53', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind53-multilingual53', precision: 47 / 48, coverage: 47 / 56 },
    { name: 'blind53-threads53', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind54-ops54', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind54-longform54', precision: 48 / 49, coverage: 49 / 56 },
    { name: 'blind54-multilingual54', precision: 52 / 54, coverage: 52 / 56 },
    { name: 'blind54-threads54', precision: 50 / 50, coverage: 50 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 24 reached on its blind sets, measured once', roundTwentyFourBlindFloors, 'round-24 blind, spent');

  // Round 25 (the reader also trained on blind53–54, rules read from their five wrong decisions and
  // multilingual53's coverage; small talk under a specific resolution decides alone). blind55-* and
  // blind56-* were written and double-labelled (640 of 640 labels agreed) by people who never saw
  // the code before round 25 was made, kept unread and unscored until round 25 was committed
  // (4fb2dcb), then scored once with it and, in the same run, with round 24 (819d054). Round 24:
  // both bars on six of eight, 5 wrong of 406. Round 25 (the floors): both bars on six of eight
  // (multilingual56's precision 0.961, two wrong, and threads56's coverage 0.839 miss), 4 wrong of
  // 408. Rules alone: 22 wrong of 373, both bars on none.
  const roundTwentyFiveBlindFloors: Floor[] = [
    { name: 'blind55-ops55', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind55-longform55', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind55-multilingual55', precision: 49 / 49, coverage: 49 / 56 },
    { name: 'blind55-threads55', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind56-ops56', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind56-longform56', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind56-multilingual56', precision: 49 / 51, coverage: 49 / 56 },
    { name: 'blind56-threads56', precision: 47 / 47, coverage: 47 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 25 reached on its blind sets, measured once', roundTwentyFiveBlindFloors, 'round-25 blind, spent');

  // Round 26 (the reader also trained on blind55–56; a reply opening with "that's not true" in the
  // other languages questions the claim before it). blind57-* and blind58-* were written and
  // double-labelled (640 of 640 labels agreed) by people who never saw the code before round 26
  // was made, kept unread and unscored until round 26 was committed (8c19541), then scored once
  // with it and, in the same run, with round 25 (8970473). Round 25: both bars on six of eight, 7
  // wrong of 418. Round 26 (the floors): both bars on five of eight (longform57's precision 0.965
  // and threads57's 0.960, two wrong each, and multilingual58's coverage 0.839 miss), 8 wrong of
  // 419. Rules alone: 21 wrong of 374, both bars on one.
  const roundTwentySixBlindFloors: Floor[] = [
    { name: 'blind57-ops57', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind57-longform57', precision: 55 / 57, coverage: 55 / 56 },
    { name: 'blind57-multilingual57', precision: 51 / 52, coverage: 51 / 56 },
    { name: 'blind57-threads57', precision: 48 / 50, coverage: 49 / 56 },
    { name: 'blind58-ops58', precision: 54 / 55, coverage: 54 / 56 },
    { name: 'blind58-longform58', precision: 50 / 51, coverage: 51 / 56 },
    { name: 'blind58-multilingual58', precision: 47 / 47, coverage: 47 / 56 },
    { name: 'blind58-threads58', precision: 52 / 53, coverage: 52 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 26 reached on its blind sets, measured once', roundTwentySixBlindFloors, 'round-26 blind, spent');

  // Round 27 (the reader also trained on blind57–58; "not accepting it" refuses an acceptance; a
  // latest reply that opens with a flat "no" and denies the reader's outcome stands). blind59-* and
  // blind60-* were written and double-labelled (640 of 640 labels agreed) by people who never saw
  // the code before round 27 was made, kept unread and unscored until round 27 was committed
  // (ca24f36), then scored once with it and, in the same run, with round 26 (fb9f4d9, with the
  // prefiltered patterns, which decide every labelled closure as it did). Round 26: both bars on
  // seven of eight, 3 wrong of 412. Round 27 (the floors): both bars on seven of eight
  // (multilingual60's precision 0.962, two wrong, misses), 3 wrong of 413. Rules alone: 29 wrong
  // of 372, both bars on one.
  const roundTwentySevenBlindFloors: Floor[] = [
    { name: 'blind59-ops59', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind59-longform59', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind59-multilingual59', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind59-threads59', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind60-ops60', precision: 56 / 56, coverage: 56 / 56 },
    { name: 'blind60-longform60', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind60-multilingual60', precision: 50 / 52, coverage: 50 / 56 },
    { name: 'blind60-threads60', precision: 48 / 49, coverage: 48 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 27 reached on its blind sets, measured once', roundTwentySevenBlindFloors, 'round-27 blind, spent');

  // Round 28 (the reader also trained on blind59–60; the old version still in production disputes
  // a merged fix; a credential not rotated is not remediated; French without "ne"). blind61-* and
  // blind62-* were written and double-labelled (640 of 640 labels agreed) by people who never saw
  // the code before round 28 was made, kept unread and unscored until round 28 was committed
  // (7fff5fb), then scored once with it and, in the same run, with round 27 (6cc2315). Round 27:
  // both bars on six of eight, 6 wrong of 412. Round 28 (the floors): both bars on seven of eight
  // (ops61's precision 0.964, two wrong, misses), 6 wrong of 412. Rules alone: 30 wrong of 367,
  // both bars on none.
  const roundTwentyEightBlindFloors: Floor[] = [
    { name: 'blind61-ops61', precision: 54 / 56, coverage: 55 / 56 },
    { name: 'blind61-longform61', precision: 52 / 53, coverage: 52 / 56 },
    { name: 'blind61-multilingual61', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind61-threads61', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind62-ops62', precision: 49 / 49, coverage: 49 / 56 },
    { name: 'blind62-longform62', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind62-multilingual62', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind62-threads62', precision: 50 / 51, coverage: 50 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 28 reached on its blind sets, measured once', roundTwentyEightBlindFloors, 'round-28 blind, spent');

  // Round 29 (the reader also trained on blind61–62; the old version still running said verb
  // first; change windows in other languages; "nothing to accept" argues a false positive).
  // blind63-* and blind64-* were written and double-labelled (640 of 640 labels agreed) by people
  // who never saw the code before round 29 was made, kept unread and unscored until round 29 was
  // committed (cd7a6c0), then scored once with it and, in the same run, with round 28 (8516720).
  // Round 28: both bars on seven of eight, 3 wrong of 410. Round 29 (the floors): both bars on
  // seven of eight (multilingual64's precision 0.963, two wrong, misses), 3 wrong of 410. Rules
  // alone: 20 wrong of 359, both bars on none.
  const roundTwentyNineBlindFloors: Floor[] = [
    { name: 'blind63-ops63', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind63-longform63', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind63-multilingual63', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind63-threads63', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind64-ops64', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind64-longform64', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind64-multilingual64', precision: 52 / 54, coverage: 52 / 56 },
    { name: 'blind64-threads64', precision: 48 / 48, coverage: 48 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 29 reached on its blind sets, measured once', roundTwentyNineBlindFloors, 'round-29 blind, spent');

  // Round 30 (the reader also trained on blind63–64; "after all" is no condition; a German
  // condition with the verb last; a key "noch aktiv"; an exception only asked for; a "Plan:" or
  // the old state kept "until then" leaves a fix open). blind65-* and blind66-* were written from a
  // brief rebuilt this session and double-labelled (640 of 640 labels agreed) by people who never
  // saw the code before round 30 was made, kept unread and unscored until round 30 was committed
  // (701947a), then scored once with it and, in the same run, with round 29 (77d3613). Round 29:
  // both bars on five of eight, 10 wrong of 423. Round 30 (the floors): both bars on three of eight
  // (longform65, ops66, longform66 and threads66 miss precision, threads65 coverage), 11 wrong of
  // 424. Rules alone: 26 wrong of 381, both bars on none.
  const roundThirtyBlindFloors: Floor[] = [
    { name: 'blind65-ops65', precision: 52 / 53, coverage: 52 / 56 },
    { name: 'blind65-longform65', precision: 50 / 52, coverage: 51 / 56 },
    { name: 'blind65-multilingual65', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind65-threads65', precision: 47 / 47, coverage: 47 / 56 },
    { name: 'blind66-ops66', precision: 55 / 57, coverage: 55 / 56 },
    { name: 'blind66-longform66', precision: 54 / 56, coverage: 55 / 56 },
    { name: 'blind66-multilingual66', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind66-threads66', precision: 49 / 51, coverage: 49 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 30 reached on its blind sets, measured once', roundThirtyBlindFloors, 'round-30 blind, spent');

  // Round 31 (the reader also trained on blind65–66; work under a "Proposed approach:" heading;
  // production that "follows"; a rotation or purge still ahead; "needs patching"; "that's
  // reachable"; "we escape it now"; resolutions questioned in other languages). blind67-* and
  // blind68-* were written and double-labelled (640 of 640 labels agreed) by people who never saw
  // the code before round 31 was made, kept unread and unscored until round 31 was committed
  // (9ee9a38), then scored once with it and, in the same run, with round 30 (fb5f647). Round 30:
  // both bars on six of eight, 8 wrong of 412. Round 31 (the floors): both bars on seven of eight
  // (multilingual67 misses both: precision 0.939, three wrong, and coverage 0.821), 6 wrong of 412.
  // Rules alone: 31 wrong of 383, both bars on one.
  const roundThirtyOneBlindFloors: Floor[] = [
    { name: 'blind67-ops67', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind67-longform67', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind67-multilingual67', precision: 46 / 49, coverage: 46 / 56 },
    { name: 'blind67-threads67', precision: 48 / 49, coverage: 49 / 56 },
    { name: 'blind68-ops68', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind68-longform68', precision: 49 / 50, coverage: 49 / 56 },
    { name: 'blind68-multilingual68', precision: 52 / 53, coverage: 52 / 56 },
    { name: 'blind68-threads68', precision: 52 / 52, coverage: 52 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 31 reached on its blind sets, measured once', roundThirtyOneBlindFloors, 'round-31 blind, spent');

  // Round 32 (the reader also trained on blind67–68; a purge put off; a window already past; a
  // refusal of "Risikoakzeptanz"; a report withdrawn; "accept only"; a count with an article).
  // blind69-* and blind70-* were written and double-labelled (640 of 640 labels agreed) by people
  // who never saw the code before round 32 was made, kept unread and unscored until round 32 was
  // committed (61b6f7f), then scored once with it and, in the same run, with round 31 (2a82c03).
  // The two rounds decide all 640 alike: both bars on seven of eight (multilingual70's precision
  // 0.963, two wrong, misses), 4 wrong of 423. Rules alone: 22 wrong of 390, both bars on one.
  const roundThirtyTwoBlindFloors: Floor[] = [
    { name: 'blind69-ops69', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind69-longform69', precision: 50 / 50, coverage: 50 / 56 },
    { name: 'blind69-multilingual69', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind69-threads69', precision: 50 / 51, coverage: 50 / 56 },
    { name: 'blind70-ops70', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind70-longform70', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind70-multilingual70', precision: 52 / 54, coverage: 52 / 56 },
    { name: 'blind70-threads70', precision: 51 / 52, coverage: 51 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 32 reached on its blind sets, measured once', roundThirtyTwoBlindFloors, 'round-32 blind, spent');

  // Round 33 (the reader also trained on blind69–70; autoescape switched off; "escaped now"; no
  // acceptance yet, in Portuguese; a purge answered "not yet"; a setting still the default).
  // blind71-* and blind72-* were written and double-labelled (640 of 640 labels agreed) by people
  // who never saw the code, committed sealed and unread (ef3dce1), and scored once after round 33
  // was committed (5941f74), with it and, in the same run, with round 32 (fd2805d). Round 32: both
  // bars on seven of eight, 4 wrong of 421. Round 33 (the floors): both bars on seven of eight
  // (multilingual72 misses precision: 0.941, three wrong), 4 wrong of 419. Rules alone: 30 wrong
  // of 378, both bars on none.
  const roundThirtyThreeBlindFloors: Floor[] = [
    { name: 'blind71-ops71', precision: 52 / 52, coverage: 52 / 56 },
    { name: 'blind71-longform71', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind71-multilingual71', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind71-threads71', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind72-ops72', precision: 56 / 56, coverage: 56 / 56 },
    { name: 'blind72-longform72', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind72-multilingual72', precision: 48 / 51, coverage: 48 / 56 },
    { name: 'blind72-threads72', precision: 54 / 54, coverage: 54 / 56 },
  ];
  itKeepsSpentBlindFloors('keeps what round 33 reached on its blind sets, measured once', roundThirtyThreeBlindFloors, 'round-33 blind, spent');

  // Round 34 (the reader also trained on blind71–72; an acceptance only recommended or still
  // needing a signature; a purge put off in Polish; credentials still the same; a fix demanded
  // after all). Sixteen sets, blind73-* to blind76-*, were written and double-labelled (1,279 of
  // 1,280 labels agreed) by people who never saw the code: blind73–74 committed sealed (06697c1)
  // before round 34 was made, blind75–76 written while it was being made. Nobody read them; they
  // were scored once after round 34 was committed (9dd0ec4), with it and, in the same run, with
  // round 33 (6838ca3). Round 33: both bars on fifteen of sixteen (longform73's precision 0.941),
  // 6 wrong of 844. Round 34 (the floors): both bars on all sixteen, 5 wrong of 842. Rules alone:
  // 54 wrong of 781, both bars on none.
  const roundThirtyFourBlindFloors: Floor[] = [
    { name: 'blind73-ops73', precision: 56 / 56, coverage: 56 / 56 },
    { name: 'blind73-longform73', precision: 48 / 49, coverage: 48 / 56 },
    { name: 'blind73-multilingual73', precision: 53 / 54, coverage: 53 / 56 },
    { name: 'blind73-threads73', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind74-ops74', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind74-longform74', precision: 55 / 56, coverage: 55 / 56 },
    { name: 'blind74-multilingual74', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind74-threads74', precision: 49 / 49, coverage: 49 / 56 },
    { name: 'blind75-ops75', precision: 55 / 55, coverage: 55 / 56 },
    { name: 'blind75-longform75', precision: 48 / 48, coverage: 48 / 56 },
    { name: 'blind75-multilingual75', precision: 51 / 51, coverage: 51 / 56 },
    { name: 'blind75-threads75', precision: 53 / 53, coverage: 53 / 56 },
    { name: 'blind76-ops76', precision: 54 / 54, coverage: 54 / 56 },
    { name: 'blind76-longform76', precision: 55 / 56, coverage: 55 / 56 },
    { name: 'blind76-multilingual76', precision: 51 / 52, coverage: 51 / 56 },
    { name: 'blind76-threads76', precision: 50 / 50, coverage: 50 / 56 },
  ];
  // The newest blind sets, never trained on.
  itKeepsBlindFloors('keeps what round 34 reached on its blind sets, measured once', roundThirtyFourBlindFloors, 'round-34 blind, never trained on', false);
});
