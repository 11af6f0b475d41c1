import type { Catalog, CatalogColumn, CatalogPolicy, CatalogTable } from '../catalog/read-catalog.js';
import { formatType } from '../schema/column-type.js';
import type { SchemaModel } from '../schema/model.js';
import type { Column, ColumnType, Policy, Table } from '../schema/types.js';
import { nodeAs, type Node } from '../sql/ast.js';
import { quoteIdent } from '../sql/qualified-name.js';
import { nameOf, showKey, type DriftItem } from './drift-item.js';
import { expressionText, sameExpression } from './expression.js';
import { indexText, parseIndexDefinition, sameIndex } from './index-shape.js';
import { policyRoles } from './policy-roles.js';
import { compareRoutines } from './compare-routines.js';
import { RoutineModel } from './routines.js';

/** An object in the database that the migrations do not manage, listed apart from drift. */
export interface Unmanaged {
  object: string;
  reason: string;
}

export interface DatabaseDrift {
  drift: DriftItem[];
  unmanaged: Unmanaged[];
}

/** Same type as far as Postgres is concerned: name, schema when the migrations name one, modifiers, array or not. */
function sameType(m: ColumnType, d: ColumnType): boolean {
  if (m.name !== d.name) return false;
  if (m.schema !== undefined && m.schema !== d.schema) return false;
  // Postgres keeps no array dimensions in the type (text[][] is text[]): array or not is what differs.
  return (m.arrayDims > 0) === (d.arrayDims > 0) && m.mods.join(',') === d.mods.join(',');
}

const shownType = (t: ColumnType) => `\`${formatType({ ...t, serial: false, arrayDims: Math.min(t.arrayDims, 1) })}\``;

/** A default the migrations give: `DEFAULT NULL` is none (Postgres stores no default for it), serial is nextval. */
function hasDefault(c: Column): boolean {
  if (c.type.serial) return true;
  if (!c.default) return false;
  const constant = nodeAs(c.default, 'A_Const');
  return !constant?.isnull;
}

const nullability = (notNull: boolean) => (notNull ? 'NOT NULL' : 'nullable');
const identity = (i: string | undefined) => (i ? `GENERATED ${i === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY` : 'no identity');
const generated = (g: string | undefined) => (g ? `GENERATED ALWAYS AS (…) ${g.toUpperCase()}` : 'not generated');

/**
 * The migrations' schema (the model replayed from the applied migrations) against the live catalog.
 * Objects in schemas the migrations never use, objects extensions created and drizzle's own
 * migrations table are listed apart; everything else that differs is drift.
 */
