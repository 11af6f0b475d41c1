import type { Rule } from './types.js';

/** `directive` is the comment's keyword: migration-lint-disable-file or migration-lint-disable-next-statement. */
export const messages = {
  noRule: (a: { directive: string }) => `${a.directive} names no rule; list the rule ids it should silence.`,
  noRuleHint: (a: { directive: string }) => `-- ${a.directive} <rule-id> -- <reason>`,
  unknownRule: (a: { directive: string; ruleId: string }) => `${a.directive} names unknown rule "${a.ruleId}".`,
  didYouMean: (a: { ruleId: string }) => `Did you mean "${a.ruleId}"?`,
  listRules: () => 'Run `drizzle-migration-lint rules` for the list of rule ids.',
  unused: (a: { directive: string; ruleId: string }) => `${a.directive} for "${a.ruleId}" matched no finding; remove it.`,
  noReason: (a: { directive: string }) => `${a.directive} has no reason; say why after the rule ids.`,
  noReasonHint: (a: { directive: string; ruleIds: string }) =>
    `-- ${a.directive} ${a.ruleIds} -- <why this is safe here> (or set requireSuppressionReason: false)`,
};

/** Reported by the engine after suppressions are matched (the rule has no check of its own), with these texts. */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  category: 'drizzle',
  recommended: true,
  defaultSeverity: 'warning',
  description: 'A suppression comment that matched no finding, names an unknown rule, or gives no reason',
  squawk: ['unused-ignore'],
  messages,
};
