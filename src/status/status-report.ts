import type { LintResult, Message } from '../linter/result.js';
import { displayPath } from '../migrations/display-path.js';
import type { Location } from '../sql/source-file.js';
import { STATE_LABELS, type MigrationState, type StatusEntry } from './migration-status.js';
import { messages, STATUS_DOCS } from './messages.js';
import { folderAnchor, type FolderStatus } from './status-project.js';

const STATES = Object.keys(STATE_LABELS) as MigrationState[];

export function countStates(folders: FolderStatus[]): Record<MigrationState, number> {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<MigrationState, number>;
  for (const f of folders) for (const e of f.entries) counts[e.state]++;
  return counts;
}

/** The newest `created_at` drizzle compares with (see migrationStatus). */
function newestApplied(f: FolderStatus): number {
  return f.table.rows.some((r) => r.createdAt === null) ? 0 : Math.max(0, ...f.table.rows.map((r) => r.createdAt!));
}

function detail(e: StatusEntry, f: FolderStatus): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (e.state) {
    case 'will-be-skipped':
      return `when ${iso(e.when!)} is not after the newest applied ${iso(newestApplied(f))}`;
    case 'edited':
      return `recorded sha256 ${e.row!.hash.slice(0, 12)}…, file ${e.hash!.slice(0, 12)}…`;
    case 'applied-missing':
      return `row ${e.row!.id}${e.row!.createdAt !== null ? `, created_at ${e.row!.createdAt}` : ''}`;
    default:
      return '';
  }
}

/** The human report: one line per migration, a summary line per folder. */
export function formatStatusText(folders: FolderStatus[], engine: string, cwd: string): string {
  const lines: string[] = [];
  const width = Math.max(...STATES.map((s) => STATE_LABELS[s].length));
  for (const f of folders) {
    lines.push(`${displayPath(f.folder.dir, cwd)}  (${f.table.table} on ${engine})`);
    if (!f.table.exists) lines.push(`  ${messages.noTable({ table: f.table.table })}`);
    for (const e of f.entries) {
      const more = detail(e, f);
      lines.push(`  ${STATE_LABELS[e.state].padEnd(width)}  ${e.tag}${more ? `  (${more})` : ''}`);
    }
    const counts = countStates([f]);
    const parts = STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATE_LABELS[s]}`);
    lines.push(`  ${f.entries.length} migration${f.entries.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`, '');
  }
  return lines.join('\n');
}

/** The JSON report: stable field order, paths relative to cwd, the database shown without credentials. */
export function statusJson(folders: FolderStatus[], engine: string, cwd: string): unknown {
  const counts = countStates(folders);
  return {
    version: 1,
    database: engine,
    inSync: folders.every((f) => f.entries.every((e) => e.state === 'applied')),
    summary: counts,
    folders: folders.map((f) => ({
      dir: displayPath(f.folder.dir, cwd),
      layout: f.folder.layout,
      table: f.table.table,
      tableExists: f.table.exists,
      migrations: f.entries.map((e) => ({
        tag: e.tag,
        state: e.state,
        ...(e.path ? { file: displayPath(e.path, cwd) } : {}),
        ...(e.when !== undefined ? { when: e.when } : {}),
        ...(e.hash ? { hash: e.hash } : {}),
        ...(e.row ? { recorded: { id: e.row.id, hash: e.row.hash, createdAt: e.row.createdAt, ...(e.row.name ? { name: e.row.name } : {}) } } : {}),
      })),
    })),
  };
}

const FIRST_LINE: Location = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Every migration that is not simply applied, as findings for the sarif, github and markdown reports. */
export function statusFindings(folders: FolderStatus[], cwd: string): LintResult {
  const byFile = new Map<string, Message[]>();
  const add = (path: string, at: Location, message: string, severity: Message['severity'], hint?: string) => {
    const file = displayPath(path, cwd);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push({
      ruleId: 'migration-status',
      severity,
      message,
      ...(hint ? { hint } : {}),
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      suppressed: false,
      docsUrl: STATUS_DOCS,
    });
  };
  for (const f of folders) {
    const entryOf = new Map(f.folder.journal?.entries.map((e) => [e.tag, e]) ?? []);
    for (const e of f.entries) {
      const journalEntry = entryOf.get(e.tag);
      switch (e.state) {
        case 'pending':
          add(e.path!, FIRST_LINE, messages.pending({ tag: e.tag }), 'warning');
          break;
        case 'will-be-skipped':
          add(journalEntry ? f.folder.journal!.path : e.path!, journalEntry?.whenAt ?? FIRST_LINE, messages.willBeSkipped({ tag: e.tag, when: e.when!, newest: newestApplied(f) }), 'error', messages.willBeSkippedHint());
          break;
        case 'edited':
          add(e.path!, FIRST_LINE, messages.edited({ tag: e.tag, recorded: e.row!.hash, actual: e.hash! }), 'error', messages.editedHint());
          break;
        case 'applied-missing':
          add(journalEntry ? f.folder.journal!.path : folderAnchor(f.folder), journalEntry?.at ?? FIRST_LINE, messages.appliedMissing({ tag: e.tag, id: e.row!.id }), 'error');
          break;
        case 'not-in-journal':
          add(e.path!, FIRST_LINE, messages.notInJournal({ tag: e.tag }), 'error');
          break;
      }
    }
  }
  const results = [...byFile].map(([filePath, msgs]) => ({ filePath, messages: msgs }));
  const all = results.flatMap((r) => r.messages);
  return {
    version: 1,
    results,
    summary: {
      files: results.length,
      statements: 0,
      errors: all.filter((m) => m.severity === 'error').length,
      warnings: all.filter((m) => m.severity === 'warning').length,
      suppressed: 0,
    },
  };
}
