/** `--verbose`: how the run was set up and where the time went, on stderr so stdout stays a clean report. */
import { relative } from 'node:path';
import type { LintRun } from '../app/lint-project.js';
import type { MigrationFolder } from '../migrations/types.js';

function shown(path: string, cwd: string): string {
  return relative(cwd, path) || '.';
}

const LAYOUTS: Record<MigrationFolder['layout'], string> = {
  journal: 'drizzle-kit journal (meta/_journal.json)',
  folders: 'drizzle-kit 1.0 folders (<timestamp>_<name>/migration.sql)',
  plain: 'plain .sql files, no journal',
};

/** Reported files that share a batch run in one transaction under the drizzle runner. */
function describeBatches(folder: MigrationFolder): string {
  const base = folder.base ? (folder.base.kind === 'since' ? `pending since ${folder.base.ref}` : `pending after ${folder.base.tag}`) : 'no --since or --baseline';
  const groups = new Map<number, string[]>();
  for (const f of folder.files) if (f.report) groups.set(f.batch, [...(groups.get(f.batch) ?? []), f.tag]);
  if (!groups.size) return `${base}: nothing pending`;
  const shared = [...groups.values()].filter((g) => g.length > 1);
  if (!shared.length) return `${base}: each linted migration is its own batch`;
  return `${base}: ${shared.map((g) => `one batch (one transaction): ${g.join(', ')}`).join('; ')}`;
}

export function describeRun(run: LintRun, cwd: string, output: { format: string; outputFile?: string }): string {
  const lines = [`config: ${run.configPath ? shown(run.configPath, cwd) : 'none found, using defaults'}`];
  const c = run.config;
  lines.push(`options: preset ${c.preset}, runner ${c.runner}, PostgreSQL ${c.postgresVersion}`);
  for (const folder of run.folders) {
    const reported = folder.files.filter((f) => f.report).length;
    const from = folder.drizzle?.configPath ? ` (out of ${shown(folder.drizzle.configPath, cwd)})` : '';
    lines.push(
      `folder: ${shown(folder.dir, cwd)}${from} — ${LAYOUTS[folder.layout]}; ${folder.files.length} migrations replayed, ${reported} linted`,
      `  batch: ${describeBatches(folder)}`,
    );
  }
  if (!run.folders.length) lines.push('folder: none found');
  lines.push(`output: ${output.format}${output.outputFile ? ` to ${output.outputFile} (text summary on stdout)` : ''}`);
  const total = Object.values(run.timings).reduce((a, b) => a + b, 0);
  const phases = Object.entries(run.timings).map(([phase, ms]) => `${phase} ${ms} ms`);
  lines.push(`timings: ${phases.join(', ')}; total ${Math.round(total * 10) / 10} ms`);
  return lines.map((l) => `[verbose] ${l}`).join('\n') + '\n';
}
