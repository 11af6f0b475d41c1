import { testRule } from '../helpers/test-rule.js';

const file = (path: string, text: string, batch: number) => ({ path, text, batch });
const INIT = (notNull: boolean) =>
  file('drizzle/0000_init.sql', `CREATE TABLE "t" ("id" bigint${notNull ? ' NOT NULL' : ''}, "a" integer);\n--> statement-breakpoint\nCREATE UNIQUE INDEX "t_id_idx" ON "t" ("id");`, 0);
const USING = 'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY USING INDEX "t_id_idx";';

testRule('adding-primary-key', {
  accept: [
    { files: [INIT(true), file('drizzle/0001_a.sql', USING, 1)], description: 'USING INDEX on NOT NULL columns' },
    { sql: USING, description: 'USING INDEX of an unknown index: nothing known to be nullable' },
    { sql: 'CREATE TABLE "t" ("id" bigint);\n--> statement-breakpoint\nALTER TABLE "t" ADD PRIMARY KEY ("id");', description: 'table created earlier in the same file' },
    {
      files: [file('drizzle/0000_a.sql', 'CREATE TABLE "t" ("id" bigint);', 1), file('drizzle/0001_b.sql', 'ALTER TABLE "t" ADD CONSTRAINT "t_pk" PRIMARY KEY("id");', 1)],
      description: 'table created by an earlier file of the same batch',
    },
  ],
  reject: [
    {
      sql: 'ALTER TABLE "t" ADD CONSTRAINT "t_id_a_pk" PRIMARY KEY("id","a");',
      expect: {
        message: 'Adding primary key to "t" builds a unique index and checks every key column for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait for a full scan of the table.',
        line: 1,
        column: 21,
      },
    },
    {
      files: [INIT(false), file('drizzle/0001_a.sql', USING, 1)],
      description: 'USING INDEX still scans nullable columns',
      expect: {
        file: 'drizzle/0001_a.sql',
        message: 'Adding primary key to "t" USING INDEX "t_id_idx" still scans the whole table under ACCESS EXCLUSIVE, because "id" is not yet NOT NULL: reads and writes wait until the scan finishes.',
        line: 1,
        column: 21,
      },
    },
    {
      sql: 'ALTER TABLE "s"."t" ADD COLUMN "id" bigserial PRIMARY KEY;',
      description: 'ADD COLUMN … PRIMARY KEY, schema-qualified',
      expect: { message: /^Adding primary key column "id" to "s"\."t"/, line: 1, column: 47 },
    },
  ],
});
