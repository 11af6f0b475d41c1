/**
 * A copy of the schema model at one point of the replay, so that `down` can compare the schema before
 * and after a statement. Objects are shallow copies: the model changes its objects in place.
 */
import type { SchemaModel } from '../schema/model.js';
import type { Column, Constraint, Domain, EnumType, Index, Policy, Table } from '../schema/types.js';

export interface TableState extends Omit<Table, 'columns' | 'constraints' | 'policies'> {
  columns: Map<string, Column>;
  constraints: Map<string, Constraint>;
  policies: Map<string, Policy>;
}

export interface ModelState {
  tables: Map<string, TableState>;
  indexes: Map<string, Index>;
  enums: Map<string, EnumType>;
  domains: Map<string, Domain>;
  schemas: Set<string>;
}

export function captureState(model: SchemaModel): ModelState {
  const tables = new Map<string, TableState>();
  for (const [k, t] of model.tables) {
    tables.set(k, {
      ...t,
      columns: new Map([...t.columns].map(([n, c]) => [n, { ...c, type: { ...c.type, mods: [...c.type.mods] } }])),
      constraints: new Map([...t.constraints].map(([n, c]) => [n, { ...c, columns: [...c.columns] }])),
      policies: new Map([...t.policies].map(([n, p]) => [n, { ...p }])),
    });
  }
  return {
    tables,
    indexes: new Map([...model.indexes].map(([k, i]) => [k, { ...i, columns: [...i.columns] }])),
    enums: new Map([...model.enums].map(([k, e]) => [k, { ...e, values: [...e.values] }])),
    domains: new Map([...model.domains].map(([k, d]) => [k, { ...d, checks: [...d.checks] }])),
    schemas: new Set(model.schemas),
  };
}

/** Two AST values mean the same, source positions aside. */
export function sameAst(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  return JSON.stringify(v, (k, x) => (k === 'location' || k === 'stmt_location' || k === 'stmt_len' ? undefined : x)) ?? 'undefined';
}
