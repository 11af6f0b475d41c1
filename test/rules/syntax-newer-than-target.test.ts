import { testRule } from '../helpers/test-rule.js';
import { CONSTRUCTS, messages } from '../../src/rules/syntax-newer-than-target.js';

const VIRTUAL = 'ALTER TABLE "t" ADD COLUMN "b" integer GENERATED ALWAYS AS ("a" * 2) VIRTUAL;';
const what = (w: string) => w;
const MESSAGE = { syntax: messages.newer, function: messages.newerFunction, oldNew: messages.newerOldNew, unsupported: messages.newerUnsupported } as const;
type At = { line: number; column: number; endLine: number; endColumn: number };
const at = (column: number, endColumn: number, line = 1, endLine = line): At => ({ line, column, endLine, endColumn });

/** One construct each, at the target just before its version: where the finding starts and ends. */
const newer: [string, (typeof CONSTRUCTS)[keyof typeof CONSTRUCTS], At][] = [
  ['ALTER TABLE "t" ADD CONSTRAINT "c" CHECK ("a" > 0) NOT ENFORCED;', CONSTRUCTS.enforced, at(21, 64)],
  ['CREATE TABLE "t" ("a" integer CHECK ("a" > 0) NOT ENFORCED);', CONSTRUCTS.enforced, at(47, 60)],
  ['CREATE TABLE "t" ("a" integer REFERENCES "u"("id") ENFORCED);', CONSTRUCTS.enforced, at(52, 61)],
  ['ALTER TABLE "t" ALTER CONSTRAINT "f" NOT ENFORCED;', CONSTRUCTS.alterEnforced, at(1, 50)],
  ['ALTER TABLE "t" ALTER CONSTRAINT "t_a_nn" NO INHERIT;', CONSTRUCTS.alterInherit, at(1, 53)],
  ['CREATE TABLE "t" ("a" integer,\n  CONSTRAINT "t_a_nn" NOT NULL "a");', CONSTRUCTS.notNullTableConstraint, at(3, 36, 2)],
  ['CREATE TABLE "p" ("r" int4range, "v" tstzrange, PRIMARY KEY ("r", "v" WITHOUT OVERLAPS));', CONSTRUCTS.withoutOverlaps, at(49, 89)],
  ['ALTER TABLE "c" ADD FOREIGN KEY ("r", PERIOD "v") REFERENCES "p" ("r", PERIOD "v");', CONSTRUCTS.period, at(21, 83)],
  ['UPDATE "t" SET "a" = 2 RETURNING WITH (OLD AS "o") "o"."a";', CONSTRUCTS.returningWith, at(40, 59)],
  ['UPDATE "t" SET "a" = 2 RETURNING "a", old."a";', CONSTRUCTS.returningOldNew, at(39, 46)],
  ['SELECT * FROM JSON_TABLE(\'[1]\'::jsonb, \'$[*]\' COLUMNS ("x" integer PATH \'$\'));', CONSTRUCTS.jsonTable, at(15, 78)],
  ['UPDATE "t" SET "v" = JSON_VALUE("j", \'$.a\');', CONSTRUCTS.jsonQuery, at(22, 44)],
  ['SELECT JSON_SERIALIZE(\'1\'::json);', CONSTRUCTS.jsonScalar, at(8, 33)],
  ['SELECT JSON(\'{"a": 1}\' WITH UNIQUE KEYS);', CONSTRUCTS.jsonUniqueKeys, at(8, 41)],
  ['MERGE INTO "t" USING "s" ON "t"."id" = "s"."id" WHEN MATCHED THEN DELETE RETURNING "t"."id";', CONSTRUCTS.mergeReturning, at(1, 92)],
  ['MERGE INTO "t" USING "s" ON "t"."id" = "s"."id" WHEN NOT MATCHED BY SOURCE THEN DELETE;', CONSTRUCTS.mergeBySource, at(1, 87)],
  ['ALTER TABLE "t" SET ACCESS METHOD DEFAULT;', CONSTRUCTS.accessMethodDefault, at(1, 42)],
  ['ALTER TABLE "t" ALTER COLUMN "a" SET STATISTICS DEFAULT;', CONSTRUCTS.statisticsDefault, at(1, 56)],
  ['UPDATE "t" SET "at" = "ts" AT LOCAL;', CONSTRUCTS.atLocal, at(1, 36)],
  ['ALTER TABLE "t" ADD CONSTRAINT "c" CHECK ("j" IS JSON OBJECT);', CONSTRUCTS.isJson, at(43, 62)],
  ['ALTER TABLE "t" ADD COLUMN "j" jsonb DEFAULT JSON_OBJECT(\'a\': 1);', CONSTRUCTS.jsonConstructor, at(46, 65)],
  ['UPDATE "t" SET "j" = (SELECT JSON_ARRAYAGG("x") FROM "s");', CONSTRUCTS.jsonAggregate, at(30, 58)],
  ['ALTER TABLE "t" ADD COLUMN "doc" text STORAGE EXTERNAL;', CONSTRUCTS.columnStorage, at(28, 55)],
  ['GRANT "r1" TO "r2" WITH INHERIT FALSE;', CONSTRUCTS.grantInheritSet, at(25, 38)],
];

