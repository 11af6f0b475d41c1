import { nodeAs } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable, type AlterTable } from '../sql/alter-table.js';
import { laterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const droppingColumn: Rule = {
  id: 'dropping-column',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP COLUMN loses its data and breaks app versions that still read it',
  squawk: ['ban-drop-column'],
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_DropColumn' || !cmd.name) continue;
      if (ctx.isNewOrigin(ctx.schema.column(alter.ref, cmd.name)?.origin)) continue;
      const column = `${quoteIdent(cmd.name)} from ${showRelation(alter.ref)}`;
      const cascade = cmd.behavior === 'DROP_CASCADE' ? ' CASCADE also drops every view, index and constraint that uses it.' : '';
      const readded = readdedType(ctx, alter, cmd.name);
      if (readded) {
        ctx.report({
          message: `Dropping column ${column} and adding it again below as ${readded} deletes every value it holds; running app versions read NULLs or defaults instead.${cascade}`,
          hint: `To change the type and keep the data, convert in place: ALTER TABLE ${showRelation(alter.ref)} ALTER COLUMN ${quoteIdent(cmd.name)} SET DATA TYPE ${readded} USING ${quoteIdent(cmd.name)}::${readded}; (see changing-column-type for the locking cost).`,
        });
        continue;
      }
      ctx.report({
        message: `Dropping column ${column} deletes its data for good, and running app versions that still select it start failing.${cascade}`,
        hint: 'First deploy the app without any use of the column (remove it from the Drizzle schema and every query), then drop it in a later migration.',
      });
    }
  },
};

/** The type of a column of the same name that a later statement of this file adds back. */
function readdedType(ctx: StatementContext, alter: AlterTable, name: string): string | undefined {
  for (const s of laterInFile(ctx)) {
    const later = alterTable(s);
    if (later?.key !== alter.key) continue;
    for (const c of later.cmds) {
      const def = c.subtype === 'AT_AddColumn' ? nodeAs(c.def, 'ColumnDef') : undefined;
      if (def?.colname === name && def.typeName) return formatType(columnTypeOf(def.typeName));
    }
  }
  return undefined;
}
