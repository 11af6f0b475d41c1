import { readFileSync } from 'node:fs';
import type { LintResult, Message } from '../linter/result.js';
import { displayPath } from '../migrations/display-path.js';
import { SourceFile, type Location } from '../sql/source-file.js';
import { docsPageUrl } from '../app/docs-links.js';
import type { Unmanaged } from './compare-database.js';
import type { DriftItem } from './drift-item.js';
import { messages } from './messages.js';

export const DRIFT_DOCS = docsPageUrl('drift.md');

export interface DriftRun {
  /** 'database' or 'snapshot': the side the migrations were compared with. */
  other: 'database' | 'snapshot';
  /** The database (credentials hidden) or the snapshot file. */
  against: string;
  items: DriftItem[];
  unmanaged: Unmanaged[];
  collisions: { prevId: string; paths: string[] }[];
  /** Where findings about objects the migrations never created are shown (the last applied migration, or the snapshot). */
  anchor: string;
  /** Statements replayed to build the migrations' schema. */
  statements: number;
}

export function messageOf(item: DriftItem, other: string): string {
  if (item.kind === 'only-in-migrations') return messages.onlyInMigrations({ object: item.object, other });
  if (item.kind === 'only-in-other') return messages.onlyInOther({ object: item.object, other, definition: item.definition });
  return messages.differs({ object: item.object, migrations: item.migrations!, other, actual: item.actual! });
}

const START: Location = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Where a finding goes: the names (table, then column or constraint) found in turn in the file,
 * quoted as drizzle-kit writes them, else as plain words; the first line when they are not there.
 */
export function locate(path: string, names: string[], read: (p: string) => string = (p) => readFileSync(p, 'utf8')): Location {
  let text: string;
  try {
    text = read(path);
  } catch {
    return START;
  }
  const file = new SourceFile(path, text);
  let from = 0;
  let found: Location | undefined;
  for (const name of names) {
    const quoted = file.text.indexOf(`"${name.replace(/"/g, '""')}"`, from);
    let at = quoted;
    let length = name.length + 2;
    if (quoted === -1) {
      const m = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').exec(file.text.slice(from));
      at = m ? from + m.index : -1;
      length = name.length;
    }
    if (at === -1) break;
    found = file.location(at, at + length);
    from = at + length;
  }
  return found ?? START;
}

export function driftFindings(run: DriftRun, cwd: string): LintResult {
  const byFile = new Map<string, Message[]>();
  const add = (path: string, at: Location, message: string, hint: string) => {
    const file = displayPath(path, cwd);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push({ ruleId: 'schema-drift', severity: 'error', message, hint, ...at, suppressed: false, docsUrl: DRIFT_DOCS });
  };
  const hint = run.other === 'database' ? messages.databaseHint() : messages.snapshotHint();
  for (const item of run.items) {
    const path = item.origin ?? run.anchor;
    add(path, item.origin ? locate(path, item.names) : START, messageOf(item, run.other), hint);
  }
  for (const c of run.collisions) {
    add(c.paths[c.paths.length - 1], START, messages.prevIdCollision({ files: c.paths.map((p) => displayPath(p, cwd)), prevId: c.prevId }), messages.prevIdCollisionHint());
  }
  const results = [...byFile].map(([filePath, msgs]) => ({ filePath, messages: msgs.sort((a, b) => a.line - b.line || a.column - b.column) }));
  const count = results.reduce((n, r) => n + r.messages.length, 0);
  return { version: 1, results, summary: { files: results.length, statements: run.statements, errors: count, warnings: 0, suppressed: 0 } };
}

/** The JSON report: each item with both sides and where it was placed. */
export function driftJson(run: DriftRun, cwd: string): unknown {
  return {
    version: 1,
    comparedWith: run.other,
    against: run.other === 'snapshot' ? displayPath(run.against, cwd) : run.against,
    inSync: run.items.length === 0 && run.collisions.length === 0,
    drift: run.items.map((item) => {
      const file = item.origin ?? run.anchor;
      return {
        object: item.object,
        kind: item.kind,
        ...(item.migrations !== undefined ? { migrations: item.migrations, [run.other]: item.actual } : {}),
        ...(item.definition ? { definition: item.definition } : {}),
        message: messageOf(item, run.other),
        file: displayPath(file, cwd),
        ...(item.origin ? locate(file, item.names) : START),
      };
    }),
    collisions: run.collisions.map((c) => ({ prevId: c.prevId, files: c.paths.map((p) => displayPath(p, cwd)) })),
    unmanaged: run.unmanaged,
  };
}

/** Under the text report: what was compared, and the objects left out (not drift). */
export function driftSummary(run: DriftRun, cwd: string): string {
  const against = run.other === 'snapshot' ? displayPath(run.against, cwd) : run.against;
  const lines = [`drift: migrations compared with ${run.other} ${against}: ${run.items.length} difference${run.items.length === 1 ? '' : 's'}${run.collisions.length ? `, ${run.collisions.length} snapshot prevId collision${run.collisions.length === 1 ? '' : 's'}` : ''}.`];
  if (run.unmanaged.length) {
    lines.push(`Not created by these migrations, left out (${run.unmanaged.length}):`);
    for (const u of run.unmanaged) lines.push(`  ${u.object} (${u.reason})`);
  }
  return lines.join('\n') + '\n';
}
