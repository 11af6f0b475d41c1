import { describe, expect, it } from 'vitest';
import { copiesInto } from '../../../src/rules/support/copyable-types.js';
import type { ColumnType } from '../../../src/schema/types.js';

const t = (name: string, mods: number[] = [], more: Partial<ColumnType> = {}): ColumnType => ({ name, mods, arrayDims: 0, serial: false, ...more });

describe('copiesInto', () => {
  it.each([
    [t('text'), t('text')],
    [t('varchar', [100]), t('text')],
    [t('text'), t('varchar')],
    [t('varchar', [100]), t('varchar', [200])],
    [t('varchar', [100]), t('varchar')],
    [t('int2'), t('int4')],
    [t('int4'), t('int8')],
    [t('int8'), t('numeric')],
    [t('float4'), t('float8')],
    [t('date'), t('timestamptz')],
    [t('timestamp'), t('timestamptz')],
    [t('timestamp', [3]), t('timestamp', [6])],
    [t('numeric', [10, 2]), t('numeric', [12, 3])],
    [t('json'), t('jsonb')],
    [t('int4', [], { serial: true }), t('int8')],
    [t('status', [], { schema: 'public' }), t('status', [], { schema: 'public' })],
    [t('text', [], { arrayDims: 1 }), t('varchar', [], { arrayDims: 1 })],
  ])('%j copies into %j', (from, to) => expect(copiesInto(from, to)).toBe(true));

  it.each([
    [t('text'), t('uuid')],
    [t('text'), t('int4')],
    [t('uuid'), t('text')],
    [t('int8'), t('int4')],
    [t('timestamptz'), t('timestamp')],
    [t('bpchar', [10]), t('text')],
    [t('varchar', [100]), t('varchar', [50])],
    [t('text'), t('varchar', [50])],
    [t('int4'), t('numeric', [10, 2])],
    [t('numeric', [10, 2]), t('numeric', [10, 3])],
    [t('interval', [8, 3]), t('interval', [16, 3])],
    [t('jsonb'), t('json')],
    [t('text', [], { arrayDims: 1 }), t('text')],
    [t('status', [], { schema: 'public' }), t('text')],
    [t('status', [], { schema: 'public' }), t('state', [], { schema: 'public' })],
  ])('%j does not copy into %j', (from, to) => expect(copiesInto(from, to)).toBe(false));
});
