import { nodeAs } from '../sql/ast.js';
import { refOf } from '../schema/model.js';
import type { Report, Rule, StatementContext } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

/** Object kinds that DROP … IF EXISTS covers, with the error a second run gets without it. */
const DROPS: Record<string, [kind: string, sqlstate: string]> = {
  OBJECT_TABLE: ['table', '42P01'],
  OBJECT_INDEX: ['index', '42704'],
  OBJECT_VIEW: ['view', '42P01'],
  OBJECT_MATVIEW: ['materialized view', '42P01'],
  OBJECT_SEQUENCE: ['sequence', '42P01'],
  OBJECT_TYPE: ['type', '42704'],
  OBJECT_SCHEMA: ['schema', '3F000'],
  OBJECT_POLICY: ['policy', '42704'],
  OBJECT_TRIGGER: ['trigger', '42704'],
  OBJECT_FUNCTION: ['function', '42883'],
};

export const messages = {
  /** `what`: the statement and its object (`CREATE TABLE "users"`); `clause`: IF NOT EXISTS or IF EXISTS; `code`: the SQLSTATE of a second run. */
  notRerunnable: (a: { what: string; clause: string; code: string }) =>
    `${a.what} without ${a.clause}: with runner "none" every statement commits on its own, so if a later statement of this migration fails, running it again stops here (${a.code}).`,
  notRerunnableHint: () =>
    'Write it so a second run is a no-op (IF NOT EXISTS / IF EXISTS), or run the file in one transaction (runner drizzle or per-file, or BEGIN … COMMIT) so a failure leaves nothing behind.',
};

export const preferRobustStatements: Rule = {
  id: 'prefer-robust-statements',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'with runner "none": CREATE / ADD / DROP without IF [NOT] EXISTS cannot be re-run after a partial failure',
  squawk: ['prefer-robust-stmts'],
  messages,
  check(ctx) {
    // In a transaction a failure rolls everything back, so a re-run starts from scratch: only
    // autocommitted statements (runner none, outside BEGIN … COMMIT) can be half applied.
    if (ctx.options.runner !== 'none' || ctx.transaction.active || ctx.statement.doBlock?.guarded) return;
    for (const r of findings(ctx)) ctx.report({ ...r, hint: messages.notRerunnableHint() });
  },
};

function report(what: string, clause: string, code: string, at?: number): Report {
  return {
    at,
    message: messages.notRerunnable({ what, clause, code }),
  };
}

function findings(ctx: StatementContext): Report[] {
  const n = ctx.statement.node;
  const create = nodeAs(n, 'CreateStmt');
  const created = refOf(create?.relation);
  if (create && created && !create.if_not_exists && create.relation?.relpersistence !== 't')
    return [report(`CREATE TABLE ${showRelation(created)}`, 'IF NOT EXISTS', '42P07', create.relation?.location)];
  const index = nodeAs(n, 'IndexStmt');
  if (index && !index.if_not_exists && index.idxname) return [report(`CREATE INDEX ${quoteIdent(index.idxname)}`, 'IF NOT EXISTS', '42P07')];
  const schema = nodeAs(n, 'CreateSchemaStmt');
  if (schema && !schema.if_not_exists && schema.schemaname) return [report(`CREATE SCHEMA ${quoteIdent(schema.schemaname)}`, 'IF NOT EXISTS', '42P06')];
  const seq = nodeAs(n, 'CreateSeqStmt');
  if (seq && !seq.if_not_exists && seq.sequence?.relname) return [report(`CREATE SEQUENCE ${quoteIdent(seq.sequence.relname)}`, 'IF NOT EXISTS', '42P07')];
  const drop = nodeAs(n, 'DropStmt');
  const dropped = drop ? DROPS[drop.removeType ?? ''] : undefined;
  if (drop && dropped && !drop.missing_ok) {
    const shown = droppedNames(drop).map((p) => p.map(quoteIdent).join('.')).join(', ');
    return [report(`DROP ${dropped[0].toUpperCase()} ${shown}`, 'IF EXISTS', dropped[1])];
  }
  const alter = alterTable(ctx.statement);
  if (!alter) return [];
  const out: Report[] = [];
  for (const cmd of alter.cmds) {
    if (cmd.missing_ok) continue;
    const def = cmd.subtype === 'AT_AddColumn' ? nodeAs(cmd.def, 'ColumnDef') : undefined;
    if (def?.colname) out.push(report(`ADD COLUMN ${quoteIdent(def.colname)} on ${showRelation(alter.ref)}`, 'IF NOT EXISTS', '42701', def.location));
    if (cmd.subtype === 'AT_DropColumn' && cmd.name) out.push(report(`DROP COLUMN ${quoteIdent(cmd.name)} on ${showRelation(alter.ref)}`, 'IF EXISTS', '42703'));
    if (cmd.subtype === 'AT_DropConstraint' && cmd.name) out.push(report(`DROP CONSTRAINT ${quoteIdent(cmd.name)} on ${showRelation(alter.ref)}`, 'IF EXISTS', '42704'));
  }
  return out;
}

