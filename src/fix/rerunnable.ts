import { nodeAs, type Node } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { doIf, insertAfter, KW, noConstraint, quoteLiteral, relationText, singleCommand } from './sql-text.js';

/** ALTER TABLE subcommands that leave the same state when they run twice. */
const REPEATABLE_COMMANDS = new Set([
  'AT_AlterColumnType',
  'AT_SetNotNull',
  'AT_DropNotNull',
  'AT_ColumnDefault',
  'AT_ValidateConstraint',
  'AT_EnableRowSecurity',
  'AT_DisableRowSecurity',
  'AT_ForceRowSecurity',
  'AT_NoForceRowSecurity',
  'AT_SetStatistics',
  'AT_SetStorage',
  'AT_SetRelOptions',
  'AT_ReplicaIdentity',
]);

const REPEATABLE_KINDS = new Set(['VariableSetStmt', 'CommentStmt', 'GrantStmt', 'TransactionStmt', 'ViewStmt']);

/**
 * The statement in a form that can run again after it was committed by an earlier, failed run: the
 * state afterwards is the same. Undefined when there is no such form (an INSERT, a rename, …).
 * Needed for every statement that a `COMMIT;` chunk commits before drizzle records the migration.
 */
export function rerunnable(stmt: Statement): string | undefined {
  const { text, node } = stmt;
  if (REPEATABLE_KINDS.has(stmt.kind)) {
    if (stmt.kind === 'ViewStmt' && !nodeAs(node, 'ViewStmt')?.replace) return undefined;
    return text;
  }
  const create = nodeAs(node, 'CreateStmt');
  if (create) return create.if_not_exists ? text : insertAfter(text, KW.createTable, ' IF NOT EXISTS');
  const idx = nodeAs(node, 'IndexStmt');
  if (idx) return idx.if_not_exists ? text : insertAfter(text, `${KW.createIndex}(?:\\s+CONCURRENTLY)?`, ' IF NOT EXISTS');
  const schema = nodeAs(node, 'CreateSchemaStmt');
  if (schema) return schema.if_not_exists ? text : insertAfter(text, 'CREATE\\s+SCHEMA', ' IF NOT EXISTS');
  const seq = nodeAs(node, 'CreateSeqStmt');
  if (seq) return seq.if_not_exists ? text : insertAfter(text, 'CREATE\\s+SEQUENCE', ' IF NOT EXISTS');
  const enumAdd = nodeAs(node, 'AlterEnumStmt');
  if (enumAdd) {
    if (!enumAdd.newVal || enumAdd.oldVal) return undefined;
    return enumAdd.skipIfNewValExists ? text : insertAfter(text, 'ALTER\\s+TYPE\\s+[\\s\\S]*?\\s+ADD\\s+VALUE', ' IF NOT EXISTS');
  }
  const createEnum = nodeAs(node, 'CreateEnumStmt');
  if (createEnum) {
    const parts = ((createEnum.typeName as Node[]) ?? []).map((n) => nodeAs(n, 'String')?.sval ?? '');
    const name = parts[parts.length - 1];
    const ns = parts.length > 1 ? quoteLiteral(parts[0]) : 'current_schema()';
    return doIf(`NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = ${quoteLiteral(name)} AND n.nspname = ${ns})`, text);
  }
  const drop = nodeAs(node, 'DropStmt');
  if (drop) return drop.missing_ok ? text : insertAfter(text, KW.dropGeneric + '(?:\\s+CONCURRENTLY)?', ' IF EXISTS');
  // drizzle-kit's `DO $$ BEGIN …; EXCEPTION WHEN duplicate_object THEN null; END $$` is re-runnable by design.
  if (stmt.kind === 'DoStmt') return undefined;
  const one = singleCommand(stmt);
  if (one) {
    const { cmd, alter } = one;
    if (REPEATABLE_COMMANDS.has(cmd.subtype ?? '')) return text;
    const rel = relationText(alter.relation);
    if (cmd.subtype === 'AT_AddColumn') return cmd.missing_ok ? text : text.replace(/\bADD\s+(?:COLUMN\s+)?/i, 'ADD COLUMN IF NOT EXISTS ');
    if (cmd.subtype === 'AT_DropColumn') return cmd.missing_ok ? text : text.replace(/\bDROP\s+(?:COLUMN\s+)?/i, 'DROP COLUMN IF EXISTS ');
    if (cmd.subtype === 'AT_DropConstraint') return cmd.missing_ok ? text : text.replace(/\bDROP\s+CONSTRAINT\s+/i, 'DROP CONSTRAINT IF EXISTS ');
    if (cmd.subtype === 'AT_AddConstraint') {
      const name = nodeAs(cmd.def, 'Constraint')?.conname;
      return name && rel ? doIf(noConstraint(rel, name), text) : undefined;
    }
  }
  return undefined;
}

/** A DO statement whose body is drizzle-kit's duplicate_object wrapper (the inner statements say so). */
export function guardedDo(top: Statement, all: readonly Statement[]): boolean {
  const inner = all.filter((s) => s.doBlock?.start === top.start);
  return inner.length > 0 && inner.every((s) => s.doBlock?.guarded);
}