export function compareWithDatabase(model: SchemaModel, catalog: Catalog, migrationsTable: string, routines: RoutineModel = new RoutineModel()): DatabaseDrift {
  const drift: DriftItem[] = [];
  const unmanaged: Unmanaged[] = [];
  const managed = new Set<string>(model.schemas);
  for (const t of model.tables.values()) managed.add(t.schema);
  for (const e of model.enums.values()) managed.add(e.schema);
  const other = (object: string, names: string[], definition?: string) => drift.push({ object, kind: 'only-in-other', names, ...(definition ? { definition } : {}) });
  const mine = (object: string, origin: string, names: string[]) => drift.push({ object, kind: 'only-in-migrations', origin, names });
  const differs = (object: string, origin: string, names: string[], migrations: string, actual: string) => drift.push({ object, kind: 'differs', origin, names, migrations, actual });
  /** Why a database object is none of the migrations' business, or undefined when it is. */
  const apart = (schema: string, extension: string | undefined, key: string) =>
    extension ? `created by extension ${extension}` : key === migrationsTable || key === `${migrationsTable}_pkey` ? "drizzle's migrations table" : managed.has(schema) ? undefined : `in schema ${quoteIdent(schema)}, which the migrations do not use`;

  for (const t of model.tables.values()) {
    const d = catalog.tables.get(t.key);
    const object = `${t.kind === 'view' || t.kind === 'materialized-view' ? t.kind.replace('-', ' ') : 'table'} ${showKey(t.key)}`;
    const names = [t.name];
    if (!d) {
      mine(object, t.origin.file, names);
      continue;
    }
    if (t.kind !== 'table' && t.kind !== 'partitioned') continue;
    compareTable(t, d, names, { mine, other, differs });
  }
  for (const d of catalog.tables.values()) {
    if (model.tables.has(d.key)) continue;
    // Partitions of a partitioned table the migrations made are routinely added at run time (a
    // scheduled job, pg_partman, a function the migrations define): data management, not drift.
    const parent = d.partitionOf ? model.tables.get(d.partitionOf) : undefined;
    const reason = parent?.kind === 'partitioned' ? `a partition of ${showKey(parent.key)} that the migrations' SQL does not create (added at run time)` : apart(d.schema, d.extension, d.key);
    if (reason) unmanaged.push({ object: `${d.kind.replace('-', ' ')} ${showKey(d.key)}`, reason });
    else other(`${d.kind.replace('-', ' ')} ${showKey(d.key)}`, [d.name]);
  }

  for (const i of model.indexes.values()) {
    if (!model.tables.has(i.table)) continue;
    const d = catalog.indexes.get(i.key);
    const object = `index ${showKey(i.key)} on ${showKey(i.table)}`;
    if (!d) mine(object, i.origin.file, [nameOf(i.key)]);
    else if (!d.valid) differs(object, i.origin.file, [nameOf(i.key)], 'a valid index', 'an INVALID one (a failed CREATE INDEX CONCURRENTLY): it is not used and unique ones still block writes');
    else if (i.unique !== d.unique) differs(object, i.origin.file, [nameOf(i.key)], i.unique ? 'UNIQUE' : 'not unique', d.unique ? 'UNIQUE' : 'not unique');
    else if (i.def) {
      // Columns, expressions, order, operator classes, method and predicate: the whole definition.
      const theirs = parseIndexDefinition(d.definition);
      const mine = nodeAs(i.def, 'IndexStmt');
      if (mine && theirs && !sameIndex(mine, theirs)) differs(object, i.origin.file, [nameOf(i.key)], `\`${indexText(mine, i)}\``, `\`${d.definition}\``);
    }
  }
  for (const d of catalog.indexes.values()) {
    if (model.indexes.has(d.key)) continue;
    // An index of a table the migrations do not have goes with that table (drift or listed apart).
    if (!model.tables.has(d.table) || d.fromParent) continue;
    const reason = apart(d.schema, d.extension, d.key);
    if (reason) unmanaged.push({ object: `index ${showKey(d.key)}`, reason });
    else other(`index ${showKey(d.key)} on ${showKey(d.table)}`, [d.name], d.definition);
  }

  for (const e of model.enums.values()) {
    const d = catalog.enums.get(e.key);
    const object = `enum ${showKey(e.key)}`;
    if (!d) mine(object, e.origin.file, [e.name]);
    else if (e.values.join('\0') !== d.values.join('\0')) differs(object, e.origin.file, [e.name], valueList(e.values), valueList(d.values));
  }
  for (const d of catalog.enums.values()) {
    if (model.enums.has(d.key)) continue;
    const reason = apart(d.schema, d.extension, d.key);
    if (reason) unmanaged.push({ object: `enum ${showKey(d.key)}`, reason });
    else other(`enum ${showKey(d.key)}`, [d.name], valueList(d.values));
  }
  compareRoutines(model, routines, catalog, { mine, other, differs, apart, unmanaged: (object, reason) => unmanaged.push({ object, reason }) });
  return { drift, unmanaged };
}

const valueList = (values: string[]) => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

interface Report {
  mine: (object: string, origin: string, names: string[]) => void;
  other: (object: string, names: string[], definition?: string) => void;
  differs: (object: string, origin: string, names: string[], migrations: string, actual: string) => void;
}

