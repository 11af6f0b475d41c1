import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/syntax-newer-than-target.js';

const VIRTUAL = 'ALTER TABLE "t" ADD COLUMN "b" integer GENERATED ALWAYS AS ("a" * 2) VIRTUAL;';
const what = (w: string) => w;

testRule('syntax-newer-than-target', {
  accept: [
    { sql: VIRTUAL, config: { postgresVersion: 18 }, description: 'PG 18 has VIRTUAL generated columns' },
    { sql: 'ALTER TABLE "t" ADD COLUMN "b" integer GENERATED ALWAYS AS ("a" * 2) STORED;', description: 'STORED is PG 12 syntax' },
    { sql: 'ALTER TABLE "t" ADD CONSTRAINT "u" UNIQUE NULLS NOT DISTINCT ("a");', config: { postgresVersion: 15 } },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;', description: 'a column NOT NULL is old syntax' },
    { sql: 'ALTER TABLE "t" ALTER COLUMN "b" SET EXPRESSION AS ("a" * 3);', config: { postgresVersion: 17 } },
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
  ],
});
