import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintProject, type LintOptions, type LintRun } from '../app/lint-project.js';
import type { Message } from '../linter/result.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFile, MigrationFolder } from '../migrations/types.js';
import { SchemaModel } from '../schema/model.js';
import { nodeAs } from '../sql/ast.js';
import { parseMigration, type ParsedFile } from '../sql/parse-file.js';
import type { Statement } from '../sql/statement.js';
import type { RuleOptions } from '../rules/types.js';
import { BATCH_RECIPES, enumAddValue, LOCK_TIMEOUT, RECIPES, type RecipeResult } from './recipes.js';
import { deferredObjects, followUpFiles, followUpName, FOLLOW_UP_RECIPES, renderFollowUp, splitChunks, usedLater, type SnapshotEdit } from './follow-up.js';
import { renderFile } from './render.js';
import { findingRef, type FileChange, type FindingRef, type FixPlan, type FixStep, type NeedsUser, type PlanProblem, type SqlChunk } from './types.js';

export interface FixRun {
  plan: FixPlan;
  lint: LintRun;
}

interface Target {
  folder: MigrationFolder;
  file: MigrationFile;
  parsed: ParsedFile;
  findings: Message[];
  display: string;
}

/**
 * Plans the rewrite of the pending migrations: lints them exactly as `lint` does, then applies each
 * finding's recipe. Touches only pending migrations (with --since/--baseline), or the migration files
 * named on the command line when there is no base. Nothing is written here.
 */
export interface FixOptions {
  /** Move what must commit on its own into a follow-up migration for a later deploy (see follow-up.ts). */
  followUp?: boolean;
  /** The clock for the follow-up's journal `when` and timestamp prefix (tests pin it). */
  now?: number;
}

export async function planFix(options: LintOptions = {}, fix: FixOptions = {}): Promise<FixRun> {
  const cwd = resolve(options.cwd ?? process.cwd());
  // The files the lint run parsed, from its reader (one reader of migration text for every command).
  const lint = await lintProject({ ...options, keepParsed: true });
  const parsedFiles = new Map<string, ParsedFile>();
  for (const folder of lint.folders) for (const f of folder.files) {
    const parsed = lint.reader.parsed(f.path);
    if (parsed) parsedFiles.set(f.path, parsed);
  }
  const named = namedFiles(options.paths ?? [], cwd);
  const hasBase = lint.folders.some((f) => f.base);
  if (!hasBase && !named.size) {
    throw new UsageError('fix rewrites only pending migrations: say which with --since <git-ref> or --baseline <tag>, or name the migration files to fix');
  }
  const byFile = new Map<string, Message[]>();
  for (const r of lint.result.results) byFile.set(resolve(cwd, r.filePath), r.messages.filter((m) => !m.suppressed));

  const plan: FixPlan = { steps: [], files: [], needsUser: [], problems: lint.inputErrors.map((e) => ({ path: '', line: 0, message: e })), pending: [] };
  const options_: RuleOptions = {
    runner: lint.config.runner,
    postgresVersion: lint.config.postgresVersion,
    lockTimeoutSetByRunner: lint.config.lockTimeoutSetByRunner,
  };
  const now = fix.now ?? Date.now();
  for (const folder of lint.folders) planFolder(folder, { cwd, named, hasBase: !!folder.base, byFile, parsedFiles, plan, options: options_, followUp: !!fix.followUp, now });
  // Output order follows the files: by path, then line (the lock_timeout insertion is at line 1).
  plan.steps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || Number(a.before !== '') - Number(b.before !== '')));
  return { plan, lint };
}

function namedFiles(paths: string[], cwd: string): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      const s = statSync(abs);
      if (s.isFile()) out.add(abs);
      else if (s.isDirectory() && statSync(resolve(abs, 'migration.sql')).isFile()) out.add(resolve(abs, 'migration.sql'));
    } catch {
      // Globs and folders name no single migration.
    }
  }
  return out;
}

