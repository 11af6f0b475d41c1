import { SchemaModel } from '../schema/model.js';
import type { ParsedFile } from '../sql/parse-file.js';
import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import { displayPath } from '../migrations/display-path.js';
import type { MigrationFile, MigrationFolder } from '../migrations/types.js';
import { neverApplied } from '../migrations/journalled.js';
import { closestRuleId } from '../rules/closest-rule.js';
import type { FileInfo, Report, Rule, RuleHooks, RuleOptions, Severity, StatementContext } from '../rules/types.js';
import { messages as unparsableText, unparsableSql } from '../rules/unparsable-sql.js';
import { messages as suppressionText, unusedSuppression } from '../rules/unused-suppression.js';
import type { FileResult, Message } from './result.js';
import { markSuppressed, suppressibleFile, type SuppressibleFile } from './suppressions.js';
import { TransactionTracker } from './transactions.js';

export interface FolderRun {
  rules: readonly Rule[];
  severities: Map<string, Severity>;
  options: RuleOptions;
  requireSuppressionReason: boolean;
  /** The working folder: result paths are relative to it. */
  cwd: string;
  /**
   * A migration file of the folder, parsed (`filePath` is its path as results show it); undefined when
   * it cannot be read, and the run goes on without it. The application layer reads and parses.
   */
  parse(file: MigrationFile, filePath: string): ParsedFile | undefined;
  /** The replayed history kept between runs, when the caller keeps one for this folder. */
  history?: HistoryStore;
  /** A rule's docs page, as findings link it (the application layer knows where the docs are). */
  docsUrl(ruleId: string): string;
}

/**
 * The schema and transaction numbering after the folder's first `length` files (its history: no rule
 * runs on them), kept by the caller between runs (app/history-cache.ts keeps it in node_modules/.cache).
 */
export interface HistoryStore {
  readonly length: number;
  restore(): { schema: SchemaModel; nextTransactionId: number } | undefined;
  save(schema: SchemaModel, nextTransactionId: number): void;
}

export interface FolderOutcome {
  files: FileResult[];
  statements: number;
}

const MAX_STATEMENT_CHARS = 2000;

/** A statement's text as findings and verify traces show it: cut after MAX_STATEMENT_CHARS. */
export function shortenStatement(text: string): string {
  return text.length > MAX_STATEMENT_CHARS ? text.slice(0, MAX_STATEMENT_CHARS) + '…' : text;
}

/** A finding as the result model holds it (also for the findings `verify` adds). */
export function createMessage(ruleId: string, severity: Severity, loc: Location, report: Omit<Report, 'at'>, docsUrl: string, statementText?: string): Message {
  return {
    ruleId,
    severity,
    message: report.message,
    ...(report.hint ? { hint: report.hint } : {}),
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
    ...(statementText !== undefined ? { statement: shortenStatement(statementText) } : {}),
    suppressed: false,
    docsUrl,
    ...(report.fixes?.length ? { fixes: report.fixes } : {}),
  };
}

