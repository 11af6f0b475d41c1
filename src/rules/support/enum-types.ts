import { names, type Node } from '../../sql/ast.js';
import { DEFAULT_SCHEMA, type SchemaModel } from '../../schema/model.js';
import type { ColumnType } from '../../schema/types.js';

/** `schema.name` of a type named in SQL (['public', 'mood'] or ['mood']). */
export function typeKey(nameList: Node[] | undefined): string | undefined {
  const parts = names(nameList);
  if (!parts.length) return undefined;
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : `${DEFAULT_SCHEMA}.${parts[0]}`;
}

/** The enum key of a column type, when the schema model knows it as an enum. */
export function enumKeyOf(type: ColumnType, schema: SchemaModel): string | undefined {
  const key = `${type.schema ?? DEFAULT_SCHEMA}.${type.name}`;
  return schema.enums.has(key) ? key : undefined;
}

/** Shows an enum key as a message does: "mood", "auth"."role". */
export function showEnum(key: string): string {
  const dot = key.indexOf('.');
  const schema = key.slice(0, dot);
  const name = key.slice(dot + 1);
  return schema === DEFAULT_SCHEMA ? `"${name}"` : `"${schema}"."${name}"`;
}
