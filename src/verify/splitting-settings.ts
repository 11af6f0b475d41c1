import { nodeAs } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import type { Session } from './database.js';

/**
 * Settings that change how Postgres reads the text that follows: where a string literal ends
 * (`standard_conforming_strings` off makes `\'` an escaped quote, `backslash_quote` decides whether
 * that is allowed) and which bytes form a character (`client_encoding`: in SJIS, BIG5, GBK … a
 * backslash or quote byte can be the second byte of a character). The splitter reads files with
 * the defaults, so after a change its statements are no longer the server's.
 */
export const SPLITTING_SETTINGS = ['standard_conforming_strings', 'backslash_quote', 'client_encoding'] as const;

export type SplittingSettings = Record<(typeof SPLITTING_SETTINGS)[number], string>;

const SETTINGS_SQL = `SELECT ${SPLITTING_SETTINGS.map((s) => `current_setting('${s}') AS ${s}`).join(', ')}`;

export async function splittingSettings(session: Session): Promise<SplittingSettings> {
  return (await session.query<SplittingSettings>(SETTINGS_SQL))[0];
}

/** `standard_conforming_strings (on → off)` for the first setting that differs. */
export function changedSetting(before: SplittingSettings, after: SplittingSettings): string | undefined {
  for (const s of SPLITTING_SETTINGS) if (before[s] !== after[s]) return `${s} (${before[s]} → ${after[s]})`;
  return undefined;
}

/** The splitting setting a SET / SET LOCAL / RESET statement changes, read without running it. */
export function setsSplittingSetting(stmt: Statement): string | undefined {
  const set = nodeAs(stmt.node, 'VariableSetStmt');
  const name = set?.name?.toLowerCase();
  return name && (SPLITTING_SETTINGS as readonly string[]).includes(name) ? name : undefined;
}
