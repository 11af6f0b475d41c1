/** A Postgres session, embedded (PGlite) or a server: what verify, status, drift and the catalog reader need. */
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
   * call reject (verify: VerifyInterrupted), so that the run unwinds, rolls back and closes.
   */
  interrupt?(signal: string): void;
  /** PGlite in a worker: true once it was terminated at --statement-timeout (the session then does nothing). */
  lost?(): boolean;
}

