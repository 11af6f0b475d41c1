import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/app/lint-project.js';
import { resolveSeverities } from '../../src/linter/severities.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { onlyRules } from '../helpers/only-rules.js';

const fake = (id: string, category: Rule['category'], recommended: boolean, defaultSeverity: Rule['defaultSeverity']): Rule => ({
  id,
  category,
  recommended,
  defaultSeverity,
  description: id,
  messages: {},
});

const FAKES = [
  fake('rec-error', 'locking', true, 'error'),
  fake('rec-warn', 'compatibility', true, 'warning'),
  fake('style-off', 'style', false, 'warning'),
  fake('style-rec', 'style', true, 'error'),
  fake('extra-off', 'locking', false, 'warning'),
];

const asObject = (m: Map<string, string>) => Object.fromEntries([...m].sort());

describe('presets', () => {
  it('recommended turns on the rules marked recommended, at their default severity', () => {
    expect(asObject(resolveSeverities(FAKES, 'recommended'))).toEqual({ 'rec-error': 'error', 'rec-warn': 'warning', 'style-rec': 'error' });
  });

  it('strict adds every style rule', () => {
    expect(asObject(resolveSeverities(FAKES, 'strict'))).toEqual({
      'rec-error': 'error',
      'rec-warn': 'warning',
      'style-off': 'warning',
      'style-rec': 'error',
    });
  });

  it('all turns on everything', () => {
    expect(Object.keys(asObject(resolveSeverities(FAKES, 'all')))).toEqual(FAKES.map((r) => r.id).sort());
  });

  it('holds for the real registry', () => {
    const rec = resolveSeverities(RULES, 'recommended');
    const strict = resolveSeverities(RULES, 'strict');
    const all = resolveSeverities(RULES, 'all');
    expect([...rec.keys()].sort()).toEqual(RULES.filter((r) => r.recommended).map((r) => r.id).sort());
    expect([...strict.keys()].sort()).toEqual(RULES.filter((r) => r.recommended || r.category === 'style').map((r) => r.id).sort());
    expect([...all.keys()].sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const r of RULES) expect(all.get(r.id)).toBe(r.defaultSeverity);
  });
});

describe('per-rule settings', () => {
  it('applies off, warn and error in order, later settings winning', () => {
    const s = resolveSeverities(FAKES, 'recommended', { 'rec-error': 'warn', 'extra-off': 'error', 'rec-warn': 'off' }, { 'extra-off': 'warn' });
    expect(asObject(s)).toEqual({ 'rec-error': 'warning', 'extra-off': 'warning', 'style-rec': 'error' });
  });

  const sql = 'DROP TABLE "users";';
  const others = onlyRules('dropping-table');
  const findings = async (options: NonNullable<Parameters<typeof lintTexts>[1]>) =>
    (await lintTexts([{ path: 'drizzle/0001_x.sql', text: sql }], { ...options, config: { ...options.config, rules: { ...others, ...options.config?.rules } } })).results[0].messages.map(
      (m) => `${m.ruleId}:${m.severity}`,
    );

  it('reads them from the config', async () => {
    expect(await findings({})).toEqual(['dropping-table:error']);
    expect(await findings({ config: { rules: { 'dropping-table': 'warn' } } })).toEqual(['dropping-table:warning']);
    expect(await findings({ config: { rules: { 'dropping-table': 'off' } } })).toEqual([]);
  });

  it('lets --rule override the config', async () => {
    expect(await findings({ config: { rules: { 'dropping-table': 'off' } }, rules: { 'dropping-table': 'warn' } })).toEqual(['dropping-table:warning']);
    expect(await findings({ config: { rules: { 'dropping-table': 'warn' } }, rules: { 'dropping-table': 'off' } })).toEqual([]);
  });

  it('rejects an unknown rule id', async () => {
    await expect(findings({ rules: { 'no-such-rule': 'error' } })).rejects.toThrow(/unknown rule "no-such-rule"/);
  });

  it('a warning does not count as an error', async () => {
    const r = await lintTexts([{ path: 'drizzle/0001_x.sql', text: sql }], { config: { rules: others }, rules: { 'dropping-table': 'warn' } });
    expect(r.summary).toMatchObject({ errors: 0, warnings: 1, suppressed: 0 });
  });
});
