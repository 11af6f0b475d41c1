/**
 * Generates docs/rules/README.md from the rule registry's metadata, so that the catalog cannot
 * drift from the code. Run with `npm run docs:rules`; test/catalog checks the page is current.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../src/rules/index.js';
import type { Category, RuleMeta } from '../src/rules/types.js';
import { SQUAWK_RULES } from './squawk-rules.js';

export const CATALOG_PATH = 'docs/rules/README.md';

const CATEGORIES: ReadonlyArray<[Category, string]> = [
  ['locking', 'Locks, rewrites and scans'],
  ['failure', 'Migrations that fail on real data'],
  ['compatibility', 'Data loss and deploy compatibility'],
  ['style', 'Schema style'],
  ['drizzle', 'Drizzle folder, parsing and suppressions'],
];

/** The first preset that turns the rule on. */
function preset(rule: RuleMeta): string {
  if (rule.recommended) return 'recommended';
  return rule.category === 'style' ? 'strict' : 'all';
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string) => `\`${s}\``;

export function renderCatalog(rules: readonly RuleMeta[]): string {
  const out: string[] = [
    '<!-- Generated from the rule metadata by `npm run docs:rules` (scripts/rule-catalog.ts). Do not edit by hand. -->',
    '',
    '# Rules',
    '',
    `${rules.length} rules. The \`recommended\` preset (the default) turns on the rules marked recommended; \`strict\``,
    'adds the style rules; `all` turns on every rule. Set any rule to `off`, `warn` or `error` in the config',
    '(`"rules": { "<id>": "warn" }`) or with `--rule <id>=warn`. `drizzle-migration-lint explain <id>` prints',
    "a rule's page.",
    '',
  ];
  for (const [category, title] of CATEGORIES) {
    const inCategory = rules.filter((r) => r.category === category).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!inCategory.length) continue;
    out.push(`## ${title} (\`${category}\`)`, '', '| rule | default | on in preset | what it flags | squawk |', '|---|---|---|---|---|');
    for (const r of inCategory) {
      const squawk = r.squawk?.length ? r.squawk.map(code).join(', ') : '';
      out.push(`| [${code(r.id)}](${r.id}.md) | ${r.defaultSeverity} | ${preset(r)} | ${cell(r.description)} | ${squawk} |`);
    }
    out.push('');
  }
  const other = rules.filter((r) => !CATEGORIES.some(([c]) => c === r.category));
  if (other.length) throw new Error(`rules with an unknown category: ${other.map((r) => r.id).join(', ')}`);

  out.push(
    '## Coming from squawk',
    '',
    "Every squawk rule and the rule that covers it here. squawk's `-- squawk-ignore <rule>` comments become",
    '`-- migration-lint-disable-next-statement <our id> -- <reason>`.',
    '',
    '| squawk rule | drizzle-migration-lint |',
    '|---|---|',
  );
  for (const s of SQUAWK_RULES) {
    const ours = rules.filter((r) => r.squawk?.includes(s.name)).map((r) => `[${code(r.id)}](${r.id}.md)`);
    const right = ours.length ? ours.join(', ') : s.noEquivalent ? `no equivalent: ${cell(s.noEquivalent)}` : 'not mapped yet';
    out.push(`| ${code(s.name)} | ${right} |`);
  }
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = resolve(process.cwd(), CATALOG_PATH);
  writeFileSync(target, renderCatalog(RULES));
  console.log(`wrote ${CATALOG_PATH} (${RULES.length} rules)`);
}
