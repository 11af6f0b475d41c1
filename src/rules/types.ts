import type { SchemaModel } from '../schema/model.js';
import type { Location } from '../sql/source-file.js';
import type { Statement } from '../sql/statement.js';
import type { MigrationFolder, Runner } from '../migrations/types.js';

export type Category = 'locking' | 'failure' | 'compatibility' | 'style' | 'drizzle';
export type Severity = 'error' | 'warning';
export type { Runner };

export interface RuleOptions {
  runner: Runner;
  /** Major version of the target database. */
  postgresVersion: number;
  lockTimeoutSetByRunner: boolean;
  /** Journal `breakpoints` setting (or drizzle.config's), when known. */
  breakpoints?: boolean;
  /**
   * How the current batch was decided: `since` (git ref) or `baseline` (tag) mean the batch is every
   * pending migration; absent means each file is its own batch because nothing told us what is new.
   */
  batchBase?: 'since' | 'baseline';
}

/**
 * A rule's texts: message id → function of named arguments returning the exact text (hints are
 * messages too). Findings, `explain`, `fix` and an editor all read them from here.
 */
export type Messages = Readonly<Record<string, (args: never) => string>>;

/**
 * One replacement in the finding's file. The range is given like a finding's: 1-based lines, 1-based
 * columns in UTF-16 code units, of the text without a leading BOM (what `SourceFile.text` holds;
 * `SourceFile.offset(line, column)` turns it back into a string offset). The end is exclusive, so an
 * insertion has the same start and end.
 */
export interface TextEdit extends Location {
  text: string;
}

/**
 * A migration to add after an existing one, for a fix that cannot stay in the same transaction. The
 * `fix` command chooses its number, writes its journal entry and snapshot, and places the file.
 */
export interface NewMigration {
  /** The migration it runs right after, as findings show its path (`filePath`). */
  after: string;
  /** What it does, as drizzle-kit's tag suffix: `add_index_concurrently` gives `0008_add_index_concurrently`. */
  name: string;
  /** Its SQL, statements separated by `--> statement-breakpoint` lines. */
  text: string;
}

/** A machine-applicable fix for a finding: what the `fix` command (or an editor's quick fix) applies. */
export interface Fix {
  /** One line for the user: what applying it does. */
  description: string;
  /** Edits to the finding's file; none overlap. */
  edits: TextEdit[];
  newMigrations?: NewMigration[];
}

export interface Report {
  message: string;
  /** The safe recipe or next step, one or two sentences. */
  hint?: string;
  /** Byte offset that an AST node reports (its `location`); the statement start when omitted. */
  at?: number;
  /** Fixes the user can apply, safest first; absent (not empty) when there is none. */
  fixes?: Fix[];
  /**
   * 'warning': the hazard depends on something the linter cannot see (a server setting the message
   * names), so the finding is at most a warning whatever the rule's configured severity.
   */
  severity?: 'warning';
}

/** Where a statement runs: which transaction, and what ran before it in that transaction. */
export interface TransactionInfo {
  /** Unique per transaction in a run; statements outside any transaction get their own ids. */
  id: number;
  /** False when the statement runs in autocommit (runner `none`, or after an explicit COMMIT). */
  active: boolean;
  /**
   * How the transaction began: the runner's (the batch under drizzle, the file under per-file), an
   * explicit BEGIN, or an implicit block (drizzle sends a breakpoint chunk of several statements as one
   * query string; outside a transaction Postgres runs it as one).
   */
  source: 'runner' | 'explicit' | 'implicit' | 'none';
  /** Statements that ran before this one in the same transaction (across files of a batch), oldest first. */
  previous: readonly Statement[];
}

/** The migration file a statement belongs to. */
export interface FileInfo {
  /** Every statement of the file in order (DO-body statements included); `statement.index` is a position here. */
  statements: readonly Statement[];
}

/** A run-time setting as the statements so far left it in the session. */
export interface SessionSetting {
  value: string;
  /** Set with SET LOCAL (or set_config(…, true)): it ends with the current transaction. */
  local: boolean;
  /** The statement that set it. */
  statement: Statement;
}

/**
 * The database session (one connection per batch: one `migrate` run). Session-level SET persists
 * across the transactions of the batch; SET LOCAL ends with its transaction.
 */
