import { nodeAs } from '../sql/ast.js';
import type { Rule } from './types.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { refOfNames } from '../sql/qualified-name.js';
import { refOfKey, showRelation } from '../sql/qualified-name.js';
import { outsideTransaction, withConcurrently } from './support/recipes.js';

export const droppingIndexNonConcurrently: Rule = {
  id: 'dropping-index-non-concurrently',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table",
  squawk: ['require-concurrent-index-deletion'],
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropStmt');
    if (drop?.removeType !== 'OBJECT_INDEX' || drop.concurrent) return;
    const shown: string[] = [];
    const unknown: string[] = [];
    const tables = new Set<string>();
    for (const parts of droppedNames(drop)) {
      const ref = refOfNames(parts);
      if (!ref) continue;
      const index = ctx.schema.index(ref);
      // Already dropped by an earlier statement (often with its column or table): IF EXISTS skips it.
      if (!index && drop.missing_ok && ctx.schema.indexGone(ref)) continue;
      // An index (or table) this batch created has never been visible to anyone else.
      if (index && (ctx.isNewOrigin(index.origin) || ctx.isNewTable(index.table))) continue;
      shown.push(showRelation(ref));
      if (index) tables.add(showRelation(refOfKey(index.table)));
      else unknown.push(showRelation(ref));
    }
    if (!shown.length) return;
    const on = tables.size ? [...tables].join(', ') : 'its table';
    // Still reported: an index made outside these migrations (push, by hand, another folder) is dropped all the same.
    const maybe = drop.missing_ok && unknown.length
      ? ` No migration here creates ${unknown.join(', ')}: if ${unknown.length === 1 ? 'it exists' : 'they exist'} outside them, that is the lock; if not, IF EXISTS makes the statement do nothing.`
      : '';
    ctx.report({
      message: `Dropping index ${shown.join(', ')} without CONCURRENTLY takes ACCESS EXCLUSIVE on ${on}: every query on the table, reads included, waits until the migration's transaction ends.${maybe}`,
      // DROP INDEX CONCURRENTLY takes one index per statement.
      hint: outsideTransaction(drop.objects?.length === 1 ? withConcurrently(ctx.statement.text, /^DROP\s+INDEX/i) : undefined, ctx.options.runner),
    });
  },
};
