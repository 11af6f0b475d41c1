/**
 * The recipes' texts live on their rules (messages.fixRecipe): the fix plan, `explain` and the hint
 * of a finding fix rewrites all show the same text.
 */
import { describe, expect, it } from 'vitest';
import { BATCH_RECIPES, RECIPES } from '../../src/fix/index.js';
import { findRule } from '../../src/rules/index.js';
import { explainRule } from '../../src/cli/explain-command.js';
import { findingsOf } from '../helpers/test-rule.js';

describe('fix recipes as data on the rules', () => {
  it('every recipe title is its rule\'s messages.fixRecipe()', () => {
    const ids = [...Object.keys(RECIPES), ...Object.keys(BATCH_RECIPES)];
    expect(ids).toHaveLength(14);
    for (const id of ids) {
      const title = id in RECIPES ? RECIPES[id].title : BATCH_RECIPES[id as keyof typeof BATCH_RECIPES].title;
      expect(title, id).toBe((findRule(id)!.messages.fixRecipe as () => string)());
    }
  });

  it('explain ends with the recipe', () => {
    expect(explainRule('adding-foreign-key').endsWith(
      '\n\n## Fix\n\n`drizzle-migration-lint fix` rewrites the pending migrations for you: ADD FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a transaction of its own.\n',
    )).toBe(true);
  });

  it("a finding's hint ends with the same recipe", async () => {
    const [f] = await findingsOf('adding-foreign-key', { sql: 'ALTER TABLE "a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b") REFERENCES "b"("id");' });
    expect(f.hint!.endsWith(' `drizzle-migration-lint fix` writes it for you: ADD FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a transaction of its own.')).toBe(true);
    const [lock] = await findingsOf('missing-lock-timeout', { sql: 'ALTER TABLE "a" ADD COLUMN "c" int;' });
    expect(lock.hint!.endsWith(" `drizzle-migration-lint fix` writes it for you: SET lock_timeout = '5s' at the start of the batch (a plain SET lasts for the whole migrate run).")).toBe(true);
  });
});
