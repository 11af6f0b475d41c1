import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/dropping-constraint.js';

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
        message: messages.dropSharedPrimaryKey({ name: '"api_keys_id_unique" on "api_keys"', columns: '"id"' }),
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
        message: messages.dropForeignKey({ name: '"c_p_id_fk" on "c"', parent: '"p"' }),
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
      expect: { file: 'drizzle/0001_x.sql', message: messages.recreateForeignKey({ name: '"c_p_id_fk" on "c"', parent: '"p"' }), line: 1, column: 1, endLine: 1, endColumn: 44 },
    },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT "c_email_unique";')],
      expect: { file: 'drizzle/0001_x.sql', message: messages.dropUnique({ name: '"c_email_unique" on "c"', columns: '"email"' }), line: 1, column: 1, endLine: 1, endColumn: 49 },
    },
    {
      files: [base, later('ALTER TABLE "c" DROP CONSTRAINT IF EXISTS "c_n_check";')],
      expect: { file: 'drizzle/0001_x.sql', message: messages.dropCheck({ name: '"c_n_check" on "c"' }), line: 1, column: 1, endLine: 1, endColumn: 54 },
    },
    {
      sql: 'ALTER TABLE "x" DROP CONSTRAINT "x_y_fk";',
      description: 'constraint the migrations never created',
      expect: { message: messages.dropConstraint({ name: '"x_y_fk" on "x"' }), line: 1, column: 1, endLine: 1, endColumn: 41 },
    },
  ],
});
