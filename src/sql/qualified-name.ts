import { names, type Node, type NodeOf } from './ast.js';

/**
 * The one codec for qualified names: the `schema.name` keys the schema model and the lock facts use,
 * and the quoted form messages show. A key always carries its schema; it is split at its first dot,
 * so a dot in a schema name (legal when quoted, unseen in drizzle-kit output) is not supported.
 */

/** The schema an unqualified name resolves to under drizzle-kit's default search_path. */
export const DEFAULT_SCHEMA = 'public';

/** A relation (or type) reference as written in SQL: the schema when it was given. */
export interface RelationRef {
  schema?: string;
  name: string;
}

/** The key of a name in a schema: `public.users`. */
export function qualifiedKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

export function relationKey(ref: RelationRef): string {
  return qualifiedKey(ref.schema ?? DEFAULT_SCHEMA, ref.name);
}

/** The reference a key stands for (`schema.name`, as relationKey builds it). */
export function refOfKey(key: string): RelationRef {
  const dot = key.indexOf('.');
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

export function refOf(rv: NodeOf<'RangeVar'> | undefined): RelationRef | undefined {
  if (!rv?.relname) return undefined;
  return { schema: rv.schemaname || undefined, name: rv.relname };
}

/** `['auth', 'users']` or `['users']` as a reference (a longer list's last two parts: `db.auth.users`). */
export function refOfNames(parts: string[]): RelationRef | undefined {
  if (!parts.length) return undefined;
  return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1] } : { name: parts[0] };
}

/** `['public', 'users']` or `['users']` → key. */
export function keyOfNames(parts: string[]): string {
  return parts.length >= 2 ? qualifiedKey(parts[parts.length - 2], parts[parts.length - 1]) : qualifiedKey(DEFAULT_SCHEMA, parts[0]);
}

/** An identifier as SQL and messages write it: "users", "a""b". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A reference as a message shows it: "users", "auth"."users" (the default schema left out). */
export function showRelation(ref: RelationRef): string {
  return ref.schema && ref.schema !== DEFAULT_SCHEMA ? `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}` : quoteIdent(ref.name);
}

/** A key as a message shows it: "mood", "auth"."role". */
export function showKey(key: string): string {
  return showRelation(refOfKey(key));
}

/** The key of a type named in SQL (`['public', 'mood']` or `['mood']`); undefined for an empty list. */
export function typeKey(nameList: Node[] | undefined): string | undefined {
  const ref = refOfNames(names(nameList));
  return ref && relationKey(ref);
}
