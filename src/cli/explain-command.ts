import { findRule } from '../rules/index.js';
import { didYouMean } from '../rules/closest-rule.js';
import { readDocsPage } from '../app/docs-page.js';
import { UsageError } from '../errors.js';
import { explainFixSection, fixRecipeOf } from '../rules/support/fix-recipe.js';

/** The rule's docs page, shipped in the package's docs/rules folder, then the recipe `fix` applies (from the rule). */
export function explainRule(id: string): string {
  const rule = findRule(id);
  if (!rule) throw new UsageError(`explain ${id}: unknown rule${didYouMean(id)} (run \`drizzle-migration-lint rules\` for the list)`);
  const page = readDocsPage(id) ?? `${rule.id} (${rule.category}, ${rule.defaultSeverity})\n\n${rule.description}\n`;
  const recipe = fixRecipeOf(rule);
  return recipe ? `${page.replace(/\n*$/, '\n')}\n${explainFixSection(recipe)}` : page;
}
