import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/** drizzle-kit's own config file names, in the order drizzle-kit looks for them. */
export const DRIZZLE_CONFIG_NAMES = [
  'drizzle.config.ts',
  'drizzle.config.mts',
  'drizzle.config.js',
  'drizzle.config.mjs',
  'drizzle.config.cjs',
  'drizzle.config.json',
];

export interface DrizzleConfig {
  path: string;
  /** `out` resolved against the config's folder (drizzle-kit's default `./drizzle` when absent). */
  outDir: string;
  dialect?: string;
  breakpoints?: boolean;
  migrations: { table: string; schema: string; prefix: string };
  /** `dbCredentials.url` when it is a literal (`process.env.X` is unknown: the config is never run). */
  databaseUrl?: string;
}

/** `dialect` values, and drizzle-kit < 0.21 `driver` values, that mean PostgreSQL. */
const POSTGRES = new Set(['postgresql', 'postgres', 'pg', 'pglite', 'aws-data-api']);

export function findDrizzleConfig(dir: string): string | undefined {
  for (const name of DRIZZLE_CONFIG_NAMES) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Reads drizzle.config.* WITHOUT executing it: the object literal given to `defineConfig(...)`,
 * `export default` or `module.exports` is read token by token; values that are not literals
 * (env variables, function calls, `a ?? 'x'`, conditions) are unknown, and an identifier bound to a
 * top-level literal is followed unless it is reassigned or mutated anywhere. An `out` that is not
 * known for certain is an error asking for --dir, never a guess: a wrong guess lints another folder
 * and passes. Errors name the file as `shown`.
 */
export function readDrizzleConfig(path: string, shown: string = path): DrizzleConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let obj: Obj | undefined;
  if (path.endsWith('.json')) {
    try {
      const data = JSON.parse(text) as unknown;
      obj = data && typeof data === 'object' ? (data as Obj) : undefined;
    } catch (e) {
      throw new UsageError(`${shown}: not valid JSON (${(e as Error).message})`);
    }
  } else obj = configObject(tokenize(text), shown);
  if (!obj) throw new UsageError(`${shown}: found no config object (expected export default defineConfig({ ... })); pass the migrations folder with --dir`);

  // An object that a spread or a computed key may have given any key: an absent `out` is not known to be absent.
  const out = obj.out === undefined && openObjects.has(obj) ? UNKNOWN : obj.out;
  if (out !== undefined && typeof out !== 'string') {
    throw new UsageError(`${shown}: "out" is not a plain string, so it cannot be read without running the file; pass the migrations folder with --dir (or set "dir" in .migrationlintrc)`);
  }
  // Before drizzle-kit 0.21 the dialect was implied by `driver` ('pg', 'mysql2', 'better-sqlite', ...).
  const dialect = str(obj.dialect) ?? str(obj.driver);
  const m = (obj.migrations && typeof obj.migrations === 'object' ? obj.migrations : {}) as Obj;
  return {
    path,
    outDir: join(dirname(path), out ?? './drizzle'),
    ...(dialect ? { dialect } : {}),
    ...(typeof obj.breakpoints === 'boolean' ? { breakpoints: obj.breakpoints } : {}),
    migrations: { table: str(m.table) ?? '__drizzle_migrations', schema: str(m.schema) ?? 'drizzle', prefix: str(m.prefix) ?? 'index' },
    ...(str((obj.dbCredentials as Obj | undefined)?.url) ? { databaseUrl: str((obj.dbCredentials as Obj).url) } : {}),
  };
}

