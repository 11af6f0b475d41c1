import type { Rule, Severity } from '../rules/types.js';

export const PRESETS = ['recommended', 'strict', 'all'] as const;
export type Preset = (typeof PRESETS)[number];
/** A rule's setting in a config file or --rule. */
export const SETTINGS = ['off', 'warn', 'error'] as const;
export type RuleSetting = (typeof SETTINGS)[number];

/** The severity of each enabled rule: preset first, then per-rule settings in order. */
export function resolveSeverities(
  rules: readonly Rule[],
  preset: Preset,
  ...overrides: Array<Record<string, RuleSetting> | undefined>
): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const r of rules) {
    const on = preset === 'all' || r.recommended || (preset === 'strict' && r.category === 'style');
    if (on) out.set(r.id, r.defaultSeverity);
  }
  for (const o of overrides) {
    for (const [id, setting] of Object.entries(o ?? {})) {
      if (setting === 'off') out.delete(id);
      else out.set(id, setting === 'warn' ? 'warning' : 'error');
    }
  }
  return out;
}
