import { nodeAs } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { alterTable } from './support/alter-table.js';
import { quoteIdent, showRelation } from './support/names.js';

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ALTER COLUMN … TYPE that rewrites the table or rebuilds its indexes under ACCESS EXCLUSIVE',
  squawk: ['changing-column-type'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name) continue;
      const def = nodeAs(cmd.def, 'ColumnDef');
      const to = formatType(columnTypeOf(def?.typeName));
      const old = ctx.schema.column(alter.ref, cmd.name);
      const from = old ? ` from ${formatType(old.type)}` : '';
      ctx.report({
        at: def?.location,
        message: `Changing the type of ${quoteIdent(cmd.name)} on ${showRelation(alter.ref)}${from} to ${to} takes ACCESS EXCLUSIVE and may rewrite the table and rebuild its indexes, blocking reads and writes.`,
        hint: 'Add a new column of the new type, backfill it in batches, switch the app to it, then drop the old column.',
      });
    }
  },
};
