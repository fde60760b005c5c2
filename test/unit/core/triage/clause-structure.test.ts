import { classifyClosure } from '../../../../src/core/triage/closure-classifier';
import { triageClosure } from '../../../../src/core/triage/closure-triage';
import { readChallenge, readModality, splitSentences } from '../../../../src/core/triage/clause-structure';
import { aComment, aThread, aTriageInput } from './triage-builders';

function modalityOf(clause: string, act: string): string {
  const start = clause.indexOf(act);
  return readModality(clause, start, start + act.length, false).modality;
}

describe('clause structure: modality of an act', () => {
  it('reads future, conditional and proposed acts as not done, in five languages', () => {
    expect(modalityOf('will fix once the new gateway is deployed', 'fix')).toBe('planned');
    expect(modalityOf('fixed once the new gateway is deployed', 'fixed')).toBe('conditional');
    expect(modalityOf('once the new gateway is deployed this is fixed', 'fixed')).toBe('conditional');
    expect(modalityOf("i'd suggest we patch it next sprint", 'patch')).toBe('proposed');
    expect(modalityOf('wird behoben, sobald das neue gateway ausgerollt ist', 'behoben')).toBe('planned');
    expect(modalityOf('behoben, sobald das neue gateway live ist', 'behoben')).toBe('conditional');
    expect(modalityOf('on corrigera quand la passerelle sera déployée', 'corrigera')).toBe('planned');
    expect(modalityOf('se corregirá cuando se despliegue el gateway', 'corregirá')).toBe('planned');
    expect(modalityOf('vamos corrigir assim que o gateway for implantado', 'corrigir')).toBe('planned');
  });

  it('keeps past events in a time clause, and follow-up conditions after the act, as done', () => {
    expect(modalityOf('once we deployed the patch the exploit stopped working', 'stopped working')).toBe(
      'done',
    );
    expect(modalityOf('fixed when the gateway was replaced', 'fixed')).toBe('done');
    expect(modalityOf('patched in #42, let me know if it is still flagged', 'patched')).toBe('done');
    expect(modalityOf('fixed, will keep an eye on it', 'fixed')).toBe('done');
    expect(modalityOf('behoben, nachdem das gateway ausgerollt wurde', 'behoben')).toBe('done');
  });

  it('reads a question about the outcome, or a stated doubt, as a challenge; thanks and "can we close?" are not', () => {
    expect(readChallenge(splitSentences('Did this actually ship to prod?'))).toBe(
      'Did this actually ship to prod?',
    );
    expect(readChallenge(splitSentences('Not convinced. The admin route looks the same'))).toBe(
      'Not convinced.',
    );
    expect(readChallenge(splitSentences('Ist das wirklich behoben?'))).toBeDefined();
    expect(readChallenge(splitSentences('Thanks! Can we close?'))).toBeUndefined();
  });
});

describe('closure triage: a fix that is still to come is not a fix', () => {
  const variants = [
    'will fix once the new gateway is deployed',
    'Will fix once the new gateway is deployed.',
    'fix will land once the new gateway is deployed',
    'fixed once the new gateway is deployed',
    'the fix goes out once the new gateway is deployed',
    'Once the new gateway is deployed this is fixed.',
    'resolved as soon as the new gateway is live',
    "We'll have it patched after the new gateway is rolled out",
    'wird behoben, sobald das neue Gateway ausgerollt ist',
    'sera corrigé une fois la nouvelle passerelle déployée',
    'se corregirá cuando se despliegue el nuevo gateway',
    'será corrigido quando o novo gateway for implantado',
  ];
  it.each(variants)('skips "%s" under a generic resolution, with and without the learned reader', (text) => {
    expect(classifyClosure(aThread('Done', text)).decision).toBe('skip');
    expect(classifyClosure(aThread('Fixed', text)).decision).toBe('skip');
    expect(triageClosure(aThread('Done', text)).decision).toBe('skip');
    expect(triageClosure(aThread('Fixed', text)).decision).toBe('skip');
  });

  it('still reads a fix reported as done in each language', () => {
    expect(classifyClosure(aThread('Done', 'Fixed in #42, deployed to prod yesterday.')).decision).toBe(
      'resolved',
    );
    expect(classifyClosure(aThread('Done', 'Mit #42 behoben und ausgerollt.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Corrigé dans la PR #42, déployé hier.')).decision).toBe(
      'resolved',
    );
    expect(classifyClosure(aThread('Done', 'Corregido en el PR #42.')).decision).toBe('resolved');
    expect(classifyClosure(aThread('Done', 'Corrigido no PR #42.')).decision).toBe('resolved');
  });
});

