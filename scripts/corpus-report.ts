/**
 * Findings per rule over the real-world corpus (../shared/corpus/drizzle-pg), with a few samples of
 * each, for reading false alarms. Usage: npm run corpus-report -- [--preset all] [--samples 3] [--rule id]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintProject } from '../src/app/lint-project.js';
import type { Preset } from '../src/linter/severities.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const corpus = join(repo, '../shared/corpus/drizzle-pg');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const preset = (flag('--preset') ?? 'all') as Preset;
const samples = Number(flag('--samples') ?? 3);
const only = flag('--rule');

if (!existsSync(corpus)) {
  console.error(`corpus-report: ${corpus} not found (it sits beside the repository)`);
  process.exit(2);
}
const started = performance.now();
const { result } = await lintProject({ paths: [corpus], cwd: repo, config: { preset } });
const byRule = new Map<string, Array<{ where: string; message: string }>>();
for (const file of result.results) {
  for (const m of file.messages) {
    if (only && m.ruleId !== only) continue;
    const list = byRule.get(m.ruleId) ?? [];
    list.push({ where: `${file.filePath.replace('../shared/corpus/drizzle-pg/', '')}:${m.line}:${m.column}`, message: m.message });
    byRule.set(m.ruleId, list);
  }
}
const rows = [...byRule].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
console.log(`preset ${preset}: ${result.summary.files} files, ${result.summary.statements} statements, ${Math.round(performance.now() - started)} ms`);
console.log('');
for (const [id, list] of rows) console.log(`${String(list.length).padStart(6)}  ${id}`);
if (samples > 0) {
  for (const [id, list] of rows) {
    console.log(`\n## ${id} (${list.length})`);
    // Spread the samples over the list so that they come from different projects.
    const step = Math.max(1, Math.floor(list.length / samples));
    for (let i = 0; i < list.length && i / step < samples; i += step) console.log(`- ${list[i].where}  ${list[i].message}`);
  }
}
