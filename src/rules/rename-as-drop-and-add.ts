import { nodeAs } from '../sql/ast.js';
import { formatType } from '../schema/column-type.js';
import { refOf, relationKey } from '../schema/model.js';
import type { ColumnType, RelationRef, Table } from '../schema/types.js';
import type { Statement } from '../sql/statement.js';
import type { Rule, StatementContext } from './types.js';
import { addedConstraints, alterTable, constraintColumns } from '../sql/alter-table.js';
import { columnFilledIn, rowsCopiedInto } from '../sql/data-copies.js';
import { definedColumns } from '../schema/defined-columns.js';
import { droppedTables } from '../sql/dropped-objects.js';
import { laterTableDrops } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { namesReadAsRename } from './support/similar-names.js';
import { copiesInto } from './support/copyable-types.js';
import { perScope } from './support/per-scope.js';

interface DroppedColumn {
  table: string;
  name: string;
  type: ColumnType;
  /** Key of the table its foreign key referenced, if it had one. */
  references?: string;
}

interface DroppedTable {
  ref: RelationRef;
  columns: Map<string, ColumnType>;
}

/** What this migration dropped so far, with the types the schema had just before each drop. */
interface Dropped {
  columns: DroppedColumn[];
  tables: DroppedTable[];
  /** The file's `DROP COLUMN` commands by table key, found once (not per added column). */
  columnDrops?: Map<string, { index: number; name: string }[]>;
  /** Foreign keys the file dropped before their column (drizzle-kit drops the constraint first): `table\0column` → referenced table key. */
  droppedReferences: Map<string, string>;
}

/** Share of columns (of the larger table) that must match by name and type for "near-identical". */
const SIMILAR_TABLE_SHARE = 0.8;
/** Tables with unrelated names count only when every column matches, and there are enough of them to not be boilerplate. */
const IDENTICAL_TABLE_MIN_COLUMNS = 4;

export const messages = {
  /** `dropped` is the column of the same type that this migration drops from the table. */
  addedColumn: (a: { column: string; type: string; table: string; dropped: string }) =>
    `Column ${a.column} (${a.type}) is added to ${a.table} while column ${a.dropped} of the same type is dropped in this migration: if this is a rename (drizzle-kit asked "create or rename?" and got "create"), every value of ${a.dropped} is lost.`,
  /** The dropped column's type differs but each of its values converts to the added one's (copyable-types). */
  addedColumnWidened: (a: { column: string; type: string; table: string; dropped: string; droppedType: string }) =>
    `Column ${a.column} (${a.type}) is added to ${a.table} while column ${a.dropped} (${a.droppedType}, whose values all convert to ${a.type}) is dropped in this migration: if this is a rename (drizzle-kit asked "create or rename?" and got "create"), every value of ${a.dropped} is lost.`,
  addedColumnHint: (a: { column: string; table: string; dropped: string }) =>
    `For a rename, run drizzle-kit generate again and choose the rename (it writes RENAME COLUMN; see renaming-column for a zero-downtime path), or copy the data before the drop: UPDATE ${a.table} SET ${a.column} = ${a.dropped};`,
  /** `matching` of the dropped table's `columns` have the same name and type in the created one. */
  createdTable: (a: { table: string; dropped: string; matching: number; columns: number }) =>
    `Table ${a.table} is created while ${a.dropped}, with ${a.matching} of its ${a.columns} columns the same, is dropped in this migration: if this is a rename (drizzle-kit asked "create or rename?" and got "create"), every row of ${a.dropped} is lost.`,
  createdTableHint: (a: { table: string; dropped: string }) =>
    `For a rename, run drizzle-kit generate again and choose the rename (it writes ALTER TABLE … RENAME TO; see renaming-table), or copy the rows before the drop: INSERT INTO ${a.table} SELECT … FROM ${a.dropped};`,
};

