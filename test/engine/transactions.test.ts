import { beforeAll, describe, expect, it } from 'vitest';
import { TransactionTracker } from '../../src/linter/transactions.js';
import { durationMs, settingChangeOf } from '../../src/sql/session-settings.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { loadParser } from '../../src/sql/parser.js';
import type { Runner } from '../../src/rules/types.js';

beforeAll(loadParser);

interface Seen {
  sql: string;
  tx: number;
  active: boolean;
  source: string;
  previous: number;
  lockTimeout?: string;
}

/** Replays files (in order, grouped by batch) through the tracker the way lint-folder does. */
function replay(runner: Runner, files: { text: string; batch: number }[]): Seen[] {
  const tracker = new TransactionTracker(runner);
  const seen: Seen[] = [];
  let batch: number | undefined;
  files.forEach((f, i) => {
    if (f.batch !== batch) {
      if (batch !== undefined) tracker.endBatch();
      batch = f.batch;
      tracker.startBatch();
    }
    const parsed = parseMigration(`drizzle/000${i}_x.sql`, f.text);
    tracker.startFile(parsed.statements);
    for (const s of parsed.statements) {
      tracker.before(s);
      const t = tracker.current();
      seen.push({
        sql: s.text,
        tx: t.id,
        active: t.active,
        source: t.source,
        previous: t.previous.length,
        lockTimeout: tracker.sessionInfo().setting('LOCK_TIMEOUT')?.value,
      });
      tracker.after(s);
    }
    tracker.endFile();
  });
  tracker.endBatch();
  return seen;
}

const BP = '\n--> statement-breakpoint\n';
const byText = (seen: Seen[], sql: string) => seen.find((s) => s.sql === sql)!;

describe('runner models', () => {
  const files = [
    { text: `CREATE TABLE a (id int);${BP}CREATE TABLE b (id int);`, batch: 1 },
    { text: 'CREATE TABLE c (id int);', batch: 1 },
    { text: 'CREATE TABLE d (id int);', batch: 2 },
  ];

  it('drizzle: every file of a batch is one transaction, the next batch another', () => {
    const seen = replay('drizzle', files);
    expect(seen.map((s) => [s.active, s.source, s.previous])).toEqual([
      [true, 'runner', 0],
      [true, 'runner', 1],
      [true, 'runner', 2],
      [true, 'runner', 0],
    ]);
    expect(new Set(seen.slice(0, 3).map((s) => s.tx)).size).toBe(1);
    expect(seen[3].tx).not.toBe(seen[0].tx);
  });

  it('per-file: each file is its own transaction', () => {
    const seen = replay('per-file', files);
    expect(seen.map((s) => [s.active, s.source, s.previous])).toEqual([
      [true, 'runner', 0],
      [true, 'runner', 1],
      [true, 'runner', 0],
      [true, 'runner', 0],
    ]);
    expect(seen[0].tx).toBe(seen[1].tx);
    expect(seen[2].tx).not.toBe(seen[1].tx);
  });

  it('none: autocommit, each statement its own transaction id', () => {
    const seen = replay('none', files);
    expect(seen.every((s) => !s.active && s.source === 'none' && s.previous === 0)).toBe(true);
    expect(new Set(seen.map((s) => s.tx)).size).toBe(4);
  });
});

describe('explicit transaction control', () => {
  it('none: BEGIN … COMMIT opens and closes an explicit transaction; END and ABORT count', () => {
    const seen = replay('none', [
      { text: 'BEGIN; CREATE TABLE a (id int); CREATE TABLE b (id int); END; CREATE TABLE c (id int); START TRANSACTION; CREATE TABLE d (id int); ABORT; CREATE TABLE e (id int);', batch: 1 },
    ]);
    expect(byText(seen, 'CREATE TABLE a (id int)')).toMatchObject({ active: true, source: 'explicit', previous: 0 });
    expect(byText(seen, 'CREATE TABLE b (id int)')).toMatchObject({ active: true, source: 'explicit', previous: 1 });
    expect(byText(seen, 'CREATE TABLE c (id int)')).toMatchObject({ active: false, source: 'none' });
    expect(byText(seen, 'CREATE TABLE d (id int)')).toMatchObject({ active: true, source: 'explicit', previous: 0 });
    expect(byText(seen, 'CREATE TABLE e (id int)')).toMatchObject({ active: false });
  });

  it('drizzle: COMMIT ends the batch transaction; the rest runs in autocommit until BEGIN, which carries into the next file', () => {
    const seen = replay('drizzle', [
      { text: `CREATE TABLE a (id int);${BP}COMMIT;${BP}CREATE INDEX CONCURRENTLY i ON a (id);${BP}BEGIN;${BP}CREATE TABLE b (id int);`, batch: 1 },
      { text: 'CREATE TABLE c (id int);', batch: 1 },
    ]);
    const a = byText(seen, 'CREATE TABLE a (id int)');
    expect(a).toMatchObject({ active: true, source: 'runner' });
    expect(byText(seen, 'CREATE INDEX CONCURRENTLY i ON a (id)')).toMatchObject({ active: false, source: 'none' });
    const b = byText(seen, 'CREATE TABLE b (id int)');
    expect(b).toMatchObject({ active: true, source: 'explicit', previous: 0 });
    expect(byText(seen, 'CREATE TABLE c (id int)')).toMatchObject({ active: true, source: 'explicit', previous: 1, tx: b.tx });
    expect(b.tx).not.toBe(a.tx);
  });

  it('a BEGIN inside an open transaction changes nothing (Postgres only warns)', () => {
    const seen = replay('drizzle', [{ text: 'CREATE TABLE a (id int); BEGIN; CREATE TABLE b (id int);', batch: 1 }]);
    expect(byText(seen, 'CREATE TABLE b (id int)')).toMatchObject({ source: 'runner', previous: 1, tx: seen[0].tx });
  });

  it('per-file: the runner commits what a file leaves open', () => {
    const seen = replay('per-file', [
      { text: 'COMMIT; BEGIN; CREATE TABLE a (id int);', batch: 1 },
      { text: 'CREATE TABLE b (id int);', batch: 1 },
    ]);
    expect(byText(seen, 'CREATE TABLE a (id int)')).toMatchObject({ source: 'explicit' });
    expect(byText(seen, 'CREATE TABLE b (id int)')).toMatchObject({ source: 'runner', previous: 0 });
  });

  it('statements inside a DO body are in the enclosing transaction', () => {
    const seen = replay('none', [{ text: "BEGIN; DO $$ BEGIN CREATE TYPE t AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$; COMMIT;", batch: 1 }]);
    expect(byText(seen, "CREATE TYPE t AS ENUM ('a')")).toMatchObject({ active: true, source: 'explicit', previous: 1 });
  });
});

