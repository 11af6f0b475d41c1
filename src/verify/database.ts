import type { ObservedError } from './types.js';

/** The few things verify needs from a Postgres session, embedded or remote. */
export interface Session {
  /**
   * Runs one statement; resolves when done, rejects with the Postgres error. On a server it goes
   * through the extended protocol, which refuses a text holding several statements (42601).
   */
  exec(sql: string): Promise<void>;
  /** Runs one query and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** `PGlite 0.5.16 (PostgreSQL 18.6)` or the server's version string. */
  readonly engine: string;
  readonly serverVersion: string;
  /** False for a server the user provides: nothing may be committed there. */
  readonly mayCommit: boolean;
  /**
   * SIGINT/SIGTERM: cancels the running statement (a cancel request), and makes it and every later
   * call reject with VerifyInterrupted, so that the run unwinds, rolls back and closes.
   */
  interrupt?(signal: string): void;
  /** PGlite in a worker: true once it was terminated at --statement-timeout (the session then does nothing). */
  lost?(): boolean;
}

/** A Postgres error as both pg and PGlite raise it (fields of the ErrorResponse message). */
export interface PgErrorLike {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the statement text, as a string. */
  position?: string;
}

export function isPgError(e: unknown): e is PgErrorLike & Error {
  return e instanceof Error && typeof (e as PgErrorLike).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgErrorLike).code!);
}

export function observedError(e: PgErrorLike): ObservedError {
  return {
    code: e.code ?? 'XX000',
    message: e.message ?? 'unknown error',
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
  };
}
