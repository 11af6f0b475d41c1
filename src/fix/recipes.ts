import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { chooseName, nameParts, takenNames } from './pg-names.js';
import type { Statement } from '../sql/statement.js';
import { refOf } from '../schema/model.js';
import { formatType } from '../schema/column-type.js';
import type { SchemaModel } from '../schema/model.js';
import type { RuleOptions } from '../rules/types.js';
import { columnConstraints } from '../sql/alter-table.js';
import type { DeployStep, SqlChunk } from './types.js';
import { doIf, dropInvalidIndex, identifier, insertAfter, KW, noConstraint, quoteIdent, quoteLiteral, relationText, singleCommand } from './sql-text.js';
import { PLACEHOLDER } from '../rules/unfilled-fix-placeholder.js';
import { placeholderComment } from './placeholder.js';
import { findRule } from '../rules/index.js';
import { fixRecipeOf } from '../rules/support/fix-recipe.js';

/** The recipe's text lives on its rule (messages.fixRecipe): `explain`, the findings' hints and the plan share it. */
function title(ruleId: string): string {
  const rule = findRule(ruleId);
  const text = rule && fixRecipeOf(rule);
  if (!text) throw new Error(`rule ${ruleId} has no messages.fixRecipe`);
  return text;
}

export interface RecipeInput {
  /** The statement the finding points at (inside a DO body for drizzle-kit's FK wrapper). */
  statement: Statement;
  /** The top-level statement that holds it (the DO statement, or the statement itself). */
  top: Statement;
  /** The schema as it is before the statement runs. */
  schema: SchemaModel;
  options: RuleOptions;
}

export type RecipeResult =
  | { kind: 'rewrite'; chunks: SqlChunk[]; notes: string[]; summary: string }
  | { kind: 'user'; reason: string; plan?: DeployStep[] };

/**
 * A recipe: the safe sequence for one rule, as data. Input: the finding's statement, its AST and the
 * schema model; output: replacement SQL chunks, each marked with the transaction it runs in. The
 * planner places the chunks, adds the COMMIT;/BEGIN; escapes and makes the rest of the file re-runnable.
 */
export interface Recipe {
  ruleId: string;
  /** One line for `explain` and the plan. */
  title: string;
  plan(input: RecipeInput): RecipeResult;
}

const user = (reason: string, plan?: DeployStep[]): RecipeResult => ({ kind: 'user', reason, ...(plan ? { plan } : {}) });

/** The top statement's text with the inner statement's text replaced (keeps drizzle-kit's DO wrapper). */
function withInner(input: RecipeInput, innerText: string): string {
  const { statement: s, top } = input;
  if (s === top) return innerText;
  return top.text.slice(0, s.start - top.start) + innerText + top.text.slice(s.end - top.start);
}

function isTopLevel(input: RecipeInput): boolean {
  return input.statement === input.top;
}

/** CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL, DROP the check: no scan under ACCESS EXCLUSIVE (PG ≥ 12). */
export function setNotNullChunks(rel: string, table: string, column: string): SqlChunk[] {
  const check = identifier(`${table}_${column}_not_null_fix`);
  return [
    {
      mode: 'transaction',
      purpose: 'CHECK … NOT VALID: a short ACCESS EXCLUSIVE, no scan',
      sql: doIf(noConstraint(rel, check), `ALTER TABLE ${rel} ADD CONSTRAINT ${quoteIdent(check)} CHECK (${quoteIdent(column)} IS NOT NULL) NOT VALID`),
    },
    { mode: 'autocommit', purpose: 'VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on', sql: `ALTER TABLE ${rel} VALIDATE CONSTRAINT ${quoteIdent(check)}` },
    { mode: 'transaction', purpose: 'SET NOT NULL uses the validated check: no scan', sql: `ALTER TABLE ${rel} ALTER COLUMN ${quoteIdent(column)} SET NOT NULL` },
    { mode: 'transaction', purpose: 'the check is redundant now', sql: `ALTER TABLE ${rel} DROP CONSTRAINT IF EXISTS ${quoteIdent(check)}` },
  ];
}

