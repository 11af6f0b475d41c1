/**
 * Sequences, functions, procedures and triggers: the migrations' (RoutineModel) against the live
 * catalog. A serial's or identity column's sequence is compared with what the column implies (the
 * identity options as written, else CREATE SEQUENCE's defaults for the column's type).
 */
import { deparseSync } from 'pgsql-deparser';
import type { Catalog, CatalogSequence } from '../catalog/read-catalog.js';
import type { SchemaModel } from '../schema/model.js';
import type { Column } from '../schema/types.js';
import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { parseSql } from '../sql/parser.js';
import { quoteIdent } from '../sql/qualified-name.js';
import { showKey } from './drift-item.js';
import { canonicalExpression } from './expression.js';
import { resolvedSequence, sequenceOptions, TYPE_OF_FORMATTED, type ResolvedSequence, type RoutineModel, type SequenceOptions } from './routines.js';

export interface RoutineReport {
  mine: (object: string, origin: string, names: string[]) => void;
  other: (object: string, names: string[], definition?: string) => void;
  differs: (object: string, origin: string, names: string[], migrations: string, actual: string) => void;
  /** Why a database object is none of the migrations' business, or undefined when it is. */
  apart: (schema: string, extension: string | undefined, key: string) => string | undefined;
  unmanaged: (object: string, reason: string) => void;
}

const FIELDS: [keyof ResolvedSequence, (v: string | boolean) => string][] = [
  ['type', (v) => `AS ${v}`],
  ['increment', (v) => `INCREMENT BY ${v}`],
  ['min', (v) => `MINVALUE ${v}`],
  ['max', (v) => `MAXVALUE ${v}`],
  ['start', (v) => `START WITH ${v}`],
  ['cycle', (v) => (v ? 'CYCLE' : 'NO CYCLE')],
];

function ofCatalog(d: CatalogSequence): ResolvedSequence {
  return { type: d.dataType, increment: d.increment, min: d.min, max: d.max, start: d.start, cycle: d.cycle };
}

/** The options that differ, each side as SQL; empty when the same. `skip`: options not compared. */
function sequenceDifference(mine: ResolvedSequence, theirs: ResolvedSequence, skip: (keyof ResolvedSequence)[] = []): [string, string] | undefined {
  const differing = FIELDS.filter(([k]) => !skip.includes(k) && String(mine[k]) !== String(theirs[k]));
  if (!differing.length) return undefined;
  return [differing.map(([k, show]) => show(mine[k])).join(' '), differing.map(([k, show]) => show(theirs[k])).join(' ')];
}

/** The identity options a column was given, as written (ColumnDef or ALTER … ADD GENERATED). */
function identityOptions(c: Column): Node[] | undefined {
  const def = nodeAs(c.def, 'ColumnDef');
  for (const k of (def?.constraints as Node[] | undefined) ?? []) {
    const con = nodeAs(k, 'Constraint');
    if (con?.contype === 'CONSTR_IDENTITY') return con.options as Node[] | undefined;
  }
  return undefined;
}

/** `schema.table.column` → the model's column. */
function columnOf(model: SchemaModel, owner: string): Column | undefined {
  const col = owner.lastIndexOf('.');
  return model.tables.get(owner.slice(0, col))?.columns.get(owner.slice(col + 1));
}

/** The options a statement set (undefined ones left out, so that they do not hide the defaults). */
const defined = (o: SequenceOptions): SequenceOptions => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as SequenceOptions;

const ownerText = (owner: string | null | undefined) => (owner ? `OWNED BY ${owner.split('.').map(quoteIdent).join('.')}` : 'OWNED BY NONE');

