/** The chat layer adapters use: use cases, the adapter contract, action references, policies. */
export * from './actions.js';
export * from './answer-actions.js';
export * from './chat.js';
export * from './contract.js';
export * from './cooldown.js';
export * from './daily.js';
export * from './errors.js';
export { CATEGORY_LABELS, categoryLabel } from '../answer/build.js';
export { CATEGORIES, type BundledCategory, type Section } from '../knowledge/types.js';
