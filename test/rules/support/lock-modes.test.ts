import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaModel } from '../../../src/schema/model.js';
import { parseMigration } from '../../../src/sql/parse-file.js';
import { loadParser } from '../../../src/sql/parser.js';
import { blocksReads, blocksWrites, relationLocks, strongerLock, tableLocks } from '../../../src/pg/lock-modes.js';

beforeAll(loadParser);

/** The fixture of reference/postgres-locks.md: p, t (FK-less, 5 indexes), a partitioned pt, a domain. */
const FIXTURE = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE p (id bigint PRIMARY KEY, name text);
CREATE TABLE t (id bigint PRIMARY KEY, a int, b text, c varchar(10), d timestamp, e numeric(10,2), p_id bigint, m mood, f int, x posint);
CREATE INDEX t_a_idx ON t (a);
CREATE INDEX t_b_idx ON t (b);
CREATE TABLE c (id bigint PRIMARY KEY, t_id bigint CONSTRAINT c_t_fk REFERENCES t (id));
ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id);
ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID;
CREATE TABLE pt (id bigint, k int) PARTITION BY RANGE (k);
CREATE TABLE pt_1 PARTITION OF pt FOR VALUES FROM (0) TO (100);
`;

function locksOf(sql: string, postgresVersion = 15): Record<string, string> {
  const schema = new SchemaModel();
  for (const s of parseMigration('setup.sql', FIXTURE).statements) schema.apply(s, { file: 'setup.sql', batch: 0 });
  const [stmt] = parseMigration('x.sql', sql).statements;
  return Object.fromEntries(relationLocks(stmt, { schema, postgresVersion }).map((l) => [`${l.kind === 'table' ? '' : l.kind + ' '}${l.key}`, l.mode]));
}

// Expected values are the "locks (PG15)" column of reference/postgres-locks.md (index locks only where the model knows the index).
const MEASURED: [string, Record<string, string>][] = [
  ['ALTER TABLE t ADD COLUMN x2 int', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t ADD COLUMN x2 bigint REFERENCES p(id)', { 'public.t': 'ACCESS EXCLUSIVE', 'public.p': 'SHARE ROW EXCLUSIVE' }],
  ['ALTER TABLE t ALTER COLUMN a TYPE bigint', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t ALTER COLUMN a SET NOT NULL', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t ADD CONSTRAINT t_a_pos2 CHECK (a > 0) NOT VALID', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t VALIDATE CONSTRAINT t_a_pos', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE t VALIDATE CONSTRAINT t_p_fk', { 'public.t': 'SHARE UPDATE EXCLUSIVE', 'public.p': 'ROW SHARE' }],
  ['ALTER TABLE t ADD CONSTRAINT t_p_fk2 FOREIGN KEY (p_id) REFERENCES p(id)', { 'public.t': 'SHARE ROW EXCLUSIVE', 'public.p': 'SHARE ROW EXCLUSIVE' }],
  ['ALTER TABLE t ADD CONSTRAINT t_p_fk2 FOREIGN KEY (p_id) REFERENCES p(id) NOT VALID', { 'public.t': 'SHARE ROW EXCLUSIVE', 'public.p': 'SHARE ROW EXCLUSIVE' }],
  ['ALTER TABLE t DROP CONSTRAINT t_p_fk', { 'public.t': 'ACCESS EXCLUSIVE', 'public.p': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t DROP CONSTRAINT t_a_pos', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t ADD CONSTRAINT t_a_uniq UNIQUE USING INDEX t_a_uidx', { 'public.t': 'ACCESS EXCLUSIVE', 'index public.t_a_uidx': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE t SET (fillfactor = 70)', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE t ALTER COLUMN a SET STATISTICS 500', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t DISABLE TRIGGER trg', { 'public.t': 'SHARE ROW EXCLUSIVE' }],
  ['ALTER TABLE t ENABLE ROW LEVEL SECURITY', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t OWNER TO app_user', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE pt ATTACH PARTITION pt_2 FOR VALUES FROM (100) TO (200)', { 'public.pt': 'SHARE UPDATE EXCLUSIVE', 'public.pt_2': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE pt DETACH PARTITION pt_1', { 'public.pt': 'ACCESS EXCLUSIVE', 'public.pt_1': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE pt DETACH PARTITION pt_1 CONCURRENTLY', { 'public.pt': 'SHARE UPDATE EXCLUSIVE' }],
  ['ALTER TABLE t RENAME COLUMN a TO a2', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t RENAME TO t2', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t SET SCHEMA other', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER INDEX t_a_idx RENAME TO t_a_idx2', { 'index public.t_a_idx': 'SHARE UPDATE EXCLUSIVE' }],
  ['CREATE INDEX t_f_idx ON t(f)', { 'public.t': 'SHARE' }],
  ['CREATE INDEX CONCURRENTLY t_f_idx ON t(f)', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['CREATE INDEX pt_k_idx ON pt(k)', { 'public.pt': 'SHARE', 'public.pt_1': 'SHARE' }],
  ['CREATE INDEX pt_k_idx ON ONLY pt(k)', { 'public.pt': 'SHARE' }],
  ['DROP INDEX t_a_idx', { 'public.t': 'ACCESS EXCLUSIVE', 'index public.t_a_idx': 'ACCESS EXCLUSIVE' }],
  ['DROP INDEX CONCURRENTLY t_a_idx', { 'public.t': 'SHARE UPDATE EXCLUSIVE', 'index public.t_a_idx': 'SHARE UPDATE EXCLUSIVE' }],
  ['REINDEX INDEX t_a_idx', { 'public.t': 'SHARE', 'index public.t_a_idx': 'ACCESS EXCLUSIVE' }],
  ['REINDEX INDEX CONCURRENTLY t_a_idx', { 'public.t': 'SHARE UPDATE EXCLUSIVE', 'index public.t_a_idx': 'SHARE UPDATE EXCLUSIVE' }],
  [
    'REINDEX TABLE t',
    { 'public.t': 'SHARE', 'index public.t_pkey': 'ACCESS EXCLUSIVE', 'index public.t_a_idx': 'ACCESS EXCLUSIVE', 'index public.t_b_idx': 'ACCESS EXCLUSIVE' },
  ],
  ['CREATE TABLE newt (id bigint PRIMARY KEY, p_id bigint REFERENCES p(id))', { 'public.p': 'SHARE ROW EXCLUSIVE' }],
  ['CREATE TABLE newt (id bigint PRIMARY KEY, a int)', {}],
  ['CREATE TABLE t_like (LIKE t INCLUDING ALL)', { 'public.t': 'ACCESS SHARE' }],
  ['CREATE TABLE t_copy AS SELECT * FROM t', { 'public.t': 'ACCESS SHARE' }],
  ['DROP TABLE p', { 'public.p': 'ACCESS EXCLUSIVE' }],
  ['DROP TABLE t CASCADE', { 'public.t': 'ACCESS EXCLUSIVE', 'public.c': 'ACCESS EXCLUSIVE', 'public.p': 'ACCESS EXCLUSIVE' }],
  ['TRUNCATE t', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['TRUNCATE t CASCADE', { 'public.t': 'ACCESS EXCLUSIVE', 'public.c': 'ACCESS EXCLUSIVE' }],
  ['UPDATE t SET f = f + 1', { 'public.t': 'ROW EXCLUSIVE' }],
  ['INSERT INTO p (id) SELECT id FROM t', { 'public.p': 'ROW EXCLUSIVE', 'public.t': 'ACCESS SHARE' }],
  ['ALTER TABLE t SET UNLOGGED', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE t REPLICA IDENTITY FULL', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['ALTER TYPE mood ADD VALUE \'meh\'', {}],
  ['ALTER DOMAIN posint ADD CONSTRAINT posint_pos CHECK (VALUE > 0)', { 'public.t': 'SHARE' }],
  ['ALTER DOMAIN posint ADD CONSTRAINT posint_pos CHECK (VALUE > 0) NOT VALID', {}],
  ['ALTER SEQUENCE s RESTART WITH 100', { 'sequence public.s': 'SHARE ROW EXCLUSIVE' }],
  ['CREATE POLICY t_pol ON t FOR SELECT USING (a > 0)', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['GRANT SELECT ON t TO app_user', {}],
  ['CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg_fn()', { 'public.t': 'SHARE ROW EXCLUSIVE' }],
  ['DROP TRIGGER trg ON t', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['CREATE VIEW v AS SELECT id, a FROM t', { 'public.t': 'ACCESS SHARE' }],
  ['REFRESH MATERIALIZED VIEW mv', { 'public.mv': 'ACCESS EXCLUSIVE' }],
  ['REFRESH MATERIALIZED VIEW CONCURRENTLY mv', { 'public.mv': 'EXCLUSIVE' }],
  ['CLUSTER t USING t_a_idx', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['VACUUM FULL t', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['VACUUM t', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['ANALYZE t', { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ["COMMENT ON TABLE t IS 'hello'", { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ["COMMENT ON COLUMN t.a IS 'hello'", { 'public.t': 'SHARE UPDATE EXCLUSIVE' }],
  ['LOCK TABLE t IN SHARE MODE', { 'public.t': 'SHARE' }],
  ['LOCK TABLE t', { 'public.t': 'ACCESS EXCLUSIVE' }],
  ['CREATE TABLE pt_2 PARTITION OF pt FOR VALUES FROM (100) TO (200)', { 'public.pt': 'ACCESS EXCLUSIVE' }],
  ['ALTER TABLE "auth"."users" ADD COLUMN "x" int', { 'auth.users': 'ACCESS EXCLUSIVE' }],
];

describe('relationLocks', () => {
  for (const [sql, want] of MEASURED) {
    it(sql, () => {
      expect(locksOf(sql)).toEqual(want);
    });
  }

  it('GRANT takes ACCESS SHARE on the table from PG 18', () => {
    expect(locksOf('GRANT SELECT ON t TO app_user', 18)).toEqual({ 'public.t': 'ACCESS SHARE' });
  });

  it('several subcommands: the strongest per relation', () => {
    expect(locksOf('ALTER TABLE t SET (fillfactor = 70), ADD COLUMN y int')).toEqual({ 'public.t': 'ACCESS EXCLUSIVE' });
  });
});

describe('helpers', () => {
  it('orders and classifies modes', () => {
    expect(strongerLock('SHARE', 'ROW EXCLUSIVE')).toBe('SHARE');
    expect(strongerLock('SHARE', 'ACCESS EXCLUSIVE')).toBe('ACCESS EXCLUSIVE');
    expect(blocksWrites('SHARE')).toBe(true);
    expect(blocksWrites('SHARE UPDATE EXCLUSIVE')).toBe(false);
    expect(blocksReads('EXCLUSIVE')).toBe(false);
    expect(blocksReads('ACCESS EXCLUSIVE')).toBe(true);
  });

  it('tableLocks counts an index lock against its table', () => {
    const schema = new SchemaModel();
    for (const s of parseMigration('setup.sql', FIXTURE).statements) schema.apply(s, { file: 'setup.sql', batch: 0 });
    const [stmt] = parseMigration('x.sql', 'REINDEX INDEX t_a_idx').statements;
    expect(tableLocks(relationLocks(stmt, { schema })).map((l) => [l.key, l.kind, l.mode])).toEqual([['public.t', 'table', 'ACCESS EXCLUSIVE']]);
  });
});
