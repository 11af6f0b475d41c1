import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/attaching-partition.js';

const INIT = {
  path: 'drizzle/0000_init.sql',
  text: 'CREATE TABLE "events" ("id" integer, "at" date) PARTITION BY RANGE ("at");\n--> statement-breakpoint\nCREATE TABLE "events_2025" ("id" integer, "at" date);',
  batch: 0,
};
const LIST_ATTACH = 'ALTER TABLE "acct" ATTACH PARTITION "acct_west" FOR VALUES IN (\'eu\', \'us\', \'ca\');';
const WITH_DEFAULT = { ...INIT, text: `${INIT.text}\n--> statement-breakpoint\nCREATE TABLE "events_other" PARTITION OF "events" DEFAULT;` };
const DEFAULT_ATTACH = 'ALTER TABLE "events" ATTACH PARTITION "events_2025" DEFAULT;';
const ATTACH = 'ALTER TABLE "events" ATTACH PARTITION "events_2025" FOR VALUES FROM (\'2025-01-01\') TO (\'2026-01-01\');';

testRule('attaching-partition', {
  accept: [
    { sql: `CREATE TABLE "events" ("id" integer, "at" date) PARTITION BY RANGE ("at");\n--> statement-breakpoint\nCREATE TABLE "events_2025" ("id" integer, "at" date);\n--> statement-breakpoint\n${ATTACH}`, description: 'partition created in the same batch' },
    {
      files: [
        INIT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "events_2025_bound" CHECK ("at" IS NOT NULL AND "at" >= \'2025-01-01\' AND "at" < \'2026-01-01\') NOT VALID;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'ALTER TABLE "events_2025" VALIDATE CONSTRAINT "events_2025_bound";', batch: 2 },
        { path: 'drizzle/0003_c.sql', text: ATTACH, batch: 3 },
      ],
      description: 'the recipe: a CHECK matching the bound, validated in an earlier transaction',
    },
    {
      files: [
        { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE "acct" ("id" integer, "region" text) PARTITION BY LIST ("region");\n--> statement-breakpoint\nCREATE TABLE "acct_west" ("id" integer, "region" text NOT NULL CHECK ("region" IN (\'us\', \'eu\')));', batch: 0 },
        { path: 'drizzle/0001_a.sql', text: LIST_ATTACH, batch: 1 },
      ],
      description: 'list: a column CHECK allowing a subset of the list on a NOT NULL key (measured: Postgres skips the scan)',
    },
  ],
  reject: [
    {
      files: [INIT, { path: 'drizzle/0001_a.sql', text: ATTACH, batch: 1 }],
      description: 'an existing table attached without a validated CHECK: scanned under ACCESS EXCLUSIVE (measured)',
      expect: { file: 'drizzle/0001_a.sql', message: messages.scan({ partition: '"events_2025"', parent: '"events"' }), line: 1, column: 1, endLine: 1, endColumn: 101 },
    },
    {
      files: [
        INIT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "events_2025_bound" CHECK ("at" >= \'2025-01-01\') NOT VALID;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: ATTACH, batch: 2 },
      ],
      description: 'a NOT VALID check does not spare the scan',
      expect: { file: 'drizzle/0002_b.sql', message: messages.scan({ partition: '"events_2025"', parent: '"events"' }), line: 1, column: 1, endLine: 1, endColumn: 101 },
    },
    {
      files: [
        INIT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "events_2025_bound" CHECK ("at" >= \'2025-01-01\' AND "at" < \'2026-01-01\');', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: ATTACH, batch: 2 },
      ],
      description: 'a validated CHECK without IS NOT NULL on a nullable key: not proven (measured: Postgres scans)',
      expect: {
        file: 'drizzle/0002_b.sql', severity: 'warning', line: 1, column: 1, endLine: 1, endColumn: 101,
        message: messages.mayNotMatch({ partition: '"events_2025"', parent: '"events"', checks: '"events_2025_bound"' }),
      },
    },
    {
      files: [
        INIT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "pos" CHECK ("id" > 0);', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: DEFAULT_ATTACH, batch: 2 },
      ],
      description: 'a DEFAULT partition: its bound is the rest of the key space, not proven from CHECKs',
      expect: {
        file: 'drizzle/0002_b.sql', severity: 'warning', line: 1, column: 1, endLine: 1, endColumn: 60,
        message: messages.mayNotMatchDefault({ partition: '"events_2025"', parent: '"events"', checks: '"pos"' }),
      },
    },
    {
      files: [INIT, { path: 'drizzle/0001_a.sql', text: DEFAULT_ATTACH, batch: 1 }],
      description: 'a DEFAULT partition without any CHECK: scanned',
      expect: { file: 'drizzle/0001_a.sql', message: messages.scan({ partition: '"events_2025"', parent: '"events"' }), line: 1, column: 1, endLine: 1, endColumn: 60 },
    },
    {
      files: [
        INIT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "b" CHECK ("at" IS NOT NULL AND "at" >= \'2025-01-01\' AND "at" < \'2026-01-01\') NOT ENFORCED;', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: ATTACH, batch: 2 },
      ],
      description: 'a NOT ENFORCED CHECK is no proof',
      expect: { file: 'drizzle/0002_b.sql', message: messages.scan({ partition: '"events_2025"', parent: '"events"' }), line: 1, column: 1, endLine: 1, endColumn: 101 },
    },
    {
      files: [WITH_DEFAULT, { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_2025" ADD CONSTRAINT "b" CHECK ("at" IS NOT NULL AND "at" >= \'2025-01-01\' AND "at" < \'2026-01-01\');', batch: 1 }, { path: 'drizzle/0002_b.sql', text: ATTACH, batch: 2 }],
      description: 'the parent has a DEFAULT partition: it is scanned under ACCESS EXCLUSIVE though the new partition\'s CHECK is proven (measured)',
      expect: { file: 'drizzle/0002_b.sql', message: messages.defaultScan({ partition: '"events_2025"', parent: '"events"', defaultPartition: '"events_other"' }), line: 1, column: 1, endLine: 1, endColumn: 101 },
    },
    {
      files: [
        WITH_DEFAULT,
        { path: 'drizzle/0001_a.sql', text: 'ALTER TABLE "events_other" ADD CONSTRAINT "not_2025" CHECK (NOT ("at" >= \'2025-01-01\' AND "at" < \'2026-01-01\'));', batch: 1 },
        { path: 'drizzle/0002_b.sql', text: 'CREATE TABLE "events_2025b" ("id" integer, "at" date);\n--> statement-breakpoint\nALTER TABLE "events" ATTACH PARTITION "events_2025b" FOR VALUES FROM (\'2025-01-01\') TO (\'2026-01-01\');', batch: 2 },
      ],
      description: 'a new partition is not scanned, the DEFAULT partition is, unless its CHECK excludes the bound (not proven: a warning)',
      expect: {
        file: 'drizzle/0002_b.sql', severity: 'warning', line: 3, column: 1, endLine: 3, endColumn: 102,
        message: messages.defaultScanChecked({ partition: '"events_2025b"', parent: '"events"', defaultPartition: '"events_other"', checks: '"not_2025"' }),
      },
    },
  ],
});
