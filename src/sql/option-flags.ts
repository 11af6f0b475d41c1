import { nodeAs, type Node } from './ast.js';

/**
 * Whether a parenthesised option list (`VACUUM (FULL)`, `REINDEX (CONCURRENTLY false) …`) turns the
 * named boolean option on. Postgres accepts the bare name, true/false, on/off and 1/0.
 */
export function optionEnabled(options: Node[] | undefined, name: string): boolean {
  return (options ?? []).some((o) => {
    const d = nodeAs(o, 'DefElem');
    if (d?.defname !== name) return false;
    const v = nodeAs(d.arg, 'Boolean')?.boolval ?? nodeAs(d.arg, 'String')?.sval ?? nodeAs(d.arg, 'Integer')?.ival;
    // A `false` Boolean and a 0 Integer come back without their value field.
    if (v === undefined) return d.arg === undefined;
    return v === true || v === 1 || (typeof v === 'string' && /^(true|on|1)$/i.test(v));
  });
}