interface FolderJob {
  cwd: string;
  named: Set<string>;
  hasBase: boolean;
  byFile: Map<string, Message[]>;
  parsedFiles: Map<string, ParsedFile>;
  plan: FixPlan;
  options: RuleOptions;
  followUp: boolean;
  now: number;
}

function contains(s: Statement, m: Message): boolean {
  const { line, column } = m;
  const l = s.location;
  if (line < l.line || line > l.endLine) return false;
  if (line === l.line && column < l.column) return false;
  if (line === l.endLine && column > l.endColumn) return false;
  return true;
}

/** The innermost statement a finding points at (a DO body's statement rather than the DO). */
function statementOf(parsed: ParsedFile, m: Message): Statement | undefined {
  const hits = parsed.statements.filter((s) => contains(s, m));
  return hits.find((s) => s.doBlock) ?? hits[0];
}

function topOf(parsed: ParsedFile, s: Statement): Statement {
  if (!s.doBlock) return s;
  return parsed.statements.find((t) => !t.doBlock && t.start === s.doBlock!.start) ?? s;
}

function planFolder(folder: MigrationFolder, job: FolderJob): void {
  const { plan, cwd } = job;
  const schema = new SchemaModel();
  const targets: Target[] = [];
  const replacements = new Map<string, Map<Statement, SqlChunk[]>>();
  const preludes = new Map<string, SqlChunk[]>();
  const handled = new Set<Message>();
  const batchStatements = new Map<number, { stmt: Statement; target: Target }[]>();
  const lockTimeoutBatches = new Set<number>();
  const stepSources: StepSource[] = [];

  const addStep = (target: Target, top: Statement, result: RecipeResult & { kind: 'rewrite' }, recipe: string, resolves: Message[]) => {
    if (!replacements.has(target.file.path)) replacements.set(target.file.path, new Map());
    const map = replacements.get(target.file.path)!;
    if (map.has(top)) return false;
    map.set(top, result.chunks);
    for (const m of resolves) handled.add(m);
    const step: FixStep = {
      recipe,
      path: target.file.path,
      line: top.location.line,
      before: top.text,
      chunks: result.chunks,
      resolves: resolves.map((m) => findingRef(target.display, m)),
      notes: [result.summary, ...result.notes],
    };
    plan.steps.push(step);
    stepSources.push({ step, top, target });
    return true;
  };

  for (const mf of folder.files) {
    const isTarget = mf.report && (job.hasBase ? mf.status === 'pending' : job.named.has(mf.path));
    const display = displayPath(mf.path, cwd);
    let parsed = job.parsedFiles.get(mf.path);
    if (!parsed) {
      try {
        parsed = parseMigration(display, readFileSync(mf.path, 'utf8'));
      } catch {
        continue;
      }
    }
    const findings = isTarget ? (job.byFile.get(mf.path) ?? []) : [];
    const target: Target | undefined = isTarget ? { folder, file: mf, parsed, findings, display } : undefined;
    if (target) {
      targets.push(target);
      plan.pending.push(mf.path);
    }
    const origin = { file: display, batch: mf.batch };
    const byStatement = new Map<Statement, Message[]>();
    for (const m of findings) {
      if (m.ruleId === 'missing-lock-timeout') {
        lockTimeoutBatches.add(mf.batch);
        continue;
      }
      const s = statementOf(parsed, m);
      if (!s) continue;
      if (!byStatement.has(s)) byStatement.set(s, []);
      byStatement.get(s)!.push(m);
    }
    for (const stmt of parsed.statements) {
      const here = byStatement.get(stmt) ?? [];
      if (target) {
        if (!batchStatements.has(mf.batch)) batchStatements.set(mf.batch, []);
        batchStatements.get(mf.batch)!.push({ stmt, target });
      }
      for (const m of here) {
        if (handled.has(m) || !target) continue;
        if (m.ruleId === 'enum-value-used-in-same-transaction') {
          planEnumUse(m, stmt, target, batchStatements.get(mf.batch) ?? [], addStep, plan);
          handled.add(m);
          continue;
        }
        const recipe = RECIPES[m.ruleId];
        if (!recipe) continue;
        const top = topOf(parsed, stmt);
        const result = recipe.plan({ statement: stmt, top, schema, options: job.options });
        if (result.kind === 'user') {
          handled.add(m);
          plan.needsUser.push({ finding: findingRef(display, m), reason: result.reason, ...(result.plan ? { plan: result.plan } : {}) });
          continue;
        }
        // The rewrite resolves every finding on the statement that a recipe exists for.
        const resolves = here.filter((x) => !handled.has(x) && (RECIPES[x.ruleId] || x.ruleId in BATCH_RECIPES));
        if (!addStep(target, top, result, m.ruleId, resolves)) {
          handled.add(m);
          plan.needsUser.push({ finding: findingRef(display, m), reason: 'another recipe already rewrites this statement; fix again after this one is applied' });
        }
      }
      schema.apply(stmt, origin);
    }
  }

  // lock_timeout: once, at the start of the batch's first pending migration (a plain SET lasts for the migrate run).
  for (const batch of lockTimeoutBatches) {
    const first = targets.find((t) => t.file.batch === batch);
    if (!first) continue;
    const resolves = targets.filter((t) => t.file.batch === batch).flatMap((t) => t.findings.filter((m) => m.ruleId === 'missing-lock-timeout').map((m) => ({ t, m })));
    const chunk: SqlChunk = { mode: 'transaction', purpose: 'a queued lock gives up after 5s instead of blocking traffic', sql: LOCK_TIMEOUT };
    preludes.set(first.file.path, [chunk]);
    for (const { m } of resolves) handled.add(m);
    plan.steps.push({
      recipe: 'missing-lock-timeout',
      path: first.file.path,
      line: 1,
      before: '',
      chunks: [chunk],
      resolves: resolves.map(({ t, m }) => findingRef(t.display, m)),
      notes: [BATCH_RECIPES['missing-lock-timeout'].title],
    });
  }

  if (job.followUp) planFollowUp(folder, targets, stepSources, replacements, job);

  for (const t of targets) {
    for (const m of t.findings) {
      if (!handled.has(m)) plan.needsUser.push({ finding: findingRef(t.display, m), reason: `fix has no recipe for ${m.ruleId}: see \`drizzle-migration-lint explain ${m.ruleId}\`` });
    }
    const reps = replacements.get(t.file.path);
    const prelude = preludes.get(t.file.path) ?? [];
    if (!reps && !prelude.length) continue;
    const { text, problems } = renderFile(t.parsed, reps ?? new Map(), prelude);
    plan.problems.push(...problems.map((p): PlanProblem => ({ ...p, path: t.file.path })));
    if (text !== t.parsed.file.text) plan.files.push({ path: t.file.path, kind: 'modify', before: t.parsed.file.text, after: text } satisfies FileChange);
  }
}