export function compareRoutines(model: SchemaModel, routines: RoutineModel, catalog: Catalog, r: RoutineReport): void {
  for (const s of routines.sequences.values()) {
    const d = catalog.sequences.get(s.key);
    const object = `sequence ${showKey(s.key)}`;
    if (!d) {
      r.mine(object, s.origin.file, [s.name]);
      continue;
    }
    const column = s.partial && d.ownedBy ? columnOf(model, d.ownedBy) : undefined;
    if (column && (column.identity || column.type.serial)) continue; // a serial's or identity's sequence the migrations altered: below
    // Known only from ALTER SEQUENCE: the options it set are compared.
    const skip = s.partial ? FIELDS.map(([k]) => k).filter((k) => s.options[k] === undefined) : [];
    const diff = sequenceDifference(resolvedSequence(s.options, s.partial ? TYPE_OF_FORMATTED[d.dataType] : undefined), ofCatalog(d), skip);
    if (diff) r.differs(object, s.origin.file, [s.name], `\`${diff[0]}\``, `\`${diff[1]}\``);
    if (s.options.ownedBy !== undefined && (s.options.ownedBy ?? undefined) !== d.ownedBy) r.differs(object, s.origin.file, [s.name], `\`${ownerText(s.options.ownedBy)}\``, `\`${ownerText(d.ownedBy)}\``);
  }
  for (const d of catalog.sequences.values()) {
    const altered = routines.sequences.get(d.key);
    if (altered && !altered.partial) continue;
    const object = `sequence ${showKey(d.key)}`;
    const column = d.ownedBy ? columnOf(model, d.ownedBy) : undefined;
    if (column && (column.identity || column.type.serial)) {
      const at = [column.origin.file, [d.ownedBy!.split('.')[1], column.name]] as const;
      // What the column implies, then what later ALTER SEQUENCE statements set (PageSpace's admin folder re-owns a bigserial's sequence).
      const set = altered?.options ?? {};
      if (column.identity) {
        const diff = sequenceDifference(resolvedSequence({ ...sequenceOptions(identityOptions(column)), ...defined(set) }, column.type.name), ofCatalog(d));
        if (diff) r.differs(object, at[0], [...at[1]], `\`${diff[0]}\``, `\`${diff[1]}\``);
      } else {
        // A serial's sequence keeps its type when the column's type changes later: type and bounds are not compared unless set.
        const skip = (['type', 'max'] as const).filter((k) => set[k] === undefined);
        const diff = sequenceDifference(resolvedSequence(defined(set), TYPE_OF_FORMATTED[d.dataType]), ofCatalog(d), [...skip]);
        if (diff) r.differs(object, at[0], [...at[1]], `\`${diff[0]}\``, `\`${diff[1]}\``);
      }
      continue;
    }
    if (altered) continue;
    // Owned by a column of a table the migrations do not have: it goes with that table (drift or listed apart).
    if (d.ownedBy && !model.tables.has(d.ownedBy.slice(0, d.ownedBy.lastIndexOf('.')))) continue;
    const reason = r.apart(d.schema, d.extension, d.key);
    if (reason) r.unmanaged(object, reason);
    else r.other(object, [d.name], d.ownedBy ? ownerText(d.ownedBy) : `START WITH ${d.start} INCREMENT BY ${d.increment}`);
  }

  for (const f of routines.functions.values()) {
    const found = catalog.functions.get(f.key);
    const object = `${f.kind} ${showKey(f.key)}`;
    if (!found?.length) {
      r.mine(object, f.origin.file, [f.name]);
      continue;
    }
    if (f.language && !found.some((d) => d.language === f.language)) {
      r.differs(object, f.origin.file, [f.name], `\`LANGUAGE ${f.language}\``, `\`LANGUAGE ${found[0].language}\``);
    } else if (f.body !== undefined && !found.some((d) => d.body === f.body)) {
      const [mine, theirs] = bodyDifference(f.body, found[0].body);
      r.differs(object, f.origin.file, [f.name], mine, theirs);
    }
  }
  for (const [key, list] of catalog.functions) {
    if (routines.functions.has(key)) continue;
    for (const d of list) {
      const object = `${d.kind} ${showKey(key)}(${d.arguments})`;
      const reason = r.apart(d.schema, d.extension, key);
      if (reason) r.unmanaged(object, reason);
      else r.other(object, [d.name], `LANGUAGE ${d.language}`);
    }
  }

  for (const t of routines.triggers.values()) {
    if (!model.tables.has(t.table)) continue;
    const d = catalog.triggers.get(t.key);
    const object = `trigger ${quoteIdent(t.name)} on ${showKey(t.table)}`;
    if (!d) {
      r.mine(object, t.origin.file, [t.name]);
      continue;
    }
    const theirs = parseTrigger(d.definition);
    if (theirs && triggerShape(t.def) !== triggerShape(theirs)) r.differs(object, t.origin.file, [t.name], `\`${triggerText(t.def)}\``, `\`${d.definition}\``);
    else if (!d.enabled) r.differs(object, t.origin.file, [t.name], 'enabled', 'disabled (ALTER TABLE … DISABLE TRIGGER)');
  }
  for (const d of catalog.triggers.values()) {
    if (routines.triggers.has(d.key) || !model.tables.has(d.table)) continue;
    const object = `trigger ${quoteIdent(d.name)} on ${showKey(d.table)}`;
    const reason = d.extension ? `created by extension ${d.extension}` : undefined;
    if (reason) r.unmanaged(object, reason);
    else r.other(object, [d.name], d.definition);
  }
}

/** The first line where two bodies differ, each side: `line 3: RETURN NEW;`. */
function bodyDifference(mine: string, theirs: string): [string, string] {
  const a = mine.split('\n');
  const b = theirs.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = (lines: string[]) => (i < lines.length ? `body line ${i + 1} \`${lines[i].trim()}\`` : `a body of ${lines.length} line${lines.length === 1 ? '' : 's'}`);
  return [line(a), line(b)];
}

function parseTrigger(text: string): NodeOf<'CreateTrigStmt'> | undefined {
  try {
    return nodeAs(parseSql(text)[0]?.node, 'CreateTrigStmt');
  } catch {
    return undefined;
  }
}

/** When, on what, per row or statement, which function with which arguments, under which condition. */
function triggerShape(t: NodeOf<'CreateTrigStmt'>): string {
  return JSON.stringify({
    timing: t.timing ?? 0,
    events: t.events ?? 0,
    row: !!t.row,
    columns: names(t.columns as Node[] | undefined),
    function: names(t.funcname as Node[]).at(-1),
    args: names(t.args as Node[] | undefined),
    when: t.whenClause ? canonicalExpression(t.whenClause as Node) : null,
    constraint: !!t.isconstraint,
  });
}

function triggerText(t: NodeOf<'CreateTrigStmt'>): string {
  try {
    return deparseSync({ CreateTrigStmt: { ...t, replace: false } } as never, { pretty: false }).trim().replace(/;$/, '');
  } catch {
    return `CREATE TRIGGER ${t.trigname}`;
  }
}
