import { statSync } from 'node:fs';
import { SchemaModel } from '../schema/model.js';
import { parseMigration, type ParsedFile } from '../sql/parse-file.js';
import { ParserCrash } from '../sql/parser.js';
import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import { displayPath } from '../project/display-path.js';
import { DEFAULT_MAX_FILE_MB, megabytesToBytes, readInputFile } from '../project/read-input-file.js';
import type { MigrationFolder } from '../project/types.js';
import { closestRuleId } from '../rules/closest-rule.js';
import { docsUrl } from '../rules/docs-url.js';
import type { Report, Rule, RuleOptions, Severity, StatementContext } from '../rules/types.js';
import { UsageError } from '../errors.js';
import { HistoryCache, type HistorySource } from './history-cache.js';
import type { FileResult, Message } from './result.js';
import { markSuppressed, suppressibleFile, type SuppressibleFile } from './suppressions.js';
import { TransactionTracker } from './transactions.js';

export interface FolderRun {
  rules: readonly Rule[];
  severities: Map<string, Severity>;
  options: RuleOptions;
  requireSuppressionReason: boolean;
  cwd: string;
  /** Text to use instead of reading a file from disk (stdin). */
  overrides?: Map<string, string>;
  /** Collects unreadable files, which are then skipped; without it, one stops the run. */
  inputErrors?: string[];
  /** Reuse (and store) the replayed history in node_modules/.cache (see history-cache.ts). */
  cache?: boolean;
  /** Collects every parsed file, by path (for verify, which runs them afterwards). */
  parsed?: Map<string, ParsedFile>;
  /** Files larger than this are input errors (--max-file-size); default DEFAULT_MAX_FILE_MB. */
  maxFileBytes?: number;
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

/** The file's text; undefined (after recording why) when it cannot be read and the run goes on. */
function readMigration(path: string, run: FolderRun): string | undefined {
  const given = run.overrides?.get(path);
  if (given !== undefined) return given;
  try {
    return readInputFile(path, maxFileBytes(run)).toString('utf8');
  } catch (e) {
    const message = `${displayPath(path, run.cwd)}: ${(e as Error).message}`;
    if (!run.inputErrors) throw new UsageError(message);
    run.inputErrors.push(message);
    return undefined;
  }
}

const maxFileBytes = (run: FolderRun) => run.maxFileBytes ?? megabytesToBytes(DEFAULT_MAX_FILE_MB);

/** The history files as the history cache sees them; a failure is left for the replay to report. */
function historySource(run: FolderRun): HistorySource {
  return {
    // Bytes, not decoded: they are only hashed.
    read(path) {
      try {
        return run.overrides?.get(path) ?? readInputFile(path, maxFileBytes(run));
      } catch {
        return undefined;
      }
    },
    stamp(path) {
      if (run.overrides?.has(path)) return undefined;
      try {
        const s = statSync(path, { bigint: true });
        return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
      } catch {
        return undefined;
      }
    },
  };
}

/** Replays a migrations folder in order and runs the enabled rules on the files to report. */
export function lintFolder(folder: MigrationFolder, run: FolderRun): FolderOutcome {
  const { severities, options } = run;
  const active = run.rules.filter((r) => severities.has(r.id));
  const statementRules = active.filter((r) => r.check);
  const endRules = active.filter((r) => r.endOfFile);
  const batchEndRules = active.filter((r) => r.endOfBatch);
  const tx = new TransactionTracker(options.runner);
  const cache = run.cache ? HistoryCache.open(folder, options.runner, historySource(run), (p) => displayPath(p, run.cwd)) : undefined;
  const restored = cache?.restore();
  const schema = restored?.schema ?? new SchemaModel();
  if (restored) tx.resumeIds(restored.nextTransactionId);
  const results = new Map<string, Message[]>();
  let statementCount = 0;

  const push = (filePath: string, ruleId: string, loc: Location, report: Omit<Report, 'at'>, stmt?: Statement) => {
    const severity = severities.get(ruleId);
    if (!severity) return;
    if (!results.has(filePath)) results.set(filePath, []);
    const text = stmt?.text;
    results.get(filePath)!.push({
      ruleId,
      severity,
      message: report.message,
      ...(report.hint ? { hint: report.hint } : {}),
      line: loc.line,
      column: loc.column,
      endLine: loc.endLine,
      endColumn: loc.endColumn,
      ...(text !== undefined ? { statement: shortenStatement(text) } : {}),
      suppressed: false,
      docsUrl: docsUrl(ruleId),
    });
  };

  for (const rule of active.filter((r) => r.checkFolder)) {
    rule.checkFolder!({
      folder,
      options,
      report: (f) =>
        push(displayPath(f.path, run.cwd), rule.id, f.location ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }, f),
    });
  }

