import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';

/** A double-quoted identifier, as drizzle-kit writes them. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `"schema"."table"` (schema only when the statement named one). */
export function relationText(rv: NodeOf<'RangeVar'> | undefined): string | undefined {
  if (!rv?.relname) return undefined;
  return (rv.schemaname ? `${quoteIdent(rv.schemaname)}.` : '') + quoteIdent(rv.relname);
}

/** Postgres truncates identifiers to 63 bytes; names we invent are cut (by characters, ASCII names assumed short). */
export function identifier(name: string): string {
  let out = name;
  while (Buffer.byteLength(out) > 63) out = out.slice(0, -1);
  return out;
}

/** A dollar-quote tag that does not occur in the body. */
function dollarTag(body: string): string {
  let tag = '$$';
  for (let i = 0; body.includes(tag); i++) tag = `$fix${i || ''}$`;
  return tag;
}

/** `DO $$ BEGIN IF <condition> THEN <sql>; END IF; END $$`: runs `sql` only when the condition holds. */
export function doIf(condition: string, sql: string): string {
  const body = ` BEGIN\n  IF ${condition} THEN\n    ${sql.replace(/\n/g, '\n    ')};\n  END IF;\nEND `;
  const tag = dollarTag(body);
  return `DO ${tag}${body}${tag}`;
}

/** The condition "no constraint of this name on this table". */
export function noConstraint(table: string, constraint: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ${quoteLiteral(constraint)} AND conrelid = ${quoteLiteral(table)}::regclass)`;
}

/** The condition "an INVALID index of this name exists" (left by a failed or cancelled concurrent build). */
export function invalidIndex(schema: string | undefined, index: string): string {
  const ns = schema ? quoteLiteral(schema) : 'current_schema()';
  return `EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ${quoteLiteral(index)} AND n.nspname = ${ns} AND NOT i.indisvalid)`;
}

/**
 * Drops a leftover INVALID index of this name before the build. A plain DROP INDEX (not CONCURRENTLY:
 * that cannot run inside the DO block that makes it conditional) takes ACCESS EXCLUSIVE on the table
 * for an instant, only on a re-run after a failed build; the lock_timeout of the batch bounds its wait.
 */
export function dropInvalidIndex(schema: string | undefined, index: string): string {
  const qualified = (schema ? `${quoteIdent(schema)}.` : '') + quoteIdent(index);
  return doIf(invalidIndex(schema, index), `EXECUTE ${quoteLiteral(`DROP INDEX ${qualified}`)}`);
}

/** Case-insensitive keyword regex that tolerates any whitespace between the words. */
function words(...ws: string[]): string {
  return ws.join('\\s+');
}

/** Inserts text after a leading keyword sequence; undefined when the text does not start with it. */
export function insertAfter(text: string, keywords: string, insert: string): string | undefined {
  const m = new RegExp(`^(\\s*${keywords})`, 'i').exec(text);
  if (!m) return undefined;
  return text.slice(0, m[1].length) + insert + text.slice(m[1].length);
}

export const KW = {
  createIndex: words('CREATE', '(?:UNIQUE\\s+)?INDEX'),
  createTable: words('CREATE', '(?:(?:UNLOGGED|TEMP|TEMPORARY)\\s+)?TABLE'),
  addColumn: words('ADD', '(?:COLUMN\\s+)?'),
  dropIndex: words('DROP', 'INDEX'),
  dropGeneric: words('DROP', '(?:MATERIALIZED\\s+VIEW|FOREIGN\\s+TABLE|[A-Z]+)'),
};

/** The ALTER TABLE statement's only command, when it has exactly one. */
export function singleCommand(stmt: Statement): { alter: NodeOf<'AlterTableStmt'>; cmd: NodeOf<'AlterTableCmd'> } | undefined {
  const alter = nodeAs(stmt.node, 'AlterTableStmt');
  if (!alter || (alter.objtype && alter.objtype !== 'OBJECT_TABLE')) return undefined;
  const cmds = ((alter.cmds as Node[]) ?? []).map((c) => nodeAs(c, 'AlterTableCmd'));
  if (cmds.length !== 1 || !cmds[0]) return undefined;
  return { alter, cmd: cmds[0] };
}

export function typeNameParts(list: Node[] | undefined): string[] {
  return names(list);
}
