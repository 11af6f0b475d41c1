import { nodeAs } from '../sql/ast.js';
import { columnTypeOf } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { alterTable, columnConstraints } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'add the column nullable, backfill in batches (value left to you), then the SET NOT NULL recipe',
  notNullNoDefault: (a: { column: string; table: string }) =>
    `Adding NOT NULL column ${a.column} without a DEFAULT to ${a.table} fails if the table has any rows (23502).`,
  notNullNoDefaultHint: (): string =>
    withFixRecipe('Give it a DEFAULT (a constant default is instant on PG ≥ 11), or add it nullable, backfill it, then SET NOT NULL behind a validated CHECK (col IS NOT NULL).', messages.fixRecipe()),
};

export const addingNotNullColumn: Rule = {
  id: 'adding-not-null-column',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ADD COLUMN … NOT NULL without a DEFAULT fails on any table that has rows',
  squawk: ['adding-required-field'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_AddColumn') continue;
      const def = nodeAs(cmd.def, 'ColumnDef');
      const cons = columnConstraints(def);
      const notNull = cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
      // Identity and generated columns get a value for every existing row.
      const filled = cons.some((c) => c.contype === 'CONSTR_DEFAULT' || c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
      const serial = columnTypeOf(def?.typeName).serial;
      if (!notNull || filled || serial) continue;
      ctx.report({
        at: def?.location,
        message: messages.notNullNoDefault({ column: quoteIdent(def?.colname ?? '?'), table: showRelation(alter.ref) }),
        hint: messages.notNullNoDefaultHint(),
      });
    }
  },
};
