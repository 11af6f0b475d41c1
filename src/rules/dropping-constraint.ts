import { nodeAs } from '../sql/ast.js';
import type { Constraint } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable, type AlterTable } from '../sql/alter-table.js';
import { laterInFile, tableDroppedLaterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

const fkLock = (parent: string) => `takes ACCESS EXCLUSIVE on both tables, so reads of ${parent} wait too until the transaction commits`;
const dropsIndex = (columns: string) =>
  `also drops its index: lookups on ${columns} slow down, duplicates become possible, and running app versions that upsert with ON CONFLICT on these columns fail (42P10).`;

export const messages = {
  /** `name`: the constraint and its table (`"fk" on "users"`); `parent`: the referenced table. */
  dropForeignKey: (a: { name: string; parent: string }) =>
    `Dropping foreign key ${a.name} stops Postgres from checking that rows point at existing ${a.parent} rows, and ${fkLock(a.parent)}.`,
  dropForeignKeyHint: () => 'Set a short lock_timeout so the drop gives up instead of queueing every query on both tables behind it.',
  /** Dropped to be added again under the same name later in the file. */
  recreateForeignKey: (a: { name: string; parent: string }) => `Dropping foreign key ${a.name} to re-add it below ${fkLock(a.parent)}.`,
  recreateForeignKeyHint: () =>
    'Set a short lock_timeout; re-add the key with NOT VALID and VALIDATE it in a later migration so the scan does not block writes.',
  /** A UNIQUE constraint that shares the primary key's index and name; `columns`: its columns, listed. */
  dropSharedPrimaryKey: (a: { name: string; columns: string }) =>
    `Dropping constraint ${a.name} drops the table's primary key: when the table was created, Postgres built one index for its PRIMARY KEY and the UNIQUE constraint on the same columns (${a.columns}) and gave both this name. Duplicates become possible, and if other tables' foreign keys reference the key, the drop fails (2BP01).`,
  dropPrimaryKey: (a: { name: string; columns: string }) => `Dropping primary key ${a.name} ${dropsIndex(a.columns)}`,
  dropUnique: (a: { name: string; columns: string }) => `Dropping unique constraint ${a.name} ${dropsIndex(a.columns)}`,
  dropCheck: (a: { name: string }) => `Dropping check constraint ${a.name} lets rows that break it in; running app versions may rely on it holding.`,
  dropExclusion: (a: { name: string }) => `Dropping exclusion constraint ${a.name} drops its index and lets conflicting rows in.`,
  /** A constraint no migration here created: its kind is unknown. */
  dropConstraint: (a: { name: string }) =>
    `Dropping constraint ${a.name} stops enforcing it (running app versions may rely on it); if it is a foreign key, the drop also takes ACCESS EXCLUSIVE on the referenced table.`,
  dropConstraintHint: () => 'Drop it only once no deployed app version depends on it, and set a short lock_timeout (the drop takes ACCESS EXCLUSIVE).',
};

export const droppingConstraint: Rule = {
  id: 'dropping-constraint',
  category: 'compatibility',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'DROP CONSTRAINT stops enforcing a rule app versions may rely on; a foreign key drop also locks the referenced table',
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    const cmds = alter?.cmds.filter((c) => c.subtype === 'AT_DropConstraint') ?? [];
    if (!alter || !cmds.length || ctx.isNewTable(alter.key) || tableDroppedLaterInFile(ctx, alter.key)) return;
    for (const cmd of cmds) {
      if (!cmd.name) continue;
      const con = ctx.schema.table(alter.ref)?.constraints.get(cmd.name);
      if (ctx.isNewOrigin(con?.origin)) continue;
      const recreated = addedLater(ctx, alter, cmd.name);
      // Replacing a constraint under the same name keeps the guarantee; only the foreign key's lock remains.
      if (recreated && con?.kind !== 'foreign') continue;
      const name = `${quoteIdent(cmd.name)} on ${showRelation(alter.ref)}`;
      ctx.report({ message: describe(name, con, recreated), hint: hintFor(con, recreated) });
    }
  },
};

function showKey(key: string): string {
  const dot = key.indexOf('.');
  return showRelation({ schema: key.slice(0, dot), name: key.slice(dot + 1) });
}

function describe(name: string, con: Constraint | undefined, recreated: boolean): string {
  switch (con?.kind) {
    case 'foreign': {
      const parent = con.references ? showKey(con.references) : 'the referenced table';
      return recreated ? messages.recreateForeignKey({ name, parent }) : messages.dropForeignKey({ name, parent });
    }
    case 'primary':
    case 'unique': {
      const columns = con.columns.map(quoteIdent).join(', ');
      if (con.namedAfterUnique) return messages.dropSharedPrimaryKey({ name, columns });
      return con.kind === 'primary' ? messages.dropPrimaryKey({ name, columns }) : messages.dropUnique({ name, columns });
    }
    case 'check':
      return messages.dropCheck({ name });
    case 'exclusion':
      return messages.dropExclusion({ name });
    default:
      return messages.dropConstraint({ name });
  }
}

function hintFor(con: Constraint | undefined, recreated: boolean): string {
  if (con?.kind === 'foreign') return recreated ? messages.recreateForeignKeyHint() : messages.dropForeignKeyHint();
  return messages.dropConstraintHint();
}

function addedLater(ctx: StatementContext, alter: AlterTable, name: string): boolean {
  return laterInFile(ctx).some((s) => {
    const later = alterTable(s);
    return later?.key === alter.key && later.cmds.some((c) => c.subtype === 'AT_AddConstraint' && nodeAs(c.def, 'Constraint')?.conname === name);
  });
}
