// Rewrites relative imports for the module moves of the layering change (issue 12), so that branches
// written against the old layout can be brought over: `node scripts/arch-moves.mjs [dirs…]` (default
// src test scripts bench). Moves of whole files only. Symbols that moved between files (fix by hand):
//   refOfNames (sql/dropped-objects, pg/lock-modes) → sql/qualified-name; typeKey, showEnum (now
//   showKey) from schema/enum-types → sql/qualified-name; transactionControl linter/transactions →
//   sql/transaction-control; Runner → migrations/types (rules/types re-exports it); Preset,
//   RuleSetting, PRESETS, SETTINGS → linter/severities (config/schema re-exports the arrays);
//   assemble app/lint-project → linter/result; lintFolders → linter/lint; Io cli/program → cli/io;
//   LintFlags, oneOf, parseCount, defaultFormat, lintOptionsFromFlags cli/lint-command → cli/flags;
//   formatResult (now takes the run's reader), exitCode → cli/report; Message's verify fields →
//   verify/types VerifyMessage. relationKey, refOf, DEFAULT_SCHEMA (schema/model) and RelationRef
//   (schema/types) are re-exported where they were. Safe to run twice. Delete once no branch predates the change.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const MOVES = {
  'src/rules/support/alter-table.ts': 'src/sql/alter-table.ts',
  'src/rules/support/option-flags.ts': 'src/sql/option-flags.ts',
  'src/rules/support/dropped-objects.ts': 'src/sql/dropped-objects.ts',
  'src/rules/support/defined-names.ts': 'src/sql/defined-names.ts',
  'src/rules/support/data-copies.ts': 'src/sql/data-copies.ts',
  'src/rules/support/names.ts': 'src/sql/qualified-name.ts',
  'src/engine/session-settings.ts': 'src/sql/session-settings.ts',
  'src/project/types.ts': 'src/migrations/types.ts',
  'src/project/display-path.ts': 'src/migrations/display-path.ts',
  'src/rules/support/defined-columns.ts': 'src/schema/defined-columns.ts',
  'src/rules/support/enum-types.ts': 'src/schema/enum-types.ts',
  'src/rules/support/lock-modes.ts': 'src/pg/lock-modes.ts',
  'src/rules/support/type-change.ts': 'src/pg/type-change.ts',
  'src/rules/support/default-volatility.ts': 'src/pg/default-volatility.ts',
  'src/rules/support/identifiers.ts': 'src/pg/identifiers.ts',
  'src/rules/support/outside-transaction.ts': 'src/pg/outside-transaction.ts',
  'src/rules/support/already-exists.ts': 'src/pg/already-exists.ts',
  'src/engine/lint-folder.ts': 'src/linter/lint-folder.ts',
  'src/engine/transactions.ts': 'src/linter/transactions.ts',
  'src/engine/suppressions.ts': 'src/linter/suppressions.ts',
  'src/engine/severities.ts': 'src/linter/severities.ts',
  'src/engine/result.ts': 'src/linter/result.ts',
  'src/engine/lint.ts': 'src/app/lint-project.ts',
  'src/engine/history-cache.ts': 'src/app/history-cache.ts',
  'src/engine/clock.ts': 'src/app/clock.ts',
  'src/rules/docs-page.ts': 'src/app/docs-page.ts',
  'src/verify/trace-text.ts': 'src/reporters/verify-trace.ts',
};

const root = process.cwd();
const forward = new Map(Object.entries(MOVES).map(([a, b]) => [resolve(root, a), resolve(root, b)]));
const backward = new Map([...forward].map(([a, b]) => [b, a]));
const SPEC = /(['"])(\.{1,2}\/[^'"\n]+?)\.(js|ts)\1/g;

function rewrite(file) {
  const text = readFileSync(file, 'utf8');
  // Specifiers inside a moved file were written relative to where it used to be.
  const wasAt = dirname(backward.get(file) ?? file);
  const nowAt = dirname(file);
  const out = text.replace(SPEC, (whole, q, spec, ext) => {
    const target = resolve(wasAt, spec + '.ts');
    const moved = forward.get(target);
    if (!moved && wasAt === nowAt) return whole;
    const dest = moved ?? target;
    if (!moved && !existsSync(dest) && !existsSync(resolve(wasAt, `${spec}.${ext}`))) return whole;
    let rel = relative(nowAt, dest).replace(/\\/g, '/').replace(/\.ts$/, '');
    if (!rel.startsWith('.')) rel = './' + rel;
    if (!moved && ext !== 'js') return whole;
    return `${q}${rel}.${ext}${q}`;
  });
  if (out !== text) writeFileSync(file, out);
  return out !== text;
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|mts|mjs|js)$/.test(name)) yield p;
  }
}

let changed = 0;
for (const d of process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test', 'scripts', 'bench']) {
  if (!existsSync(d)) continue;
  for (const f of walk(resolve(root, d))) if (rewrite(f)) changed++;
}
console.log(`arch-moves: ${changed} files rewritten`);