describe('implicit blocks (drizzle sends a chunk as one query string)', () => {
  it('several statements in one chunk after COMMIT run as one implicit transaction', () => {
    const seen = replay('drizzle', [
      { text: `COMMIT;${BP}CREATE INDEX CONCURRENTLY i ON a (id); CREATE INDEX CONCURRENTLY j ON a (id);${BP}CREATE INDEX CONCURRENTLY k ON a (id);`, batch: 1 },
    ]);
    const i = byText(seen, 'CREATE INDEX CONCURRENTLY i ON a (id)');
    expect(i).toMatchObject({ active: true, source: 'implicit', previous: 0 });
    expect(byText(seen, 'CREATE INDEX CONCURRENTLY j ON a (id)')).toMatchObject({ active: true, source: 'implicit', previous: 1, tx: i.tx });
    expect(byText(seen, 'CREATE INDEX CONCURRENTLY k ON a (id)')).toMatchObject({ active: false });
  });

  it('per-file and none runners do not assume drizzle’s chunking', () => {
    const seen = replay('none', [{ text: 'CREATE INDEX CONCURRENTLY i ON a (id); CREATE INDEX CONCURRENTLY j ON a (id);', batch: 1 }]);
    expect(seen.every((s) => !s.active)).toBe(true);
  });
});

describe('session settings', () => {
  it('SET persists across transactions and files of a batch; a new batch is a new session', () => {
    const seen = replay('per-file', [
      { text: "SET lock_timeout = '5s'; CREATE TABLE a (id int);", batch: 1 },
      { text: 'CREATE TABLE b (id int);', batch: 1 },
      { text: 'CREATE TABLE c (id int);', batch: 2 },
    ]);
    expect(byText(seen, 'CREATE TABLE a (id int)').lockTimeout).toBe('5s');
    expect(byText(seen, 'CREATE TABLE b (id int)').lockTimeout).toBe('5s');
    expect(byText(seen, 'CREATE TABLE c (id int)').lockTimeout).toBeUndefined();
  });

  it('SET LOCAL ends with its transaction; outside a transaction it does nothing', () => {
    const seen = replay('none', [
      { text: "SET LOCAL lock_timeout = '1s'; CREATE TABLE a (id int); BEGIN; SET LOCAL lock_timeout = '2s'; CREATE TABLE b (id int); COMMIT; CREATE TABLE c (id int);", batch: 1 },
    ]);
    expect(byText(seen, 'CREATE TABLE a (id int)').lockTimeout).toBeUndefined();
    expect(byText(seen, 'CREATE TABLE b (id int)').lockTimeout).toBe('2s');
    expect(byText(seen, 'CREATE TABLE c (id int)').lockTimeout).toBeUndefined();
  });

  it('ROLLBACK undoes a session SET made in the transaction; RESET clears it; set_config counts', () => {
    const seen = replay('none', [
      {
        text: "SET lock_timeout = '9s'; BEGIN; SET lock_timeout = '1s'; ROLLBACK; CREATE TABLE a (id int); RESET lock_timeout; CREATE TABLE b (id int); SELECT set_config('lock_timeout', '3s', false); CREATE TABLE c (id int); RESET ALL; CREATE TABLE d (id int);",
        batch: 1,
      },
    ]);
    expect(byText(seen, 'CREATE TABLE a (id int)').lockTimeout).toBe('9s');
    expect(byText(seen, 'CREATE TABLE b (id int)').lockTimeout).toBeUndefined();
    expect(byText(seen, 'CREATE TABLE c (id int)').lockTimeout).toBe('3s');
    expect(byText(seen, 'CREATE TABLE d (id int)').lockTimeout).toBeUndefined();
  });

  it('reads setting values and durations', () => {
    const [zero] = parseMigration('x.sql', 'SET lock_timeout = 0').statements;
    expect(settingChangeOf(zero)).toEqual({ name: 'lock_timeout', value: '0', local: false });
    const [local] = parseMigration('x.sql', "SELECT set_config('lock_timeout', '5s', true)").statements;
    expect(settingChangeOf(local)).toEqual({ name: 'lock_timeout', value: '5s', local: true });
    expect(durationMs('5s')).toBe(5000);
    expect(durationMs('250')).toBe(250);
    expect(durationMs('1min')).toBe(60000);
    expect(durationMs('0')).toBe(0);
    expect(durationMs('soon')).toBeUndefined();
  });
});
