/**
 * The platform side of Forge LLMs (`@forge/llm`, Preview) with a deterministic stand-in model, so
 * tests of the closure-triage assist are exact. The real SDK runs unmodified: its `chat()` calls
 * `__forge_fetch__({ type: 'llm', model }, 'https://llm/<model>', POST)` and `list()` calls GET
 * `https://llm` (read from @forge/llm 1.0.8 `out/llm-client.js`).
 *
 * Rules (strictest reading where the docs are silent; see README.md):
 * - No `llm` module in the manifest → the call fails (docs: "The SDK requires the llm module to be
 *   defined in your manifest.yml"). The exact error is not documented; here 403 with a
 *   structured `{ code, message }` body, which the SDK raises as `ForgeLlmAPIError`.
 * - Only families the module enables (`claude`) and only model ids the Forge LLMs models page
 *   lists as active; anything else is 400.
 * - Calls only inside an invocation (the SDK needs the invocation's tracing context).
 * - `stream: true` is not emulated and fails loudly rather than pretending.
 */
export interface LlmCall {
  readonly model: string;
  readonly messages: readonly { role: string; content: unknown }[];
}

export type StandInModel = (call: LlmCall) => string;

/** Model ids listed as ACTIVE on developer.atlassian.com/platform/forge/runtime-reference/forge-llms-models. */
export const KNOWN_LLM_MODELS: readonly string[] = ['claude-haiku-4-5-20251001', 'claude-sonnet-4-20250514'];

export interface LlmInspector {
  /** Every chat request the app sent, in order. */
  readonly calls: readonly LlmCall[];
  /** Replaces the default stand-in for the rest of the test; `undefined` restores it. */
  answerWith(model: StandInModel | undefined): void;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : ''))
      .join('');
  return '';
}

/**
 * Default stand-in: reads the case JSON after "CASE:" in the last user message, takes the latest
 * human comment and answers from a few plain words in its first sentence, quoting that sentence.
 * Deliberately simple and fixed: it exists to make tests exact, not to be good.
 */
export const defaultStandInModel: StandInModel = (call) => {
  const user = [...call.messages].reverse().find((message) => message.role === 'user');
  const text = textOf(user?.content);
  const at = text.indexOf('CASE:');
  let comments: { id: string; author: string; text: string }[] = [];
  try {
    comments = (JSON.parse(text.slice(at + 'CASE:'.length)) as { comments: typeof comments }).comments;
  } catch {
    return '{"decision":"skip","quote":""}';
  }
  const last = [...comments].reverse().find((comment) => comment.author === 'human');
  if (last === undefined) return '{"decision":"skip","quote":""}';
  const sentence = last.text.split(/(?<=[.!?])\s+|\n/)[0]?.trim() ?? '';
  const lower = sentence.toLowerCase();
  const decision = /\b(?:shipped|rolled out|gone|swapped|upgraded)\b/.test(lower)
    ? 'resolved'
    : /\b(?:harmless|not reachable|never reachable)\b/.test(lower)
      ? 'false_positive'
      : /\b(?:keep it|living with)\b/.test(lower)
        ? 'accepted_risk'
        : 'skip';
  return JSON.stringify({ decision, quote: sentence, commentId: last.id });
};

export class LlmStandIn implements LlmInspector {
  readonly calls: LlmCall[] = [];
  private model: StandInModel = defaultStandInModel;

  constructor(private readonly families: readonly string[]) {}

  answerWith(model: StandInModel | undefined): void {
    this.model = model ?? defaultStandInModel;
  }

  handle(model: string | undefined, init: RequestInit | undefined, inInvocation: boolean): Response {
    if (this.families.length === 0) {
      return forgeError(403, 'LLM_MODULE_NOT_DEFINED', 'The app manifest does not define the llm module.');
    }
    if (!inInvocation)
      return forgeError(401, 'NO_INVOCATION', 'Forge LLMs can only be called inside a function invocation.');
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'GET') {
      return json(200, { models: KNOWN_LLM_MODELS.map((id) => ({ model: id, status: 'active' })) });
    }
    if (
      model === undefined ||
      !KNOWN_LLM_MODELS.includes(model) ||
      !this.families.some((family) => model.startsWith(`${family}-`))
    ) {
      return forgeError(400, 'INVALID_MODEL', `Model ${String(model)} is not available to this app.`);
    }
    let body: { messages?: unknown; stream?: unknown };
    try {
      body = JSON.parse(typeof init?.body === 'string' ? init.body : '') as typeof body;
    } catch {
      return forgeError(400, 'INVALID_REQUEST', 'The request body is not JSON.');
    }
    if (body.stream === true)
      throw new Error('forge-runtime: streaming Forge LLM responses are not emulated');
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return forgeError(400, 'INVALID_REQUEST', 'messages must be a non-empty array.');
    }
    const call: LlmCall = { model, messages: body.messages as LlmCall['messages'] };
    this.calls.push(call);
    const content = this.model(call);
    const input = JSON.stringify(body.messages).length;
    return json(200, {
      choices: [{ finish_reason: 'stop', index: 0, message: { role: 'assistant', content } }],
      usage: {
        input_tokens: Math.ceil(input / 4),
        output_tokens: Math.ceil(content.length / 4),
        total_tokens: Math.ceil((input + content.length) / 4),
      },
    });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function forgeError(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}
