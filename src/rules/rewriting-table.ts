import { nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { optionEnabled } from '../sql/option-flags.js';
import { showRelation } from '../sql/qualified-name.js';

const BLOCKS = 'reads and writes wait until it finishes';

/** Whether VACUUM's option list turns FULL on (`VACUUM FULL`, `VACUUM (FULL)`, `VACUUM (FULL true)`). */
function isFull(vacuum: NodeOf<'VacuumStmt'>): boolean {
  return optionEnabled(vacuum.options as Node[] | undefined, 'full');
}

/** The tables a statement names, minus those this batch created; undefined entries mean "every table". */
function existing(ctx: StatementContext, refs: (RelationRef | undefined)[]): string[] {
  return refs.filter((r) => !r || !ctx.isNewTable(relationKey(r))).map((r) => (r ? showRelation(r) : 'every table'));
}

export const messages = {
  /** `tables`: the tables it names, listed (`every table` for a bare VACUUM FULL). */
  vacuumFull: (a: { tables: string }) => `VACUUM FULL of ${a.tables} rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  cluster: (a: { table: string }) => `CLUSTER of ${a.table} rewrites the whole table in index order and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  /** A bare CLUSTER: every table clustered before. */
  clusterAll: () => `CLUSTER of every previously clustered table rewrites the whole table in index order and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  repackHint: () => 'Leave it out of migrations: to reclaim space or reorder rows online, use pg_repack or pg_squeeze, run by hand outside the migrator.',
  setTablespace: (a: { table: string; tablespace: string }) =>
    `Moving ${a.table} to tablespace "${a.tablespace}" copies the whole table under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  setTablespaceHint: () =>
    'Postgres has no online way to move a table: do it in a maintenance window, or create the new table in the target tablespace and copy rows over in batches.',
  /** `persistence`: LOGGED or UNLOGGED. */
  setPersistence: (a: { persistence: 'LOGGED' | 'UNLOGGED'; table: string }) =>
    `SET ${a.persistence} on ${a.table} rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  setPersistenceHint: () =>
    'There is no way to switch without the rewrite: do it in a maintenance window, or create a new table with the wanted persistence and copy rows over in batches.',
  setAccessMethod: (a: { method: string; table: string }) => `SET ACCESS METHOD ${a.method} on ${a.table} rewrites the whole table under ACCESS EXCLUSIVE: ${BLOCKS}.`,
  setAccessMethodHint: () => 'Do it in a maintenance window, or create a new table with the access method and copy rows over in batches.',
};

export const rewritingTable: Rule = {
  id: 'rewriting-table',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'VACUUM FULL, CLUSTER, SET TABLESPACE, SET LOGGED/UNLOGGED and SET ACCESS METHOD rewrite the table under ACCESS EXCLUSIVE',
  messages,
  check(ctx) {
    const node = ctx.statement.node;
    const vacuum = nodeAs(node, 'VacuumStmt');
    if (vacuum?.is_vacuumcmd && isFull(vacuum)) {
      const rels = ((vacuum.rels as Node[] | undefined) ?? []).map((r) => refOf(nodeAs(r, 'VacuumRelation')?.relation));
      const tables = existing(ctx, rels.length ? rels : [undefined]);
      if (tables.length) {
        ctx.report({
          message: messages.vacuumFull({ tables: tables.join(', ') }),
          hint: messages.repackHint(),
        });
      }
      return;
    }
    const cluster = nodeAs(node, 'ClusterStmt');
    if (cluster) {
      const tables = existing(ctx, [refOf(cluster.relation)]);
      if (tables.length) {
        ctx.report({
          message: tables[0] === 'every table' ? messages.clusterAll() : messages.cluster({ table: tables[0] }),
          hint: messages.repackHint(),
        });
      }
      return;
    }
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const cmd of alter.cmds) {
      switch (cmd.subtype) {
        case 'AT_SetTableSpace':
          ctx.report({ message: messages.setTablespace({ table, tablespace: cmd.name ?? '' }), hint: messages.setTablespaceHint() });
          break;
        case 'AT_SetLogged':
        case 'AT_SetUnLogged':
          ctx.report({
            message: messages.setPersistence({ persistence: cmd.subtype === 'AT_SetLogged' ? 'LOGGED' : 'UNLOGGED', table }),
            hint: messages.setPersistenceHint(),
          });
          break;
        case 'AT_SetAccessMethod':
          ctx.report({ message: messages.setAccessMethod({ method: cmd.name ?? 'DEFAULT', table }), hint: messages.setAccessMethodHint() });
          break;
      }
    }
  },
};
