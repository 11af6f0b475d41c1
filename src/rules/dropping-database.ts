import { nodeAs } from '../sql/ast.js';
import type { Rule } from './types.js';
import { quoteIdent } from '../sql/qualified-name.js';

export const messages = {
  /** `inTransaction`: it runs inside the migration transaction, where Postgres refuses it. */
  dropDatabase: (a: { database: string; inTransaction: boolean }) =>
    `Dropping database ${a.database} deletes every schema, table and row in it, and every app connected to it fails.${a.inTransaction ? ' Inside the migration transaction it fails anyway (25001: DROP DATABASE cannot run inside a transaction block), rolling back the whole batch.' : ''}`,
  dropDatabaseHint: () =>
    'Databases are created and removed by provisioning (infrastructure code or a manual, reviewed step), never by a migration that runs in every environment.',
};

export const droppingDatabase: Rule = {
  id: 'dropping-database',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP DATABASE deletes a whole database',
  squawk: ['ban-drop-database'],
  messages,
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropdbStmt');
    if (!drop) return;
    ctx.report({
      message: messages.dropDatabase({ database: quoteIdent(drop.dbname ?? '?'), inTransaction: ctx.transaction.active }),
      hint: messages.dropDatabaseHint(),
    });
  },
};
