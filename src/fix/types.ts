import type { Message } from '../linter/result.js';

/**
 * Where a chunk of SQL runs inside one `drizzle-kit migrate` run. `transaction`: in the batch's
 * transaction (or, after an escape, in the transaction a `BEGIN;` chunk reopens). `autocommit`: on its
 * own, after a `COMMIT;` chunk (CONCURRENTLY builds, VALIDATE after its NOT VALID add, ADD VALUE
 * before the value's first use, a batched backfill that commits as it goes).
 */
export type ChunkMode = 'transaction' | 'autocommit';

export interface SqlChunk {
  /** One statement, without the trailing semicolon. */
  sql: string;
  mode: ChunkMode;
  /** What the chunk is for, one short phrase (shown in the plan). */
  purpose?: string;
}

/** A finding a step resolves (the lint message it came from). */
export interface FindingRef {
  ruleId: string;
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function findingRef(filePath: string, m: Message): FindingRef {
  return { ruleId: m.ruleId, filePath, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message };
}

/** One rewrite of one statement (or an insertion at the start of a batch). */
export interface FixStep {
  /** The recipe (its rule id). */
  recipe: string;
  /** Absolute path of the migration the step rewrites. */
  path: string;
  /** Where the rewritten statement is (1-based). */
  line: number;
  /** The statement text that is replaced (empty for an insertion). */
  before: string;
  chunks: SqlChunk[];
  resolves: FindingRef[];
  /** What the step costs or leaves to the user (e.g. the placeholder to fill). */
  notes: string[];
  /** With --follow-up: the chunks that moved to the follow-up migration (`chunks` keeps the rest). */
  followUp?: { tag: string; path: string; chunks: SqlChunk[] };
}

/** A finding that fix does not rewrite: what the user must do instead. */
export interface NeedsUser {
  finding: FindingRef;
  reason: string;
  /** An expand/contract plan: deploys with their SQL and the Drizzle schema change for each. */
  plan?: DeployStep[];
}

export interface DeployStep {
  title: string;
  sql: string[];
  drizzle: string;
}

export interface FileChange {
  /** Absolute path. */
  path: string;
  kind: 'modify' | 'create';
  before: string;
  after: string;
}

/** Why a step could not be planned: then nothing is written. */
export interface PlanProblem {
  path: string;
  line: number;
  message: string;
  /**
   * `not-rerunnable`: a statement that would run before a COMMIT fix adds has no re-runnable form, so
   * fix refuses the file rather than write a batch that a re-run after a failure would break.
   * `follow-up`: with --follow-up, the folder cannot take a follow-up migration (see follow-up.ts).
   */
  kind?: 'not-rerunnable' | 'follow-up';
}

export interface FixPlan {
  steps: FixStep[];
  files: FileChange[];
  needsUser: NeedsUser[];
  problems: PlanProblem[];
  /** Folders and pending migrations considered (absolute paths). */
  pending: string[];
  /** With --follow-up: the migrations fix adds, each after the last migration of its folder. */
  followUps?: { tag: string; path: string; after: string; notes: string[] }[];
}
