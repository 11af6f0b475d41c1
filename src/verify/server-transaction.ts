import { UsageError } from '../errors.js';
import type { Session } from './database.js';
import { changedSetting, splittingSettings, type SplittingSettings } from './splitting-settings.js';
import { SafetyStop } from './stops.js';

/** The one transaction verify keeps open on a server the user provides, and what it must give back. */
export interface ServerTransaction {
  /** The transaction's ID, assigned at BEGIN. */
  xid: string;
  /** How the server splits text when the run starts (the splitter's assumptions). */
  settings: SplittingSettings;
  /** Every existing sequence's state: nextval is never rolled back. */
  sequences: SequenceState[];
}

interface SequenceState {
  oid: number;
  name: string;
  /** null: never called since its start (is_called false). */
  last: string | null;
  start: string;
}

// The CASEs keep pg_sequence_last_value and has_sequence_privilege (which raise on other relkinds) from being called on other relations before the filter applies.
const SEQUENCES_SQL = `
SELECT c.oid::int AS oid, c.oid::regclass::text AS name, (CASE WHEN c.relkind = 'S' THEN pg_sequence_last_value(c.oid) END)::text AS last, s.seqstart::text AS start
  FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND n.nspname NOT LIKE 'pg\\_temp%' AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'SELECT') ELSE false END`;

/**
 * Opens verify's transaction. An ID is assigned at once (txid_current), so that after every
 * statement `txid_current_if_assigned()` tells whether the session is still inside it: a COMMIT or
 * ROLLBACK, however it got to the server, ends the transaction, and the next one has no ID or
 * another one. Neither a savepoint nor a subtransaction changes the top-level ID.
 */
export async function beginServerTransaction(session: Session): Promise<ServerTransaction> {
  await session.exec('BEGIN');
  const [{ ok, replica, xid }] = await session.query<{ ok: boolean; replica: boolean; xid: string }>(
    "SELECT has_database_privilege(current_database(), 'CREATE') OR COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false) AS ok, pg_is_in_recovery() AS replica, txid_current()::text AS xid",
  ).catch((e: Error & { code?: string }) => {
    // A read-only replica refuses to assign a transaction ID.
    if (e.code === '25006') return [{ ok: true, replica: true, xid: '' }];
    throw e;
  });
  if (replica) throw new UsageError('--database-url points at a read-only replica; verify needs a primary (a scratch database or a branch)');
  if (!ok) throw new UsageError('--database-url: this role cannot create objects in the database; verify needs a role that can run the migrations (on a scratch database or a branch)');
  // No savepoint is kept open around the run: the batch must run at the top level (see needsTopLevel).
  return { xid, settings: await splittingSettings(session), sequences: await session.query<SequenceState>(SEQUENCES_SQL) };
}

/**
 * After a statement of a migration: stops the run (SafetyStop) when the session left verify's
 * transaction; returns the splitting setting the statement changed, if any.
 */
export async function checkStillInside(session: Session, tx: ServerTransaction, after: string): Promise<string | undefined> {
  const [{ xid }] = await session.query<{ xid: string | null }>('SELECT txid_current_if_assigned()::text AS xid');
  if (xid !== tx.xid) {
    throw new SafetyStop(
      `verify stopped after ${after}: the session is no longer inside verify's transaction (transaction ${tx.xid}, now ${xid ?? 'none'}). ` +
        'Nothing more was run; check the database for changes.',
    );
  }
  return changedSetting(tx.settings, await splittingSettings(session));
}

/**
 * Undoes everything: ROLLBACK, then the sequences that moved (verify's sample rows, a migration's
 * nextval: never rolled back) set back with setval to what they were, so that a dump before and
 * after is the same. A sequence another session advanced meanwhile is set back as well: verify is
 * meant for a scratch database or a branch.
 */
export async function endServerTransaction(session: Session, tx: ServerTransaction | undefined): Promise<void> {
  await session.exec('ROLLBACK');
  if (!tx) return;
  const now = new Map((await session.query<SequenceState>(SEQUENCES_SQL)).map((s) => [s.oid, s]));
  for (const s of tx.sequences) {
    const current = now.get(s.oid);
    if (!current || current.last === s.last) continue;
    await session.query('SELECT setval($1::int::oid::regclass, $2::bigint, $3)', [s.oid, s.last ?? s.start, s.last !== null]);
  }
}
