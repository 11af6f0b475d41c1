import { nodeAs, type Node } from '../sql/ast.js';
import type { Rule } from './types.js';
import { alterTable } from '../sql/alter-table.js';
import { enumKeyOf } from '../schema/enum-types.js';
import { showKey as showEnum, typeKey } from '../sql/qualified-name.js';
import { quoteIdent, showRelation } from '../sql/qualified-name.js';

interface Conversion {
  column: string;
  table: string;
  line: number;
}

interface Recreation {
  /** Columns of existing tables converted away from each enum in this session, by enum key. */
  converted: Map<string, Conversion[]>;
  /** Values of each enum when it was dropped. */
  dropped: Map<string, string[]>;
}

const quoteValues = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const messages = {
  /**
   * `removed`: the values the new type drops, quoted and listed (empty when none); `columns`: the
   * converted columns with their lines; `count`: how many.
   */
  recreate: (a: { enum: string; removed: string; columns: string; count: number }) =>
    `Recreating enum ${a.enum}${a.removed ? ` without ${a.removed}` : ''} (drizzle-kit's way to change an enum's values): ${a.columns} ${a.count > 1 ? 'are' : 'is'} rewritten twice under ACCESS EXCLUSIVE (to text, then back to the new enum), blocking every read and write meanwhile${a.removed ? `; converting back fails (22P02 invalid input value for enum) if any row still holds ${a.removed}` : ''}.`,
  removeValueHint: (a: { removed: string }) =>
    `Postgres cannot drop an enum value in place. Usually the cheapest fix is to keep ${a.removed} in the enum (in your Drizzle schema too) and stop writing it; if it must go, first UPDATE the rows away from it in batches outside the migration, then recreate the type in a quiet window.`,
  addValueHint: () =>
    'To add a value, use ALTER TYPE … ADD VALUE (no rewrite) instead of recreating the type; keep the order of existing values in your Drizzle schema.',
};

export const recreatingEnum: Rule = {
  id: 'recreating-enum',
  category: 'locking',
  recommended: true,
  defaultSeverity: 'error',
  description: "drizzle-kit's enum-value removal (column → text, DROP TYPE, CREATE TYPE, column back): two rewrites, and fails if rows hold a removed value",
  messages,
  create() {
    // The sequence spans statements and may leave the transaction (runner none): kept per session.
    const state: Recreation = { converted: new Map(), dropped: new Map() };
    return {
      check(ctx) {
        const alter = alterTable(ctx.statement);
        if (alter && !ctx.isNewTable(alter.key)) {
          for (const cmd of alter.cmds) {
            if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name) continue;
            const col = ctx.schema.column(alter.ref, cmd.name);
            const key = col && enumKeyOf(col.type, ctx.schema);
            if (!key) continue;
            const list = state.converted.get(key) ?? [];
            list.push({ column: cmd.name, table: showRelation(alter.ref), line: ctx.statement.location.line });
            state.converted.set(key, list);
          }
          return;
        }
        const drop = nodeAs(ctx.statement.node, 'DropStmt');
        if (drop?.removeType === 'OBJECT_TYPE') {
          for (const obj of (drop.objects as Node[]) ?? []) {
            const key = typeKey(nodeAs(obj, 'TypeName')?.names as Node[] | undefined);
            const e = key ? ctx.schema.enums.get(key) : undefined;
            if (key && e) state.dropped.set(key, [...e.values]);
          }
          return;
        }
        const create = nodeAs(ctx.statement.node, 'CreateEnumStmt');
        const key = create && typeKey(create.typeName as Node[]);
        if (!key) return;
        const before = state.dropped.get(key);
        const columns = state.converted.get(key);
        state.dropped.delete(key);
        state.converted.delete(key);
        if (!before || !columns?.length) return;
        const after = ((create.vals as Node[]) ?? []).map((v) => nodeAs(v, 'String')?.sval ?? '');
        const removed = before.filter((v) => !after.includes(v));
        const cols = columns.map((c) => `${c.table}.${quoteIdent(c.column)} (line ${c.line})`).join(', ');
        const shownRemoved = quoteValues(removed);
        ctx.report({
          message: messages.recreate({ enum: showEnum(key), removed: shownRemoved, columns: cols, count: columns.length }),
          hint: removed.length ? messages.removeValueHint({ removed: shownRemoved }) : messages.addValueHint(),
        });
      },
    };
  },
};
