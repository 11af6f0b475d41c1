// `drift` compares definitions, not only names: defaults, CHECK and generation expressions, index
// columns / methods / predicates, policy roles and expressions, sequences, functions and triggers.
// The database's side is Postgres's own deparsed text (pg_get_expr adds casts and rewrites IN, LIKE,
// BETWEEN): a clean database built by drizzle-orm's real migrator must compare equal, and each hand
// change must be reported once, with both sides, on the migration that made the object.
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driftAgainstDatabase } from '../../src/drift/drift-database.js';
import { driftJson } from '../../src/drift/drift-report.js';
import { messages } from '../../src/drift/messages.js';
import { findProject } from '../../src/project/find-project.js';
import { journalProject, pgliteSession } from '../status/fixture.js';

const SQL = [
  `CREATE TYPE "public"."status" AS ENUM('active', 'archived');--> statement-breakpoint`,
  `CREATE SEQUENCE "public"."invoice_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9999 START WITH 1000 CACHE 1;--> statement-breakpoint`,
  `CREATE TABLE "orders" (`,
  `	"id" serial PRIMARY KEY NOT NULL,`,
  `	"ref" integer GENERATED ALWAYS AS IDENTITY (sequence name "orders_ref_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),`,
  `	"owner" text NOT NULL,`,
  `	"total" numeric(10, 2) DEFAULT '0' NOT NULL,`,
  `	"status" "status" DEFAULT 'active' NOT NULL,`,
  `	"tags" jsonb DEFAULT '{"b":1,"a":[]}'::jsonb,`,
  `	"code" varchar(20),`,
  `	"cents" bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,`,
  `	CONSTRAINT "total_positive" CHECK ("orders"."total" >= 0),`,
  `	CONSTRAINT "code_shape" CHECK ("orders"."code" LIKE 'O-%' AND "orders"."status" IN ('active', 'archived'))`,
  `);`,
  `--> statement-breakpoint`,
  `CREATE INDEX "orders_owner_idx" ON "orders" USING btree ("owner" DESC NULLS LAST,lower("code")) WHERE "orders"."total" > 0;--> statement-breakpoint`,
  `ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint`,
  `CREATE POLICY "own_orders" ON "orders" AS PERMISSIVE FOR SELECT TO "clerk" USING ("orders"."owner" = current_user);--> statement-breakpoint`,
  `CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$`,
  `BEGIN`,
  `  NEW.total := NEW.total;`,
  `  RETURN NEW;`,
  `END $$;--> statement-breakpoint`,
  `CREATE TRIGGER "orders_touch" BEFORE UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION "touch"();--> statement-breakpoint`,
  `CREATE VIEW "open_orders" AS SELECT "id" FROM "orders" WHERE "status" = 'active';--> statement-breakpoint`,
  // A bigserial whose sequence the migrations alter by name (as PageSpace's admin migrations re-own one).
  `CREATE TABLE "ledger" ("id" bigserial PRIMARY KEY NOT NULL);--> statement-breakpoint`,
  `ALTER SEQUENCE "ledger_id_seq" OWNED BY NONE;--> statement-breakpoint`,
  `ALTER SEQUENCE "ledger_id_seq" OWNED BY "ledger"."id";--> statement-breakpoint`,
  `ALTER SEQUENCE "ledger_id_seq" INCREMENT BY 5;`,
].join('\n');

let db: PGlite;
let project: ReturnType<typeof journalProject>;
const FILE = 'drizzle/0000_orders.sql';

beforeAll(async () => {
  db = new PGlite();
  await db.exec('CREATE ROLE clerk NOLOGIN; CREATE ROLE auditor NOLOGIN;');
  project = journalProject([{ tag: '0000_orders', when: 1_700_000_000_000, sql: SQL }]);
});
afterAll(async () => {
  await db.close();
  project.remove();
});
beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(drizzle(db), { migrationsFolder: project.dir });
});

async function drift() {
  const { folders } = findProject({ paths: [], cwd: project.root, runner: 'drizzle' });
  const run = await driftAgainstDatabase(pgliteSession(db), folders, (p) => p, 'PGlite');
  return driftJson(run, project.root) as { inSync: boolean; drift: Record<string, unknown>[]; unmanaged: unknown[] };
}

const differs = (object: string, migrations: string, database: string, at: [number, number, number, number]) => ({
  object,
  kind: 'differs',
  migrations,
  database,
  message: messages.differs({ object, migrations, other: 'database', actual: database }),
  file: FILE,
  line: at[0],
  column: at[1],
  endLine: at[2],
  endColumn: at[3],
});

