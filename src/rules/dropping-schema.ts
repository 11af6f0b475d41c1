import { nodeAs } from '../sql/ast.js';
import type { Rule } from './types.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { earlierInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

/** drizzle-kit keeps its bookkeeping table `__drizzle_migrations` in this schema by default. */
const DRIZZLE_SCHEMA = 'drizzle';

export const droppingSchema: Rule = {
  id: 'dropping-schema',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP SCHEMA deletes the schema and (with CASCADE) every table in it',
  check(ctx) {
    const drop = nodeAs(ctx.statement.node, 'DropStmt');
    if (!drop || drop.removeType !== 'OBJECT_SCHEMA') return;
    const createdHere = new Set(
      [...ctx.transaction.previous, ...earlierInFile(ctx)].map((s) => nodeAs(s.node, 'CreateSchemaStmt')?.schemaname).filter((n) => !!n),
    );
    for (const [name] of droppedNames(drop)) {
      if (!name || createdHere.has(name)) continue;
      const tables = [...ctx.schema.tables.values()].filter((t) => t.schema === name && !ctx.isNewTable(t.key));
      const shown = tables.slice(0, 5).map((t) => showRelation(t)).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '');
      const cascade = drop.behavior === 'DROP_CASCADE';
      const what = cascade
        ? `deletes every object in it${tables.length ? ` with all rows (${shown})` : ''}, and everything elsewhere that depends on them`
        : tables.length
          ? `fails (2BP01) because it still holds ${shown}; with CASCADE it would delete them with all their rows`
          : 'deletes it, and fails (2BP01) if anything still lives in it';
      const drizzle = name === DRIZZLE_SCHEMA ? ' This is where drizzle-kit keeps __drizzle_migrations: without it, the next migrate runs every migration again.' : '';
      ctx.report({
        message: `Dropping schema ${quoteIdent(name)} ${what}.${drizzle}`,
        hint: 'Move or drop the tables one by one (each through the dropping-table recipe) after the app no longer uses them, then drop the empty schema without CASCADE.',
      });
    }
  },
};
