import type { Rule } from './types.js';

export const messages = {
  sharedChunk: () =>
    'This statement shares a breakpoint chunk with the one before it: drizzle sends each chunk as one query, and drivers that prepare queries (neon-http, and others on the extended protocol) reject two commands in one (42601: cannot insert multiple commands into a prepared statement).',
  sharedChunkHint: () => 'Put `--> statement-breakpoint` on its own line between the statements, as drizzle-kit generate does.',
};

export const missingStatementBreakpoint: Rule = {
  id: 'missing-statement-breakpoint',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'Several statements between two `--> statement-breakpoint` markers while the journal says breakpoints: true',
  messages,
  endOfFile(ctx) {
    if (ctx.options.breakpoints !== true) return;
    const perChunk = new Map<number, number>();
    for (const stmt of ctx.statements) {
      if (stmt.doBlock) continue;
      const count = (perChunk.get(stmt.chunk) ?? 0) + 1;
      perChunk.set(stmt.chunk, count);
      // Reported once per chunk, at the statement that should have had a breakpoint before it.
      if (count !== 2) continue;
      ctx.reportAt(stmt.location, {
        message: messages.sharedChunk(),
        hint: messages.sharedChunkHint(),
      });
    }
  },
};
