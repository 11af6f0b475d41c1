import { relationKey } from '../schema/model.js';
import type { Rule, StatementContext } from './types.js';
import { definedNames, type DefinedName, type Namespace } from '../sql/defined-names.js';
import { identifierBytes, longIdentifiers, MAX_IDENTIFIER_BYTES } from '../pg/identifiers.js';
import { quoteIdent } from '../sql/qualified-name.js';
import { perScope } from './support/per-scope.js';

/** A long name defined earlier in this migration, to catch two that cut to the same stored name. */
interface SeenName {
  namespace: string;
  stored: string;
  full: string;
}

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  category: 'style',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'identifiers over 63 bytes: Postgres silently truncates them, so names collide or stop matching',
  squawk: ['identifier-too-long'],
  create() {
    // Long names defined earlier in the current file.
    const seenIn = perScope<string, SeenName[]>(() => []);
    return {
      check(ctx) {
        const seen = seenIn(ctx.filePath);
        // A cut name is 63 bytes, or up to 3 fewer when the cut fell inside a multi-byte character.
        const defined = definedNames(ctx.statement).filter((d) => identifierBytes(d.name) > MAX_IDENTIFIER_BYTES - 4);
        if (!defined.length) return;
        const long = longIdentifiers(ctx.statement.text);
        for (const d of defined) {
          for (const full of long.get(d.name) ?? []) {
            const ns = namespaceKey(d.namespace);
            const clash = ns ? seen.find((s) => s.namespace === ns && s.stored === d.name && s.full !== full) : undefined;
            if (ns) seen.push({ namespace: ns, stored: d.name, full });
            const bytes = identifierBytes(full);
            const chars = [...full].length;
            const size = chars === bytes ? `${bytes} bytes` : `${bytes} bytes (${chars} characters)`;
            ctx.report({
              at: d.at,
              message: `The ${d.what} name ${quoteIdent(full)} is ${size}; Postgres silently cuts identifiers to 63 bytes and stores ${quoteIdent(d.name)}.${clash ? collision(ctx, d, clash.full) : ' drizzle-kit keeps the full name in its snapshot, so drizzle-kit push and introspection see a name that no longer matches your schema.'}`,
              hint: 'Give it an explicit name of at most 63 bytes (Drizzle: foreignKey({ name, columns, foreignColumns }), index(name), unique(name), or shorter table and column names).',
            });
          }
        }
      },
    };
  },
};

function collision(ctx: StatementContext, d: DefinedName, other: string): string {
  const code = d.namespace.kind === 'constraint' ? '42710' : '42P07';
  const swallowed = code === '42710' && ctx.statement.doBlock?.handledConditions.includes('duplicate_object');
  return swallowed
    ? ` ${quoteIdent(other)}, defined earlier in this migration, is cut to the same name: drizzle's DO … EXCEPTION WHEN duplicate_object block swallows the error and this ${d.what} is silently never created.`
    : ` ${quoteIdent(other)}, defined earlier in this migration, is cut to the same name, so this statement fails (${code}: already exists).`;
}

function namespaceKey(ns: Namespace): string | undefined {
  if (ns.kind === 'constraint') return `constraint:${relationKey(ns.table)}`;
  if (ns.kind === 'relation') return `relation:${ns.schema}`;
  return undefined;
}