/** A clear error for a config whose dialect is not PostgreSQL; undefined when it is (or is unknown). */
export function nonPostgresDialect(config: DrizzleConfig): string | undefined {
  const d = config.dialect?.toLowerCase();
  if (d === undefined || POSTGRES.has(d)) return undefined;
  return d;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

// ---- a tokenizer just big enough for config files ----

type Tok = { t: 'id' | 'str' | 'num' | 'punct' | 'tpl'; v: string };
/** Marks a value that exists but cannot be known statically. */
const UNKNOWN = Symbol('unknown');
type Val = string | number | boolean | null | typeof UNKNOWN | Obj | Val[];
interface Obj {
  [key: string]: Val;
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '/' && src[i + 1] === '/') i = nextLine(src, i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) === -1 ? src.length : src.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          v += src[j + 1];
          j += 2;
        } else v += src[j++];
      }
      toks.push({ t: 'str', v });
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let dynamic = false;
      let v = '';
      while (j < src.length && src[j] !== '`') {
        if (src[j] === '\\') (v += src[j + 1]), (j += 2);
        else if (src[j] === '$' && src[j + 1] === '{') {
          dynamic = true;
          let depth = 0;
          for (; j < src.length; j++) {
            if (src[j] === '{') depth++;
            else if (src[j] === '}' && --depth === 0) break;
          }
          j++;
        } else v += src[j++];
      }
      toks.push(dynamic ? { t: 'tpl', v } : { t: 'str', v });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[\w$]+/.exec(src.slice(i))!;
      toks.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[\d.eExXa-fA-F_n]+/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 3);
      const p = two.startsWith('...') ? '...' : ['??', '||', '=>', '?.'].includes(two.slice(0, 2)) ? two.slice(0, 2) : c;
      toks.push({ t: 'punct', v: p });
      i += p.length;
    }
  }
  return toks;
}

function nextLine(src: string, i: number): number {
  const nl = src.indexOf('\n', i);
  return nl === -1 ? src.length : nl + 1;
}

/**
 * Finds the exported config object among the tokens. Every `defineConfig(…)`, `export default` and
 * `module.exports =` is a candidate; when they disagree about `out` (two configs picked by a
 * condition, say) which one drizzle-kit gets cannot be known without running the file.
 */
function configObject(toks: Tok[], shown: string): Obj | undefined {
  const consts = topLevelConsts(toks);
  const at = (k: number, v: string) => toks[k]?.v === v;
  let found: Obj | undefined;
  /** An export of a variable of the file that is reassigned or changed: a config, but not a known one. */
  let changedExport = false;
  const outs = new Set<Val | undefined>();
  for (let k = 0; k < toks.length; k++) {
    let start = -1;
    if (at(k, 'defineConfig') && at(k + 1, '(')) start = k + 2;
    else if (at(k, 'export') && at(k + 1, 'default')) start = k + 2;
    else if (at(k, 'module') && at(k + 1, '.') && at(k + 2, 'exports') && at(k + 3, '=')) start = k + 4;
    if (start < 0) continue;
    const v = readValue(toks, start, consts).value;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Obj;
      found ??= obj;
      outs.add(obj.out === undefined && openObjects.has(obj) ? UNKNOWN : obj.out);
    } else if (v === UNKNOWN && !at(k, 'defineConfig')) {
      // An export that cannot be read (a changed variable, a call): another candidate is not it for sure.
      outs.add(UNKNOWN);
      if (toks[start]?.t === 'id' && consts.has(toks[start].v)) changedExport = true;
    }
  }
  if ((found || changedExport) && outs.has(UNKNOWN)) return { ...found, out: UNKNOWN };
  if (outs.size > 1 && found) {
    throw new UsageError(`${shown}: several configs (defineConfig calls or exports) with different "out", so which one drizzle-kit uses cannot be read without running the file; pass the migrations folder with --dir (or set "dir" in .migrationlintrc)`);
  }
  return found;
}

/** Objects that a spread of an unknown value or a computed key may have given any other key. */
const openObjects = new WeakSet<Obj>();

/** Marks what an unknown spread or computed key may have overwritten: every key so far, and any key not set later. */
function openUp(obj: Obj): void {
  for (const key of Object.keys(obj)) obj[key] = UNKNOWN;
  openObjects.add(obj);
}

/**
 * Names that are assigned again (`x = …`, `x += …`, `x++`) or whose object is changed (`x.out = …`,
 * `x['out'] = …`, `Object.assign(x, …)`, `delete x.out`) anywhere in the file: their literal is not
 * what the config ends up with.
 */
