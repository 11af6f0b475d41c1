import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { tableDroppedLaterInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

export const messages = {
  dropNotNull: (a: { column: string; table: string }) =>
    `Dropping NOT NULL on ${a.column} of ${a.table} lets new code write NULLs that running app versions (typed from the old Drizzle schema as never null) do not expect, and an app rollback keeps meeting them.`,
  dropNotNullHint: () => 'First deploy code that handles NULL wherever the column is read, then drop the constraint in a later migration.',
};

export const droppingNotNull: Rule = {
  id: 'dropping-not-null',
  category: 'compatibility',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'DROP NOT NULL lets NULLs reach app versions that were written assuming there are none',
  squawk: ['ban-drop-not-null'],
  messages,
  check(ctx) {
    const alter = alterTable(ctx.statement);
    const cmds = alter?.cmds.filter((c) => c.subtype === 'AT_DropNotNull' && c.name) ?? [];
    if (!alter || !cmds.length || ctx.isNewTable(alter.key) || tableDroppedLaterInFile(ctx, alter.key)) return;
    for (const cmd of cmds) {
      if (!cmd.name) continue;
      if (ctx.isNewOrigin(ctx.schema.column(alter.ref, cmd.name)?.origin)) continue;
      ctx.report({
        message: messages.dropNotNull({ column: quoteIdent(cmd.name), table: showRelation(alter.ref) }),
        hint: messages.dropNotNullHint(),
      });
    }
  },
};
