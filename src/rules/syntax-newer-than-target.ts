import { walkAst } from '../sql/ast.js';
import type { Rule } from './types.js';

/**
 * Syntax by the PostgreSQL major that introduced it (release notes of 15–18). libpg-query reads the
 * PG 18 grammar, so all of these parse; an older server fails the statement. How it fails depends on
 * what the older grammar makes of the text (`fails`):
 * - `syntax`: a syntax error (42601);
 * - `function`: the SQL/JSON constructors and query functions look like function calls to a server
 *   without them (JSON_ARRAY(1, 2) is a call of json_array, which does not exist: 42883); their
 *   SQL/JSON clauses (key: value, RETURNING, ABSENT ON NULL …) are a syntax error (42601);
 * - `oldNew`: `old.col` / `new.col` in RETURNING is a column of a table "old" that is not in the
 *   FROM clause (42P01);
 * - `unsupported`: the older grammar takes the words but rejects them as not supported (0A000):
 *   `ALTER CONSTRAINT … NO INHERIT` on 17 (measured).
 * The 17 → 18 line is measured in test/rules/syntax-newer-than-target-servers.test.ts (each 18
 * construct fails on PGlite, PG 17, with that SQLSTATE and runs on PostgreSQL 18; each ≤ 17 one runs
 * on PGlite); the 15 and 16 lines follow the release notes (no server of those versions to run).
 */
type Failure = 'syntax' | 'function' | 'oldNew' | 'unsupported';
interface Construct {
  since: number;
  what: string;
  fails: Failure;
}

export const messages = {
  newer: (a: { what: string; since: number; target: number }) =>
    `${a.what} is PostgreSQL ${a.since} syntax, and the target is PostgreSQL ${a.target}: the server rejects the statement with a syntax error (42601) and the migration fails.`,
  newerFunction: (a: { what: string; since: number; target: number }) =>
    `${a.what} is PostgreSQL ${a.since} syntax, and the target is PostgreSQL ${a.target}: there it is a call of a function that does not exist (42883), or a syntax error (42601) where it uses SQL/JSON clauses, and the migration fails.`,
  newerOldNew: (a: { what: string; since: number; target: number }) =>
    `${a.what} is PostgreSQL ${a.since} syntax, and the target is PostgreSQL ${a.target}: there old and new are tables missing from the FROM clause (42P01) and the migration fails.`,
  newerUnsupported: (a: { what: string; since: number; target: number }) =>
    `${a.what} is PostgreSQL ${a.since} syntax, and the target is PostgreSQL ${a.target}: there it is rejected as not supported (0A000) and the migration fails.`,
  hint: (a: { since: number }) =>
    `Write it the way PostgreSQL before ${a.since} accepts it, or, if the database already runs PostgreSQL ${a.since} or later, set postgresVersion (--pg-version) to it.`,
};

const MESSAGE: Record<Failure, (a: { what: string; since: number; target: number }) => string> = {
  syntax: messages.newer,
  function: messages.newerFunction,
  oldNew: messages.newerOldNew,
  unsupported: messages.newerUnsupported,
};