function indexBuild(schemaName: string | undefined, name: string, createSql: string): SqlChunk[] {
  return [
    { mode: 'autocommit', purpose: 'a re-run after a failed or cancelled build drops the INVALID leftover', sql: dropInvalidIndex(schemaName, name) },
    { mode: 'autocommit', purpose: 'CONCURRENTLY: writes go on during the build', sql: createSql },
  ];
}

const concurrentIndex: Recipe['plan'] = (input) => {
  const idx = nodeAs(input.statement.node, 'IndexStmt');
  if (!idx) return user('not a CREATE INDEX statement');
  if (!isTopLevel(input)) return user('the CREATE INDEX is inside a DO block; move it out so it can run CONCURRENTLY');
  if (!idx.idxname) return user('the index has no name; name it, so that a re-run can find a leftover INVALID build');
  const table = input.schema.table(refOf(idx.relation));
  if (table?.kind === 'partitioned') {
    return user('CREATE INDEX CONCURRENTLY fails on a partitioned table (0A000, PG 15–18): build it CONCURRENTLY on each partition, then CREATE INDEX ON ONLY the parent and ALTER INDEX … ATTACH PARTITION each one');
  }
  let text: string | undefined = input.statement.text;
  if (!idx.concurrent) text = insertAfter(text, KW.createIndex, ' CONCURRENTLY');
  if (text && !idx.if_not_exists) text = insertAfter(text, `${KW.createIndex}\\s+CONCURRENTLY`, ' IF NOT EXISTS');
  if (!text) return user('could not place CONCURRENTLY in this statement');
  return {
    kind: 'rewrite',
    summary: `CREATE INDEX ${quoteIdent(idx.idxname)} CONCURRENTLY, outside the batch transaction, re-runnable`,
    chunks: indexBuild(idx.relation?.schemaname, idx.idxname, text),
    notes: [],
  };
};

const concurrentDrop: Recipe['plan'] = (input) => {
  const drop = nodeAs(input.statement.node, 'DropStmt');
  if (!drop || drop.removeType !== 'OBJECT_INDEX') return user('not a DROP INDEX statement');
  if (!isTopLevel(input)) return user('the DROP INDEX is inside a DO block');
  const objects = (drop.objects as Node[]) ?? [];
  if (objects.length !== 1) return user('DROP INDEX CONCURRENTLY drops one index at a time: split the statement');
  if (drop.behavior === 'DROP_CASCADE') return user('DROP INDEX CONCURRENTLY does not support CASCADE: drop what depends on the index first');
  const parts = names(nodeAs(objects[0], 'List')?.items as Node[] | undefined);
  const name = parts.map(quoteIdent).join('.');
  return {
    kind: 'rewrite',
    summary: `DROP INDEX ${name} CONCURRENTLY, outside the batch transaction`,
    chunks: [{ mode: 'autocommit', purpose: 'CONCURRENTLY: no ACCESS EXCLUSIVE on the table', sql: `DROP INDEX CONCURRENTLY IF EXISTS ${name}` }],
    notes: [],
  };
};

/** The name Postgres would give this unnamed constraint, given the schema before it (see pg-names.ts). */
function unnamedConstraintName(input: RecipeInput, rv: NodeOf<'RangeVar'>, con: NodeOf<'Constraint'>, columns: string[]): string {
  const parts = nameParts(con, columns) ?? { name2: columns.join('_'), label: 'key' as const };
  const taken = takenNames(input.schema, rv.schemaname ?? 'public');
  const index = parts.label === 'key' || parts.label === 'pkey';
  return chooseName(rv.relname!, parts.name2, parts.label, (n) => taken.constraints.has(n) || (index && taken.relations.has(n)));
}

/**
 * `ALTER TABLE … ADD [COLUMN] [IF NOT EXISTS] col type … <constraint>`: the ADD COLUMN without the
 * constraint (re-runnable) and the constraint as a table constraint on the column, named as Postgres
 * would name it. Only a constraint that ends the column definition, next to DEFAULT/NULL/NOT NULL.
 */
