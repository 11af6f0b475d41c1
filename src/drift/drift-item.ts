import { quoteIdent } from '../sql/qualified-name.js';
import { DEFAULT_SCHEMA } from '../schema/model.js';

/** One difference between the migrations' schema and the other side (the database, or drizzle-kit's snapshot). */
export interface DriftItem {
  /** `column "users"."email"`: the object, as messages show it. */
  object: string;
  kind: 'only-in-migrations' | 'only-in-other' | 'differs';
  /** differs: what the migrations say and what the other side has. */
  migrations?: string;
  actual?: string;
  /** only-in-other: the other side's definition, when it has one (pg_get_indexdef …). */
  definition?: string;
  /** The migration file that created the object, when the migrations have it. */
  origin?: string;
  /** Names to find in that file, outermost first (table, then column), to place the finding. */
  names: string[];
}

/** `"users"`, or `"auth"."users"` outside public. */
export function showKey(key: string): string {
  const dot = key.indexOf('.');
  const schema = key.slice(0, dot);
  const name = key.slice(dot + 1);
  return schema === DEFAULT_SCHEMA ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export const nameOf = (key: string) => key.slice(key.indexOf('.') + 1);
