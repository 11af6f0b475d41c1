/**
 * What the schema model does not hold and `drift` compares: standalone sequences with their options,
 * functions and procedures (name, language, body), and triggers. Replayed from the same statements
 * as the model, in order: CREATE [OR REPLACE], ALTER SEQUENCE, RENAME, DROP (and DROP TABLE / table
 * renames for triggers).
 */
import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { keyOfNames, qualifiedKey, refOf, relationKey } from '../sql/qualified-name.js';
import type { Origin } from '../schema/types.js';

/** Sequence options as written (undefined: the default for the type and direction). */
export interface SequenceOptions {
  type?: string;
  increment?: string;
  min?: string;
  max?: string;
  start?: string;
  cycle?: boolean;
  /** OWNED BY: `schema.table.column`, or null for OWNED BY NONE. */
  ownedBy?: string | null;
}

export interface ModelSequence {
  key: string;
  name: string;
  options: SequenceOptions;
  /**
   * Known only from ALTER SEQUENCE (a serial's sequence the migrations alter by name): only the
   * options they set are known.
   */
  partial?: true;
  origin: Origin;
}

export interface ModelFunction {
  key: string;
  name: string;
  kind: 'function' | 'procedure';
  language?: string;
  /** The body between the dollar quotes (undefined for a BEGIN ATOMIC / RETURN body). */
  body?: string;
  origin: Origin;
}

export interface ModelTrigger {
  /** `schema.table.trigger` */
  key: string;
  name: string;
  table: string;
  def: NodeOf<'CreateTrigStmt'>;
  origin: Origin;
}

/** A DefElem's argument as text: `1000`, `9223372036854775807`, `int4`; undefined for NO MINVALUE. */
function optionText(arg: unknown): string | undefined {
  const i = nodeAs(arg, 'Integer');
  if (i) return String(i.ival ?? 0);
  const f = nodeAs(arg, 'Float');
  if (f) return f.fval;
  const t = nodeAs(arg, 'TypeName');
  if (t) return names(t.names as Node[]).at(-1);
  return undefined;
}

/** Applies CREATE / ALTER SEQUENCE and identity-column options (DefElem list) to a set of options. */
export function sequenceOptions(options: Node[] | undefined, into: SequenceOptions = {}): SequenceOptions {
  for (const o of options ?? []) {
    const d = nodeAs(o, 'DefElem');
    if (!d?.defname) continue;
    const value = optionText(d.arg);
    if (d.defname === 'as') into.type = value;
    else if (d.defname === 'increment') into.increment = value;
    else if (d.defname === 'minvalue') into.min = value;
    else if (d.defname === 'maxvalue') into.max = value;
    else if (d.defname === 'start') into.start = value;
    else if (d.defname === 'cycle') into.cycle = nodeAs(d.arg, 'Boolean')?.boolval ?? false;
    else if (d.defname === 'owned_by') {
      const parts = names(nodeAs(d.arg, 'List')?.items as Node[] | undefined);
      into.ownedBy = parts.length === 1 && parts[0].toLowerCase() === 'none' ? null : parts.length >= 2 ? `${keyOfNames(parts.slice(0, -1))}.${parts.at(-1)}` : undefined;
    }
  }
  return into;
}

const TYPE_MAX: Record<string, string> = { int2: '32767', int4: '2147483647', int8: '9223372036854775807' };
const TYPE_MIN: Record<string, string> = { int2: '-32768', int4: '-2147483648', int8: '-9223372036854775808' };
const TYPE_SHOWN: Record<string, string> = { int2: 'smallint', int4: 'integer', int8: 'bigint' };
/** Postgres's names (format_type) back to the model's: `integer` → int4. */
export const TYPE_OF_FORMATTED: Record<string, string> = { smallint: 'int2', integer: 'int4', bigint: 'int8' };

/** What Postgres stores for options left out (CREATE SEQUENCE's documented defaults). */
export type ResolvedSequence = Required<Omit<SequenceOptions, 'ownedBy'>>;

export function resolvedSequence(o: SequenceOptions, type = 'int8'): ResolvedSequence {
  const t = o.type && TYPE_MAX[o.type] ? o.type : type;
  const increment = o.increment ?? '1';
  const ascending = !increment.startsWith('-');
  const min = o.min ?? (ascending ? '1' : TYPE_MIN[t]);
  const max = o.max ?? (ascending ? TYPE_MAX[t] : '-1');
  return { type: TYPE_SHOWN[t] ?? t, increment, min, max, start: o.start ?? (ascending ? min : max), cycle: o.cycle ?? false };
}

function functionKey(parts: string[]): string {
  return keyOfNames(parts);
}

export class RoutineModel {
  readonly sequences = new Map<string, ModelSequence>();
  readonly functions = new Map<string, ModelFunction>();
  readonly triggers = new Map<string, ModelTrigger>();