function splitColumnConstraint(
  input: RecipeInput,
  one: { alter: NodeOf<'AlterTableStmt'>; cmd: NodeOf<'AlterTableCmd'> },
  contypes: NodeOf<'Constraint'>['contype'][],
): { addColumn: string; name: string; constraint: string; con: NodeOf<'Constraint'>; column: string } | string {
  const def = nodeAs(one.cmd.def, 'ColumnDef');
  if (!def?.colname || !isTopLevel(input)) return 'only a plain `ALTER TABLE … ADD COLUMN` is rewritten';
  const cons = columnConstraints(def);
  const targets = cons.filter((c) => contypes.includes(c.contype));
  if (targets.length !== 1 || cons.some((c) => !targets.includes(c) && !['CONSTR_DEFAULT', 'CONSTR_NULL', 'CONSTR_NOTNULL'].includes(c.contype ?? ''))) {
    return 'the column has more constraints than this one; add them one by one';
  }
  const con = targets[0];
  if (cons.some((c) => c !== con && (c.location ?? 0) > (con.location ?? 0))) return 'the constraint does not end the column definition; move it last';
  const s = input.statement;
  const at = s.locate(con.location);
  const offset = s.file.offset(at.line, at.column) - s.start;
  const m = ADD_COLUMN.exec(s.text);
  if (!m || offset <= m[0].length || offset >= s.text.length) return 'could not find the constraint in the column definition';
  const clause = s.text.slice(offset).trim().replace(/^CONSTRAINT\s+(?:"(?:[^"]|"")*"|[\w$]+)\s+/i, '');
  const addColumn = `${m[1]} COLUMN IF NOT EXISTS${s.text.slice(m[0].length, offset).trimEnd()}`;
  const name = con.conname ?? unnamedConstraintName(input, one.alter.relation!, con, [def.colname]);
  const constraint = con.contype === 'CONSTR_FOREIGN' ? `FOREIGN KEY (${quoteIdent(def.colname)}) ${clause}` : clause;
  return { addColumn, name, constraint, con, column: def.colname };
}

/** FK or CHECK: ADD … NOT VALID in the transaction, VALIDATE on its own after it commits. */
const notValidThenValidate: Recipe['plan'] = (input) => {
  const one = singleCommand(input.statement);
  if (one?.cmd.subtype === 'AT_AddColumn') {
    const split = splitColumnConstraint(input, one, ['CONSTR_FOREIGN', 'CONSTR_CHECK']);
    if (typeof split === 'string') return user(split);
    const rel = relationText(one.alter.relation)!;
    const fk = split.con.contype === 'CONSTR_FOREIGN';
    return {
      kind: 'rewrite',
      summary: `ADD COLUMN ${quoteIdent(split.column)} alone, then its ${fk ? 'FOREIGN KEY' : 'CHECK'} ${quoteIdent(split.name)} added NOT VALID and validated in a transaction of its own`,
      chunks: [
        { mode: 'transaction', purpose: 'the column alone: no lock on the referenced table, no scan', sql: split.addColumn },
        {
          mode: 'transaction',
          purpose: fk ? 'NOT VALID: no scan; still SHARE ROW EXCLUSIVE on both tables for an instant' : 'NOT VALID: no scan; ACCESS EXCLUSIVE for an instant',
          sql: doIf(noConstraint(rel, split.name), `ALTER TABLE ${rel} ADD CONSTRAINT ${quoteIdent(split.name)} ${split.constraint} NOT VALID`),
        },
        { mode: 'autocommit', purpose: 'VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on', sql: `ALTER TABLE ${rel} VALIDATE CONSTRAINT ${quoteIdent(split.name)}` },
      ],
      notes: [],
    };
  }
  const con = one?.cmd.subtype === 'AT_AddConstraint' ? nodeAs(one.cmd.def, 'Constraint') : undefined;
  if (!one || !con || (con.contype !== 'CONSTR_FOREIGN' && con.contype !== 'CONSTR_CHECK')) {
    return user('only a single `ALTER TABLE … ADD CONSTRAINT` or `ADD COLUMN … REFERENCES/CHECK` is rewritten; split the statement');
  }
  let text = input.statement.text;
  let conname = con.conname;
  if (!conname) {
    // Named here exactly as Postgres would name it, so that VALIDATE can refer to it.
    if (!isTopLevel(input)) return user('the constraint has no name; name it, so that VALIDATE can refer to it');
    conname = unnamedConstraintName(input, one.alter.relation!, con, names(con.fk_attrs as Node[] | undefined));
    const m = ADD_COLUMN.exec(text);
    if (!m || m[2] || m[3]) return user('could not place the constraint name in this statement');
    text = `${m[1]} CONSTRAINT ${quoteIdent(conname)}${text.slice(m[1].length)}`;
  }
  const rel = relationText(one.alter.relation)!;
  const added = `${text} NOT VALID`;
  const first = isTopLevel(input) ? doIf(noConstraint(rel, conname), added) : withInner(input, added);
  const fk = con.contype === 'CONSTR_FOREIGN';
  return {
    kind: 'rewrite',
    summary: `${fk ? 'FOREIGN KEY' : 'CHECK'} ${quoteIdent(conname)}${con.conname ? '' : ' (the name Postgres gives it)'} added NOT VALID, validated in a transaction of its own`,
    chunks: [
      { mode: 'transaction', purpose: fk ? 'NOT VALID: no scan; still SHARE ROW EXCLUSIVE on both tables for an instant' : 'NOT VALID: no scan; ACCESS EXCLUSIVE for an instant', sql: first },
      { mode: 'autocommit', purpose: 'VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on', sql: `ALTER TABLE ${rel} VALIDATE CONSTRAINT ${quoteIdent(conname)}` },
    ],
    notes: [],
  };
};

