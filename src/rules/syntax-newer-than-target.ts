import { walkAst } from '../sql/ast.js';
import type { Rule } from './types.js';

/**
 * DDL syntax by the PostgreSQL major that introduced it (release notes of 15–18). libpg-query reads
 * the PG 18 grammar, so all of these parse; an older server rejects them with a syntax error (42601).
 */
interface Construct {
  since: number;
  what: string;
}

export const messages = {
  newer: (a: { what: string; since: number; target: number }) =>
    `${a.what} is PostgreSQL ${a.since} syntax, and the target is PostgreSQL ${a.target}: the server rejects the statement with a syntax error (42601) and the migration fails.`,
  hint: (a: { since: number }) =>
    `Write it the way PostgreSQL before ${a.since} accepts it, or, if the database already runs PostgreSQL ${a.since} or later, set postgresVersion (--pg-version) to it.`,
};

const CONSTRUCTS = {
  virtual: { since: 18, what: 'A VIRTUAL generated column (GENERATED ALWAYS AS (…) without STORED)' },
  notNullConstraint: { since: 18, what: 'A named NOT NULL table constraint (ADD CONSTRAINT … NOT NULL col)' },
  withoutOverlaps: { since: 18, what: 'WITHOUT OVERLAPS in a key' },
  setExpression: { since: 17, what: 'ALTER COLUMN … SET EXPRESSION' },
  nullsNotDistinct: { since: 15, what: 'UNIQUE NULLS NOT DISTINCT' },
  deleteSetColumns: { since: 15, what: 'ON DELETE SET NULL / SET DEFAULT with a column list' },
  merge: { since: 15, what: 'MERGE' },
} satisfies Record<string, Construct>;

/** The constructs a statement uses, with the byte offset of the node that uses each. */
function constructsOf(node: unknown): { c: Construct; at?: number }[] {
  const out: { c: Construct; at?: number }[] = [];
  walkAst(node, (kind, body) => {
    const at = typeof body.location === 'number' ? body.location : undefined;
    if (kind === 'Constraint') {
      if (body.contype === 'CONSTR_GENERATED' && body.generated_kind === 'v') out.push({ c: CONSTRUCTS.virtual, at });
      if (body.nulls_not_distinct) out.push({ c: CONSTRUCTS.nullsNotDistinct, at });
      if (body.without_overlaps) out.push({ c: CONSTRUCTS.withoutOverlaps, at });
      if (Array.isArray(body.fk_del_set_cols) && body.fk_del_set_cols.length) out.push({ c: CONSTRUCTS.deleteSetColumns, at });
    }
    if (kind === 'AlterTableCmd') {
      if (body.subtype === 'AT_SetExpression') out.push({ c: CONSTRUCTS.setExpression });
      const def = body.def as { Constraint?: { contype?: string; location?: number } } | undefined;
      // A column's NOT NULL is older than any supported version; a table constraint of that kind is 18's.
      if (body.subtype === 'AT_AddConstraint' && def?.Constraint?.contype === 'CONSTR_NOTNULL') out.push({ c: CONSTRUCTS.notNullConstraint, at: def.Constraint.location });
    }
  });
  return out;
}

export const syntaxNewerThanTarget: Rule = {
  id: 'syntax-newer-than-target',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'Syntax the target PostgreSQL version does not have (the parser reads the PG 18 grammar): the migration fails (42601)',
  messages,
  check(ctx) {
    const target = ctx.options.postgresVersion;
    const found = constructsOf(ctx.statement.node);
    if ('MergeStmt' in (ctx.statement.node as object)) found.unshift({ c: CONSTRUCTS.merge });
    const seen = new Set<Construct>();
    for (const { c, at } of found) {
      if (c.since <= target || seen.has(c)) continue;
      seen.add(c);
      ctx.report({ at, message: messages.newer({ what: c.what, since: c.since, target }), hint: messages.hint({ since: c.since }) });
    }
  },
};
