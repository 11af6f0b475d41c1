import { nodeAs, type Node } from '../sql/ast.js';
import type { Rule } from './types.js';

/**
 * Settings that change where a statement's text ends: with standard_conforming_strings off, a
 * backslash escapes the next character inside '…' (so '\' no longer closes the string), and
 * backslash_quote / escape_string_warning go with it. drizzle-kit, the driver and this linter split
 * the file assuming the default (on), so they and the server may disagree about statement boundaries.
 */
const SPLITTING = new Set(['standard_conforming_strings', 'backslash_quote']);

export const messages = {
  changed: (a: { setting: string; value: string }) =>
    `SET ${a.setting} = ${a.value} changes how the server reads the rest of the text (backslashes inside '…' become escapes), so where a statement ends is no longer what drizzle-kit, its driver and this linter assume: the next string literal with a backslash can swallow a quote and run into the following statement.`,
  hint: () => "Remove the SET and write escapes explicitly with E'…' strings; standard_conforming_strings = on is the default since PostgreSQL 9.1.",
};

/** The value as written: on/off, true/false, a number or a quoted string. */
function valueText(args: Node[] | undefined): string {
  const c = nodeAs(args?.[0], 'A_Const') as { sval?: { sval?: string }; ival?: { ival?: number }; boolval?: { boolval?: boolean } } | undefined;
  return c?.sval?.sval ?? (c?.ival ? String(c.ival.ival ?? 0) : c?.boolval ? String(c.boolval.boolval ?? false) : 'DEFAULT');
}

export const changingStatementSplitting: Rule = {
  id: 'changing-statement-splitting',
  category: 'failure',
  recommended: true,
  defaultSeverity: 'error',
  description: 'A migration that changes how its own text is split into statements (SET standard_conforming_strings = off, backslash_quote …)',
  messages,
  check(ctx) {
    const set = nodeAs(ctx.statement.node, 'VariableSetStmt');
    const name = set?.name?.toLowerCase();
    if (!set || !name || !SPLITTING.has(name) || set.kind !== 'VAR_SET_VALUE') return;
    const value = valueText(set.args as Node[] | undefined).toLowerCase();
    // Back to the default: nothing changes.
    if (name === 'standard_conforming_strings' && (value === 'on' || value === 'true' || value === '1')) return;
    if (name === 'backslash_quote' && value === 'safe_encoding') return;
    ctx.report({ message: messages.changed({ setting: name, value }), hint: messages.hint() });
  },
};