/** UNIQUE / PRIMARY KEY: unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX. */
const viaUniqueIndex: Recipe['plan'] = (input) => {
  const one = singleCommand(input.statement);
  // ADD COLUMN … UNIQUE: the column alone first, then the recipe on it.
  const column = one?.cmd.subtype === 'AT_AddColumn' ? splitColumnConstraint(input, one, ['CONSTR_UNIQUE']) : undefined;
  if (typeof column === 'string') return user(column);
  const con = column?.con ?? (one?.cmd.subtype === 'AT_AddConstraint' ? nodeAs(one.cmd.def, 'Constraint') : undefined);
  if (!one || !con || (con.contype !== 'CONSTR_UNIQUE' && con.contype !== 'CONSTR_PRIMARY')) {
    return user('only a single `ALTER TABLE … ADD CONSTRAINT … UNIQUE/PRIMARY KEY` or `ADD COLUMN … UNIQUE` is rewritten; split the statement');
  }
  if (!isTopLevel(input)) return user('the constraint is added inside a DO block; move it out so its index can be built CONCURRENTLY');
  const keys = column ? [column.column] : names(con.keys as Node[] | undefined);
  // Unnamed: named here exactly as Postgres would name it, so that the index and the constraint share it.
  const conname = column?.name ?? con.conname ?? unnamedConstraintName(input, one.alter.relation!, con, keys);
  if (con.including || con.options || con.indexspace || con.deferrable || con.without_overlaps) {
    return user('INCLUDE, WITH, USING INDEX TABLESPACE, DEFERRABLE and WITHOUT OVERLAPS are not rewritten; build the index by hand');
  }
  const rel = relationText(one.alter.relation)!;
  const columns = keys;
  const pk = con.contype === 'CONSTR_PRIMARY';
  const nullsNotDistinct = con.nulls_not_distinct ? ' NULLS NOT DISTINCT' : '';
  const create = `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(conname)} ON ${rel} (${columns.map(quoteIdent).join(', ')})${nullsNotDistinct}`;
  const chunks: SqlChunk[] = [
    ...(column ? [{ mode: 'transaction' as const, purpose: 'the column alone: no index build under the table lock', sql: column.addColumn }] : []),
    ...indexBuild(one.alter.relation?.schemaname, conname, create),
  ];
  const tableName = one.alter.relation!.relname!;
  const notes: string[] = [];
  if (pk) {
    // ADD PRIMARY KEY USING INDEX sets NOT NULL on the columns, scanning under ACCESS EXCLUSIVE unless a validated check proves it.
    const table = input.schema.table(refOf(one.alter.relation));
    for (const c of columns) {
      const col = table?.columns.get(c);
      if (!col || !col.notNull) chunks.push(...setNotNullChunks(rel, tableName, c));
    }
    if (input.options.postgresVersion < 12) notes.push('before PostgreSQL 12 SET NOT NULL scans even with a validated check');
  }
  chunks.push({
    mode: 'transaction',
    purpose: 'USING INDEX: no second build',
    sql: doIf(noConstraint(rel, conname), `ALTER TABLE ${rel} ADD CONSTRAINT ${quoteIdent(conname)} ${pk ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${quoteIdent(conname)}`),
  });
  return { kind: 'rewrite', summary: `${pk ? 'PRIMARY KEY' : 'UNIQUE'} ${quoteIdent(conname)} from a unique index built CONCURRENTLY`, chunks, notes };
};

