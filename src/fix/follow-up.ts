import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { names, nodeAs, type Node } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { BREAKPOINT } from '../sql/split-breakpoints.js';
import type { MigrationFolder } from '../migrations/types.js';
import { ESCAPE_NOTE } from './render.js';
import { doIf, noConstraint, singleCommand } from './sql-text.js';
import type { FileChange, PlanProblem, SqlChunk } from './types.js';

/**
 * `fix --follow-up`: the part of a recipe that must commit on its own (VALIDATE, a concurrent index
 * build, a batched backfill and what follows them) moves to a new migration after the pending ones,
 * for a later deploy. The pending migration then keeps drizzle's all-or-nothing rollback; the
 * follow-up carries the COMMIT;/BEGIN; escapes it needs and runs safely in the same migrate run too.
 */

/** Recipes whose steps split into "now" (in the batch transaction) and "later" (the follow-up). */
export const FOLLOW_UP_RECIPES = new Set([
  'creating-index-non-concurrently',
  'dropping-index-non-concurrently',
  'concurrently-in-transaction',
  'adding-foreign-key',
  'adding-check-constraint',
  'adding-unique-constraint',
  'adding-primary-key',
  'setting-not-null',
  'adding-not-null-column',
]);

/** The name drizzle-kit's `--name` gives the follow-up (drizzle-kit writes `<prefix>_<name>`). */
export const FOLLOW_UP_NAME = 'follow_up';

/**
 * Chunks up to the first autocommit one run now; the rest later. Undefined when nothing must commit
 * first. A moved VALIDATE runs only while its constraint exists: the NOT VALID add stays behind in the
 * applied migration, so a re-run of the follow-up after its DROP of the temporary NOT NULL check
 * committed would otherwise fail on the VALIDATE (measured with the fault-injection proof).
 */
export function splitChunks(chunks: SqlChunk[]): { now: SqlChunk[]; later: SqlChunk[] } | undefined {
  const at = chunks.findIndex((c) => c.mode === 'autocommit');
  if (at < 0) return undefined;
  const later = chunks.slice(at).map((c) => {
    const v = /^ALTER TABLE (.+) VALIDATE CONSTRAINT "((?:[^"]|"")*)"$/.exec(c.sql);
    return v ? { ...c, sql: doIf(`NOT ${noConstraint(v[1], v[2].replace(/""/g, '"'))}`, c.sql) } : c;
  });
  return { now: chunks.slice(0, at), later };
}

/** What the snapshot of a pending migration loses when part of a step moves to the follow-up. */
export type SnapshotEdit =
  | { kind: 'drop-index' | 'drop-unique' | 'drop-pk'; schema: string; table: string; name: string; columns?: string[] }
  | { kind: 'restore-index'; name: string }
  | { kind: 'nullable'; schema: string; table: string; column: string };

/** The objects a deferred part creates (names a later statement must not use) and the snapshot edits. */
export function deferredObjects(statement: Statement, later: SqlChunk[]): { names: string[]; edits: SnapshotEdit[]; table?: string } {
  const edits: SnapshotEdit[] = [];
  const idx = nodeAs(statement.node, 'IndexStmt');
  if (idx?.idxname && idx.relation?.relname) {
    edits.push({ kind: 'drop-index', schema: idx.relation.schemaname ?? 'public', table: idx.relation.relname, name: idx.idxname });
    return { names: [idx.idxname], edits };
  }
  const drop = nodeAs(statement.node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_INDEX') {
    const parts = names(nodeAs((drop.objects as Node[])[0], 'List')?.items as Node[] | undefined);
    const name = parts[parts.length - 1];
    return { names: [name], edits: [{ kind: 'restore-index', name }] };
  }
  const one = singleCommand(statement);
  const rel = one?.alter.relation;
  if (!one || !rel?.relname) return { names: [], edits };
  const schema = rel.schemaname ?? 'public';
  const con = one.cmd.subtype === 'AT_AddConstraint' ? nodeAs(one.cmd.def, 'Constraint') : undefined;
  const out: string[] = [];
  if (con?.conname) out.push(con.conname);
  // A UNIQUE / PRIMARY KEY that moved, named or not, table- or column-level: the recipe's USING INDEX
  // names it as Postgres does (both drizzle-kits write a column's .primaryKey() as an unnamed
  // `ADD PRIMARY KEY ("id")`, measured with 0.31.11 and 1.0.0-beta.24).
  const using = /ADD CONSTRAINT ("(?:[^"]|"")*") (PRIMARY KEY|UNIQUE) USING INDEX/.exec(later.map((c) => c.sql).join('\n'));
  if (using) {
    const name = using[1].slice(1, -1).replace(/""/g, '"');
    const column = one.cmd.subtype === 'AT_AddColumn' ? nodeAs(one.cmd.def, 'ColumnDef')?.colname : undefined;
    const columns = column ? [column] : names(con?.keys as Node[] | undefined);
    if (!out.includes(name)) out.push(name);
    edits.push({ kind: using[2] === 'UNIQUE' ? 'drop-unique' : 'drop-pk', schema, table: rel.relname, name, columns });
  }
  // A SET NOT NULL that moved: the column is nullable until the follow-up runs.
  for (const c of later) {
    const m = /ALTER COLUMN ("(?:[^"]|"")*") SET NOT NULL/.exec(c.sql);
    if (m) edits.push({ kind: 'nullable', schema, table: rel.relname, column: m[1].slice(1, -1).replace(/""/g, '"') });
  }
  return { names: out, edits, ...(using ? { table: rel.relname } : {}) };
}

