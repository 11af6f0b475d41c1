import { DEFAULT_SCHEMA } from '../schema/model.js';
import type { RelationRef } from '../schema/types.js';

/** An identifier as a message shows it: "users", "auth"."users". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function showRelation(ref: RelationRef): string {
  return ref.schema && ref.schema !== DEFAULT_SCHEMA ? `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}` : quoteIdent(ref.name);
}

/** The relation reference of a model key (`schema.name`, as relationKey builds it). */
export function refOfKey(key: string): RelationRef {
  const dot = key.indexOf('.');
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}