const setNotNull: Recipe['plan'] = (input) => {
  const one = singleCommand(input.statement);
  if (!one || one.cmd.subtype !== 'AT_SetNotNull' || !one.cmd.name) return user('only a single `ALTER TABLE … ALTER COLUMN … SET NOT NULL` is rewritten; split the statement');
  if (!isTopLevel(input)) return user('the SET NOT NULL is inside a DO block');
  if (input.options.postgresVersion < 12) {
    return user(`before PostgreSQL 12 (postgresVersion: ${input.options.postgresVersion}) SET NOT NULL always scans the table under ACCESS EXCLUSIVE: there is no lock-free way; run it in a quiet period with a lock_timeout`);
  }
  const rel = relationText(one.alter.relation)!;
  return {
    kind: 'rewrite',
    summary: `SET NOT NULL on ${quoteIdent(one.cmd.name)} after a validated CHECK (no scan under ACCESS EXCLUSIVE)`,
    chunks: setNotNullChunks(rel, one.alter.relation!.relname!, one.cmd.name),
    notes: [],
  };
};

const ADD_COLUMN = /^(ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:"(?:[^"]|"")*"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[\w$]+))?\s+ADD)(\s+COLUMN)?(\s+IF\s+NOT\s+EXISTS)?/i;

const notNullColumn: Recipe['plan'] = (input) => {
  const one = singleCommand(input.statement);
  const def = one?.cmd.subtype === 'AT_AddColumn' ? nodeAs(one.cmd.def, 'ColumnDef') : undefined;
  if (!one || !def?.colname) return user('only a single `ALTER TABLE … ADD COLUMN` is rewritten; split the statement');
  if (!isTopLevel(input)) return user('the ADD COLUMN is inside a DO block');
  const cons = columnConstraints(def);
  if (cons.some((c) => c.contype !== 'CONSTR_NOTNULL')) return user('the column has more constraints than NOT NULL; add it with NOT NULL alone, then the others (see their rules)');
  const nn = /\s+NOT\s+NULL\b/i;
  const m = ADD_COLUMN.exec(input.statement.text);
  const afterName = input.statement.text.slice(m?.[0].length ?? 0);
  if (!m || !nn.test(afterName)) return user('could not find NOT NULL in the column definition');
  const nullable = `${m[1]} COLUMN IF NOT EXISTS${afterName.replace(nn, '')}`;
  const rel = relationText(one.alter.relation)!;
  const col = quoteIdent(def.colname);
  const backfill = [
    'DO $$',
    'DECLARE',
    '  updated bigint;',
    'BEGIN',
    '  -- Batches of 1000 rows, each committed: row locks are held for one batch only.',
    '  LOOP',
    `    UPDATE ${rel} SET ${col} = ${placeholderComment(rel, col)} ${PLACEHOLDER}`,
    `    WHERE ctid IN (SELECT ctid FROM ${rel} WHERE ${col} IS NULL LIMIT 1000);`,
    '    GET DIAGNOSTICS updated = ROW_COUNT;',
    '    EXIT WHEN updated = 0;',
    '    COMMIT;',
    '  END LOOP;',
    'END $$',
  ].join('\n');
  return {
    kind: 'rewrite',
    summary: `ADD COLUMN ${col} nullable, batched backfill (value to fill in), then SET NOT NULL after a validated CHECK`,
    chunks: [
      { mode: 'transaction', purpose: 'nullable: no failure on existing rows', sql: nullable },
      { mode: 'autocommit', purpose: 'backfill in committed batches', sql: backfill },
      ...setNotNullChunks(rel, one.alter.relation!.relname!, def.colname),
    ],
    notes: [`replace ${PLACEHOLDER} with the value existing rows get (an expression, not NULL); lint reports it (unfilled-fix-placeholder) until you do`],
  };
};

