import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { CATALOG_PATH, renderCatalog } from '../../scripts/rule-catalog.js';
import { SQUAWK_RULES } from '../../scripts/squawk-rules.js';
import { REPO } from '../helpers/run-cli.js';

describe('docs/rules/README.md', () => {
  it('is what `npm run docs:rules` generates from the rule metadata', () => {
    const onDisk = readFileSync(join(REPO, CATALOG_PATH), 'utf8');
    expect(onDisk, 'docs/rules/README.md is out of date: run `npm run docs:rules` and commit the result').toBe(renderCatalog(RULES));
  });

  it('lists every rule with a link to its page, and every squawk rule', () => {
    const page = renderCatalog(RULES);
    for (const r of RULES) expect(page).toContain(`| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} |`);
    for (const s of SQUAWK_RULES) expect(page).toMatch(new RegExp(`^\\| \`${s.name}\` \\| `, 'm'));
  });

  it('only names real squawk rules in rule metadata', () => {
    const known = new Set(SQUAWK_RULES.map((s) => s.name));
    const unknown = RULES.flatMap((r) => (r.squawk ?? []).filter((name) => !known.has(name)).map((name) => `${r.id}: ${name}`));
    expect(unknown, 'squawk names in rule metadata that squawk does not have (see scripts/squawk-rules.ts)').toEqual([]);
  });

  it('gives a reason only for squawk rules that no rule maps', () => {
    const mapped = new Set(RULES.flatMap((r) => r.squawk ?? []));
    expect(SQUAWK_RULES.filter((s) => s.noEquivalent && mapped.has(s.name)).map((s) => s.name)).toEqual([]);
  });
});