/** Whether a later statement of the batch needs what moves (by name; a FK needs the unique index on its referenced table). */
export function usedLater(objects: { names: string[]; table?: string }, laterStatements: Statement[]): Statement | undefined {
  return laterStatements.find(
    (s) =>
      objects.names.some((n) => s.text.includes(`"${n}"`) || new RegExp(`\\b${n.replace(/[^\w]/g, '\\$&')}\\b`).test(s.text)) ||
      (objects.table !== undefined && new RegExp(`REFERENCES\\s+(?:"?[\\w$]+"?\\s*\\.\\s*)?"?${objects.table.replace(/[^\w]/g, '\\$&')}"?[\\s(]`, 'i').test(s.text)),
  );
}

/** The follow-up migration's text: the chunks with COMMIT;/BEGIN; escapes, ending inside a transaction for drizzle. */
export function renderFollowUp(chunks: SqlChunk[], after: string): string {
  const parts: string[] = [];
  let inTransaction = true;
  for (const c of chunks) {
    if (c.mode === 'autocommit' && inTransaction) parts.push('COMMIT');
    if (c.mode === 'transaction' && !inTransaction) parts.push('BEGIN');
    inTransaction = c.mode === 'transaction';
    parts.push(c.sql);
  }
  if (!inTransaction) parts.push('BEGIN');
  const head = [`-- Follow-up to ${after}, written by \`drizzle-migration-lint fix --follow-up\`: apply it in a later deploy than ${after}.`];
  if (chunks.some((c) => c.mode === 'autocommit')) head.unshift(ESCAPE_NOTE);
  return `${head.join('\n')}\n${parts.join(`;\n${BREAKPOINT}\n`)};\n`;
}

interface Json {
  [key: string]: unknown;
}