/** Replays a migrations folder in order and runs the enabled rules on the files to report. */
export function lintFolder(folder: MigrationFolder, run: FolderRun): FolderOutcome {
  const { severities, options } = run;
  const active = run.rules.filter((r) => severities.has(r.id));
  // The hooks of each active rule for the current session: a rule with `create` gets fresh ones (and so
  // fresh state) per session.
  type Hooked = { rule: Rule; hooks: RuleHooks };
  let statementRules: Hooked[] = [];
  let endRules: Hooked[] = [];
  let batchEndRules: Hooked[] = [];
  const startSession = () => {
    const hooked = active.map((rule) => ({ rule, hooks: rule.create ? rule.create() : rule }));
    statementRules = hooked.filter((h) => h.hooks.check);
    endRules = hooked.filter((h) => h.hooks.endOfFile);
    batchEndRules = hooked.filter((h) => h.hooks.endOfBatch);
  };
  const tx = new TransactionTracker(options.runner);
  const cache = run.history;
  const restored = cache?.restore();
  const schema = restored?.schema ?? new SchemaModel();
  if (restored) tx.resumeIds(restored.nextTransactionId);
  const results = new Map<string, Message[]>();
  let statementCount = 0;

  // "This fails" verdicts need the file to run: one the journal does not list never does (its
  // journal-file-mismatch finding says so), so those rules say nothing about it.
  const failureRules = new Set(run.rules.filter((r) => r.category === 'failure').map((r) => r.id));
  const unrun = new Set(folder.files.filter((f) => neverApplied(folder, f)).map((f) => displayPath(f.path, run.cwd)));
  const push = (filePath: string, ruleId: string, loc: Location, report: Omit<Report, 'at'>, stmt?: Statement) => {
    const configured = severities.get(ruleId);
    if (!configured || (failureRules.has(ruleId) && unrun.has(filePath))) return;
    const severity = report.severity ?? configured;
    if (!results.has(filePath)) results.set(filePath, []);
    results.get(filePath)!.push(createMessage(ruleId, severity, loc, report, run.docsUrl(ruleId), stmt?.text));
  };

  for (const rule of active.filter((r) => r.checkFolder)) {
    rule.checkFolder!({
      folder,
      options,
      report: (f) =>
        push(displayPath(f.path, run.cwd), rule.id, f.location ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }, f),
    });
  }

  // The session view reads the tracker's live state, so one serves the whole run.
  const session = tx.sessionInfo();
  // Suppression comments are matched when the batch ends: until then a rule may still report in any
  // of its files (a transaction can span them).
  let unfinished: { filePath: string; scope: SuppressibleFile }[] = [];
  const endBatch = () => {
    for (const { rule, hooks } of batchEndRules) {
      hooks.endOfBatch!({ session, options, reportAt: (filePath, loc, r, stmt) => push(filePath, rule.id, loc, r, stmt) });
    }
    for (const { filePath, scope } of unfinished) {
      applySuppressions(scope, results.get(filePath)!, run, (loc, r) => push(filePath, unusedSuppression.id, loc, r));
    }
    unfinished = [];
    tx.endBatch();
  };
  let batch: number | undefined;
  for (let i = restored ? cache!.length : 0; i < folder.files.length; i++) {
    const mf = folder.files[i];
    if (cache && !restored && i === cache.length) cache.save(schema, tx.nextTransactionId);
    if (mf.batch !== batch) {
      if (batch !== undefined) endBatch();
      batch = mf.batch;
      tx.startBatch();
      startSession();
    }
    const filePath = displayPath(mf.path, run.cwd);
    const parsed = run.parse(mf, filePath);
    if (!parsed) continue;
    const fileOptions = withFileFacts(options, folder, mf);
    tx.startFile(parsed.statements);
    const origin = { file: filePath, batch: mf.batch };
    if (mf.report) {
      results.set(filePath, results.get(filePath) ?? []);
      statementCount += parsed.statements.length;
      for (const p of parsed.problems) {
        push(filePath, unparsableSql.id, p.location, {
          message: unparsableText.rejected({ parserMessage: oneLine(p.message), inDoBody: p.inDoBody }),
          hint: unparsableText.rejectedHint(),
        });
      }
    }
    // What a rule's context shares across the file's statements is made once per file, not per statement.
    const currentBatch = mf.batch;
    const isNewTable = (key: string) => schema.tables.get(key)?.origin.batch === currentBatch;
    const isNewOrigin = (o: { batch: number } | undefined) => o?.batch === currentBatch;
    const file: FileInfo = { statements: parsed.statements };
    for (const stmt of parsed.statements) {
      tx.before(stmt);
      if (mf.report) {
        const transaction = tx.current();
        for (const { rule, hooks } of statementRules) {
          const ctx: StatementContext = {
            statement: stmt,
            file,
            schema,
            filePath,
            batch: currentBatch,
            transaction,
            session,
            options: fileOptions,
            isNewTable,
            isNewOrigin,
            report: (rep) => push(filePath, rule.id, stmt.locate(rep.at), rep, stmt),
          };
          hooks.check!(ctx);
        }
      }
      schema.apply(stmt, origin);
      tx.after(stmt);
    }
    if (mf.report) {
      const transactionContinues = tx.continuesIntoNextFile(folder.files[i + 1]?.batch === mf.batch);
      const transaction = tx.current();
      for (const { rule, hooks } of endRules) {
        hooks.endOfFile!({
          filePath,
          statements: parsed.statements,
          transaction,
          transactionContinues,
          session,
          options: fileOptions,
          reportAt: (loc, r, stmt, earlier) => push(earlier ?? filePath, rule.id, loc, r, stmt),
        });
      }
      const scope = suppressibleFile(parsed);
      if (scope) unfinished.push({ filePath, scope });
    }
    tx.endFile();
  }
  endBatch();
  if (!folder.base) for (const rule of active) if (rule.foldWithoutBatch) foldFindings(results, rule);

  const files = [...results].map(([filePath, messages]) => ({ filePath, messages }));
  return { files, statements: statementCount };
}

