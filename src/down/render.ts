/** The down migration as a SQL file: what it cannot restore first, then each migration's reverse, last first. */
import { VERSION } from '../version.js';
import type { DownRun, ReversedMigration } from './down-project.js';
import { qualified, quoteLiteral } from './sql-text.js';
import { folderMillis } from '../status/migration-status.js';

const MAX_QUOTED = 100;

export function renderDown(run: DownRun): string {
  const lines: string[] = [];
  const tags = run.migrations.map((m) => m.file.tag);
  lines.push(`-- Down migration written by drizzle-migration-lint ${VERSION}.`);
  lines.push(`-- Reverses ${tags.length === 1 ? tags[0] : `${tags.length} migrations, last first: ${tags.join(', ')}`}.`);
  lines.push('-- Run it in one transaction (psql --single-transaction -f <this file>), then drizzle-kit migrate applies the migrations again.');
  const notes = run.migrations.flatMap((m) => [
    ...m.reversal.unparsable.map((u) => ({ kind: 'irreversible', where: `${m.path}:${u.location.line}:${u.location.column}`, message: 'Postgres cannot parse this part of the migration: down cannot reverse it.' })),
    ...m.reversal.statements.flatMap((s) => s.notes.map((n) => ({ kind: n.kind, where: `${m.path}:${s.statement.location.line}:${s.statement.location.column}`, message: n.message }))),
  ]);
  const lost = notes.filter((n) => n.kind === 'irreversible');
  const cautions = notes.filter((n) => n.kind === 'caution');
  if (lost.length) {
    lines.push('--', '-- NOT REVERSIBLE: running this does not bring back what these statements destroyed:');
    for (const n of lost) lines.push(`--   ${n.where}: ${n.message}`);
  }
  if (cautions.length) {
    lines.push('--', '-- MAY FAIL ON DATA written since the migration ran:');
    for (const n of cautions) lines.push(`--   ${n.where}: ${n.message}`);
  }
  for (const m of run.migrations) lines.push('', ...renderMigration(m));
  return lines.join('\n') + '\n';
}

function renderMigration(m: ReversedMigration): string[] {
  const lines = [`-- Reverses ${m.path}`];
  for (const s of [...m.reversal.statements].reverse()) {
    if (!s.sql.length) continue;
    const first = s.statement.text.split('\n')[0].trim();
    lines.push(`-- line ${s.statement.location.line}: ${first.length > MAX_QUOTED ? `${first.slice(0, MAX_QUOTED)}…` : first}`);
    for (const sql of s.sql) lines.push(`${sql};`);
  }
  const table = qualified(m.folder.drizzle?.schema ?? 'drizzle', m.folder.drizzle?.table ?? '__drizzle_migrations');
  lines.push(`-- drizzle's record of ${m.file.tag}, so that drizzle-kit migrate runs it again`);
  // The hash alone is not the row: two migrations with the same text (PageSpace 0008 and 0009) share
  // it. drizzle's migrator (0.x and 1.0) stores the journal's `when` / the folder name's timestamp as
  // created_at, which tells them apart.
  const when = recordedWhen(m);
  lines.push(`DELETE FROM ${table} WHERE "hash" = ${quoteLiteral(m.hash)}${when !== undefined ? ` AND "created_at" = ${when}` : ''};`);
  return lines;
}

/** The created_at drizzle's migrator records for this migration. */
export function recordedWhen(m: Pick<ReversedMigration, 'folder' | 'file'>): number | undefined {
  if (m.folder.layout === 'folders') return folderMillis(m.file.tag);
  return m.folder.journal?.entries.find((e) => e.tag === m.file.tag)?.when;
}
