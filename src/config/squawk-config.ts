/**
 * Reads what a squawk user's `.squawk.toml` says that drizzle-migration-lint can use, for `init`.
 * Only the few keys squawk has, in the shapes squawk writes them (`key = value` lines, strings,
 * booleans, one-line or multi-line string arrays); tables such as [upload_to_github] are skipped.
 */
import { readFileSync } from 'node:fs';
import { findRule, idsForSquawkName } from '../rules/index.js';

export interface SquawkSettings {
  /** Our rule ids for squawk's excluded_rules, to turn off. */
  off: string[];
  /** excluded_rules names with no equivalent here. */
  unmatched: string[];
  /** pg_version's major version. */
  postgresVersion?: number;
  /** Keys that have no counterpart here (named in init's output). */
  ignoredKeys: string[];
}

/** Top-level `key = value` pairs (arrays may span lines); sections after the first [table] are skipped. */
function topLevelPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\s+#.*$/, '').trim();
    if (line.startsWith('[')) break;
    const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    while (value.startsWith('[') && !value.includes(']') && i + 1 < lines.length) value += ' ' + lines[++i].replace(/\s+#.*$/, '').trim();
    pairs.set(m[1], value);
  }
  return pairs;
}

const strings = (value: string | undefined) => [...(value ?? '').matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);

/** undefined when the file cannot be read. */
export function readSquawkConfig(path: string): SquawkSettings | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pairs = topLevelPairs(text);
  const off = new Set<string>();
  const unmatched: string[] = [];
  for (const name of strings(pairs.get('excluded_rules'))) {
    const ours = findRule(name) ? [name] : idsForSquawkName(name);
    if (ours.length) ours.forEach((id) => off.add(id));
    else unmatched.push(name);
  }
  const version = strings(pairs.get('pg_version'))[0] ?? pairs.get('pg_version');
  const major = version ? Number.parseInt(version, 10) : NaN;
  const known = new Set(['excluded_rules', 'pg_version']);
  return {
    off: [...off].sort(),
    unmatched,
    ...(Number.isInteger(major) && major >= 10 ? { postgresVersion: major } : {}),
    ignoredKeys: [...pairs.keys()].filter((k) => !known.has(k)),
  };
}
