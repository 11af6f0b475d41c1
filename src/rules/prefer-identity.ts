import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

const DRIZZLE_BUILDER: Record<string, (name: string) => string> = {
  int2: (n) => `smallint('${n}')`,
  int4: (n) => `integer('${n}')`,
  int8: (n) => `bigint('${n}', { mode: 'number' })`,
};

export const preferIdentity: Rule = {
  id: 'prefer-identity',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'serial / bigserial columns: use an identity column instead',
  squawk: ['prefer-identity'],
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (!col.type.serial) continue;
      const identityType = formatType({ ...col.type, serial: false });
      ctx.report({
        at: col.typeName.location,
        message: `${quoteIdent(col.name)} of ${showRelation(col.ref)} is ${formatType(col.type)}: its sequence is a separate object with its own grants and owner, and anyone can insert explicit ids that the sequence later collides with (23505).`,
        hint: `Use an identity column: ${identityType} GENERATED ALWAYS AS IDENTITY (Drizzle: ${DRIZZLE_BUILDER[col.type.name]?.(col.name) ?? identityType}.generatedAlwaysAsIdentity()).`,
      });
    }
  },
};
