/** What verify saw one statement do on a real Postgres (the JSON reporter prints it as is). */

import type { FileResult, LintResult, Message } from '../linter/result.js';
import type { LockMode } from '../pg/lock-modes.js';

export type { LockMode };

/** The strongest lock mode a statement newly took on one pre-existing relation or type. */
export interface ObservedLock {
  /** `schema.name` (schema omitted for `public`). */
  relation: string;
  kind: 'table' | 'index' | 'sequence' | 'view' | 'materialized view' | 'type' | 'other';
  /** For an index: the table it belongs to. */
  table?: string;
  mode: LockMode;
}

export interface ObservedError {
  /** SQLSTATE, e.g. 23502. */
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

/** Facts observed for one statement. */
export interface Observed {
  locks: ObservedLock[];
  /** Pre-existing tables, indexes, sequences and materialized views that got new storage (relfilenode). */
  rewritten: string[];
  /** Pre-existing tables read in full or through an index during the statement (pg_stat_xact_* deltas). */
  scanned: string[];
  durationMs: number;
  error?: ObservedError;
  /**
   * Strongest mode this transaction already held on existing tables before the statement (taken by
   * earlier statements of the batch): a statement needing a mode already held shows no new lock.
   */
  held?: ObservedLock[];
}

export type StatementStatus =
  /** Ran and was observed. */
  | 'ok'
  /** Postgres rejected it: the migration fails here. */
  | 'failed'
  /** Not run: an earlier statement of its transaction failed. */
  | 'not-run'
  /** Could not be checked on this engine (missing extension, not allowed on a server we must not change). */
  | 'not-verifiable';

export interface StatementTrace {
  /** 1-based position of the statement in its file. */
  line: number;
  column: number;
  /** The statement's SQL (shortened when very long). */
  statement: string;
  status: StatementStatus;
  /** Present when the statement ran (also for failures: the time until the error). */
  observed?: Observed;
  /** Why the statement was not run or not verifiable, or what else to know. */
  note?: string;
}

export interface VerifyInfo {
  engine: string;
  serverVersion: string;
  /** Time to start PGlite or connect to the server. */
  startupMs: number;
  totalMs: number;
  /** Tables verify could not put a sample row in, and why. */
  unfilledTables: { table: string; reason: string }[];
  /** Tables that got a sample row (or already had rows). */
  filledTables: number;
  /** Extensions the engine does not ship: statements needing them are not verifiable. */
  missingExtensions: string[];
  /** Roles created as stubs because the migrations reference them. */
  stubRoles: string[];
  /** History statements that failed while being replayed (`file:line:col: SQLSTATE message`). */
  historyProblems: string[];
  /** What else limits the observation in this run. */
  notes: string[];
  /** How the pending migrations were run (--runner), for the footer. */
  runner?: 'drizzle' | 'per-file' | 'none';
}

/** A finding of a verify run: the lint's, plus what the statement was seen doing. */
export interface VerifyMessage extends Message {
  /** What the statement was seen doing on a real Postgres. */
  observed?: Observed;
  /** True when the run confirmed the lock, rewrite, scan or failure the finding claims. */
  verified?: boolean;
  /** What the run saw that contradicts the finding. */
  verifyNote?: string;
}

export interface VerifyFileResult extends FileResult {
  messages: VerifyMessage[];
  /** Every statement of a pending migration, as it ran. */
  trace?: StatementTrace[];
}

/** The result of `verify`: the lint result with traces and observations (the JSON reporter prints it as is). */
export interface VerifyResult extends LintResult {
  results: VerifyFileResult[];
  /** The engine and what it could not reproduce. */
  verify: VerifyInfo;
}
