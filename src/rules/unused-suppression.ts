import type { Rule } from './types.js';

/** Reported by the engine after suppressions are matched; this module carries its metadata. */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'A suppression comment that matched no finding, names an unknown rule, or gives no reason',
  squawk: ['unused-ignore'],
};
