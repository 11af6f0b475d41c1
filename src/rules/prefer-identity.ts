import { formatType } from '../schema/column-type.js';
import type { Rule } from './types.js';
import { definedColumns } from '../schema/defined-columns.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

const DRIZZLE_BUILDER: Record<string, (name: string) => string> = {
  int2: (n) => `smallint('${n}')`,
  int4: (n) => `integer('${n}')`,
  int8: (n) => `bigint('${n}', { mode: 'number' })`,
};

export const messages = {
  serialColumn: (a: { column: string; table: string; type: string }) =>
    `${a.column} of ${a.table} is ${a.type}: its sequence is a separate object with its own grants and owner, and anyone can insert explicit ids that the sequence later collides with (23505).`,
  /** `drizzle` is the Drizzle column builder to use. */
  serialColumnHint: (a: { identityType: string; drizzle: string }) =>
    `Use an identity column: ${a.identityType} GENERATED ALWAYS AS IDENTITY (Drizzle: ${a.drizzle}.generatedAlwaysAsIdentity()).`,
};

export const preferIdentity: Rule = {
  id: 'prefer-identity',
  category: 'style',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'serial / bigserial columns: use an identity column instead',
  squawk: ['prefer-identity'],
  messages,
  check(ctx) {
    for (const col of definedColumns(ctx.statement)) {
      if (!col.type.serial) continue;
      const identityType = formatType({ ...col.type, serial: false });
      ctx.report({
        at: col.typeName.location,
        message: messages.serialColumn({ column: quoteIdent(col.name), table: showRelation(col.ref), type: formatType(col.type) }),
        hint: messages.serialColumnHint({ identityType, drizzle: DRIZZLE_BUILDER[col.type.name]?.(col.name) ?? identityType }),
      });
    }
  },
};