  apply(node: Node, origin: Origin): void {
    const seq = nodeAs(node, 'CreateSeqStmt');
    if (seq) {
      const ref = refOf(seq.sequence);
      if (!ref || (seq.if_not_exists && this.sequences.has(relationKey(ref)))) return;
      this.sequences.set(relationKey(ref), { key: relationKey(ref), name: ref.name, options: sequenceOptions(seq.options as Node[] | undefined), origin });
      return;
    }
    const alterSeq = nodeAs(node, 'AlterSeqStmt');
    if (alterSeq) {
      const ref = refOf(alterSeq.sequence);
      if (!ref) return;
      const s = this.sequences.get(relationKey(ref));
      if (s) sequenceOptions(alterSeq.options as Node[] | undefined, s.options);
      else if (!alterSeq.missing_ok) {
        this.sequences.set(relationKey(ref), { key: relationKey(ref), name: ref.name, options: sequenceOptions(alterSeq.options as Node[] | undefined), partial: true, origin });
      }
      return;
    }
    const fn = nodeAs(node, 'CreateFunctionStmt');
    if (fn) {
      const parts = names(fn.funcname as Node[]);
      const key = functionKey(parts);
      let language: string | undefined;
      let body: string | undefined;
      for (const o of (fn.options as Node[] | undefined) ?? []) {
        const d = nodeAs(o, 'DefElem');
        if (d?.defname === 'language') language = nodeAs(d.arg, 'String')?.sval;
        if (d?.defname === 'as') body = nodeAs((nodeAs(d.arg, 'List')?.items as Node[] | undefined)?.[0], 'String')?.sval;
      }
      if (!fn.replace && this.functions.has(key)) return;
      this.functions.set(key, { key, name: parts.at(-1)!, kind: fn.is_procedure ? 'procedure' : 'function', ...(language ? { language: language.toLowerCase() } : {}), ...(body !== undefined ? { body } : {}), origin });
      return;
    }
    const trig = nodeAs(node, 'CreateTrigStmt');
    if (trig?.trigname && trig.relation) {
      const table = relationKey(refOf(trig.relation)!);
      this.triggers.set(`${table}.${trig.trigname}`, { key: `${table}.${trig.trigname}`, name: trig.trigname, table, def: trig, origin });
      return;
    }
    const drop = nodeAs(node, 'DropStmt');
    if (drop) return this.drop(drop);
    const rename = nodeAs(node, 'RenameStmt');
    if (rename?.newname) return this.rename(rename);
  }

  private drop(drop: NodeOf<'DropStmt'>): void {
    for (const o of (drop.objects as Node[] | undefined) ?? []) {
      const parts = names(nodeAs(o, 'List')?.items as Node[] | undefined);
      const fnParts = names(nodeAs(o, 'ObjectWithArgs')?.objname as Node[] | undefined);
      if (drop.removeType === 'OBJECT_SEQUENCE') this.sequences.delete(keyOfNames(parts));
      else if (drop.removeType === 'OBJECT_FUNCTION' || drop.removeType === 'OBJECT_PROCEDURE' || drop.removeType === 'OBJECT_ROUTINE') this.functions.delete(functionKey(fnParts));
      else if (drop.removeType === 'OBJECT_TRIGGER') this.triggers.delete(`${keyOfNames(parts.slice(0, -1))}.${parts.at(-1)}`);
      else if (drop.removeType === 'OBJECT_TABLE') {
        const table = keyOfNames(parts);
        for (const [k, t] of this.triggers) if (t.table === table) this.triggers.delete(k);
      }
    }
  }

  private rename(r: NodeOf<'RenameStmt'>): void {
    const to = r.newname!;
    if (r.renameType === 'OBJECT_SEQUENCE') {
      const ref = refOf(r.relation);
      const s = ref && this.sequences.get(relationKey(ref));
      if (!s) return;
      this.sequences.delete(s.key);
      const key = qualifiedKey(s.key.slice(0, s.key.indexOf('.')), to);
      this.sequences.set(key, { ...s, key, name: to });
    } else if (r.renameType === 'OBJECT_FUNCTION' || r.renameType === 'OBJECT_PROCEDURE' || r.renameType === 'OBJECT_ROUTINE') {
      const from = functionKey(names(nodeAs(r.object, 'ObjectWithArgs')?.objname as Node[] | undefined));
      const f = this.functions.get(from);
      if (!f) return;
      this.functions.delete(from);
      const key = qualifiedKey(from.slice(0, from.indexOf('.')), to);
      this.functions.set(key, { ...f, key, name: to });
    } else if (r.renameType === 'OBJECT_TRIGGER') {
      const ref = refOf(r.relation);
      const from = ref && `${relationKey(ref)}.${r.subname}`;
      const t = from && this.triggers.get(from);
      if (!t) return;
      this.triggers.delete(t.key);
      this.triggers.set(`${t.table}.${to}`, { ...t, key: `${t.table}.${to}`, name: to });
    } else if (r.renameType === 'OBJECT_TABLE') {
      const ref = refOf(r.relation);
      if (!ref) return;
      const table = relationKey(ref);
      const moved = qualifiedKey(table.slice(0, table.indexOf('.')), to);
      for (const [k, t] of [...this.triggers]) {
        if (t.table !== table) continue;
        this.triggers.delete(k);
        this.triggers.set(`${moved}.${t.name}`, { ...t, key: `${moved}.${t.name}`, table: moved });
      }
    }
  }
}
