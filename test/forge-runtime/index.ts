// The fetch hook must be installed before anything loads @forge/api (see fetch-trampoline.ts),
// so this import stays first.
import './fetch-trampoline';

export {
  createForgeRuntime,
  DELIVERY_RULES,
  InvocationTimedOutError,
  RUNTIME_LATENCY_MS,
  type PlatformCall,
  type ForgeRuntime,
  type ForgeRuntimeOptions,
  type InvokeUiOptions,
  type InvocationKind,
  type InvocationOutcome,
  type InvocationRecord,
  type KvsInspector,
  type QueueDeliveryOptions,
  type ScheduledTriggerResult,
  scheduledTriggerResponseSchema,
} from './forge-runtime';
export { KVS_LIMITS } from './kvs-service';
export { KVS_QUOTAS, unitsOf, type KvsUsage } from './kvs-quota';
export { QUEUE_LIMITS } from './queue-service';
export { CONFLUENCE_NOT_CONNECTED } from './forge-runtime';
export type { WebTriggerRequest, WebTriggerResponse } from './web-trigger-service';
export {
  KNOWN_LLM_MODELS,
  defaultStandInModel,
  type LlmCall,
  type LlmInspector,
  type StandInModel,
} from './llm-stand-in';
