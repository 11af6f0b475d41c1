import { nodeAs } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';
import { placeOfStatement } from './support/transaction-scope.js';

/** The earlier statement of this transaction that added constraint `name` NOT VALID to table `key`. */
function notValidAdd(previous: readonly Statement[], key: string, name: string): { stmt: Statement; foreign: boolean } | undefined {
  for (const stmt of previous) {
    const alter = alterTable(stmt);
    if (alter?.key !== key) continue;
    for (const cmd of alter.cmds) {
      const con = cmd.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;
      if (con?.skip_validation && con.conname === name) return { stmt, foreign: con.contype === 'CONSTR_FOREIGN' };
    }
  }
  return undefined;
}

export const validatingInSameTransaction: Rule = {
  id: 'validating-in-same-transaction',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'VALIDATE CONSTRAINT in the same transaction as its NOT VALID add: the split buys nothing',
  squawk: ['constraint-missing-not-valid'],
  check(ctx) {
    if (!ctx.transaction.active) return;
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name) continue;
      const added = notValidAdd(ctx.transaction.previous, alter.key, cmd.name);
      if (!added) continue;
      const where = placeOfStatement(added.stmt, ctx.statement);
      const held = added.foreign ? 'SHARE ROW EXCLUSIVE on both tables (writes blocked)' : 'ACCESS EXCLUSIVE (reads and writes blocked)';
      ctx.report({
        message: `VALIDATE CONSTRAINT ${quoteIdent(cmd.name)} on ${showRelation(alter.ref)} runs in the same transaction as its NOT VALID add (${where}): the add's ${held} is held until commit, so the validation scan runs under it and the split buys nothing.`,
        hint: 'Validate in a later migration that is applied in a separate transaction: under drizzle, one that ships in a later deploy (a later `drizzle-kit migrate` run), since pending migrations of one run share a transaction.',
      });
    }
  },
};
