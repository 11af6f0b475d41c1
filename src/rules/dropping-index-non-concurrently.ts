import { nodeAs } from '../sql/ast.js';
import type { SchemaModel } from '../schema/model.js';
import type { Index } from '../schema/types.js';
import type { Rule } from './types.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { quoteIdent, refOfKey, refOfNames, showRelation } from '../sql/qualified-name.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';
import { withFixRecipe } from './support/fix-recipe.js';

export const messages = {
  /** The safe sequence `fix` applies for this rule (also in `explain` and the hints of the findings it rewrites). */
  fixRecipe: () => 'DROP INDEX CONCURRENTLY outside the batch transaction',
  locks: (a: { indexes: string; tables: string }) =>
    `Dropping index ${a.indexes} without CONCURRENTLY takes ACCESS EXCLUSIVE on ${a.tables}: every query on the table, reads included, waits until the migration's transaction ends.`,
  maybeMissing: (a: { unknown: string; count: number }) =>
    `No migration here creates ${a.unknown}: if ${a.count === 1 ? 'it exists' : 'they exist'} outside them, that is the lock; if not, IF EXISTS makes the statement do nothing.`,
  itsTable: () => 'its table',
  survives: (a: { name: string; found: string }) =>
    `DROP INDEX IF EXISTS ${a.name} finds no index: the name is unqualified, so Postgres looks in the search_path (public), and the index the migrations created is ${a.found} in another schema. The statement does nothing and ${a.found} stays in place.`,
  fails: (a: { name: string; found: string }) =>
    `DROP INDEX ${a.name} fails with 42704 (index does not exist): the name is unqualified, so Postgres looks in the search_path (public), and the index the migrations created is ${a.found} in another schema.`,
  qualifyHint: (a: { found: string }) => `Name the index with its schema: DROP INDEX CONCURRENTLY ${a.found}; (outside the migration transaction, see creating-index-non-concurrently for how under drizzle).`,
};

/** An index of this name that the migrations created in a schema other than the one an unqualified name resolves to. */
function elsewhere(schema: SchemaModel, name: string): Index | undefined {
  for (const i of schema.indexes.values()) if (i.name === name && i.schema !== 'public') return i;
  return undefined;
}

export const droppingIndexNonConcurrently: Rule = {
  id: 'dropping-index-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table",
  squawk: ['require-concurrent-index-deletion'],
  messages,
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropStmt');
    if (drop?.removeType !== 'OBJECT_INDEX') return;
    const shown: string[] = [];
    const unknown: string[] = [];
    const tables = new Set<string>();
    for (const parts of droppedNames(drop)) {
      const ref = refOfNames(parts);
      if (!ref) continue;
      const index = ctx.schema.index(ref);
      // Unqualified, and the only index of that name is in another schema: nothing is dropped or locked.
      const other = !index && !ref.schema ? elsewhere(ctx.schema, ref.name) : undefined;
      if (other) {
        const found = showRelation({ schema: other.schema, name: other.name });
        const args = { name: quoteIdent(ref.name), found };
        ctx.report({ message: drop.missing_ok ? messages.survives(args) : messages.fails(args), hint: messages.qualifyHint({ found }) });
        continue;
      }
      if (drop.concurrent) continue;
      // Already dropped by an earlier statement (often with its column or table): IF EXISTS skips it.
      if (!index && drop.missing_ok && ctx.schema.indexGone(ref)) continue;
      // An index (or table) this batch created has never been visible to anyone else.
      if (index && (ctx.isNewOrigin(index.origin) || ctx.isNewTable(index.table))) continue;
      shown.push(showRelation(ref));
      if (index) tables.add(showRelation(refOfKey(index.table)));
      else unknown.push(showRelation(ref));
    }
    if (!shown.length) return;
    const message = [messages.locks({ indexes: shown.join(', '), tables: tables.size ? [...tables].join(', ') : messages.itsTable() })];
    // Still reported: an index made outside these migrations (push, by hand, another folder) is dropped all the same.
    if (drop.missing_ok && unknown.length) message.push(messages.maybeMissing({ unknown: unknown.join(', '), count: unknown.length }));
    ctx.report({
      message: message.join(' '),
      // DROP INDEX CONCURRENTLY takes one index per statement.
      hint: withFixRecipe(outsideTransaction(drop.objects?.length === 1 ? withConcurrently(ctx.statement.text, /^DROP\s+INDEX/i) : undefined, ctx.options.runner), messages.fixRecipe()),
    });
  },
};
