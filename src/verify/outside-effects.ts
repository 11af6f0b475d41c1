import { kindOf, names, nodeAs, walkAst } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';

/**
 * Statements whose effects a ROLLBACK does not undo, or that reach outside the database: on a server
 * the user provides, verify does not run them. (Sequences advanced by nextval are put back with
 * setval at the end instead: see server-transaction.ts.)
 */
const STATEMENT_KINDS: Record<string, string> = {
  AlterSystemStmt: 'ALTER SYSTEM writes postgresql.auto.conf',
  CreatedbStmt: 'CREATE DATABASE',
  DropdbStmt: 'DROP DATABASE',
  CreateTableSpaceStmt: 'CREATE TABLESPACE',
  DropTableSpaceStmt: 'DROP TABLESPACE',
  AlterTableSpaceOptionsStmt: 'ALTER TABLESPACE',
  CheckPointStmt: 'CHECKPOINT',
  NotifyStmt: 'NOTIFY',
  ListenStmt: 'LISTEN',
  LoadStmt: 'LOAD loads a shared library into the server process',
  CreateSubscriptionStmt: 'CREATE SUBSCRIPTION connects to another server',
  AlterSubscriptionStmt: 'ALTER SUBSCRIPTION',
  DropSubscriptionStmt: 'DROP SUBSCRIPTION',
  ImportForeignSchemaStmt: 'IMPORT FOREIGN SCHEMA connects to another server',
};

/**
 * Functions that read or write server files, reach other servers or signal other sessions. Matched
 * on the function's own name, in any schema.
 */
const FUNCTIONS = new Set([
  'lo_import', 'lo_export', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file',
  'pg_ls_logdir', 'pg_ls_waldir', 'pg_ls_tmpdir', 'pg_ls_archive_statusdir', 'pg_ls_logicalsnapdir',
  'pg_ls_logicalmapdir', 'pg_ls_replslotdir', 'pg_file_write', 'pg_file_rename', 'pg_file_unlink',
  'pg_file_sync', 'pg_logdir_ls', 'pg_notify', 'pg_terminate_backend', 'pg_cancel_backend',
  'pg_reload_conf', 'pg_rotate_logfile', 'pg_switch_wal', 'pg_create_restore_point', 'pg_promote',
  'pg_create_physical_replication_slot', 'pg_create_logical_replication_slot', 'pg_drop_replication_slot',
  'pg_backup_start', 'pg_backup_stop', 'pg_start_backup', 'pg_stop_backup', 'pg_stat_reset',
  'pg_stat_reset_shared', 'pg_stat_reset_single_table_counters', 'pg_stat_reset_single_function_counters',
  'pg_stat_reset_slru', 'pg_stat_reset_replication_slot', 'pg_stat_reset_subscription_stats',
  'postgres_fdw_disconnect', 'postgres_fdw_disconnect_all',
]);

const isOutsideFunction = (name: string) => FUNCTIONS.has(name) || name.startsWith('dblink') || name.startsWith('pg_replication_origin');

/**
 * PL/pgSQL bodies run SQL that is not in the statement's AST (PERFORM, EXECUTE of a built string):
 * a DO body is also searched as text, so that `EXECUTE 'COPY … TO PROGRAM …'` is caught too.
 */
const BODY_TEXT = new RegExp(`\\b(?:${[...FUNCTIONS].join('|')}|dblink\\w*|pg_replication_origin\\w*)\\s*\\(|\\bcopy\\b[^;]*\\b(?:program|to\\s+'|from\\s+')|\\b(?:alter\\s+system|checkpoint|vacuum|notify|create\\s+database|drop\\s+database|tablespace)\\b`, 'i');

/** Statements that read or write rows (of a foreign table: on its server). */
export const READS_OR_WRITES_ROWS = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CreateTableAsStmt', 'CopyStmt']);

export const OUTSIDE_EFFECTS = 'not run on a server: would have effects outside the transaction';

/**
 * Why a statement must not run on a server the user provides, or undefined. `foreignTables` are
 * the foreign tables that exist (reading or writing one runs queries on another server).
 */
export function outsideEffect(stmt: Statement, foreignTables: ReadonlySet<string> = new Set()): string | undefined {
  const kind = kindOf(stmt.node) ?? '';
  if (STATEMENT_KINDS[kind]) return `${OUTSIDE_EFFECTS} (${STATEMENT_KINDS[kind]})`;
  const copy = nodeAs(stmt.node, 'CopyStmt');
  if (copy) {
    if (copy.is_program) return `${OUTSIDE_EFFECTS} (COPY … PROGRAM runs a shell command on the database server)`;
    if (copy.filename) return `${OUTSIDE_EFFECTS} (COPY … ${copy.is_from ? 'FROM' : 'TO'} a file on the database server)`;
    return `${OUTSIDE_EFFECTS} (COPY … ${copy.is_from ? 'FROM STDIN needs data' : 'TO STDOUT sends data'} that drizzle-kit migrate does not have)`;
  }
  const vacuum = nodeAs(stmt.node, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd) return `${OUTSIDE_EFFECTS} (VACUUM)`;
  let found: string | undefined;
  const foreign = (rel: { schemaname?: string; relname?: string }) => {
    const name = rel.schemaname ? `${rel.schemaname}.${rel.relname}` : `${rel.relname}`;
    if (foreignTables.has(name) || foreignTables.has(`public.${name}`)) found = `${OUTSIDE_EFFECTS} (${name} is a foreign table: its queries run on another server)`;
  };
  // INSERT/UPDATE/DELETE/MERGE name their target as a bare RangeVar body (no { RangeVar } wrapper).
  const target = (stmt.node as Record<string, { relation?: { relname?: string } }>)[kind]?.relation;
  if (target?.relname && foreignTables.size && READS_OR_WRITES_ROWS.has(kind)) foreign(target);
  if (found) return found;
  walkAst(stmt.node, (k, body) => {
    if (found) return;
    if (k === 'FuncCall') {
      const name = names(body.funcname as never).pop()?.toLowerCase();
      if (name && isOutsideFunction(name)) found = `${OUTSIDE_EFFECTS} (${name}())`;
    } else if (k === 'RangeVar' && foreignTables.size && READS_OR_WRITES_ROWS.has(kind)) {
      foreign(body as { schemaname?: string; relname?: string });
    }
  });
  if (found) return found;
  if (kind === 'DoStmt') {
    const m = BODY_TEXT.exec(stmt.text);
    if (m) return `${OUTSIDE_EFFECTS} (the DO body calls ${m[0].replace(/\s*\($/, '()').replace(/\s+/g, ' ')})`;
  }
  return undefined;
}
