import {
  AI_ASSISTED_MARK,
  buildAssistPrompt,
  checkAssistAnswer,
  parseAssistAnswer,
} from '../../../../src/core/triage/ai-assist';
import { aComment, anAppComment, aTriageInput } from './triage-builders';

const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' };
const carol = { accountId: 'carol', displayName: 'Carol', accountType: 'atlassian' };
const HUMAN = 'The old XML parser is history now, production runs the new one.';

describe('AI assist prompt', () => {
  it('labels human and app comments, in order, and redacts anything that looks like a secret', () => {
    const secret = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
    const input = aTriageInput({
      comments: [
        anAppComment('Exported from ZeroPath.'),
        aComment(`Rotated key ${secret} today.`, { author: bob }),
      ],
    });
    const [system, user] = buildAssistPrompt(input);
    expect(system?.role).toBe('system');
    expect(user?.content).toContain('"author":"app"');
    expect(user?.content).toContain('"author":"human"');
    expect(user?.content).not.toContain(secret);
  });
});

describe('AI assist answer parsing', () => {
  it('reads JSON, also inside a code fence, and refuses anything else', () => {
    expect(parseAssistAnswer('```json\n{"decision":"resolved","quote":"x"}\n```')).toEqual({
      ok: true,
      answer: { decision: 'resolved', quote: 'x' },
    });
    expect(parseAssistAnswer('It is resolved.')).toEqual({
      ok: false,
      reason: 'the model did not answer with JSON',
    });
    expect(parseAssistAnswer('{"decision":"fixed","quote":"x"}')).toEqual({
      ok: false,
      reason: 'the model answer has the wrong shape',
    });
  });
});

describe('AI assist answer check (same rules as a comment)', () => {
  it('accepts a verbatim quote from a human comment, marked AI-assisted, with the comment as evidence', () => {
    const comment = aComment(HUMAN, { author: bob });
    const result = checkAssistAnswer(
      { decision: 'resolved', quote: 'production runs the new one' },
      aTriageInput({ comments: [comment] }),
    );
    expect(result).toMatchObject({
      decision: 'resolved',
      confidence: 0.7,
      evidence: { source: 'comment', commentId: comment.id, author: 'Bob' },
    });
    expect(result.evidence.explanation.startsWith(AI_ASSISTED_MARK)).toBe(true);
  });

  it('skips a quote that is missing, from the app, a plan, or against a specific resolution', () => {
    const input = aTriageInput({
      comments: [
        anAppComment('Fixed by the upstream release, deployed.'),
        aComment(HUMAN, { author: bob }),
        aComment('Will fix once the new gateway is deployed.', { author: bob }),
      ],
    });
    expect(
      checkAssistAnswer({ decision: 'resolved', quote: 'patched and deployed to production' }, input).evidence
        .explanation,
    ).toContain('not in any human comment');
    expect(
      checkAssistAnswer({ decision: 'resolved', quote: 'Fixed by the upstream release, deployed.' }, input)
        .evidence.explanation,
    ).toContain("app's own comment");
    expect(
      checkAssistAnswer({ decision: 'resolved', quote: 'Will fix once the new gateway is deployed.' }, input)
        .decision,
    ).toBe('skip');
    const specific = aTriageInput({ resolution: 'Not a Bug', comments: [aComment(HUMAN, { author: bob })] });
    expect(
      checkAssistAnswer({ decision: 'resolved', quote: HUMAN }, specific).evidence.explanation,
    ).toContain('contradicts the resolution');
  });

  it('skips when someone else questions the quoted comment later, or the model itself could not tell', () => {
    const input = aTriageInput({
      comments: [aComment(HUMAN, { author: bob }), aComment('Is that really in prod?', { author: carol })],
    });
    expect(checkAssistAnswer({ decision: 'resolved', quote: HUMAN }, input).evidence.explanation).toContain(
      'questions or contradicts',
    );
    expect(checkAssistAnswer({ decision: 'skip', quote: '' }, input).decision).toBe('skip');
  });
});