function changedNames(toks: Tok[]): Set<string> {
  const changed = new Set<string>();
  // The tokenizer splits operators into characters (but `??`, `||`, `=>`): `+=` is '+' '=', `==` is '=' '='.
  const isAssign = (k: number) => {
    const t = toks[k];
    if (!t || t.t !== 'punct') return false;
    if ((t.v === '+' || t.v === '-') && toks[k + 1]?.v === t.v) return true; // x++ x--
    if (t.v === '=') return toks[k + 1]?.v !== '=';
    if (!['+', '-', '*', '/', '%', '&', '|', '^', '??', '||', '<', '>'].includes(t.v)) return false;
    let j = k + 1;
    while (toks[j]?.v === t.v && j < k + 3) j++; // <<= >>= >>>= **=
    // `<=` and `>=` compare.
    if ((t.v === '<' || t.v === '>') && j === k + 1) return false;
    return toks[j]?.v === '=' && toks[j + 1]?.v !== '=';
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t !== 'id' || toks[k - 1]?.v === '.' || toks[k - 1]?.v === '?.') continue;
    const prev = toks[k - 1]?.v;
    if (prev === 'const' || prev === 'let' || prev === 'var') continue;
    if (prev === 'delete' || (prev === '(' && toks[k - 2]?.v === 'assign' && toks[k - 3]?.v === '.' && toks[k - 4]?.v === 'Object')) {
      changed.add(t.v);
      continue;
    }
    // Follow a member chain: x.a.b, x['a'], x?.a
    let j = k + 1;
    for (;;) {
      if ((toks[j]?.v === '.' || toks[j]?.v === '?.') && toks[j + 1]?.t === 'id') j += 2;
      else if (toks[j]?.v === '[') {
        let depth = 0;
        for (; j < toks.length; j++) {
          if (toks[j].v === '[') depth++;
          else if (toks[j].v === ']' && --depth === 0) break;
        }
        j++;
      } else break;
    }
    if (isAssign(j)) changed.add(t.v);
  }
  return changed;
}

/** `const name = <value>` at depth 0, so `out: outDir` and `export default config` can be followed. */
function topLevelConsts(toks: Tok[]): Map<string, Val> {
  const out = new Map<string, Val>();
  const changed = changedNames(toks);
  let depth = 0;
  for (let k = 0; k < toks.length; k++) {
    const v = toks[k].v;
    if (toks[k].t === 'punct' && '({['.includes(v)) depth++;
    else if (toks[k].t === 'punct' && ')}]'.includes(v)) depth--;
    else if (depth === 0 && (v === 'const' || v === 'let' || v === 'var') && toks[k + 1]?.t === 'id') {
      let j = k + 2;
      if (toks[j]?.v === ':') j = skipType(toks, j + 1);
      if (toks[j]?.v !== '=') continue;
      const r = readValue(toks, j + 1, out);
      out.set(toks[k + 1].v, changed.has(toks[k + 1].v) ? UNKNOWN : r.value);
    }
  }
  return out;
}

/** Skips a type annotation up to the `=` at depth 0. */
function skipType(toks: Tok[], k: number): number {
  let depth = 0;
  for (; k < toks.length; k++) {
    const v = toks[k].v;
    if ('({[<'.includes(v) && toks[k].t === 'punct') depth++;
    else if (')}]>'.includes(v) && toks[k].t === 'punct') depth--;
    else if (depth === 0 && v === '=') return k;
  }
  return k;
}

/**
 * Reads one expression from token k up to the `,` `;` or closing bracket that ends it. Its value is
 * the literal when the expression is just a literal (a type assertion or `!` aside), and UNKNOWN for
 * anything computed.
 */