export const renameAsDropAndAdd: Rule = {
  id: 'rename-as-drop-and-add',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP + ADD of a related column the old values would copy into (or DROP + CREATE of a near-identical table) in one migration: a rename that loses the data',
  messages,
  create() {
    // What the current file dropped so far.
    const droppedIn = perScope<string, Dropped>(() => ({ columns: [], tables: [], droppedReferences: new Map() }));
    return {
      check(ctx) {
        const dropped = droppedIn(ctx.filePath);
        const alter = alterTable(ctx.statement);
        if (alter && !ctx.isNewTable(alter.key)) {
          for (const cmd of alter.cmds) {
            if (cmd.subtype === 'AT_DropConstraint' && cmd.name) rememberDroppedReference(ctx, dropped, alter.ref, alter.key, cmd.name);
            const col = cmd.subtype === 'AT_DropColumn' && cmd.name ? ctx.schema.column(alter.ref, cmd.name) : undefined;
            if (col && !ctx.isNewOrigin(col.origin)) dropped.columns.push({ table: alter.key, name: col.name, type: col.type, references: referenceOf(ctx, dropped, alter.ref, alter.key, col.name) });
          }
        }
        for (const ref of droppedTables(ctx.statement.node)) {
          const t = ctx.schema.table(ref);
          if (t && !ctx.isNewTable(t.key)) dropped.tables.push(droppedTable(t));
        }
        if (alter && !ctx.isNewTable(alter.key)) checkAddedColumns(ctx, dropped, alter.key);
        checkCreatedTable(ctx, dropped);
      },
    };
  },
};

function droppedTable(t: Table): DroppedTable {
  return { ref: t, columns: new Map([...t.columns].map(([n, c]) => [n, c.type])) };
}

/** Every `ALTER TABLE … DROP COLUMN` of the file, by table key, in file order. */
function columnDrops(statements: readonly Statement[]): Map<string, { index: number; name: string }[]> {
  const out = new Map<string, { index: number; name: string }[]>();
  for (const s of statements) {
    const a = alterTable(s);
    if (!a) continue;
    for (const c of a.cmds) {
      if (c.subtype !== 'AT_DropColumn' || !c.name) continue;
      if (!out.has(a.key)) out.set(a.key, []);
      out.get(a.key)!.push({ index: s.index, name: c.name });
    }
  }
  return out;
}

/** The table a column's foreign key references: from the schema, or from the file's earlier DROP CONSTRAINT of it. */
function referenceOf(ctx: StatementContext, dropped: Dropped, ref: RelationRef, key: string, column: string): string | undefined {
  const fk = [...(ctx.schema.table(ref)?.constraints.values() ?? [])].find((c) => c.kind === 'foreign' && c.columns.includes(column));
  return fk?.references ?? dropped.droppedReferences.get(`${key}\0${column}`);
}

function rememberDroppedReference(ctx: StatementContext, dropped: Dropped, ref: RelationRef, key: string, name: string): void {
  const con = ctx.schema.table(ref)?.constraints.get(name);
  if (con?.kind !== 'foreign' || !con.references) return;
  for (const c of con.columns) dropped.droppedReferences.set(`${key}\0${c}`, con.references);
}

/** The table the added column references: inline REFERENCES, or an ADD CONSTRAINT … FOREIGN KEY anywhere in the file (DO blocks included). */
function addedReference(statements: readonly Statement[], table: string, column: string, inline: RelationRef | undefined): string | undefined {
  if (inline) return relationKey(inline);
  for (const s of statements) {
    const a = alterTable(s);
    if (a?.key !== table) continue;
    for (const added of addedConstraints(a, 'CONSTR_FOREIGN')) {
      const target = refOf(added.con.pktable);
      if (target && constraintColumns(added).includes(column)) return relationKey(target);
    }
  }
  return undefined;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && a.schema === b.schema && a.arrayDims === b.arrayDims && a.mods.join(',') === b.mods.join(',');
}

