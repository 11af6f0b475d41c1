import { describe, expect, it } from 'vitest';
import { closestRuleId, didYouMean } from '../../src/rules/closest-rule.js';

describe('did you mean: the rule id a mistyped one meant', () => {
  it('finds ids a few letters off, and squawk rule names', () => {
    expect(closestRuleId('droping-column')).toBe('dropping-column');
    expect(closestRuleId('Dropping-Column')).toBe('dropping-column');
    expect(closestRuleId('adding-foreign-keys')).toBe('adding-foreign-key');
    expect(closestRuleId('missing-lock-timout')).toBe('missing-lock-timeout');
    expect(closestRuleId('require-timeout-settings')).toBe('missing-lock-timeout'); // squawk's name
    expect(closestRuleId('ban-drop-column')).toBe('dropping-column'); // squawk's name
  });

  it('suggests nothing for an id that is not close to any', () => {
    expect(closestRuleId('no-such-rule')).toBeUndefined();
    expect(closestRuleId('zzz')).toBeUndefined();
    expect(didYouMean('zzz')).toBe('');
    expect(didYouMean('droping-column')).toBe('; did you mean "dropping-column"?');
  });
});
