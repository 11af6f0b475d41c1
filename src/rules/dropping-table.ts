import { names, nodeAs, type Node } from '../sql/ast.js';
import { relationKey } from '../schema/model.js';
import type { Rule } from './types.js';
import { showRelation } from './support/names.js';

export const droppingTable: Rule = {
  id: 'dropping-table',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP TABLE deletes the data and breaks app versions that still query the table',
  squawk: ['ban-drop-table'],
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropStmt');
    if (!drop || drop.removeType !== 'OBJECT_TABLE') return;
    for (const obj of (drop.objects as Node[]) ?? []) {
      const parts = names(nodeAs(obj, 'List')?.items as Node[] | undefined);
      if (!parts.length) continue;
      const ref = parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1] } : { name: parts[0] };
      if (ctx.isNewTable(relationKey(ref))) continue;
      const cascade = drop.behavior === 'DROP_CASCADE' ? ' CASCADE also drops the views and foreign keys that depend on it.' : '';
      ctx.report({
        message: `Dropping table ${showRelation(ref)} deletes all of its rows, and running app versions that still query it start failing.${cascade}`,
        hint: 'Deploy the app without any use of the table first, keep a backup (or rename it aside for a release), then drop it in a later migration.',
      });
    }
  },
};
