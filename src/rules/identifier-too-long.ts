import type { SchemaModel } from '../schema/model.js';
import type { Rule, StatementContext } from './types.js';
import { definedNames, type DefinedName, type Namespace } from './support/defined-names.js';
import { identifierBytes, MAX_IDENTIFIER_BYTES, truncateIdentifier } from './support/identifiers.js';
import { quoteIdent } from './support/names.js';
import { relationKey } from '../schema/model.js';

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  category: 'style',
  recommended: true,
  defaultSeverity: 'error',
  description: 'identifiers over 63 bytes: Postgres silently truncates them, so names collide or stop matching',
  squawk: ['identifier-too-long'],
  check(ctx) {
    const defined = definedNames(ctx.statement);
    defined.forEach((d, i) => {
      const bytes = identifierBytes(d.name);
      if (bytes <= MAX_IDENTIFIER_BYTES) return;
      const stored = truncateIdentifier(d.name);
      const clash = namesIn(ctx.schema, d.namespace)
        .concat(defined.slice(0, i).filter((e) => sameNamespace(e.namespace, d.namespace)).map((e) => e.name))
        .find((other) => other !== d.name && truncateIdentifier(other) === stored);
      const chars = [...d.name].length;
      const size = chars === bytes ? `${bytes} bytes` : `${bytes} bytes (${chars} characters)`;
      ctx.report({
        at: d.at,
        message: `The ${d.what} name ${quoteIdent(d.name)} is ${size}; Postgres silently cuts identifiers to 63 bytes and stores ${quoteIdent(stored)}.${clash ? collision(ctx, d, clash) : ' drizzle-kit keeps the full name in its snapshot, so drizzle-kit push and introspection see a name that no longer matches your schema.'}`,
        hint: 'Give it an explicit name of at most 63 bytes (Drizzle: foreignKey({ name, columns, foreignColumns }), index(name), unique(name), or shorter table and column names).',
      });
    });
  },
};

function collision(ctx: StatementContext, d: DefinedName, other: string): string {
  const code = d.namespace.kind === 'constraint' ? '42710' : '42P07';
  const swallowed = code === '42710' && ctx.statement.doBlock?.handledConditions.includes('duplicate_object');
  return swallowed
    ? ` That is also what ${quoteIdent(other)} becomes, so the name is taken: drizzle's DO … EXCEPTION WHEN duplicate_object block swallows the error and the ${d.what} is silently never created.`
    : ` That is also what ${quoteIdent(other)} becomes, so the statement fails (${code}: already exists).`;
}

function sameNamespace(a: Namespace, b: Namespace): boolean {
  if (a.kind === 'constraint' && b.kind === 'constraint') return relationKey(a.table) === relationKey(b.table);
  if (a.kind === 'relation' && b.kind === 'relation') return a.schema === b.schema;
  return false;
}

/** Names already taken in a namespace, as the migrations wrote them. */
function namesIn(schema: SchemaModel, ns: Namespace): string[] {
  if (ns.kind === 'constraint') return [...(schema.table(ns.table)?.constraints.keys() ?? [])];
  if (ns.kind === 'relation') {
    const tables = [...schema.tables.values()].filter((t) => t.schema === ns.schema).map((t) => t.name);
    const indexes = [...schema.indexes.values()].filter((i) => i.schema === ns.schema).map((i) => i.name);
    return [...tables, ...indexes];
  }
  return [];
}
