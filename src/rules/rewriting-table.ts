import { nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { refOf, relationKey } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';
import type { Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { optionEnabled } from '../sql/option-flags.js';
import { showRelation } from '../sql/qualified-name.js';

const BLOCKS = 'reads and writes wait until it finishes';
const REPACK = 'Leave it out of migrations: to reclaim space or reorder rows online, use pg_repack or pg_squeeze, run by hand outside the migrator.';

/** Whether VACUUM's option list turns FULL on (`VACUUM FULL`, `VACUUM (FULL)`, `VACUUM (FULL true)`). */
function isFull(vacuum: NodeOf<'VacuumStmt'>): boolean {
  return optionEnabled(vacuum.options as Node[] | undefined, 'full');
}

/** The tables a statement names, minus those this batch created; undefined entries mean "every table". */
function existing(ctx: StatementContext, refs: (RelationRef | undefined)[]): string[] {
  return refs.filter((r) => !r || !ctx.isNewTable(relationKey(r))).map((r) => (r ? showRelation(r) : 'every table'));
}

export const rewritingTable: Rule = {
  id: 'rewriting-table',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: 'VACUUM FULL, CLUSTER, SET TABLESPACE, SET LOGGED/UNLOGGED and SET ACCESS METHOD rewrite the table under ACCESS EXCLUSIVE',
  check(ctx) {
    const node = ctx.statement.node;
    const vacuum = nodeAs(node, 'VacuumStmt');
    if (vacuum?.is_vacuumcmd && isFull(vacuum)) {
      const rels = ((vacuum.rels as Node[] | undefined) ?? []).map((r) => refOf(nodeAs(r, 'VacuumRelation')?.relation));
      const tables = existing(ctx, rels.length ? rels : [undefined]);
      if (tables.length) {
        ctx.report({
          message: `VACUUM FULL of ${tables.join(', ')} rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
          hint: REPACK,
        });
      }
      return;
    }
    const cluster = nodeAs(node, 'ClusterStmt');
    if (cluster) {
      const tables = existing(ctx, [refOf(cluster.relation)]);
      if (tables.length) {
        ctx.report({
          message: `CLUSTER of ${tables[0] === 'every table' ? 'every previously clustered table' : tables[0]} rewrites the whole table in index order and rebuilds every index under ACCESS EXCLUSIVE: ${BLOCKS}.`,
          hint: REPACK,
        });
      }
      return;
    }
    const alter = alterTable(ctx.statement);
    if (!alter || ctx.isNewTable(alter.key)) return;
    const table = showRelation(alter.ref);
    for (const cmd of alter.cmds) {
      let what: string;
      let hint: string;
      switch (cmd.subtype) {
        case 'AT_SetTableSpace':
          what = `Moving ${table} to tablespace "${cmd.name}" copies the whole table under ACCESS EXCLUSIVE`;
          hint = 'Postgres has no online way to move a table: do it in a maintenance window, or create the new table in the target tablespace and copy rows over in batches.';
          break;
        case 'AT_SetLogged':
        case 'AT_SetUnLogged':
          what = `SET ${cmd.subtype === 'AT_SetLogged' ? 'LOGGED' : 'UNLOGGED'} on ${table} rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE`;
          hint = 'There is no way to switch without the rewrite: do it in a maintenance window, or create a new table with the wanted persistence and copy rows over in batches.';
          break;
        case 'AT_SetAccessMethod':
          what = `SET ACCESS METHOD ${cmd.name ?? 'DEFAULT'} on ${table} rewrites the whole table under ACCESS EXCLUSIVE`;
          hint = 'Do it in a maintenance window, or create a new table with the access method and copy rows over in batches.';
          break;
        default:
          continue;
      }
      ctx.report({ message: `${what}: ${BLOCKS}.`, hint });
    }
  },
};
