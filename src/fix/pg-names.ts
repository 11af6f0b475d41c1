import { names, nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import type { SchemaModel } from '../schema/model.js';

/**
 * The names Postgres gives unnamed constraints, so that fix can name them explicitly (VALIDATE and
 * USING INDEX need a name) without changing the catalog. Measured on PGlite 18 (test/fix/fix-unnamed-
 * constraints.test.ts compares with the server's own choice):
 *   ADD COLUMN x … REFERENCES → t_x_fkey; FOREIGN KEY (a, b) → t_a_b_fkey;
 *   CHECK on one column → t_a_check, on several or none → t_check;
 *   UNIQUE (a, b) / column UNIQUE → t_a_b_key; PRIMARY KEY → t_pkey;
 *   past 63 bytes the longer of table and column part loses a byte at a time (the column part on a
 *   tie) until `<table>_<columns>_<label>` fits, cut at a character boundary;
 *   a name already taken gets 1, 2, … after the label (t_a_check1), the truncation redone with it.
 * Constraints (fkey, check) must be unique among the schema's constraints; an index-backed key
 * (key, pkey) among the schema's relations (tables, indexes).
 */
const MAX_BYTES = 63;

function clip(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/** Postgres's makeObjectName: `name1[_name2][_label]` within 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let n1 = Buffer.byteLength(name1);
  let n2 = name2 === undefined ? 0 : Buffer.byteLength(name2);
  const overhead = (name2 === undefined ? 0 : 1) + label.length + 1;
  const avail = MAX_BYTES - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return [clip(name1, n1), ...(name2 === undefined ? [] : [clip(name2, n2)]), label].join('_');
}

/** Postgres's ChooseConstraintName / ChooseRelationName: the first free name of label, label1, label2, … */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass ? `${label}${pass}` : label);
    if (!taken(name)) return name;
  }
}

/** The column names an expression refers to (a CHECK's, for Postgres's choice of its name). */
export function referencedColumns(expr: unknown): string[] {
  const out = new Set<string>();
  walkAst(expr, (kind, body) => {
    if (kind !== 'ColumnRef') return;
    const parts = names(body.fields as Node[] | undefined);
    if (parts.length) out.add(parts[parts.length - 1]);
  });
  return [...out];
}

type Label = 'fkey' | 'check' | 'key' | 'pkey';

/** name2 and label Postgres uses for an unnamed constraint on these columns. */
export function nameParts(con: NodeOf<'Constraint'>, columns: string[]): { name2: string | undefined; label: Label } | undefined {
  switch (con.contype) {
    case 'CONSTR_FOREIGN':
      return { name2: columns.join('_'), label: 'fkey' };
    case 'CONSTR_CHECK': {
      const vars = referencedColumns(con.raw_expr);
      return { name2: vars.length === 1 ? vars[0] : undefined, label: 'check' };
    }
    case 'CONSTR_PRIMARY':
      return { name2: undefined, label: 'pkey' };
    case 'CONSTR_UNIQUE':
      return { name2: columns.join('_'), label: 'key' };
    default:
      return undefined;
  }
}

/**
 * The names already taken in one schema: constraint names (for fkey, check) and relation names
 * (tables, indexes; for key, pkey). The schema model names an unnamed constraint without Postgres's
 * truncation and numbering, so those are named again here the way Postgres named them, in the
 * order the model holds them (the unnamed ones fix names earlier in a plan are among them: the model
 * replays the original statements).
 */
export function takenNames(schema: SchemaModel, schemaName: string): { constraints: Set<string>; relations: Set<string> } {
  const constraints = new Set<string>();
  const relations = new Set<string>();
  const unnamed: { table: string; parts: { name2: string | undefined; label: Label }; modelName: string }[] = [];
  for (const t of schema.tables.values()) {
    if (t.schema !== schemaName) continue;
    relations.add(t.name);
    for (const [n, c] of t.constraints) {
      const con = nodeAs(c.def, 'Constraint');
      const parts = con && !con.conname ? nameParts(con, c.columns) : undefined;
      if (parts) unnamed.push({ table: t.name, parts, modelName: n });
      else constraints.add(n);
    }
  }
  const modelNames = new Set(unnamed.map((u) => u.modelName));
  for (const i of schema.indexes.values()) if (i.schema === schemaName && !modelNames.has(i.name)) relations.add(i.name);
  for (const u of unnamed) {
    const index = u.parts.label === 'key' || u.parts.label === 'pkey';
    const name = chooseName(u.table, u.parts.name2, u.parts.label, (n) => constraints.has(n) || (index && relations.has(n)));
    constraints.add(name);
    if (index) relations.add(name);
  }
  return { constraints, relations };
}