export const CONSTRUCTS = {
  virtual: { since: 18, fails: 'syntax', what: 'A VIRTUAL generated column (GENERATED ALWAYS AS (…) without STORED)' },
  notNullConstraint: { since: 18, fails: 'syntax', what: 'A named NOT NULL table constraint (ADD CONSTRAINT … NOT NULL col)' },
  notNullTableConstraint: { since: 18, fails: 'syntax', what: 'A NOT NULL table constraint in CREATE TABLE (CONSTRAINT … NOT NULL col)' },
  enforced: { since: 18, fails: 'syntax', what: '[NOT] ENFORCED on a constraint' },
  alterEnforced: { since: 18, fails: 'syntax', what: 'ALTER CONSTRAINT … [NOT] ENFORCED' },
  alterInherit: { since: 18, fails: 'unsupported', what: 'ALTER CONSTRAINT … [NO] INHERIT' },
  withoutOverlaps: { since: 18, fails: 'syntax', what: 'WITHOUT OVERLAPS in a key' },
  period: { since: 18, fails: 'syntax', what: 'PERIOD in a foreign key' },
  returningWith: { since: 18, fails: 'syntax', what: 'RETURNING WITH (OLD AS …, NEW AS …)' },
  returningOldNew: { since: 18, fails: 'oldNew', what: 'old.col / new.col in RETURNING' },
  setExpression: { since: 17, fails: 'syntax', what: 'ALTER COLUMN … SET EXPRESSION' },
  jsonTable: { since: 17, fails: 'syntax', what: 'JSON_TABLE' },
  jsonQuery: { since: 17, fails: 'function', what: 'JSON_QUERY / JSON_VALUE / JSON_EXISTS' },
  jsonScalar: { since: 17, fails: 'function', what: 'JSON_SCALAR / JSON_SERIALIZE' },
  jsonUniqueKeys: { since: 17, fails: 'syntax', what: 'JSON(… WITH UNIQUE KEYS)' },
  mergeReturning: { since: 17, fails: 'syntax', what: 'MERGE … RETURNING' },
  mergeBySource: { since: 17, fails: 'syntax', what: 'MERGE … WHEN NOT MATCHED BY SOURCE' },
  accessMethodDefault: { since: 17, fails: 'syntax', what: 'SET ACCESS METHOD DEFAULT' },
  statisticsDefault: { since: 17, fails: 'syntax', what: 'SET STATISTICS DEFAULT' },
  atLocal: { since: 17, fails: 'syntax', what: 'AT LOCAL' },
  isJson: { since: 16, fails: 'syntax', what: 'IS JSON' },
  jsonConstructor: { since: 16, fails: 'function', what: 'JSON_ARRAY / JSON_OBJECT (SQL/JSON constructors)' },
  jsonAggregate: { since: 16, fails: 'function', what: 'JSON_ARRAYAGG / JSON_OBJECTAGG' },
  columnStorage: { since: 16, fails: 'syntax', what: 'STORAGE in a column definition' },
  grantInheritSet: { since: 16, fails: 'syntax', what: 'GRANT role … WITH INHERIT / SET' },
  nullsNotDistinct: { since: 15, fails: 'syntax', what: 'UNIQUE NULLS NOT DISTINCT' },
  deleteSetColumns: { since: 15, fails: 'syntax', what: 'ON DELETE SET NULL / SET DEFAULT with a column list' },
  merge: { since: 15, fails: 'syntax', what: 'MERGE' },
} satisfies Record<string, Construct>;

const DML_WITH_RETURNING = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const loc = (body: Record<string, unknown>) => (typeof body.location === 'number' && body.location >= 0 ? body.location : undefined);

/** `old` / `new` as the first name of a column reference in a RETURNING list. */
function returningOldNew(exprs: unknown): number | undefined | false {
  let found: number | undefined | false = false;
  walkAst(exprs, (kind, body) => {
    if (found !== false || kind !== 'ColumnRef' || !Array.isArray(body.fields) || body.fields.length < 2) return;
    const first = (body.fields[0] as { String?: { sval?: string } }).String?.sval;
    if (first === 'old' || first === 'new') found = loc(body);
  });
  return found;
}

