import { names, nodeAs, type Node } from './ast.js';
import type { Statement } from './statement.js';

export interface SettingChange {
  /** Setting name as written; '*' for RESET ALL. */
  name: string;
  /** New value; undefined for RESET / SET … TO DEFAULT (back to the server's value). */
  value?: string;
  /** SET LOCAL / set_config(…, true): ends with the transaction. */
  local: boolean;
}

/** A constant's text: '5s' → 5s, 0 → 0. */
function constText(node: Node | undefined): string | undefined {
  const c = nodeAs(node, 'A_Const') as
    | { sval?: { sval?: string }; ival?: { ival?: number }; fval?: { fval?: string }; boolval?: { boolval?: boolean }; isnull?: boolean }
    | undefined;
  if (!c || c.isnull) return undefined;
  if (c.sval) return c.sval.sval ?? '';
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval;
  if (c.boolval) return String(!!c.boolval.boolval);
  return undefined;
}

/** The setting a statement changes: SET, SET LOCAL, RESET, or `SELECT set_config('name', 'value', is_local)`. */
export function settingChangeOf(stmt: Statement): SettingChange | undefined {
  const set = nodeAs(stmt.node, 'VariableSetStmt');
  if (set) {
    const local = !!set.is_local;
    switch (set.kind) {
      case 'VAR_SET_VALUE': {
        if (!set.name) return undefined;
        const args = (set.args as Node[] | undefined) ?? [];
        return { name: set.name, value: args.map(constText).join(', '), local };
      }
      case 'VAR_SET_DEFAULT':
      case 'VAR_RESET':
        return set.name ? { name: set.name, local } : undefined;
      case 'VAR_RESET_ALL':
        return { name: '*', local };
      default:
        return undefined;
    }
  }
  const select = nodeAs(stmt.node, 'SelectStmt');
  const targets = (select?.targetList as Node[] | undefined) ?? [];
  if (targets.length !== 1 || select?.fromClause) return undefined;
  const call = nodeAs(nodeAs(targets[0], 'ResTarget')?.val, 'FuncCall');
  const fn = names(call?.funcname as Node[] | undefined);
  if (fn[fn.length - 1] !== 'set_config') return undefined;
  const args = (call?.args as Node[] | undefined) ?? [];
  const [name, value, isLocal] = args.map(constText);
  if (args.length !== 3 || name === undefined || value === undefined || isLocal === undefined) return undefined;
  return { name, value, local: isLocal === 'true' };
}

/**
 * A duration setting's value in milliseconds ('5s', '500', '1min'), as Postgres reads it; undefined
 * when it cannot tell.
 */
export function durationMs(value: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = (m[2] ?? 'ms').toLowerCase();
  const factor: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(m[1]) * factor[unit];
}
