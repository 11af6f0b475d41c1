/**
 * The end of the hint of a finding that `drizzle-migration-lint fix` rewrites: the rule's own recipe
 * (its `messages.fixRecipe`), the text `explain` shows and the `fix` plan names the step with.
 */
export const withFixRecipe = (hint: string, recipe: string): string => `${hint} \`drizzle-migration-lint fix\` writes it for you: ${recipe}.`;

/** The rule's fix recipe text (its `messages.fixRecipe`), or undefined when `fix` has none for it. */
export function fixRecipeOf(rule: { messages: Readonly<Record<string, (args: never) => string>> }): string | undefined {
  const recipe = rule.messages.fixRecipe as (() => string) | undefined;
  return recipe?.();
}

/** The section `explain` adds after a rule's docs page when `fix` has a recipe for the rule. */
export const explainFixSection = (recipe: string): string => `## Fix\n\n\`drizzle-migration-lint fix\` rewrites the pending migrations for you: ${recipe}.\n`;