interface StepSource {
  step: FixStep;
  top: Statement;
  target: Target;
}

/**
 * --follow-up: each step that fits moves its chunks from the first one that must commit on its own
 * into one new migration after the folder's last; a step whose moved part a later statement of the
 * batch needs (by name, or a foreign key needing the unique index) keeps the COMMIT escape instead.
 */
function planFollowUp(folder: MigrationFolder, targets: Target[], sources: StepSource[], replacements: Map<string, Map<Statement, SqlChunk[]>>, job: FolderJob): void {
  const { plan } = job;
  const movable = sources.filter((s) => FOLLOW_UP_RECIPES.has(s.step.recipe) && splitChunks(s.step.chunks));
  if (!movable.length) return;
  const name = followUpName(folder, job.now);
  if ('message' in name) {
    plan.problems.push(name);
    return;
  }
  const order = (s: StepSource) => [targets.indexOf(s.target), s.top.start] as const;
  movable.sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
  const moved: (StepSource & { later: SqlChunk[]; edits: SnapshotEdit[] })[] = [];
  for (const s of movable) {
    const split = splitChunks(s.step.chunks)!;
    const objects = deferredObjects(s.top, split.later);
    const ti = targets.indexOf(s.target);
    const after = [...s.target.parsed.statements.filter((x) => !x.doBlock && x.start > s.top.start), ...targets.slice(ti + 1).flatMap((t) => t.parsed.statements.filter((x) => !x.doBlock))];
    const user = usedLater(objects, after);
    if (user) {
      s.step.notes.push(`stays in this migration with the COMMIT escape: ${(targets.find((t) => t.parsed.statements.includes(user)) ?? s.target).display}:${user.location.line} needs what it builds`);
      continue;
    }
    const now = split.now.length ? split.now : [{ mode: 'transaction' as const, sql: `-- moved to the follow-up migration ${name.tag} by drizzle-migration-lint fix` }];
    replacements.get(s.target.file.path)!.set(s.top, now);
    s.step.chunks = split.now;
    s.step.followUp = { tag: name.tag, path: name.path, chunks: split.later };
    moved.push({ ...s, later: split.later, edits: objects.edits });
  }
  if (!moved.length) return;
  // The follow-up goes after the folder's last migration: everything from the first moved step on must be pending.
  const first = folder.files.findIndex((f) => f.path === moved[0].target.file.path);
  const applied = folder.files.slice(first).find((f) => !targets.some((t) => t.file.path === f.path));
  if (applied) {
    plan.problems.push({
      path: moved[0].target.file.path,
      line: moved[0].top.location.line,
      kind: 'follow-up',
      message: `a follow-up migration goes after the folder's last migration, but ${applied.tag} after this one is not being fixed; run fix without --follow-up`,
    });
    return;
  }
  // The follow-up is its own batch when deployed later: it sets its own lock_timeout (unless the runner does).
  const prelude: SqlChunk[] = job.options.lockTimeoutSetByRunner ? [] : [{ mode: 'transaction', purpose: 'a queued lock gives up after 5s instead of blocking traffic', sql: LOCK_TIMEOUT }];
  const lastTag = folder.files[folder.files.length - 1].tag;
  const text = renderFollowUp([...prelude, ...moved.flatMap((m) => m.later)], lastTag);
  const pending = targets.map((t) => ({ tag: t.file.tag, edits: moved.filter((m) => m.target === t).flatMap((m) => m.edits) }));
  const files = followUpFiles(folder, name, text, pending, job.now);
  plan.files.push(...files.files);
  plan.problems.push(...files.problems);
  (plan.followUps ??= []).push({ tag: name.tag, path: name.path, after: lastTag, notes: files.notes });
}