function compareTable(t: Table, d: CatalogTable, names: string[], r: Report): void {
  const table = showKey(t.key);
  for (const c of t.columns.values()) {
    const dc = d.columns.get(c.name);
    const object = `column ${table}.${quoteIdent(c.name)}`;
    const at = [...names, c.name];
    if (!dc) {
      r.mine(object, c.origin.file, at);
      continue;
    }
    compareColumn(c, dc, object, at, r);
  }
  for (const dc of d.columns.values()) {
    // A partition's columns, CHECKs, keys and indexes that Postgres derives from the parent's are
    // the parent's business: the migrations declare them once, on the parent.
    if (!t.columns.has(dc.name) && !dc.fromParent) r.other(`column ${table}.${quoteIdent(dc.name)}`, [...names, dc.name], dc.formattedType);
  }
  for (const k of t.constraints.values()) {
    if (k.kind === 'not-null') continue;
    const dk = d.constraints.get(k.name);
    const object = `constraint ${quoteIdent(k.name)} on ${table}`;
    const at = [...names, k.name];
    if (!dk) r.mine(object, k.origin.file, at);
    else if (dk.kind !== k.kind) r.differs(object, k.origin.file, at, k.kind, `${dk.kind} (${dk.definition})`);
    else if (k.validated !== dk.validated) r.differs(object, k.origin.file, at, k.validated ? 'validated' : 'NOT VALID', dk.validated ? 'validated' : 'NOT VALID');
    else if (k.kind === 'check' && k.expr && dk.expression !== undefined && !sameExpression(k.expr, dk.expression)) {
      r.differs(object, k.origin.file, at, `\`CHECK (${expressionText(k.expr)})\``, `\`CHECK ${dk.expression}\``);
    }
  }
  for (const dk of d.constraints.values()) {
    if (dk.kind !== 'not-null' && !t.constraints.has(dk.name) && !dk.fromParent) r.other(`constraint ${quoteIdent(dk.name)} on ${table}`, [...names, dk.name], dk.definition);
  }
  if (t.rowLevelSecurity !== d.rowLevelSecurity) {
    const state = (on: boolean) => `row-level security ${on ? 'enabled' : 'disabled'}`;
    r.differs(`table ${table}`, t.origin.file, names, state(t.rowLevelSecurity), state(d.rowLevelSecurity));
  }
  for (const p of t.policies.values()) {
    const dp = d.policies.get(p.name);
    const object = `policy ${quoteIdent(p.name)} on ${table}`;
    const at = [...names, p.name];
    if (!dp) r.mine(object, p.origin.file, at);
    else if (dp.command !== p.command) r.differs(object, p.origin.file, at, `FOR ${p.command}`, `FOR ${dp.command}`);
    else if (dp.permissive !== p.permissive) r.differs(object, p.origin.file, at, p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE', dp.permissive ? 'PERMISSIVE' : 'RESTRICTIVE');
    else comparePolicy(p, dp, object, at, r);
  }
  for (const dp of d.policies.values()) {
    if (!t.policies.has(dp.name)) r.other(`policy ${quoteIdent(dp.name)} on ${table}`, [...names, dp.name], `FOR ${dp.command}${dp.using ? ` USING (${dp.using})` : ''}`);
  }
}

function compareColumn(c: Column, d: CatalogColumn, object: string, at: string[], r: Report): void {
  const file = c.origin.file;
  if (!sameType(c.type, d.type)) r.differs(object, file, at, shownType(c.type), `\`${d.formattedType}\``);
  if (c.notNull !== d.notNull) r.differs(object, file, at, nullability(c.notNull), nullability(d.notNull));
  if ((c.identity ?? '') !== (d.identity ?? '')) r.differs(object, file, at, identity(c.identity), identity(d.identity));
  else if ((c.generated ?? '') !== (d.generated ?? '')) r.differs(object, file, at, generated(c.generated), generated(d.generated));
  else if (!c.identity && !c.generated && hasDefault(c) !== (d.default !== undefined)) {
    r.differs(object, file, at, hasDefault(c) && c.default ? `\`DEFAULT ${expressionText(c.default)}\`` : hasDefault(c) ? 'a DEFAULT' : 'no DEFAULT', d.default !== undefined ? `\`DEFAULT ${d.default}\`` : 'no DEFAULT');
  } else if (!c.identity && !c.generated && !c.type.serial && c.default && d.default !== undefined && !sameExpression(c.default, d.default)) {
    r.differs(object, file, at, `\`DEFAULT ${expressionText(c.default)}\``, `\`DEFAULT ${d.default}\``);
  } else if (c.generated && d.generated) {
    const expr = generationExpression(c);
    if (expr && d.generatedExpr !== undefined && !sameExpression(expr, d.generatedExpr)) {
      r.differs(object, file, at, `\`GENERATED ALWAYS AS (${expressionText(expr)})\``, `\`GENERATED ALWAYS AS ${d.generatedExpr}\``);
    }
  }
}

/** The expression of a generated column, from its definition as written. */
function generationExpression(c: Column): Node | undefined {
  const def = nodeAs(c.def, 'ColumnDef');
  for (const k of (def?.constraints as Node[] | undefined) ?? []) {
    const con = nodeAs(k, 'Constraint');
    if (con?.contype === 'CONSTR_GENERATED') return con.raw_expr as Node | undefined;
  }
  return undefined;
}

const roleList = (roles: string[]) => `\`TO ${roles.join(', ')}\``;

/** Roles and expressions of a policy both sides have, with the same command and mode. */
function comparePolicy(p: Policy, d: CatalogPolicy, object: string, at: string[], r: Report): void {
  const def = nodeAs(p.def, 'CreatePolicyStmt');
  if (!def) return;
  const roles = policyRoles(def.roles as Node[] | undefined);
  const theirs = [...d.roles].sort();
  if (roles && roles.join(',') !== theirs.join(',')) r.differs(object, p.origin.file, at, roleList(roles), roleList(theirs));
  const clause = (word: string, mine: Node | undefined, db: string | undefined) => {
    if (sameExpression(mine, db)) return;
    r.differs(object, p.origin.file, at, mine ? `\`${word} (${expressionText(mine)})\`` : `no ${word}`, db !== undefined ? `\`${word} ${db}\`` : `no ${word}`);
  };
  clause('USING', def.qual as Node | undefined, d.using);
  clause('WITH CHECK', def.with_check as Node | undefined, d.withCheck);
}