function checkAddedColumns(ctx: StatementContext, dropped: Dropped, table: string): void {
  const fileStmts = ctx.file.statements;
  dropped.columnDrops ??= columnDrops(fileStmts);
  // Nothing of this table is dropped in the file: no added column can be a lost rename.
  if (!dropped.columnDrops.has(table) && !dropped.columns.some((d) => d.table === table)) return;
  for (const col of definedColumns(ctx.statement)) {
    if (col.via !== 'add-column') continue;
    const laterDrops: DroppedColumn[] = (dropped.columnDrops.get(col.key) ?? []).flatMap((d) => {
      const old = d.index > ctx.statement.index ? ctx.schema.column(col.ref, d.name) : undefined;
      return old && !ctx.isNewOrigin(old.origin) ? [{ table: col.key, name: old.name, type: old.type, references: referenceOf(ctx, dropped, col.ref, col.key, old.name) }] : [];
    });
    const references = addedReference(fileStmts, col.key, col.name, col.foreignKey?.table);
    const candidates = [...dropped.columns, ...laterDrops]
      .filter((d) => d.table === col.key && d.name !== col.name && copiesInto(d.type, col.type))
      // A new foreign key holds ids of the referenced table: only an old key to that same table copies
      // into it (a name, a slug or a key of another table would not; the copy fails with 23503).
      .filter((d) => !references || d.references === references)
      // Dissimilar names (project_id → workspace_id, password → image) and names that share a word
      // but name two things (user_name / team_name) are new columns on purpose.
      .filter((d) => namesReadAsRename(d.name, col.name))
      .filter((d) => !readdedInFile(fileStmts, col.key, d.name));
    const names = [...new Set(candidates.map((d) => d.name))];
    // Only an unambiguous pair reads as a rename: two related columns going or coming is a
    // restructuring, and guessing which one maps to which would mostly be wrong.
    if (names.length !== 1) continue;
    const old = candidates[0];
    if (relatedAdded(fileStmts, col.key, old).length !== 1) continue;
    if (columnFilledIn(fileStmts, col.key, col.name)) continue;
    const args = { column: quoteIdent(col.name), type: formatType(col.type), table: showRelation(col.ref), dropped: quoteIdent(old.name) };
    const message = sameType(old.type, col.type) ? messages.addedColumn(args) : messages.addedColumnWidened({ ...args, droppedType: formatType(old.type) });
    ctx.report({ at: col.typeName.location, message, hint: messages.addedColumnHint(args) });
  }
}

function checkCreatedTable(ctx: StatementContext, dropped: Dropped): void {
  const create = nodeAs(ctx.statement.node, 'CreateStmt');
  const ref = refOf(create?.relation);
  if (!create || !ref || create.partbound) return;
  const key = relationKey(ref);
  const laterDrops: DroppedTable[] = laterTableDrops(ctx).flatMap((d) =>
    d.tables.flatMap((r) => {
      const t = ctx.schema.table(r);
      return t && !ctx.isNewTable(t.key) ? [droppedTable(t)] : [];
    }),
  );
  if (!dropped.tables.length && !laterDrops.length) return;
  const columns = definedColumns(ctx.statement);
  for (const old of [...dropped.tables, ...laterDrops]) {
    const oldKey = relationKey(old.ref);
    if (oldKey === key) continue;
    const matching = columns.filter((c) => {
      const t = old.columns.get(c.name);
      return t && sameType(t, c.type);
    }).length;
    const identical = matching === old.columns.size && matching === columns.length && matching >= IDENTICAL_TABLE_MIN_COLUMNS;
    const similar =
      matching >= 2 && matching >= SIMILAR_TABLE_SHARE * Math.max(old.columns.size, columns.length) && (identical || namesReadAsRename(old.ref.name, ref.name));
    if (!similar || rowsCopiedInto(ctx.file.statements, key, old.ref)) continue;
    const args = { table: showRelation(ref), dropped: showRelation(old.ref), matching, columns: old.columns.size };
    ctx.report({ at: create.relation?.location, message: messages.createdTable(args), hint: messages.createdTableHint(args) });
    return;
  }
}

/** Names of the columns the file adds to the table that the dropped column could have been renamed to. */
function relatedAdded(statements: readonly Statement[], table: string, old: DroppedColumn): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    for (const c of definedColumns(s)) {
      if (c.via === 'add-column' && c.key === table && c.name !== old.name && copiesInto(old.type, c.type) && namesReadAsRename(old.name, c.name)) out.add(c.name);
    }
  }
  return [...out];
}

/** The dropped column is added back under its own name: a re-creation, not a rename. */
function readdedInFile(statements: readonly Statement[], table: string, name: string): boolean {
  return statements.some((s) => {
    const a = alterTable(s);
    return a?.key === table && a.cmds.some((c) => c.subtype === 'AT_AddColumn' && nodeAs(c.def, 'ColumnDef')?.colname === name);
  });
}
