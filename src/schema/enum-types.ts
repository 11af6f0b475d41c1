import { names, type Node } from '../sql/ast.js';
import { DEFAULT_SCHEMA, relationKey, type SchemaModel } from './model.js';
import type { ColumnType } from './types.js';
import { refOfNames } from '../sql/dropped-objects.js';

/** `schema.name` of a type named in SQL (['public', 'mood'] or ['mood']). */
export function typeKey(nameList: Node[] | undefined): string | undefined {
  const ref = refOfNames(names(nameList));
  return ref && relationKey(ref);
}

/** The enum key of a column type, when the schema model knows it as an enum. */
export function enumKeyOf(type: ColumnType, schema: SchemaModel): string | undefined {
  return schema.userType(type).enum?.key;
}

/** Shows an enum key as a message does: "mood", "auth"."role". */
export function showEnum(key: string): string {
  const dot = key.indexOf('.');
  const schema = key.slice(0, dot);
  const name = key.slice(dot + 1);
  return schema === DEFAULT_SCHEMA ? `"${name}"` : `"${schema}"."${name}"`;
}
