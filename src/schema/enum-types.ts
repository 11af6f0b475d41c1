import type { SchemaModel } from './model.js';
import type { ColumnType } from './types.js';

/** The enum key of a column type, when the schema model knows it as an enum. */
export function enumKeyOf(type: ColumnType, schema: SchemaModel): string | undefined {
  return schema.userType(type).enum?.key;
}
