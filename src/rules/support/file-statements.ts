import { relationKey } from '../../schema/model.js';
import { droppedTables } from '../../sql/dropped-objects.js';
import type { RelationRef } from '../../schema/types.js';
import type { Statement } from '../../sql/statement.js';
import type { StatementContext } from '../types.js';

/** Statements of the same file that run after the current one. */
export function laterInFile(ctx: StatementContext): readonly Statement[] {
  return ctx.file.statements.slice(ctx.statement.index + 1);
}

/** Statements of the same file that ran before the current one. */
export function earlierInFile(ctx: StatementContext): readonly Statement[] {
  return ctx.file.statements.slice(0, ctx.statement.index);
}

/** True when a later statement of the same file drops this table (so what happens to it first matters little). */
export function tableDroppedLaterInFile(ctx: StatementContext, key: string): boolean {
  return laterTableDrops(ctx).some((d) => d.tables.some((r) => relationKey(r) === key));
}

export interface TableDrop {
  statement: Statement;
  tables: RelationRef[];
}

/**
 * The statements later in the file that drop tables. The file's drops are found once: rules ask for
 * every statement, and scanning the rest of the file each time is quadratic in its length.
 */
export function laterTableDrops(ctx: StatementContext): TableDrop[] {
  const statements = ctx.file.statements;
  let drops = dropsByFile.get(statements);
  if (!drops) {
    drops = statements.flatMap((statement) => {
      const tables = droppedTables(statement.node);
      return tables.length ? [{ statement, tables }] : [];
    });
    dropsByFile.set(statements, drops);
  }
  return drops.filter((d) => d.statement.index > ctx.statement.index);
}

const dropsByFile = new WeakMap<readonly Statement[], TableDrop[]>();
