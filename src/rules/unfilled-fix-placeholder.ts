import { columnRefName, walkAst } from '../sql/ast.js';
import type { Rule } from './types.js';

/**
 * The identifier `fix` writes where only the user can choose a value (the backfill of a new NOT NULL
 * column). An identifier rather than a comment, so an unfilled migration also fails on the database
 * (42703 undefined column) when lint is skipped.
 */
export const PLACEHOLDER = '__fill_in_backfill_value__';

export const messages = {
  unfilled: (a: { placeholder: string }) =>
    `${a.placeholder} is a placeholder that \`drizzle-migration-lint fix\` left for a value only you can choose; until it is replaced the migration fails (42703 undefined column).`,
  unfilledHint: () =>
    'Replace it with the value existing rows should get (a constant or an expression over the row, never NULL: the loop would not end), then run lint again.',
};

export const unfilledFixPlaceholder: Rule = {
  id: 'unfilled-fix-placeholder',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'error',
  description: 'A placeholder that `fix` left for a value only the user can choose (the backfill value of a new NOT NULL column) is still in the migration',
  messages,
  check(ctx) {
    const stmt = ctx.statement;
    if (!stmt.text.includes(PLACEHOLDER)) return;
    const at: number[] = [];
    walkAst(stmt.node, (kind, body) => {
      if (kind === 'ColumnRef' && columnRefName({ ColumnRef: body }) === PLACEHOLDER) at.push(body.location as number);
    });
    if (stmt.kind === 'DoStmt') {
      // Its body's statements are checked on their own; a body the parser could not read is reported here.
      if (ctx.file.statements.some((s) => s.doBlock?.start === stmt.start && s.text.includes(PLACEHOLDER))) return;
      ctx.report({ message: messages.unfilled({ placeholder: PLACEHOLDER }), hint: messages.unfilledHint() });
      return;
    }
    for (const location of at) ctx.report({ at: location, message: messages.unfilled({ placeholder: PLACEHOLDER }), hint: messages.unfilledHint() });
  },
};