function readValue(toks: Tok[], k: number, consts: Map<string, Val>): { value: Val; next: number } {
  const first = readPrimary(toks, k, consts);
  let value = first.value;
  let j = first.next;
  let depth = 0;
  let inType = false;
  for (; j < toks.length; j++) {
    const t = toks[j];
    const open = t.t === 'punct' && '({['.includes(t.v);
    const close = t.t === 'punct' && ')}]'.includes(t.v);
    if (depth === 0) {
      if (close || t.v === ',' || t.v === ';') break;
      // `process.env.X ?? './a'` is './a' only where X is unset: unknown, like any other operator.
      if (t.v === 'as' || t.v === 'satisfies') inType = true;
      else if (t.v !== '!' && !inType) value = UNKNOWN;
    }
    if (open) depth++;
    else if (close) depth--;
  }
  return { value, next: j };
}

function readPrimary(toks: Tok[], k: number, consts: Map<string, Val>): { value: Val; next: number } {
  const t = toks[k];
  if (!t) return { value: UNKNOWN, next: k };
  if (t.t === 'str') return { value: t.v, next: k + 1 };
  if (t.t === 'num') return { value: Number(t.v), next: k + 1 };
  if (t.t === 'id' && (t.v === 'true' || t.v === 'false')) return { value: t.v === 'true', next: k + 1 };
  if (t.t === 'id' && t.v === 'null') return { value: null, next: k + 1 };
  if (t.v === '{') return readObject(toks, k, consts);
  if (t.v === '[') {
    const items: Val[] = [];
    let j = k + 1;
    while (j < toks.length && toks[j].v !== ']') {
      const r = readValue(toks, j, consts);
      items.push(r.value);
      j = toks[r.next]?.v === ',' ? r.next + 1 : r.next;
    }
    return { value: items, next: j + 1 };
  }
  if (t.t === 'id' && toks[k + 1]?.v !== '(' && toks[k + 1]?.v !== '.' && consts.has(t.v)) return { value: consts.get(t.v)!, next: k + 1 };
  if (t.t === 'id' && t.v === 'defineConfig' && toks[k + 1]?.v === '(') {
    const r = readValue(toks, k + 2, consts);
    return { value: r.value, next: r.next + 1 };
  }
  return { value: UNKNOWN, next: k + 1 };
}

function readObject(toks: Tok[], k: number, consts: Map<string, Val>): { value: Val; next: number } {
  const obj: Obj = {};
  let j = k + 1;
  while (j < toks.length && toks[j].v !== '}') {
    const key = toks[j];
    if (key.v === '...') {
      // A spread may set any key: everything read so far could be overridden.
      const r = readValue(toks, j + 1, consts);
      if (r.value && typeof r.value === 'object' && !Array.isArray(r.value)) {
        Object.assign(obj, r.value);
        if (openObjects.has(r.value as Obj)) openObjects.add(obj);
      } else openUp(obj);
      j = toks[r.next]?.v === ',' ? r.next + 1 : r.next;
      continue;
    }
    const name = key.t === 'id' || key.t === 'str' || key.t === 'num' ? key.v : undefined;
    if (name !== undefined && (toks[j + 1]?.v === ',' || toks[j + 1]?.v === '}')) {
      // shorthand `{ out }`
      obj[name] = consts.get(name) ?? UNKNOWN;
      j = toks[j + 1].v === ',' ? j + 2 : j + 1;
      continue;
    }
    if (name === undefined || toks[j + 1]?.v !== ':') {
      // A computed key (`[k]: v`) may be any key; methods and getters are skipped.
      if (key.v === '[') openUp(obj);
      else if (name === 'out' || (name !== undefined && ['get', 'set', 'async'].includes(name) && toks[j + 1]?.v === 'out')) obj.out = UNKNOWN;
      const r = readValue(toks, j + 1, consts);
      j = toks[r.next]?.v === ',' ? r.next + 1 : r.next;
      continue;
    }
    const r = readValue(toks, j + 2, consts);
    obj[name] = r.value;
    j = toks[r.next]?.v === ',' ? r.next + 1 : r.next;
  }
  return { value: obj, next: j + 1 };
}

