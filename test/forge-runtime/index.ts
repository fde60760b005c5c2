// The fetch hook must be installed before anything loads @forge/api (see fetch-trampoline.ts),
// so this import stays first.
import './fetch-trampoline';

export {
  createForgeRuntime,
  DELIVERY_RULES,
  type ForgeRuntime,
  type ForgeRuntimeOptions,
  type InvokeUiOptions,
  type InvocationKind,
  type InvocationOutcome,
  type InvocationRecord,
  type KvsInspector,
  type QueueDeliveryOptions,
} from './forge-runtime';
export { KVS_LIMITS } from './kvs-service';
export { QUEUE_LIMITS } from './queue-service';
export {
  KNOWN_LLM_MODELS,
  defaultStandInModel,
  type LlmCall,
  type LlmInspector,
  type StandInModel,
} from './llm-stand-in';
