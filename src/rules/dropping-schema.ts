import { nodeAs } from '../sql/ast.js';
import type { Rule } from './types.js';
import { droppedNames } from '../sql/dropped-objects.js';
import { earlierInFile } from './support/file-statements.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

/** drizzle-kit keeps its bookkeeping table `__drizzle_migrations` in this schema by default. */
const DRIZZLE_SCHEMA = 'drizzle';
const DRIZZLE_NOTE = ' This is where drizzle-kit keeps __drizzle_migrations: without it, the next migrate runs every migration again.';

export const messages = {
  /** `tables`: the existing tables it holds, listed (empty when none); `drizzleSchema`: it is drizzle-kit's own schema. */
  dropCascade: (a: { schema: string; tables: string; drizzleSchema: boolean }) =>
    `Dropping schema ${a.schema} deletes every object in it${a.tables ? ` with all rows (${a.tables})` : ''}, and everything elsewhere that depends on them.${a.drizzleSchema ? DRIZZLE_NOTE : ''}`,
  dropFailsNotEmpty: (a: { schema: string; tables: string; drizzleSchema: boolean }) =>
    `Dropping schema ${a.schema} fails (2BP01) because it still holds ${a.tables}; with CASCADE it would delete them with all their rows.${a.drizzleSchema ? DRIZZLE_NOTE : ''}`,
  drop: (a: { schema: string; drizzleSchema: boolean }) =>
    `Dropping schema ${a.schema} deletes it, and fails (2BP01) if anything still lives in it.${a.drizzleSchema ? DRIZZLE_NOTE : ''}`,
  dropHint: () =>
    'Move or drop the tables one by one (each through the dropping-table recipe) after the app no longer uses them, then drop the empty schema without CASCADE.',
};

export const droppingSchema: Rule = {
  id: 'dropping-schema',
  category: 'compatibility',
  recommended: true,
  defaultSeverity: 'error',
  description: 'DROP SCHEMA deletes the schema and (with CASCADE) every table in it',
  messages,
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
      const args = { schema: quoteIdent(name), tables: tables.length ? shown : '', drizzleSchema: name === DRIZZLE_SCHEMA };
      ctx.report({
        message:
          drop.behavior === 'DROP_CASCADE' ? messages.dropCascade(args) : tables.length ? messages.dropFailsNotEmpty(args) : messages.drop(args),
        hint: messages.dropHint(),
      });
    }
  },
};
