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

/** A long name as found in the statement (`name`, quoted) and as Postgres stores it (`stored`, quoted). */
interface LongName {
  what: string;
  name: string;
  bytes: number;
  chars: number;
  stored: string;
}

const size = (a: LongName) => (a.chars === a.bytes ? `${a.bytes} bytes` : `${a.bytes} bytes (${a.chars} characters)`);
const cut = (a: LongName) => `The ${a.what} name ${a.name} is ${size(a)}; Postgres silently cuts identifiers to 63 bytes and stores ${a.stored}.`;

export const messages = {
  tooLong: (a: LongName) =>
    `${cut(a)} drizzle-kit keeps the full name in its snapshot, so drizzle-kit push and introspection see a name that no longer matches your schema.`,
  /** Another long name of this migration cuts to the same stored name; `code` is 42710 or 42P07. */
  collides: (a: LongName & { other: string; code: string }) =>
    `${cut(a)} ${a.other}, defined earlier in this migration, is cut to the same name, so this statement fails (${a.code}: already exists).`,
  /** The same, inside drizzle's DO block that catches duplicate_object. */
  collidesSwallowed: (a: LongName & { other: string }) =>
    `${cut(a)} ${a.other}, defined earlier in this migration, is cut to the same name: drizzle's DO … EXCEPTION WHEN duplicate_object block swallows the error and this ${a.what} is silently never created.`,
  hint: () =>
    'Give it an explicit name of at most 63 bytes (Drizzle: foreignKey({ name, columns, foreignColumns }), index(name), unique(name), or shorter table and column names).',
};

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  category: 'style',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'identifiers over 63 bytes: Postgres silently truncates them, so names collide or stop matching',
  squawk: ['identifier-too-long'],
  messages,
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
            const name: LongName = { what: d.what, name: quoteIdent(full), bytes: identifierBytes(full), chars: [...full].length, stored: quoteIdent(d.name) };
            ctx.report({ at: d.at, message: clash ? collision(ctx, d, name, clash.full) : messages.tooLong(name), hint: messages.hint() });
          }
        }
      },
    };
  },
};

function collision(ctx: StatementContext, d: DefinedName, name: LongName, other: string): string {
  const code = d.namespace.kind === 'constraint' ? '42710' : '42P07';
  const swallowed = code === '42710' && ctx.statement.doBlock?.handledConditions.includes('duplicate_object');
  if (swallowed) return messages.collidesSwallowed({ ...name, other: quoteIdent(other) });
  return messages.collides({ ...name, other: quoteIdent(other), code });
}

function namespaceKey(ns: Namespace): string | undefined {
  if (ns.kind === 'constraint') return `constraint:${relationKey(ns.table)}`;
  if (ns.kind === 'relation') return `relation:${ns.schema}`;
  return undefined;
}