/** ADD VALUE in autocommit: committed before the statement that uses the value. */
export function enumAddValue(statement: Statement): RecipeResult {
  const alter = nodeAs(statement.node, 'AlterEnumStmt');
  if (!alter?.newVal || statement.doBlock) return user('the ADD VALUE could not be moved (it is not a plain ALTER TYPE … ADD VALUE)');
  const text = alter.skipIfNewValExists ? statement.text : insertAfter(statement.text, `ALTER\\s+TYPE\\s+[\\s\\S]*?\\s+ADD\\s+VALUE`, ' IF NOT EXISTS');
  if (!text) return user('could not rewrite the ADD VALUE');
  return {
    kind: 'rewrite',
    summary: `ADD VALUE ${quoteLiteral(alter.newVal)} committed on its own before its first use`,
    chunks: [{ mode: 'autocommit', purpose: 'committed before the value is used (55P04 otherwise)', sql: text }],
    notes: [],
  };
}

export const LOCK_TIMEOUT = "SET lock_timeout = '5s'";

/** Expand/contract: fix never rewrites these, it prints the deploys. */
function changeTypePlan(input: RecipeInput): RecipeResult {
  const one = singleCommand(input.statement);
  if (!one || one.cmd.subtype !== 'AT_AlterColumnType' || !one.cmd.name) return user('change the type by expand/contract (new column, dual write, backfill, switch reads, drop the old one)');
  const rel = relationText(one.alter.relation)!;
  const col = one.cmd.name;
  const def = nodeAs(one.cmd.def, 'ColumnDef');
  const typeText = /\bTYPE\s+([\s\S]*?)(?:\s+USING\s+([\s\S]*))?$/i.exec(input.statement.text);
  const type = typeText?.[1] ?? 'new_type';
  const using = typeText?.[2] ?? `${quoteIdent(col)}::${type}`;
  const next = `${col}_new`;
  void def;
  return user('a rewriting type change needs code changes: expand/contract across deploys', expandContract(rel, col, next, type, using));
}

