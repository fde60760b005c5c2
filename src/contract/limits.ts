/** The admin page's size limits, for the UI to state next to each field (defined in core). */
export { LIMITS } from '../core/config/limits';
