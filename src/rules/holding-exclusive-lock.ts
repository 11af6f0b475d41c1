import { kindOf } from '../sql/ast.js';
import type { Rule } from './types.js';
import { existingTableLocks } from './support/existing-locks.js';
import { showRelation } from '../sql/qualified-name.js';
import { placeOf, untilCommit } from './support/transaction-scope.js';
import { perScope } from './support/per-scope.js';

interface Held {
  relation: string;
  line: number;
  file: string;
  reported: boolean;
}

const DML = new Set(['UpdateStmt', 'DeleteStmt', 'InsertStmt', 'MergeStmt', 'SelectStmt', 'DoStmt']);

export const messages = {
  /** `where`: where the lock was taken (support/transaction-scope.ts placeOf); `until`: when the transaction ends. */
  heldDuring: (a: { relation: string; where: string; until: string }) =>
    `This statement runs while the transaction still holds ACCESS EXCLUSIVE on ${a.relation} (taken at ${a.where}): every read and write of ${a.relation} waits for it, and for every later statement, until ${a.until}.`,
  heldDuringHint: () =>
    'Make the statement that takes ACCESS EXCLUSIVE on a busy table the last one of its transaction (a migration of its own, applied in its own deploy), and do slow work before it or elsewhere.',
};

export const holdingExclusiveLock: Rule = {
  id: 'holding-exclusive-lock',
  category: 'locking',
  recommended: false,
  defaultSeverity: 'warning',
  description: 'More statements run while the transaction holds ACCESS EXCLUSIVE on an existing table',
  messages,
  create() {
    // What the current transaction holds: the first ACCESS EXCLUSIVE lock taken, and every table locked so.
    const heldIn = perScope<number, { first?: Held; exclusive: Set<string> }>(() => ({ exclusive: new Set() }));
    return {
      check(ctx) {
        if (!ctx.transaction.active) return;
        const held = heldIn(ctx.transaction.id);
        const locks = existingTableLocks(ctx);
        // More DDL on tables this transaction already holds exclusively waits for no one else: not counted.
        const work = locks.some((l) => !held.exclusive.has(l.key)) || DML.has(kindOf(ctx.statement.node) ?? '');
        if (held.first && !held.first.reported && work && !ctx.statement.doBlock) {
          held.first.reported = true;
          const where = placeOf(held.first, ctx.filePath);
          const until = untilCommit(ctx);
          ctx.report({
            message: messages.heldDuring({ relation: held.first.relation, where, until }),
            hint: messages.heldDuringHint(),
          });
        }
        for (const l of locks) {
          if (l.mode !== 'ACCESS EXCLUSIVE' || l.kind !== 'table') continue;
          held.exclusive.add(l.key);
          held.first ??= { relation: showRelation(l.ref), line: ctx.statement.location.line, file: ctx.filePath, reported: false };
        }
      },
    };
  },
};
