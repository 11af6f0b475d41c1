import { nodeAs } from '../sql/ast.js';
import { columnTypeOf, formatType } from '../schema/column-type.js';
import type { Rule, StatementContext } from './types.js';
import type { ColumnType } from '../schema/types.js';
import { alterTable, type AlterTable } from '../sql/alter-table.js';
import { laterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { withFixRecipe } from './support/fix-recipe.js';

const CASCADE = ' CASCADE also drops every view, index and constraint that uses it.';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'contract in two deploys: stop using the column, then drop it',
  dropped: (a: { column: string; table: string }) =>
    `Dropping column ${a.column} from ${a.table} deletes its data for good, and running app versions that still select it start failing.`,
  droppedCascade: (a: { column: string; table: string }): string => messages.dropped(a) + CASCADE,
  hint: (): string =>
    withFixRecipe('First deploy the app without any use of the column (remove it from the Drizzle schema and every query), then drop it in a later migration.', messages.fixRecipe()),
  readded: (a: { column: string; table: string; type: string }) =>
    `Dropping column ${a.column} from ${a.table} and adding it again below as ${a.type} deletes every value it holds; running app versions read NULLs or defaults instead.`,
  readdedCascade: (a: { column: string; table: string; type: string }): string => messages.readded(a) + CASCADE,
  readdedHint: (a: { column: string; table: string; type: string }) =>
    `To change the type and keep the data, convert in place: ALTER TABLE ${a.table} ALTER COLUMN ${a.column} SET DATA TYPE ${a.type} USING ${a.column}::${a.type}; (see changing-column-type for the locking cost).`,
};

export const droppingColumn: Rule = {
  id: 'dropping-column',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP COLUMN loses its data and breaks app versions that still read it',
  squawk: ['ban-drop-column'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_DropColumn' || !cmd.name) continue;
      if (ctx.isNewOrigin(ctx.schema.column(alter.ref, cmd.name)?.origin)) continue;
      const cascade = cmd.behavior === 'DROP_CASCADE';
      const args = { column: quoteIdent(cmd.name), table: showRelation(alter.ref) };
      const readded = readdedType(ctx, alter, cmd.name);
      if (readded) {
        const a = { ...args, type: formatType(readded) };
        // The hint's SET DATA TYPE needs a real type: serial exists only in CREATE / ADD COLUMN.
        const hint = messages.readdedHint({ ...args, type: formatType({ ...readded, serial: false }) });
        ctx.report({ message: cascade ? messages.readdedCascade(a) : messages.readded(a), hint });
        continue;
      }
      ctx.report({ message: cascade ? messages.droppedCascade(args) : messages.dropped(args), hint: messages.hint() });
    }
  },
};

/** The type of a column of the same name that a later statement of this file adds back. */
function readdedType(ctx: StatementContext, alter: AlterTable, name: string): ColumnType | undefined {
  for (const s of laterInFile(ctx)) {
    const later = alterTable(s);
    if (later?.key !== alter.key) continue;
    for (const c of later.cmds) {
      const def = c.subtype === 'AT_AddColumn' ? nodeAs(c.def, 'ColumnDef') : undefined;
      if (def?.colname === name && def.typeName) return columnTypeOf(def.typeName);
    }
  }
  return undefined;
}
