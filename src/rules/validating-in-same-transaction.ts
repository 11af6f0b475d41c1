import { names, nodeAs, type Node } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Rule, StatementContext } from './types.js';
import { existingTableLocks } from './support/existing-locks.js';
import { lockEffect, lockRank, type LockMode } from '../pg/lock-modes.js';
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

export const messages = {
  sameTransaction: (a: { constraint: string; table: string; where: string; held: string }) =>
    `VALIDATE CONSTRAINT ${a.constraint} on ${a.table} runs in the same transaction as its NOT VALID add (${a.where}): the add's ${a.held} is held until commit, so the validation scan runs under it and the split buys nothing.`,
  heldForeign: () => 'SHARE ROW EXCLUSIVE on both tables (writes blocked)',
  heldCheck: () => 'ACCESS EXCLUSIVE (reads and writes blocked)',
  laterHint: () =>
    'Validate in a later migration that is applied in a separate transaction: under drizzle, one that ships in a later deploy (a later `drizzle-kit migrate` run), since pending migrations of one run share a transaction.',
  combined: (a: { constraint: string; table: string; mode: string; effect: string }) =>
    `VALIDATE CONSTRAINT ${a.constraint} shares its ALTER TABLE with other subcommands, so its scan of ${a.table} runs under the statement's ${a.mode} (it ${a.effect}) instead of SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.`,
  combinedHint: (a: { constraint: string; table: string }) => `Give it a statement of its own: ALTER TABLE ${a.table} VALIDATE CONSTRAINT ${a.constraint};`,
  domain: (a: { constraint: string; domain: string; tables: string }) =>
    `VALIDATE CONSTRAINT ${a.constraint} on domain ${a.domain} scans ${a.tables} under SHARE locks, so writes to them wait until the scans finish (a table's VALIDATE CONSTRAINT would let writes go on).`,
  domainHint: () => 'Run it in a migration of its own at a quiet time, with a lock_timeout; or check the column with table CHECK constraints (added NOT VALID, validated per table) instead of a domain constraint.',
};

/** The text of a list of relations: a, b and 2 more. */
function listed(tables: string[]): string {
  const shown = tables.length > 3 ? [...tables.slice(0, 3), `${tables.length - 3} more`] : tables;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

/** ALTER DOMAIN … VALIDATE CONSTRAINT: measured on PGlite 18.6, SHARE on every table using the domain, one scan each. */
function checkDomain(ctx: StatementContext): void {
  const alter = nodeAs(ctx.statement.node, 'AlterDomainStmt');
  if (alter?.subtype !== 'V' || !alter.name) return;
  const tables = existingTableLocks(ctx).filter((l) => l.kind === 'table').map((l) => showRelation(l.ref));
  if (!tables.length) return;
  const domain = names(alter.typeName as Node[]).map(quoteIdent).join('.');
  ctx.report({ message: messages.domain({ constraint: quoteIdent(alter.name), domain, tables: listed(tables) }), hint: messages.domainHint() });
}

export const validatingInSameTransaction: Rule = {
  id: 'validating-in-same-transaction',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'VALIDATE CONSTRAINT that scans under a lock stronger than its own: in the transaction of its NOT VALID add, combined with other subcommands, or on a domain',
  squawk: ['constraint-missing-not-valid'],
  messages,
  check(ctx) {
    checkDomain(ctx);
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name) continue;
      const constraint = quoteIdent(cmd.name);
      const table = showRelation(alter.ref);
      if (alter.cmds.length > 1) {
        // Measured on PGlite 18.6: ADD COLUMN / SET DEFAULT plus VALIDATE in one ALTER TABLE scan once under ACCESS EXCLUSIVE.
        const own = existingTableLocks(ctx).filter((l) => l.key === alter.key);
        const strongest = own.reduce<LockMode | undefined>((m, l) => (!m || lockRank(l.mode) > lockRank(m) ? l.mode : m), undefined);
        if (strongest && lockRank(strongest) > lockRank('SHARE UPDATE EXCLUSIVE')) {
          ctx.report({ message: messages.combined({ constraint, table, mode: strongest, effect: lockEffect(strongest) }), hint: messages.combinedHint({ constraint, table }) });
          continue;
        }
      }
      if (!ctx.transaction.active) continue;
      const added = notValidAdd(ctx.transaction.previous, alter.key, cmd.name);
      if (!added) continue;
      const where = placeOfStatement(added.stmt, ctx.statement);
      const held = added.foreign ? messages.heldForeign() : messages.heldCheck();
      ctx.report({ message: messages.sameTransaction({ constraint, table, where, held }), hint: messages.laterHint() });
    }
  },
};
