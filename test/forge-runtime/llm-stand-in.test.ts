import { LlmStandIn, defaultStandInModel } from './llm-stand-in';

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const messages = [
  {
    role: 'user',
    content:
      'CASE:\n{"resolution":"Done","comments":[{"id":"1","author":"human","text":"It shipped with 5.2. Thanks."}]}',
  },
];

describe('Forge LLMs on the local platform', () => {
  it('fails every call when the manifest has no llm module', async () => {
    const response = new LlmStandIn([]).handle('claude-haiku-4-5-20251001', post({ messages }), true);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'LLM_MODULE_NOT_DEFINED' });
  });

  it('refuses calls outside an invocation, unknown models and empty prompts, and records nothing then', () => {
    const llm = new LlmStandIn(['claude']);
    expect(llm.handle('claude-haiku-4-5-20251001', post({ messages }), false).status).toBe(401);
    expect(llm.handle('gpt-4o', post({ messages }), true).status).toBe(400);
    expect(llm.handle('claude-haiku-4-5-20251001', post({ messages: [] }), true).status).toBe(400);
    expect(llm.calls).toHaveLength(0);
  });

  it('answers deterministically in the chat response shape and records the call', async () => {
    const llm = new LlmStandIn(['claude']);
    const response = llm.handle('claude-haiku-4-5-20251001', post({ messages, stream: false }), true);
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(body.choices[0]?.message.content ?? '')).toEqual({
      decision: 'resolved',
      quote: 'It shipped with 5.2.',
      commentId: '1',
    });
    expect(llm.calls).toHaveLength(1);
    expect(defaultStandInModel({ model: 'm', messages: [{ role: 'user', content: 'no case' }] })).toBe(
      '{"decision":"skip","quote":""}',
    );
  });
});