function expandContract(rel: string, col: string, next: string, type: string, using: string): DeployStep[] {
  const q = quoteIdent(col);
  const n = quoteIdent(next);
  return [
    { title: 'deploy 1 (expand): add the new column; the app writes both', sql: [`ALTER TABLE ${rel} ADD COLUMN ${n} ${type};`], drizzle: `add the column to the table in your schema file (e.g. \`${camel(next)}: <type>('${next}')\`) and write it wherever ${col} is written` },
    {
      title: 'deploy 2: backfill in batches (outside the migration, or a migration of its own)',
      sql: [`UPDATE ${rel} SET ${n} = ${using.replace(new RegExp(`"?${col}"?`, 'g'), q)} WHERE ctid IN (SELECT ctid FROM ${rel} WHERE ${n} IS NULL AND ${q} IS NOT NULL LIMIT 1000); -- repeat until 0 rows`],
      drizzle: 'no schema change; keep writing both columns',
    },
    { title: 'deploy 3: switch reads to the new column', sql: [], drizzle: `read ${next} instead of ${col} (keep the TypeScript property name by pointing it at the new column: \`${camel(col)}: <type>('${next}')\`)` },
    { title: 'deploy 4 (contract): drop the old column once no running version reads or writes it', sql: [`ALTER TABLE ${rel} DROP COLUMN ${q};`], drizzle: `remove ${col} from the schema file, then \`drizzle-kit generate\`` },
  ];
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function renamePlan(input: RecipeInput): RecipeResult {
  const ren = nodeAs(input.statement.node, 'RenameStmt');
  if (!ren || ren.renameType !== 'OBJECT_COLUMN' || !ren.subname || !ren.newname) return user('rename by expand/contract: a view or a new object, dual writes, switch, then drop the old name');
  const rel = relationText(ren.relation)!;
  const table = input.schema.table(refOf(ren.relation));
  const type = table?.columns.get(ren.subname)?.type;
  // A serial column's copy is a plain integer column: the sequence stays with the old one until the contract step.
  const typeText = type ? formatType({ ...type, serial: false }) : '<type>';
  return user('an in-place rename breaks the running app version mid-deploy: expand/contract across deploys', expandContract(rel, ren.subname, ren.newname, typeText, quoteIdent(ren.subname)));
}

function dropColumnPlan(input: RecipeInput): RecipeResult {
  const one = singleCommand(input.statement);
  const col = one?.cmd.subtype === 'AT_DropColumn' ? one.cmd.name : undefined;
  if (!one || !col) return user('drop in two deploys: first stop using it in the app, then drop it');
  const rel = relationText(one.alter.relation)!;
  return user('a running app version may still read the column: contract in two deploys', [
    { title: 'deploy 1: stop reading and writing the column', sql: [], drizzle: `remove ${col} from the table in your schema file but do not generate a migration yet (drizzle selects only the columns the schema names)` },
    { title: 'deploy 2 (contract): drop it', sql: [`ALTER TABLE ${rel} DROP COLUMN IF EXISTS ${quoteIdent(col)};`], drizzle: '`drizzle-kit generate` now writes this migration' },
  ]);
}

/** Every recipe, keyed by the rule whose findings it resolves. */
export const RECIPES: Readonly<Record<string, Recipe>> = Object.fromEntries(
  (
    [
      { ruleId: 'creating-index-non-concurrently', title: title('creating-index-non-concurrently'), plan: concurrentIndex },
      { ruleId: 'dropping-index-non-concurrently', title: title('dropping-index-non-concurrently'), plan: concurrentDrop },
      {
        ruleId: 'concurrently-in-transaction',
        title: title('concurrently-in-transaction'),
        plan: (input) => (nodeAs(input.statement.node, 'IndexStmt') ? concurrentIndex(input) : nodeAs(input.statement.node, 'DropStmt') ? concurrentDrop(input) : user('only CREATE/DROP INDEX CONCURRENTLY are moved out of the transaction')),
      },
      { ruleId: 'adding-foreign-key', title: title('adding-foreign-key'), plan: notValidThenValidate },
      { ruleId: 'adding-check-constraint', title: title('adding-check-constraint'), plan: notValidThenValidate },
      { ruleId: 'adding-unique-constraint', title: title('adding-unique-constraint'), plan: viaUniqueIndex },
      { ruleId: 'adding-primary-key', title: title('adding-primary-key'), plan: viaUniqueIndex },
      { ruleId: 'setting-not-null', title: title('setting-not-null'), plan: setNotNull },
      { ruleId: 'adding-not-null-column', title: title('adding-not-null-column'), plan: notNullColumn },
      { ruleId: 'changing-column-type', title: title('changing-column-type'), plan: changeTypePlan },
      { ruleId: 'renaming-column', title: title('renaming-column'), plan: renamePlan },
      { ruleId: 'dropping-column', title: title('dropping-column'), plan: dropColumnPlan },
    ] satisfies Recipe[]
  ).map((r) => [r.ruleId, r]),
);

/** Rules `fix` handles outside RECIPES: they move or insert a statement rather than rewrite the one reported. */
export const BATCH_RECIPES = {
  'missing-lock-timeout': { title: title('missing-lock-timeout') },
  'enum-value-used-in-same-transaction': { title: title('enum-value-used-in-same-transaction') },
} as const;

export type NodeOfConstraint = NodeOf<'Constraint'>;