type AddStep = (target: Target, top: Statement, result: RecipeResult & { kind: 'rewrite' }, recipe: string, resolves: Message[]) => boolean;

/** The ADD VALUE earlier in the batch whose value this statement uses: it runs on its own, committed. */
function planEnumUse(m: Message, use: Statement, target: Target, batch: { stmt: Statement; target: Target }[], addStep: AddStep, plan: FixPlan): void {
  const candidates = batch.filter(({ stmt }) => {
    const v = nodeAs(stmt.node, 'AlterEnumStmt')?.newVal;
    return v !== undefined && stmt !== use && use.text.includes(`'${v.replace(/'/g, "''")}'`);
  });
  const found = candidates[candidates.length - 1];
  const ref: FindingRef = findingRef(target.display, m);
  if (!found) {
    plan.needsUser.push({ finding: ref, reason: 'the ADD VALUE is not in a pending migration: ship it in an earlier deploy' });
    return;
  }
  const result = enumAddValue(found.stmt);
  if (result.kind === 'user') {
    plan.needsUser.push({ finding: ref, reason: result.reason });
    return;
  }
  const top = topOf(found.target.parsed, found.stmt);
  if (!addStep(found.target, top, result, m.ruleId, [m])) {
    // Already moved for an earlier use: this use is resolved by the same step.
    const step = plan.steps.find((s: FixStep) => s.path === found.target.file.path && s.line === top.location.line && s.recipe === m.ruleId);
    step?.resolves.push(ref);
  }
}

export type { NeedsUser };
