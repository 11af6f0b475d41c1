/**
 * SQL text for `down`: identifiers quoted the way drizzle-kit writes them, and AST nodes printed back
 * to SQL by pgsql-deparser (the deparser of the libpg-query family, for the PostgreSQL 18 AST the
 * parser returns), on one line.
 */
import { deparseSync } from 'pgsql-deparser';
import type { Node } from '../sql/ast.js';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"schema"."name"` */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** One AST node (statement, expression, column definition, constraint) as SQL on one line. */
export function deparse(node: Node): string {
  return deparseSync(node as never, { pretty: false }).trim().replace(/;$/, '');
}

/** A String node list as libpg-query writes names. */
export function nameList(parts: string[]): Node[] {
  return parts.map((sval) => ({ String: { sval } }) as Node);
}
