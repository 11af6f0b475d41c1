import { displayPath } from '../migrations/display-path.js';
import { unifiedDiff } from './diff.js';
import type { FixPlan } from './types.js';

/** The plan as text: steps per file, what still needs the user, then the unified diff. */
export function formatPlan(plan: FixPlan, cwd: string, written: boolean): string {
  const show = (p: string) => displayPath(p, cwd);
  const out: string[] = [];
  if (!plan.steps.length && !plan.needsUser.length) return `Nothing to fix in ${plan.pending.length} pending migration${plan.pending.length === 1 ? '' : 's'}.\n`;
  if (plan.steps.length) {
    out.push(`${written ? 'Applied' : 'Plan'}: ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} in ${new Set(plan.steps.map((s) => s.path)).size} migration(s)`);
    for (const s of plan.steps) {
      out.push(`  ${show(s.path)}:${s.line}  [${s.recipe}] ${s.notes[0] ?? ''}`);
      for (const r of s.resolves) out.push(`    resolves ${r.ruleId} at ${r.filePath}:${r.line}:${r.column}`);
      for (const c of s.chunks) out.push(`    ${c.mode === 'autocommit' ? 'own transaction' : 'in transaction '}  ${firstLine(c.sql)}${c.purpose ? `  -- ${c.purpose}` : ''}`);
      for (const c of s.followUp?.chunks ?? []) out.push(`    ${s.followUp!.tag}: ${c.mode === 'autocommit' ? 'own transaction' : 'in transaction '}  ${firstLine(c.sql)}${c.purpose ? `  -- ${c.purpose}` : ''}`);
      for (const n of s.notes.slice(1)) out.push(`    you: ${n}`);
    }
    for (const f of plan.followUps ?? []) {
      out.push(
        `  Follow-up migration ${show(f.path)}: apply it in a later deploy than ${f.after}; until then the steps marked ${f.tag} have not run (constraints stay NOT VALID, indexes and NOT NULL are missing). ` +
          `Its snapshot is the schema after it, so \`drizzle-kit generate\` stays empty.${f.notes.map((n) => ` Note: ${n}.`).join('')}`,
      );
    }
    if (plan.steps.some((s) => s.chunks.some((c) => c.mode === 'autocommit'))) {
      out.push(
        '  Statements marked "own transaction" run between COMMIT; and BEGIN; chunks inside the same `drizzle-kit migrate` run. This gives up all-or-nothing rollback: ' +
          'what ran before a failure stays committed, so every statement before the last COMMIT is written to be re-run; fix the cause and run migrate again.',
      );
    }
  }
  if (plan.needsUser.length) {
    out.push('', `Needs you: ${plan.needsUser.length}`);
    for (const n of plan.needsUser) {
      out.push(`  ${n.finding.filePath}:${n.finding.line}:${n.finding.column}  [${n.finding.ruleId}] ${n.reason}`);
      for (const d of n.plan ?? []) {
        out.push(`    ${d.title}`);
        for (const q of d.sql) out.push(`      SQL: ${q}`);
        out.push(`      Drizzle schema: ${d.drizzle}`);
      }
    }
  }
  const diffs = plan.files.map((f) => unifiedDiff(show(f.path), show(f.path), f.kind === 'create' ? '' : f.before, f.after)).filter(Boolean);
  if (diffs.length && !written) out.push('', ...diffs.map((d) => d.replace(/\n$/, '')));
  if (!written && plan.files.length) out.push('', 'Run again with --write to apply it.');
  return out.join('\n') + '\n';
}

function firstLine(sql: string): string {
  const line = sql.split('\n')[0];
  return sql.includes('\n') ? `${line} …` : line;
}

/** The plan as JSON: steps, files, the findings each step resolves and what needs the user. */
export function planJson(plan: FixPlan, cwd: string, written: boolean): string {
  const show = (p: string) => displayPath(p, cwd);
  return (
    JSON.stringify(
      {
        version: 1,
        written,
        pending: plan.pending.map(show),
        steps: plan.steps.map((s) => ({ ...s, path: show(s.path), ...(s.followUp ? { followUp: { ...s.followUp, path: show(s.followUp.path) } } : {}) })),
        files: plan.files.map((f) => ({ path: show(f.path), kind: f.kind, diff: unifiedDiff(show(f.path), show(f.path), f.kind === 'create' ? '' : f.before, f.after), after: f.after })),
        needsUser: plan.needsUser,
        followUps: (plan.followUps ?? []).map((f) => ({ ...f, path: show(f.path) })),
        problems: plan.problems.map((p) => ({ ...p, path: p.path ? show(p.path) : p.path })),
      },
      null,
      2,
    ) + '\n'
  );
}
