import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';

describe('rule registry', () => {
  it('lists every rule once, sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('gives every rule its texts as `messages` (functions returning strings)', () => {
    expect(RULES.filter((r) => !r.messages || !Object.keys(r.messages).length).map((r) => r.id)).toEqual([]);
    for (const r of RULES) for (const text of Object.values(r.messages)) expect(typeof text).toBe('function');
  });

  it('has either `create` or the hooks it would return, never both', () => {
    expect(RULES.filter((r) => r.create && (r.check || r.endOfFile || r.endOfBatch)).map((r) => r.id)).toEqual([]);
  });
});
