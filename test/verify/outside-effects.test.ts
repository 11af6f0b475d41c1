import { describe, expect, it } from 'vitest';
import { OUTSIDE_EFFECTS, outsideEffect } from '../../src/verify/outside-effects.js';
import { setsSplittingSetting } from '../../src/verify/splitting-settings.js';
import { parseMigration } from '../../src/sql/parse-file.js';
import { loadParser } from '../../src/sql/parser.js';

describe('outsideEffect: what verify never runs on a server', async () => {
  await loadParser();
  const first = (sql: string) => parseMigration('m.sql', sql).statements[0];

  it.each([
    ["COPY t FROM PROGRAM 'curl x'", 'COPY … PROGRAM runs a shell command on the database server'],
    ["COPY t TO '/tmp/t.csv'", 'COPY … TO a file on the database server'],
    ["COPY t FROM '/etc/passwd'", 'COPY … FROM a file on the database server'],
    ['COPY t FROM STDIN', 'COPY … FROM STDIN needs data that drizzle-kit migrate does not have'],
    ["SELECT lo_import('/etc/passwd')", 'lo_import()'],
    ["SELECT pg_catalog.pg_read_file('/etc/passwd')", 'pg_read_file()'],
    ["SELECT dblink_exec('host=x', 'DROP TABLE t')", 'dblink_exec()'],
    ["INSERT INTO log SELECT * FROM dblink('host=x', 'SELECT 1') AS r(a int)", 'dblink()'],
    ['CREATE DATABASE x', 'CREATE DATABASE'],
    ['DROP DATABASE x', 'DROP DATABASE'],
    ["CREATE TABLESPACE s LOCATION '/tmp/s'", 'CREATE TABLESPACE'],
    ['CHECKPOINT', 'CHECKPOINT'],
    ['VACUUM FULL t', 'VACUUM'],
    ['ALTER SYSTEM SET work_mem = 1', 'ALTER SYSTEM writes postgresql.auto.conf'],
    ["SELECT pg_notify('c', 'x')", 'pg_notify()'],
    ['SELECT pg_terminate_backend(1)', 'pg_terminate_backend()'],
    ["DO $$ BEGIN PERFORM pg_read_file('/etc/passwd'); END $$", 'the DO body calls pg_read_file()'],
  ])('%s', (sql, why) => {
    expect(outsideEffect(first(sql))).toBe(`${OUTSIDE_EFFECTS} (${why})`);
  });

  it('reading or writing a foreign table runs queries on another server', () => {
    expect(outsideEffect(first('INSERT INTO remote_t VALUES (1)'), new Set(['public.remote_t']))).toBe(`${OUTSIDE_EFFECTS} (remote_t is a foreign table: its queries run on another server)`);
    expect(outsideEffect(first('ALTER TABLE remote_t ADD COLUMN x int'), new Set(['public.remote_t']))).toBeUndefined();
  });

  it.each([
    'ALTER TABLE t ADD COLUMN x int',
    'ANALYZE t',
    "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT lo_export(1, '/tmp/x') $$",
    "INSERT INTO t (name) VALUES ('copy to program')",
    "SELECT setval('s', 1)",
  ])('runs %s', (sql) => {
    expect(outsideEffect(first(sql))).toBeUndefined();
  });

  it('knows the settings that change how text is split', () => {
    expect(setsSplittingSetting(first('SET standard_conforming_strings = off'))).toBe('standard_conforming_strings');
    expect(setsSplittingSetting(first("SET LOCAL client_encoding TO 'SJIS'"))).toBe('client_encoding');
    expect(setsSplittingSetting(first('RESET backslash_quote'))).toBe('backslash_quote');
    expect(setsSplittingSetting(first("SET lock_timeout = '5s'"))).toBeUndefined();
  });
});
