import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithPositions, type JsonNode } from '../../src/project/json-positions.js';

/** The value a node stands for, to compare with JSON.parse. */
function plain(node: JsonNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'array') return node.items.map(plain);
  return Object.fromEntries([...node.members].map(([k, v]) => [k, plain(v)]));
}

describe('parseJsonWithPositions', () => {
  it('gives each value its span and the same plain value as JSON.parse', () => {
    const text = '\ufeff{\r\n\t"entries": [ {"idx": 0, "tag": "0000_a", "when": 1.5e3, "ok": true, "x": null} ]\n}\n';
    const root = parseJsonWithPositions(text);
    expect(plain(root)).toEqual(JSON.parse(text.slice(1)));
    if (root.type !== 'object') throw new Error('not an object');
    const entries = root.members.get('entries');
    if (entries?.type !== 'array') throw new Error('not an array');
    const entry = entries.items[0];
    expect(text.slice(entry.start, entry.end)).toBe('{"idx": 0, "tag": "0000_a", "when": 1.5e3, "ok": true, "x": null}');
    if (entry.type !== 'object') throw new Error('not an object');
    const tag = entry.members.get('tag')!;
    expect(text.slice(tag.start, tag.end)).toBe('"0000_a"');
  });

  it.each([
    ['a no-break space between tokens', '{"a":\u00a01}', 5],
    ['a trailing comma', '[1,]', 3],
    ['text after the value', '{} x', 3],
    ['an unterminated string (at the end of the text)', '{"a', 3],
  ])('rejects %s, as JSON.parse does, at its offset', (_what, text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    let error: unknown;
    try {
      parseJsonWithPositions(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).offset).toBe(offset);
  });
});
