import type { Rule, Severity } from '../rules/types.js';

export type Preset = 'recommended' | 'strict' | 'all';
export type RuleSetting = 'off' | 'warn' | 'error';

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