testRule('syntax-newer-than-target', {
  accept: [
    { sql: VIRTUAL, config: { postgresVersion: 18 }, description: 'PG 18 has VIRTUAL generated columns' },
    { sql: 'ALTER TABLE "t" ADD COLUMN "b" integer GENERATED ALWAYS AS ("a" * 2) STORED;', description: 'STORED is PG 12 syntax' },
    { sql: 'ALTER TABLE "t" ADD CONSTRAINT "u" UNIQUE NULLS NOT DISTINCT ("a");', config: { postgresVersion: 15 } },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;', description: 'a column NOT NULL is old syntax' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "b" SET EXPRESSION AS ("a" * 3);', config: { postgresVersion: 17 } },
    { sql: 'ALTER TABLE "t" ADD CONSTRAINT "c" CHECK ("a" > 0) NOT VALID;', description: 'NOT VALID is not NOT ENFORCED' },
    { sql: 'ALTER TABLE "t" ADD CONSTRAINT "f" FOREIGN KEY ("a") REFERENCES "u"("id") ON DELETE CASCADE NOT VALID;' },
    { sql: 'CREATE TABLE "t" ("a" integer REFERENCES "u"("id") CHECK ("a" > 0), "b" integer CONSTRAINT "b_nn" NOT NULL, CHECK ("b" > 0));', description: 'column and table constraints of old syntax, a named column NOT NULL included' },
    { sql: 'CREATE DOMAIN "d" AS integer CHECK (VALUE > 0);' },
    { sql: 'ALTER TABLE "t" ALTER CONSTRAINT "f" DEFERRABLE INITIALLY DEFERRED;' },
    { sql: 'ALTER TABLE "t" SET ACCESS METHOD heap;' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET STATISTICS 500;' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET STORAGE EXTERNAL;' },
    { sql: 'GRANT "r1" TO "r2" WITH ADMIN OPTION;' },
    { sql: 'UPDATE "t" SET "a" = 1 RETURNING "t"."a";' },
    { sql: 'SELECT JSON(\'{"a": 1}\'), json_object(\'{a,1}\'), now() AT TIME ZONE \'UTC\';', description: 'JSON(x) is a cast before 17; json_object(text[]) and AT TIME ZONE are old' },
    { sql: 'SELECT JSON_ARRAY(1, 2), \'{}\' IS JSON;', config: { postgresVersion: 16 } },
  ],
  reject: [
    {
      sql: VIRTUAL,
      description: 'VIRTUAL before 18 (the default target is 15)',
      expect: {
        message: messages.newer({ what: what('A VIRTUAL generated column (GENERATED ALWAYS AS (…) without STORED)'), since: 18, target: 15 }),
        line: 1, column: 40, endLine: 1, endColumn: 77,
      },
    },
    {
      sql: 'CREATE TABLE "t" ("a" integer, "b" integer GENERATED ALWAYS AS ("a" * 2));',
      config: { postgresVersion: 17 },
      description: 'GENERATED without STORED is VIRTUAL on 18, a syntax error before',
      expect: {
        message: messages.newer({ what: 'A VIRTUAL generated column (GENERATED ALWAYS AS (…) without STORED)', since: 18, target: 17 }),
        line: 1, column: 44, endLine: 1, endColumn: 74,
      },
    },
    {
      sql: 'ALTER TABLE "t" ADD CONSTRAINT "u" UNIQUE NULLS NOT DISTINCT ("a");',
      config: { postgresVersion: 14 },
      expect: { message: messages.newer({ what: 'UNIQUE NULLS NOT DISTINCT', since: 15, target: 14 }), line: 1, column: 21, endLine: 1, endColumn: 67 },
    },
    {
      sql: 'ALTER TABLE "t" ALTER COLUMN "b" SET EXPRESSION AS ("a" * 3);',
      config: { postgresVersion: 16 },
      expect: { message: messages.newer({ what: 'ALTER COLUMN … SET EXPRESSION', since: 17, target: 16 }), line: 1, column: 1, endLine: 1, endColumn: 61 },
    },
    {
      sql: 'ALTER TABLE "t" ADD CONSTRAINT "t_a_nn" NOT NULL "a" NOT VALID;',
      expect: { message: messages.newer({ what: 'A named NOT NULL table constraint (ADD CONSTRAINT … NOT NULL col)', since: 18, target: 15 }), line: 1, column: 21, endLine: 1, endColumn: 63 },
    },
    ...newer.map(([sql, c, expect]) => ({ sql, config: { postgresVersion: c.since - 1 }, description: `${c.what} before ${c.since}`, expect: { message: MESSAGE[c.fails]({ what: c.what, since: c.since, target: c.since - 1 }), ...expect } })),
  ],
});