/** A rule's unsuppressed findings of the folder become its first one, which says how many files had one. */
function foldFindings(results: Map<string, Message[]>, rule: Rule): void {
  let first: Message | undefined;
  const files = new Set<string>();
  for (const [filePath, messages] of results) {
    const kept = messages.filter((m) => {
      if (m.ruleId !== rule.id || m.suppressed) return true;
      files.add(filePath);
      first ??= m;
      return m === first;
    });
    messages.splice(0, messages.length, ...kept);
  }
  if (first && files.size > 1) first.message += ` ${rule.foldWithoutBatch!({ files: files.size })}`;
}

/** The run's options plus what the project knows about this file: its breakpoints setting and how its batch was decided. */
function withFileFacts(options: RuleOptions, folder: MigrationFolder, mf: MigrationFolder['files'][number]): RuleOptions {
  const facts: RuleOptions = { ...options };
  if (mf.breakpoints !== undefined) facts.breakpoints = mf.breakpoints;
  if (folder.base) facts.batchBase = folder.base.kind;
  return facts;
}

/** Marks findings covered by suppression comments, then reports unused, unknown or unexplained ones. */
function applySuppressions(
  parsed: SuppressibleFile,
  messages: Message[],
  run: FolderRun,
  report: (loc: Location, r: Omit<Report, 'at'>) => void,
): void {
  const suppressions = markSuppressed(parsed, messages);
  if (!suppressions.length) return;
  const known = new Set(run.rules.map((r) => r.id));
  // Rules that only `verify` reports (migration-fails): a lint run cannot tell whether they would match.
  const unknowable = new Set(run.rules.filter((r) => r.verifyOnly).map((r) => r.id));
  for (const s of suppressions) {
    if (s.squawk) continue;
    const where = s.scope === 'file' ? 'migration-lint-disable-file' : 'migration-lint-disable-next-statement';
    if (!s.ruleIds.length) {
      report(s.location, { message: suppressionText.noRule({ directive: where }), hint: suppressionText.noRuleHint({ directive: where }) });
      continue;
    }
    for (const id of s.ruleIds) {
      if (!known.has(id)) {
        const close = closestRuleId(id);
        report(s.location, {
          message: suppressionText.unknownRule({ directive: where, ruleId: id }),
          hint: close ? suppressionText.didYouMean({ ruleId: close }) : suppressionText.listRules(),
        });
      }
      else if (!s.used.has(id) && run.severities.has(id) && !unknowable.has(id)) report(s.location, { message: suppressionText.unused({ directive: where, ruleId: id }) });
    }
    if (run.requireSuppressionReason && !s.reason) {
      report(s.location, {
        message: suppressionText.noReason({ directive: where }),
        hint: suppressionText.noReasonHint({ directive: where, ruleIds: s.ruleIds.join(', ') }),
      });
    }
  }
}

/** Parser messages quote the offending text, which can span lines. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n][\s\S]*$/, '…"');
}
