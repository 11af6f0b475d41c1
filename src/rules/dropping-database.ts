import { nodeAs } from '../sql/ast.js';
import type { Rule } from './types.js';
import { quoteIdent } from '../sql/qualified-name.js';

export const droppingDatabase: Rule = {
  id: 'dropping-database',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP DATABASE deletes a whole database',
  squawk: ['ban-drop-database'],
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropdbStmt');
    if (!drop) return;
    const inTransaction = ctx.transaction.active
      ? ' Inside the migration transaction it fails anyway (25001: DROP DATABASE cannot run inside a transaction block), rolling back the whole batch.'
      : '';
    ctx.report({
      message: `Dropping database ${quoteIdent(drop.dbname ?? '?')} deletes every schema, table and row in it, and every app connected to it fails.${inTransaction}`,
      hint: 'Databases are created and removed by provisioning (infrastructure code or a manual, reviewed step), never by a migration that runs in every environment.',
    });
  },
};