export interface SessionInfo {
  /** The value in effect before the current statement, or undefined for the server's value. Name is case-insensitive. */
  setting(name: string): SessionSetting | undefined;
}

export interface StatementContext {
  statement: Statement;
  /** The file being linted: lets a rule look ahead or remember what an earlier statement of it did. */
  file: FileInfo;
  /** The schema before this statement. */
  schema: SchemaModel;
  /** File path as shown in results (relative to the working directory). */
  filePath: string;
  /** The batch this file belongs to: files that run in one transaction under the `drizzle` runner. */
  batch: number;
  transaction: TransactionInfo;
  session: SessionInfo;
  options: RuleOptions;
  /** True when the table was created by this batch (so no one else can see it yet). */
  isNewTable(key: string): boolean;
  /** True when the object (table, index, enum) with this origin belongs to the current batch. */
  isNewOrigin(origin: { batch: number } | undefined): boolean;
  report(report: Report): void;
}

export interface FileEndContext {
  filePath: string;
  statements: readonly Statement[];
  transaction: TransactionInfo;
  /**
   * The transaction open at the end of the file goes on in the next file (under drizzle, the next
   * migration of the same batch), so what it does there is still to come.
   */
  transactionContinues: boolean;
  session: SessionInfo;
  options: RuleOptions;
  /**
   * Reports at an explicit location of the file; pass the statement to show its text with the finding,
   * and `filePath` to report in an earlier file of the same batch (one the transaction started in).
   */
  reportAt(location: Location, report: Omit<Report, 'at'>, statement?: Statement, filePath?: string): void;
}

export interface BatchEndContext {
  session: SessionInfo;
  options: RuleOptions;
  /** Reports at a location of one of the batch's files (its path as `filePath` shows it). */
  reportAt(filePath: string, location: Location, report: Omit<Report, 'at'>, statement?: Statement): void;
}

export interface FolderFinding {
  /** File the finding is about (journal or migration), as an absolute path. */
  path: string;
  location?: Location;
  message: string;
  hint?: string;
  fixes?: Fix[];
  /** 'warning': at most a warning whatever the rule's severity (see Report.severity). */
  severity?: 'warning';
}

export interface FolderContext {
  folder: MigrationFolder;
  options: RuleOptions;
  report(finding: FolderFinding): void;
}

export interface RuleMeta {
  id: string;
  category: Category;
  /** In the `recommended` preset (and so in `strict` and `all`). */
  recommended: boolean;
  defaultSeverity: Severity;
  /** One line for `rules` and the catalog. */
  description: string;
  /** The equivalent squawk rule names, for users moving from squawk. */
  squawk?: string[];
}

/** What a rule does while the statements of a session run. */
export interface RuleHooks {
  /** Called for every statement, in the order the runner executes them. */
  check?(ctx: StatementContext): void;
  /** Called after the last statement of each file. */
  endOfFile?(ctx: FileEndContext): void;
  /** Called when a batch (one `migrate` run, one session) ends, after the endOfFile of its last file. */
  endOfBatch?(ctx: BatchEndContext): void;
}

export interface Rule extends RuleMeta, RuleHooks {
  /** The texts the rule reports (see `Messages`). */
  messages: Messages;
  /**
   * For a rule that remembers what earlier statements did (ESLint's `create`): called when each
   * session (batch: one `migrate` run) starts, it returns the hooks for that session, and the state
   * lives in their closure, so it is visible in the module and typed. State for a narrower scope (a
   * file, a transaction) is kept per key with `perScope` (support/per-scope.ts). A rule has either
   * `create` or the hooks.
   */
  create?(): RuleHooks;
  /** Called once per migrations folder (journal and layout rules). */
  checkFolder?(ctx: FolderContext): void;
  /**
   * Without a pending batch (no --since/--baseline: each file its own batch) the rule's findings in a
   * folder are one decision: the engine keeps the first unsuppressed one, drops the others, and appends
   * this sentence (`files`: how many files had one; called only when more than one did).
   */
  foldWithoutBatch?(a: { files: number }): string;
  /** Reported by `verify` alone, from what a real Postgres did (no check runs in `lint`). */
  verifyOnly?: true;
}
