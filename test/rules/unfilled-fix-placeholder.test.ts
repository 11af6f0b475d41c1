import { testRule } from '../helpers/test-rule.js';
import { messages } from '../../src/rules/unfilled-fix-placeholder.js';

const unfilled = messages.unfilled({ placeholder: '__fill_in_backfill_value__' });

const backfill = (value: string) =>
  [
    'ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "tz" text;',
    '--> statement-breakpoint',
    'COMMIT;',
    '--> statement-breakpoint',
    'DO $$',
    'DECLARE',
    '  updated bigint;',
    'BEGIN',
    '  LOOP',
    `    UPDATE "users" SET "tz" = /* FIXME */ ${value}`,
    '    WHERE ctid IN (SELECT ctid FROM "users" WHERE "tz" IS NULL LIMIT 1000);',
    '    GET DIAGNOSTICS updated = ROW_COUNT;',
    '    EXIT WHEN updated = 0;',
    '    COMMIT;',
    '  END LOOP;',
    'END $$;',
  ].join('\n');

testRule('unfilled-fix-placeholder', {
  accept: [
    { sql: backfill("'UTC'"), description: 'the placeholder was replaced by a value' },
    { sql: "UPDATE \"users\" SET \"tz\" = 'x' WHERE \"tz\" = '__fill_in_backfill_value__';", description: 'the word inside a string literal is data, not the placeholder' },
    { sql: 'UPDATE "users" SET "tz" = "fill_in_backfill_value" WHERE "tz" IS NULL;' },
  ],
  reject: [
    { sql: backfill('__fill_in_backfill_value__'), description: 'inside the batched backfill that fix writes', expect: { message: unfilled, line: 10, column: 43 } },
    { sql: 'UPDATE "users" SET "tz" = __fill_in_backfill_value__ WHERE "tz" IS NULL;', description: 'a plain UPDATE', expect: { message: unfilled, line: 1, column: 27 } },
    {
      sql: 'UPDATE "t" SET "a" = __fill_in_backfill_value__, "b" = lower(__fill_in_backfill_value__) WHERE "a" IS NULL;',
      description: 'every occurrence',
      expect: [
        { message: unfilled, line: 1, column: 22 },
        { message: unfilled, line: 1, column: 62 },
      ],
    },
  ],
});