export interface FollowUpFiles {
  tag: string;
  /** The follow-up's SQL file (absolute). */
  path: string;
  files: FileChange[];
  problems: PlanProblem[];
  notes: string[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** drizzle-kit's timestamp prefix: the UTC time as YYYYMMDDHHMMSS. */
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
};
const stampMs = (tag: string) => {
  const t = tag.slice(0, 14);
  return Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
};
const trailing = (text: string) => /\s*$/.exec(text)![0];
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Json;

/** Where the follow-up goes: the tag and SQL path drizzle-kit would give a migration named follow_up now. */
export function followUpName(folder: MigrationFolder, now: number): { tag: string; path: string } | PlanProblem {
  const last = folder.files[folder.files.length - 1];
  if (folder.layout === 'folders') {
    const ms = Math.max(Math.floor(now / 1000) * 1000, last ? stampMs(last.tag) + 1000 : 0);
    const tag = `${stamp(ms)}_${FOLLOW_UP_NAME}`;
    return { tag, path: join(folder.dir, tag, 'migration.sql') };
  }
  if (folder.layout !== 'journal' || !folder.journal) {
    return { path: folder.dir, line: 0, kind: 'follow-up', message: 'a follow-up migration needs drizzle-kit\'s journal (meta/_journal.json) or its 1.0 folders layout; run fix without --follow-up' };
  }
  const entries = folder.journal.entries;
  const idx = entries.length ? entries[entries.length - 1].idx + 1 : 0;
  const mode = folder.drizzle?.prefix ?? 'index';
  const prefix =
    mode === 'index' ? String(idx).padStart(4, '0') : mode === 'timestamp' || mode === 'supabase' ? stamp(now) : mode === 'unix' ? String(Math.floor(now / 1000)) : '';
  const tag = `${prefix}_${FOLLOW_UP_NAME}`;
  return { tag, path: join(folder.dir, `${tag}.sql`) };
}

/**
 * The files of the follow-up: its SQL, its journal entry (0.x) and snapshots. The follow-up's snapshot
 * is the last migration's (the schema after every step), chained to it by a new id; each pending
 * migration's snapshot loses what moved (an index, a unique or primary key, a NOT NULL) so that it
 * describes the schema after that migration alone. Problems (nothing is written then) when the folder
 * cannot take it.
 */
export function followUpFiles(
  folder: MigrationFolder,
  name: { tag: string; path: string },
  text: string,
  pending: { tag: string; edits: SnapshotEdit[] }[],
  now: number,
): FollowUpFiles {
  const out: FollowUpFiles = { ...name, files: [], problems: [], notes: [] };
  const problem = (path: string, message: string) => out.problems.push({ path, line: 0, kind: 'follow-up', message });
  if (existsSync(name.path)) problem(name.path, 'the follow-up migration already exists; apply or remove it first');
  out.files.push({ path: name.path, kind: 'create', before: '', after: text });
  const tags = folder.files.map((f) => f.tag);
  const lastTag = tags[tags.length - 1];

  let snapshotPath: (tag: string) => string;
  let chain: (last: Json) => Json;
  let edit: (snapshot: Json, edits: SnapshotEdit[], before: Json | undefined) => void;
  let newSnapshot: string;
  if (folder.layout === 'folders') {
    snapshotPath = (tag) => join(folder.dir, tag, 'snapshot.json');
    chain = (last) => ({ ...last, id: randomUUID(), prevIds: [last.id] });
    edit = editDdl;
    newSnapshot = join(folder.dir, name.tag, 'snapshot.json');
  } else {
    const journal = folder.journal!;
    const json = JSON.parse(journal.text.replace(/^\uFEFF/, '')) as Json & { entries: Json[] };
    const lastEntry = (json.entries[json.entries.length - 1] ?? {}) as { idx?: number; when?: number; version?: string; breakpoints?: boolean };
    json.entries.push({
      idx: (lastEntry.idx ?? -1) + 1,
      version: lastEntry.version ?? '7',
      // drizzle's migrator applies an entry only when its `when` is after the last applied one.
      when: Math.max(now, (lastEntry.when ?? 0) + 1),
      tag: name.tag,
      breakpoints: lastEntry.breakpoints ?? true,
    });
    if (lastEntry.breakpoints === false) problem(journal.path, 'the journal\'s breakpoints are off: drizzle would send the follow-up as one query, so its COMMIT;/BEGIN; escapes cannot work');
    out.files.push({ path: journal.path, kind: 'modify', before: journal.text, after: JSON.stringify(json, null, 2) + trailing(journal.text) });
    const meta = join(folder.dir, 'meta');
    snapshotPath = (tag) => join(meta, `${tag.split('_')[0]}_snapshot.json`);
    chain = (last) => ({ ...last, id: randomUUID(), prevId: last.id });
    edit = editTables;
    newSnapshot = snapshotPath(name.tag);
  }

  const hasSnapshots = folder.layout === 'folders' ? tags.some((t) => existsSync(snapshotPath(t))) : existsSync(join(folder.dir, 'meta')) && readdirSync(join(folder.dir, 'meta')).some((f) => f.endsWith('_snapshot.json'));
  if (!hasSnapshots) {
    out.notes.push('the folder has no drizzle-kit snapshots: none written');
    return out;
  }
  const lastPath = lastTag === undefined ? undefined : snapshotPath(lastTag);
  if (!lastPath || !existsSync(lastPath)) {
    problem(lastPath ?? folder.dir, `cannot chain the follow-up's snapshot: ${lastPath ? basename(lastPath) : 'the last snapshot'} is missing`);
    return out;
  }
  if (existsSync(newSnapshot)) problem(newSnapshot, 'the follow-up snapshot already exists');
  let last: Json;
  try {
    last = readJson(lastPath);
  } catch (e) {
    problem(lastPath, `cannot read the snapshot: ${(e as Error).message}`);
    return out;
  }
  out.files.push({ path: newSnapshot, kind: 'create', before: '', after: JSON.stringify(chain(last), null, 2) });

  // Each pending migration's snapshot loses what moved out of it and out of the pending migrations before it.
  const edits: SnapshotEdit[] = [];
  for (const p of pending) {
    edits.push(...p.edits);
    if (!edits.length) continue;
    const path = snapshotPath(p.tag);
    if (!existsSync(path)) {
      problem(path, `cannot describe ${p.tag} without what moved to the follow-up: its snapshot is missing`);
      continue;
    }
    const i = tags.indexOf(p.tag);
    const beforePath = i > 0 ? snapshotPath(tags[i - 1]) : undefined;
    try {
      const text = readFileSync(path, 'utf8');
      const snap = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
      edit(snap, edits, beforePath && existsSync(beforePath) ? readJson(beforePath) : undefined);
      out.files.push({ path, kind: 'modify', before: text, after: JSON.stringify(snap, null, 2) + trailing(text) });
    } catch (e) {
      problem(path, `cannot read the snapshot: ${(e as Error).message}`);
    }
  }
  return out;
}

type Tables = Record<string, { schema?: string; name?: string; columns?: Record<string, Json>; indexes?: Record<string, Json>; uniqueConstraints?: Record<string, Json>; compositePrimaryKeys?: Record<string, Json> }>;

/** drizzle-kit 0.x (snapshot version 7): `tables["schema.table"]` with columns, indexes, uniqueConstraints, compositePrimaryKeys. */
function editTables(snapshot: Json, edits: SnapshotEdit[], before: Json | undefined): void {
  const tables = (snapshot.tables ?? {}) as Tables;
  for (const e of edits) {
    if (e.kind === 'restore-index') {
      for (const [key, t] of Object.entries((before?.tables ?? {}) as Tables)) {
        const index = t.indexes?.[e.name];
        if (index && tables[key]) tables[key].indexes = { ...tables[key].indexes, [e.name]: index };
      }
      continue;
    }
    const t = tables[`${e.schema}.${e.table}`];
    if (!t) continue;
    if (e.kind === 'drop-index') delete t.indexes?.[e.name];
    if (e.kind === 'drop-unique') {
      // Unnamed in the SQL: Postgres's name (t_a_key) is not drizzle-kit 0.x's (t_a_unique); the columns tell.
      const key = t.uniqueConstraints?.[e.name] ? e.name : Object.keys(t.uniqueConstraints ?? {}).find((k) => sameColumns(t.uniqueConstraints![k].columns, e.columns));
      if (key) delete t.uniqueConstraints![key];
    }
    if (e.kind === 'drop-pk') {
      // A table has one primary key: composite (named by drizzle, not Postgres) or on a column.
      if (t.compositePrimaryKeys) t.compositePrimaryKeys = {};
      for (const c of e.columns ?? []) if (t.columns?.[c]) t.columns[c].primaryKey = false;
    }
    if (e.kind === 'nullable' && t.columns?.[e.column]) t.columns[e.column].notNull = false;
  }
}

/** drizzle-kit 1.0 (snapshot version 8): a flat `ddl` list of entities with `entityType`, `schema`, `table`, `name`. */
function editDdl(snapshot: Json, edits: SnapshotEdit[], before: Json | undefined): void {
  let ddl = (snapshot.ddl ?? []) as Json[];
  const TYPES = { 'drop-index': 'indexes', 'drop-unique': 'uniques', 'drop-pk': 'pks' } as const;
  for (const e of edits) {
    if (e.kind === 'restore-index') {
      const index = ((before?.ddl ?? []) as Json[]).find((x) => x.entityType === 'indexes' && x.name === e.name);
      if (index && !ddl.some((x) => x.entityType === 'indexes' && x.name === e.name)) ddl.push(index);
      continue;
    }
    if (e.kind === 'nullable') {
      for (const x of ddl) if (x.entityType === 'columns' && x.schema === e.schema && x.table === e.table && x.name === e.column) x.notNull = false;
      continue;
    }
    const onTable = (x: Json) => x.entityType === TYPES[e.kind] && x.schema === e.schema && x.table === e.table;
    // A table has one primary key; an unique without a name in the SQL is found by its columns too.
    const byName = ddl.some((x) => onTable(x) && x.name === e.name);
    ddl = ddl.filter((x) => !(onTable(x) && (e.kind === 'drop-pk' || x.name === e.name || (!byName && e.kind === 'drop-unique' && sameColumns(x.columns, e.columns)))));
  }
  snapshot.ddl = ddl;
}

function sameColumns(a: unknown, b: string[] | undefined): boolean {
  return Array.isArray(a) && b !== undefined && b.length > 0 && a.length === b.length && a.every((c, i) => c === b[i]);
}
