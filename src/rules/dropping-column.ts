import type { Rule } from './types.js';
import { alterTable } from './support/alter-table.js';
import { quoteIdent, showRelation } from './support/names.js';

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
      if (cmd.subtype !== 'AT_DropColumn') continue;
      const cascade = cmd.behavior === 'DROP_CASCADE' ? ' CASCADE also drops every view, index and constraint that uses it.' : '';
      ctx.report({
        message: `Dropping column ${quoteIdent(cmd.name ?? '?')} from ${showRelation(alter.ref)} deletes its data for good, and running app versions that still select it start failing.${cascade}`,
        hint: 'First deploy the app without any use of the column (remove it from the Drizzle schema and every query), then drop it in a later migration.',
      });
    }
  },
};
