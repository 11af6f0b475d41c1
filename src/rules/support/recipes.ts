import type { Runner } from '../types.js';

/**
 * Where the second step of a two-step recipe (VALIDATE after NOT VALID …) must go: a separate
 * transaction, which under drizzle-kit means a separate deploy, since a batch is one transaction.
 */
export const LATER_TRANSACTION = 'in a later migration that runs in its own transaction (under drizzle-kit migrate: a later deploy, not the same batch)';

/** What a table rewrite costs, for messages: `Changing … ${REWRITE}.` */
export const REWRITE = 'rewrites the whole table and rebuilds every index under ACCESS EXCLUSIVE: reads and writes wait until it finishes';

const MAX_SHOWN = 160;

/** How to run a statement that cannot run inside a transaction block (CONCURRENTLY …) with the configured runner. */
export function outsideTransaction(sql: string | undefined, runner: Runner): string {
  const stmt = sql && sql.length <= MAX_SHOWN ? `\`${sql}\`` : 'the CONCURRENTLY form';
  switch (runner) {
    case 'none':
      return `Use ${stmt}, outside any BEGIN … COMMIT.`;
    case 'per-file':
      return `Use ${stmt}. It fails inside a transaction (25001), so put it in a file your runner runs without one, or run it outside the migrator.`;
    case 'drizzle':
      return `Use ${stmt}. drizzle-kit migrate runs the pending migrations in one transaction, where it fails (25001): run it as a separate step outside the migrator, or put \`COMMIT;\`, the statement and \`BEGIN;\` in their own --> statement-breakpoint chunks, which gives up the batch's all-or-nothing rollback.`;
  }
}

/** The statement rewritten with CONCURRENTLY after its leading keywords, when it starts with them. */
export function withConcurrently(text: string, leading: RegExp): string | undefined {
  const m = leading.exec(text);
  return m && m.index === 0 ? `${m[0]} CONCURRENTLY${text.slice(m[0].length)}` : undefined;
}
