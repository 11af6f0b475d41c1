import { nodeAs } from '../sql/ast.js';
import { relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { droppedTables } from './support/dropped-objects.js';
import { showRelation } from './support/names.js';

export const droppingTable: Rule = {
  id: 'dropping-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP TABLE deletes the data and breaks app versions that still query the table',
  squawk: ['ban-drop-table'],
  check(ctx) {
    const cascade = nodeAs(ctx.statement.node, 'DropStmt')?.behavior === 'DROP_CASCADE';
    for (const ref of droppedTables(ctx.statement.node)) {
      if (ctx.isNewTable(relationKey(ref))) continue;
      const extra = cascade ? ' CASCADE also drops the views that use it and the foreign keys of other tables that point at it (their rows stay, unchecked).' : '';
      ctx.report({
        message: `Dropping table ${showRelation(ref)} deletes all of its rows for good, and running app versions that still query it start failing.${extra}`,
        hint: 'Deploy the app without any use of the table first (remove it from the Drizzle schema and every query), keep a backup or rename it aside for a release, then drop it in a later migration.',
      });
    }
  },
};
