import type { Session } from './database.js';

/**
 * How one transaction unit (a drizzle batch, a file, a statement) begins and ends. On PGlite a
 * successful unit is committed so the next one starts with no locks held, like drizzle's next
 * `migrate`; on a server the user provides everything is a savepoint of one transaction that is
 * rolled back at the end.
 */
export interface UnitControl {
  begin(): Promise<void>;
  /** The unit succeeded and later units build on it. */
  keep(): Promise<void>;
  /** The unit failed (or was the last): undo it. */
  discard(): Promise<void>;
}

export function unitControl(session: Session): UnitControl {
  if (session.mayCommit) {
    return {
      begin: () => session.exec('BEGIN'),
      keep: () => session.exec('COMMIT'),
      discard: () => session.exec('ROLLBACK'),
    };
  }
  return {
    begin: () => session.exec('SAVEPOINT verify_unit'),
    keep: () => session.exec('RELEASE SAVEPOINT verify_unit'),
    discard: () => session.exec('ROLLBACK TO SAVEPOINT verify_unit'),
  };
}

/** Runs `body` in a savepoint that is released on success and rolled back (then rethrown) on error. */
export async function inSavepoint<T>(session: Session, name: string, body: () => Promise<T>): Promise<T> {
  await session.exec(`SAVEPOINT ${name}`);
  try {
    const out = await body();
    await session.exec(`RELEASE SAVEPOINT ${name}`);
    return out;
  } catch (e) {
    await session.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw e;
  }
}