describe('drift compares definitions (PGlite, after drizzle-orm migrate)', () => {
  it('a clean database: casts, IN, LIKE, jsonb, identity and serial sequences all compare equal', async () => {
    const run = await drift();
    expect(run.drift).toEqual([]);
    expect(run.inSync).toBe(true);
  });

  it('a default changed by hand', async () => {
    await db.exec(`ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived'`);
    expect((await drift()).drift).toEqual([differs('column "orders"."status"', "`DEFAULT 'active'`", "`DEFAULT 'archived'::status`", [8, 2, 8, 10])]);
  });

  it('a CHECK replaced by a different one under the same name', async () => {
    await db.exec(`ALTER TABLE orders DROP CONSTRAINT total_positive, ADD CONSTRAINT total_positive CHECK (total > 0)`);
    expect((await drift()).drift).toEqual([differs('constraint "total_positive" on "orders"', '`CHECK (orders.total >= 0)`', '`CHECK (total > (0)::numeric)`', [12, 13, 12, 29])]);
  });

  it('an index re-created with another method, without its predicate', async () => {
    await db.exec(`DROP INDEX orders_owner_idx; CREATE INDEX orders_owner_idx ON orders USING hash (owner)`);
    expect((await drift()).drift).toEqual([
      differs(
        'index "orders_owner_idx" on "orders"',
        '`CREATE INDEX orders_owner_idx ON public.orders (owner DESC NULLS LAST, (lower(code))) WHERE orders.total > 0`',
        '`CREATE INDEX orders_owner_idx ON public.orders USING hash (owner)`',
        [16, 14, 16, 32],
      ),
    ]);
  });

  it('a policy given other roles and another USING expression', async () => {
    await db.exec(`ALTER POLICY own_orders ON orders TO clerk, auditor USING (true)`);
    const object = 'policy "own_orders" on "orders"';
    expect((await drift()).drift).toEqual([
      differs(object, '`TO clerk`', '`TO auditor, clerk`', [18, 15, 18, 27]),
      differs(object, '`USING (orders.owner = CURRENT_USER)`', '`USING true`', [18, 15, 18, 27]),
    ]);
  });

  it('sequence options changed by hand: a standalone one, a serial\'s and an identity column\'s', async () => {
    await db.exec(`ALTER SEQUENCE invoice_seq MAXVALUE 99999 CYCLE; ALTER SEQUENCE orders_id_seq INCREMENT BY 10; ALTER TABLE orders ALTER COLUMN ref SET START WITH 500`);
    expect((await drift()).drift).toEqual([
      differs('sequence "invoice_seq"', '`MAXVALUE 9999 NO CYCLE`', '`MAXVALUE 99999 CYCLE`', [2, 26, 2, 39]),
      differs('sequence "orders_id_seq"', '`INCREMENT BY 1`', '`INCREMENT BY 10`', [4, 2, 4, 6]),
      differs('sequence "orders_ref_seq"', '`START WITH 1`', '`START WITH 500`', [5, 2, 5, 7]),
    ]);
  });

  it("a serial's sequence the migrations altered by name: compared with what they set", async () => {
    await db.exec(`ALTER SEQUENCE ledger_id_seq INCREMENT BY 1 MAXVALUE 1000`);
    expect((await drift()).drift).toEqual([differs('sequence "ledger_id_seq"', '`INCREMENT BY 5`', '`INCREMENT BY 1`', [26, 24, 26, 28])]);
  });

  it('a sequence, a function and a trigger only the database has', async () => {
    await db.exec(`CREATE SEQUENCE tickets; CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();`);
    const run = await drift();
    const other = (object: string, definition: string) => expect.objectContaining({ object, kind: 'only-in-other', message: messages.onlyInOther({ object, other: 'database', definition }) });
    expect(run.drift).toEqual([
      other('sequence "tickets"', 'START WITH 1 INCREMENT BY 1'),
      other('function "audit"()', 'LANGUAGE plpgsql'),
      other('trigger "orders_audit" on "orders"', 'CREATE TRIGGER orders_audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()'),
    ]);
  });

  it('a function body edited, a trigger re-created for other events, a view dropped', async () => {
    await db.exec(`CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.total := 0;
  RETURN NEW;
END $$; DROP TRIGGER orders_touch ON orders; CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch(); DROP VIEW open_orders;`);
    expect((await drift()).drift).toEqual([
      {
        object: 'view "open_orders"',
        kind: 'only-in-migrations',
        message: messages.onlyInMigrations({ object: 'view "open_orders"', other: 'database' }),
        file: FILE,
        line: 25,
        column: 13,
        endLine: 25,
        endColumn: 26,
      },
      differs('function "touch"', 'body line 3 `NEW.total := NEW.total;`', 'body line 3 `NEW.total := 0;`', [19, 17, 19, 24]),
      differs(
        'trigger "orders_touch" on "orders"',
        '`CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch ()`',
        '`CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION touch()`',
        [24, 16, 24, 30],
      ),
    ]);
  });

  it('a generation expression changed by hand (PostgreSQL 17: SET EXPRESSION)', async () => {
    await db.exec(`ALTER TABLE orders ALTER COLUMN cents SET EXPRESSION AS ((total * 1000)::bigint)`);
    expect((await drift()).drift).toEqual([
      differs('column "orders"."cents"', '`GENERATED ALWAYS AS (CAST(total * 100 AS bigint))`', '`GENERATED ALWAYS AS ((total * (1000)::numeric))::bigint`', [11, 2, 11, 9]),
    ]);
  });
});
