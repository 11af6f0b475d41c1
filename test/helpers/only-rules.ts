import { RULES } from '../../src/rules/index.js';
import type { RuleSetting } from '../../src/linter/severities.js';

/**
 * Rule settings that turn off every rule except the given ones, so that an engine test keeps
 * testing the engine when rules are added or refined.
 */
export function onlyRules(...ids: string[]): Record<string, RuleSetting> {
  return Object.fromEntries(RULES.filter((r) => !ids.includes(r.id)).map((r) => [r.id, 'off' as const]));
}