  // Session views read the tracker's live state, so one per rule serves the whole run.
  const sessions = new Map([...statementRules, ...endRules, ...batchEndRules].map((r) => [r.id, tx.sessionInfo(r.id)]));
  // Suppression comments are matched when the batch ends: until then a rule may still report in any
  // of its files (a transaction can span them).
  let unfinished: { filePath: string; scope: SuppressibleFile }[] = [];
  const endBatch = () => {
    for (const rule of batchEndRules) {
      rule.endOfBatch!({ session: sessions.get(rule.id)!, options, reportAt: (filePath, loc, r, stmt) => push(filePath, rule.id, loc, r, stmt) });
    }
    for (const { filePath, scope } of unfinished) {
      applySuppressions(scope, results.get(filePath)!, run, (loc, r) => push(filePath, 'unused-suppression', loc, r));
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
    }
    const filePath = displayPath(mf.path, run.cwd);
    const text = readMigration(mf.path, run);
    if (text === undefined) continue;
    const fileOptions = withFileFacts(options, folder, mf);
    const parsed: ParsedFile = parseOrStop(filePath, text);
    run.parsed?.set(mf.path, parsed);
    tx.startFile(parsed.statements);
    const fileStores = new Map<string, unknown>();
    const origin = { file: filePath, batch: mf.batch };
    if (mf.report) {
      results.set(filePath, results.get(filePath) ?? []);
      statementCount += parsed.statements.length;
      for (const p of parsed.problems) {
        push(filePath, 'unparsable-sql', p.location, {
          message: `Postgres cannot parse this${p.inDoBody ? ' DO block body' : ''}: ${oneLine(p.message)}. The rest of the file is still checked.`,
          hint: 'drizzle-kit migrate will fail here too; fix the SQL (or the schema that generated it).',
        });
      }
    }
    // What a rule's context shares across the file's statements is made once per file, not per statement.
    const currentBatch = mf.batch;
    const isNewTable = (key: string) => schema.tables.get(key)?.origin.batch === currentBatch;
    const isNewOrigin = (o: { batch: number } | undefined) => o?.batch === currentBatch;
    const fileInfos = mf.report
      ? statementRules.map((rule) => ({
          statements: parsed.statements,
          store: <T>(init: () => T): T => {
            if (!fileStores.has(rule.id)) fileStores.set(rule.id, init());
            return fileStores.get(rule.id) as T;
          },
        }))
      : [];
    for (const stmt of parsed.statements) {
      tx.before(stmt);
      if (mf.report) {
        statementRules.forEach((rule, r) => {
          const ctx: StatementContext = {
            statement: stmt,
            file: fileInfos[r],
            schema,
            filePath,
            batch: currentBatch,
            transaction: tx.current(rule.id),
            session: sessions.get(rule.id)!,
            options: fileOptions,
            isNewTable,
            isNewOrigin,
            report: (rep) => push(filePath, rule.id, stmt.locate(rep.at), rep, stmt),
          };
          rule.check!(ctx);
        });
      }
      schema.apply(stmt, origin);
      tx.after(stmt);
    }
    if (mf.report) {
      const transactionContinues = tx.continuesIntoNextFile(folder.files[i + 1]?.batch === mf.batch);
      for (const rule of endRules) {
        rule.endOfFile!({
          filePath,
          statements: parsed.statements,
          transaction: tx.current(rule.id),
          transactionContinues,
          session: sessions.get(rule.id)!,
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

  const files = [...results].map(([filePath, messages]) => ({ filePath, messages }));
  return { files, statements: statementCount };
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
      report(s.location, { message: `${where} names no rule; list the rule ids it should silence.`, hint: `-- ${where} <rule-id> -- <reason>` });
      continue;
    }
    for (const id of s.ruleIds) {
      if (!known.has(id)) {
        const close = closestRuleId(id);
        report(s.location, { message: `${where} names unknown rule "${id}".`, hint: close ? `Did you mean "${close}"?` : 'Run `drizzle-migration-lint rules` for the list of rule ids.' });
      }
      else if (!s.used.has(id) && run.severities.has(id) && !unknowable.has(id)) report(s.location, { message: `${where} for "${id}" matched no finding; remove it.` });
    }
    if (run.requireSuppressionReason && !s.reason) {
      report(s.location, {
        message: `${where} has no reason; say why after the rule ids.`,
        hint: `-- ${where} ${s.ruleIds.join(', ')} -- <why this is safe here> (or set requireSuppressionReason: false)`,
      });
    }
  }
}

/**
 * Parses a migration; a parser that ran out of memory (or a heap too small for the tree) stops the
 * run with one line naming the file: the parser cannot be used again, and the report would be partial.
 */
function parseOrStop(filePath: string, text: string): ParsedFile {
  try {
    return parseMigration(filePath, text);
  } catch (e) {
    if (e instanceof ParserCrash) throw new UsageError(`${filePath}: ${e.message}`);
    throw e;
  }
}

/** Parser messages quote the offending text, which can span lines. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n][\s\S]*$/, '…"');
}