/** The constructs a statement uses, with the byte offset of the node that uses each. */
function constructsOf(node: unknown): { c: Construct; at?: number }[] {
  const out: { c: Construct; at?: number }[] = [];
  const add = (c: Construct, at?: number) => out.push({ c, at });
  walkAst(node, (kind, body) => {
    const at = loc(body);
    switch (kind) {
      case 'Constraint':
        if (body.contype === 'CONSTR_GENERATED' && body.generated_kind === 'v') add(CONSTRUCTS.virtual, at);
        if (body.nulls_not_distinct) add(CONSTRUCTS.nullsNotDistinct, at);
        if (body.without_overlaps) add(CONSTRUCTS.withoutOverlaps, at);
        if (body.fk_with_period || body.pk_with_period) add(CONSTRUCTS.period, at);
        if (Array.isArray(body.fk_del_set_cols) && body.fk_del_set_cols.length) add(CONSTRUCTS.deleteSetColumns, at);
        // The 18 parser marks every CHECK and foreign key enforced unless NOT ENFORCED was written;
        // on a column the keyword is a node of its own.
        if ((body.contype === 'CONSTR_CHECK' || body.contype === 'CONSTR_FOREIGN') && body.is_enforced !== true) add(CONSTRUCTS.enforced, at);
        if (body.contype === 'CONSTR_ATTR_ENFORCED' || body.contype === 'CONSTR_ATTR_NOT_ENFORCED') add(CONSTRUCTS.enforced, at);
        break;
      case 'CreateStmt':
        // A column's NOT NULL is older than any supported version; a table constraint of that kind is 18's.
        for (const e of (body.tableElts as { Constraint?: { contype?: string; location?: number } }[] | undefined) ?? []) {
          if (e.Constraint?.contype === 'CONSTR_NOTNULL') add(CONSTRUCTS.notNullTableConstraint, e.Constraint.location);
        }
        break;
      case 'AlterTableCmd': {
        if (body.subtype === 'AT_SetExpression') add(CONSTRUCTS.setExpression);
        if (body.subtype === 'AT_SetAccessMethod' && body.name === undefined) add(CONSTRUCTS.accessMethodDefault);
        if (body.subtype === 'AT_SetStatistics' && body.def === undefined) add(CONSTRUCTS.statisticsDefault);
        const def = body.def as { Constraint?: { contype?: string; location?: number }; ATAlterConstraint?: { alterEnforceability?: boolean; alterInheritability?: boolean } } | undefined;
        if (body.subtype === 'AT_AddConstraint' && def?.Constraint?.contype === 'CONSTR_NOTNULL') add(CONSTRUCTS.notNullConstraint, def.Constraint.location);
        if (def?.ATAlterConstraint?.alterEnforceability) add(CONSTRUCTS.alterEnforced);
        if (def?.ATAlterConstraint?.alterInheritability) add(CONSTRUCTS.alterInherit);
        break;
      }
      case 'ColumnDef':
        if (body.storage_name !== undefined) add(CONSTRUCTS.columnStorage, at);
        break;
      case 'GrantRoleStmt':
        for (const o of (body.opt as { DefElem?: { defname?: string; location?: number } }[] | undefined) ?? []) {
          if (o.DefElem?.defname === 'inherit' || o.DefElem?.defname === 'set') add(CONSTRUCTS.grantInheritSet, o.DefElem.location);
        }
        break;
      case 'MergeWhenClause':
        if (body.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE') add(CONSTRUCTS.mergeBySource);
        break;
      case 'JsonTable':
        add(CONSTRUCTS.jsonTable, at);
        break;
      case 'JsonFuncExpr':
        add(CONSTRUCTS.jsonQuery, at);
        break;
      case 'JsonScalarExpr':
      case 'JsonSerializeExpr':
        add(CONSTRUCTS.jsonScalar, at);
        break;
      case 'JsonParseExpr':
        // JSON(x) alone is a cast to json before 17 (a type name called like a function): it runs.
        if (body.unique_keys) add(CONSTRUCTS.jsonUniqueKeys, at);
        break;
      case 'JsonIsPredicate':
        add(CONSTRUCTS.isJson, at);
        break;
      case 'JsonArrayConstructor':
      case 'JsonObjectConstructor':
      case 'JsonArrayQueryConstructor':
        add(CONSTRUCTS.jsonConstructor, at);
        break;
      case 'JsonArrayAgg':
      case 'JsonObjectAgg':
        // `constructor` is an own field of these nodes (every object inherits one too).
        add(CONSTRUCTS.jsonAggregate, Object.hasOwn(body, 'constructor') ? loc(body.constructor as unknown as Record<string, unknown>) : undefined);
        break;
      case 'FuncCall': {
        // `x AT LOCAL` is timezone(x) in SQL syntax; `x AT TIME ZONE z` has two arguments.
        const name = (body.funcname as { String?: { sval?: string } }[] | undefined)?.map((n) => n.String?.sval).join('.');
        if (name === 'pg_catalog.timezone' && body.funcformat === 'COERCE_SQL_SYNTAX' && Array.isArray(body.args) && body.args.length === 1) add(CONSTRUCTS.atLocal);
        break;
      }
    }
    if (DML_WITH_RETURNING.has(kind) && body.returningClause) {
      const clause = body.returningClause as { options?: { ReturningOption?: { location?: number } }[]; exprs?: unknown };
      if (kind === 'MergeStmt') add(CONSTRUCTS.mergeReturning);
      if (clause.options?.length) add(CONSTRUCTS.returningWith, clause.options[0].ReturningOption?.location);
      else {
        const oldNew = returningOldNew(clause.exprs);
        if (oldNew !== false) add(CONSTRUCTS.returningOldNew, oldNew);
      }
    }
  });
  return out;
}

export const syntaxNewerThanTarget: Rule = {
  id: 'syntax-newer-than-target',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'Syntax the target PostgreSQL version does not have (the parser reads the PG 18 grammar): the migration fails',
  messages,
  check(ctx) {
    const target = ctx.options.postgresVersion;
    const found = constructsOf(ctx.statement.node);
    if ('MergeStmt' in (ctx.statement.node as object)) found.unshift({ c: CONSTRUCTS.merge });
    const seen = new Set<Construct>();
    for (const { c, at } of found) {
      if (c.since <= target || seen.has(c)) continue;
      seen.add(c);
      ctx.report({ at, message: MESSAGE[c.fails]({ what: c.what, since: c.since, target }), hint: messages.hint({ since: c.since }) });
    }
  },
};