describe('closure triage: who says it', () => {
  const bob = { accountId: 'bob', displayName: 'Bob', accountType: 'atlassian' };
  const carol = { accountId: 'carol', displayName: 'Carol', accountType: 'atlassian' };

  it('lets a later question from another person defeat a fix claim', () => {
    const input = aTriageInput({
      comments: [
        aComment('Fixed in #42.', { author: bob }),
        aComment('Did this actually ship to prod?', { author: carol }),
      ],
    });
    const result = classifyClosure(input);
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toContain('questioned by another person');
  });

  it("does not let the claimant's own question, or thanks from another person, defeat it", () => {
    const own = aTriageInput({
      comments: [
        aComment('Fixed in #42.', { author: bob }),
        aComment('Did anyone verify in prod?', { author: bob }),
      ],
    });
    expect(classifyClosure(own).decision).toBe('resolved');
    const thanks = aTriageInput({
      comments: [
        aComment('Fixed in #42.', { author: bob }),
        aComment('Thanks! Can we close?', { author: carol }),
      ],
    });
    expect(classifyClosure(thanks).decision).toBe('resolved');
  });

  it('lets a later answer settle the question again', () => {
    const input = aTriageInput({
      comments: [
        aComment('Fixed in #42.', { author: bob }),
        aComment('Did this ship?', { author: carol }),
        aComment('Yes, verified in prod, the exploit no longer works.', { author: bob }),
      ],
    });
    expect(classifyClosure(input).decision).toBe('resolved');
  });
});

describe('closure triage: deliberate choices with sign-off', () => {
  it('reads a deliberate configuration choice with sign-off as accepted risk, not false positive', () => {
    const result = classifyClosure(
      aThread(
        'Done',
        'The permissive CORS setting is deliberate: partners need it. It is not exploitable from outside, signed off by the CISO, review again in six months.',
      ),
    );
    expect(result.decision).toBe('accepted_risk');
  });

  it('skips a comment that argues false positive and cites an approval without a choice', () => {
    expect(
      classifyClosure(aThread('Done', 'Not exploitable from outside, approved by the CISO.')).decision,
    ).toBe('skip');
  });

  it('skips when a clear accepted-risk comment meets a specific false-positive resolution', () => {
    expect(
      classifyClosure(aThread('Invalid', 'We accept the risk until Q3, signed off by the CISO.')).decision,
    ).toBe('skip');
  });
});

describe('closure triage: conflict rules and speech acts', () => {
  it('skips when a comment objects to the specific resolution', () => {
    const result = classifyClosure(
      aThread("Won't Fix", "Not sure why this is Won't Fix, the library went to 7.8.1 last week."),
    );
    expect(result.decision).toBe('skip');
    expect(result.evidence.explanation).toContain('objects to the resolution');
    expect(
      classifyClosure(aThread('Declined', "We can't decline this one, it's exploitable from the internet."))
        .decision,
    ).toBe('skip');
  });

  it('reads an outcome that is mentioned to be denied, or only weighed, as no outcome', () => {
    expect(
      classifyClosure(aThread('Done', 'Calling this a false positive is wrong, the regex is bypassable.'))
        .decision,
    ).toBe('skip');
    expect(
      classifyClosure(aThread(null, "Accepting this risk would be fine by me, but I don't own the service."))
        .decision,
    ).toBe('skip');
  });

  it('reads concrete changes, not-vulnerable arguments and acceptances without the usual outcome words', () => {
    expect(
      classifyClosure(
        aThread('Done', 'Het endpoint is verwijderd uit de router en uitgerold naar productie.'),
      ).decision,
    ).toBe('resolved');
    expect(
      classifyClosure(aThread('Done', 'Removi a dependência e troquei por undici nos três serviços.'))
        .decision,
    ).toBe('resolved');
    expect(
      classifyClosure(
        aThread('Done', 'This class is generated by openapi-generator; our service never instantiates it.'),
      ).decision,
    ).toBe('false_positive');
    expect(
      classifyClosure(aThread('Done', 'Dérogation signée par le RSSI jusqu’au remplacement en avril.'))
        .decision,
    ).toBe('accepted_risk');
  });
});
