import { type AssistMessage } from '../../core/triage/ai-assist';

/**
 * Forge LLMs (Preview) behind the closure-triage assist. Needs the manifest's `llm` module
 * (family `claude`); adding that module made the app a new major version. Haiku: the task is a
 * short classification with a verbatim quote, and the app checks every answer itself.
 */
export const TRIAGE_ASSIST_MODEL = 'claude-haiku-4-5-20251001';

export interface TriageAssistModel {
  /** The model's text answer; throws on a platform or model error (the caller skips). */
  ask(messages: AssistMessage[]): Promise<string>;
}

export function createForgeLlmAssistModel(): TriageAssistModel {
  return {
    async ask(messages) {
      // Loaded on first use: the SDK reads the Forge runtime when it loads, and when the assist is
      // off (the default) it is never needed at all.
      const { chat } = await import('@forge/llm');
      const response = await chat({
        model: TRIAGE_ASSIST_MODEL,
        messages,
        temperature: 0,
        max_completion_tokens: 400,
      });
      const content = response.choices[0]?.message.content;
      if (typeof content === 'string') return content;
      return (content ?? []).map((part) => part.text).join('');
    },
  };
}
