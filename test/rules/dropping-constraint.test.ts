import { testRule } from '../helpers/test-rule.js';

const base = {
  path: 'drizzle/0000_base.sql',
  text: [
    'CREATE TABLE "p" ("id" bigint PRIMARY KEY);',
    'CREATE TABLE "c" ("id" bigint, "p_id" bigint, "email" text, "n" int);',
    'ALTER TABLE "c" ADD CONSTRAINT "c_p_id_fk" FOREIGN KEY ("p_id") REFERENCES "p"("id");',
    'ALTER TABLE "c" ADD CONSTRAINT "c_email_unique" UNIQUE ("email");',
    'ALTER TABLE "c" ADD CONSTRAINT "c_n_check" CHECK ("n" > 0);',
  ].join('--> statement-breakpoint\n'),
  batch: 0,
};
const later = (text: string) => ({ path: 'drizzle/0001_x.sql', text, batch: 1 });

testRule('dropping-constraint', {
  accept: [
    { sql: 'CREATE TABLE "t" ("a" int CONSTRAINT "t_a" CHECK ("a" > 0));\n--> statement-breakpoint\nALTER TABLE "t" DROP CONSTRAINT "t_a";', description: 'new table' },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT "c_n_check";--> statement-breakpoint\nALTER TABLE "c" ADD CONSTRAINT "c_n_check" CHECK ("n" >= 0);')],
      description: 'check constraint replaced under the same name',
    },
    { files: [base, later('ALTER TABLE "c" DROP CONSTRAINT "c_email_unique";--> statement-breakpoint\nDROP TABLE "c";')], description: 'table dropped later' },
  ],
  reject: [
    {
      files: [
        { path: 'drizzle/0000_keys.sql', text: 'CREATE TABLE "api_keys" ("id" text PRIMARY KEY NOT NULL, CONSTRAINT "api_keys_id_unique" UNIQUE("id"));', batch: 0 },
        later('ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_id_unique";'),
      ],
      description: "drizzle's .primaryKey().unique(): the UNIQUE's name is the primary key's",
      expect: {
        file: 'drizzle/0001_x.sql',
        message:
          'Dropping constraint "api_keys_id_unique" on "api_keys" drops the table\'s primary key: when the table was created, Postgres built one index for its PRIMARY KEY and the UNIQUE constraint on the same columns ("id") and gave both this name. Duplicates become possible, and if other tables\' foreign keys reference the key, the drop fails (2BP01).',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 60,
      },
    },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT "c_p_id_fk";')],
      expect: {
        file: 'drizzle/0001_x.sql',
        message:
          'Dropping foreign key "c_p_id_fk" on "c" stops Postgres from checking that rows point at existing "p" rows, and takes ACCESS EXCLUSIVE on both tables, so reads of "p" wait too until the transaction commits.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 44,
      },
    },
    {
      files: [
        base,
        later('ALTER TABLE "c" DROP CONSTRAINT "c_p_id_fk";--> statement-breakpoint\nDO $$ BEGIN\n ALTER TABLE "c" ADD CONSTRAINT "c_p_id_fk" FOREIGN KEY ("p_id") REFERENCES "p"("id") ON DELETE cascade;\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;'),
      ],
      description: "drizzle-kit's drop and re-add of a changed foreign key still locks both tables",
      expect: { file: 'drizzle/0001_x.sql', message: /^Dropping foreign key "c_p_id_fk" on "c" to re-add it below takes ACCESS EXCLUSIVE on both tables/, line: 1, column: 1, endLine: 1, endColumn: 44 },
    },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT "c_email_unique";')],
      expect: { file: 'drizzle/0001_x.sql', message: /^Dropping unique constraint "c_email_unique" on "c" also drops its index: lookups on "email" slow down.*ON CONFLICT.*\(42P10\)\.$/, line: 1, column: 1, endLine: 1, endColumn: 49 },
    },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT IF EXISTS "c_n_check";')],
      expect: { file: 'drizzle/0001_x.sql', message: 'Dropping check constraint "c_n_check" on "c" lets rows that break it in; running app versions may rely on it holding.', line: 1, column: 1, endLine: 1, endColumn: 54 },
    },
    {
      sql: 'ALTER TABLE "x" DROP CONSTRAINT "x_y_fk";',
      description: 'constraint the migrations never created',
      expect: { message: /if it is a foreign key, the drop also takes ACCESS EXCLUSIVE on the referenced table\.$/, line: 1, column: 1, endLine: 1, endColumn: 41 },
    },
  ],
});
