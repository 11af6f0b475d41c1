import { nodeAs } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { hasAssignmentCast } from '../pg/type-change.js';

export const messages = {
  noCast: (a: { column: string; table: string; from: string; to: string }) =>
    `Changing ${a.column} on ${a.table} from ${a.from} to ${a.to} without USING fails with 42804 (column cannot be cast automatically): Postgres has no implicit or assignment cast from ${a.from} to ${a.to}, so the migration stops here and its transaction rolls back.`,
  hint: (a: { column: string; to: string }) =>
    `Add USING ${a.column}::${a.to} (or an expression that converts values the cast would reject), e.g. ALTER COLUMN ${a.column} SET DATA TYPE ${a.to} USING ${a.column}::${a.to}. drizzle-kit 1.0 writes the USING clause itself.`,
};

export const changingColumnTypeWithoutUsing: Rule = {
  id: 'changing-column-type-without-using',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'ALTER COLUMN … TYPE without USING between types with no assignment cast fails (42804)',
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    // No exemption for new tables: Postgres rejects the statement before it looks at any row.
    if (!alter) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name) continue;
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def || def.raw_default) continue;
      const old = ctx.schema.column(alter.ref, cmd.name);
      const to = columnTypeOf(def.typeName);
      // Unknown old type: stay silent; changing-column-type already says the type is unknown.
      if (!old || hasAssignmentCast(old.type, to, ctx.schema) !== false) continue;
      const col = quoteIdent(cmd.name);
      const target = formatType(to);
      ctx.report({
        at: def.typeName?.location,
        message: messages.noCast({ column: col, table: showRelation(alter.ref), from: formatType(old.type), to: target }),
        hint: messages.hint({ column: col, to: target }),
      });
    }
  },
};
