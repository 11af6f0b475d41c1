/**
 * Reverses migrations statement by statement while the schema model replays them: each statement's
 * reverse comes from the model just before and just after it (see diff.ts); renames are renamed
 * back; objects the model does not track (functions, triggers, sequences, extensions, grants,
 * comments) are dropped, or restored from the statement of an earlier migration that created them.
 */
import { names, nodeAs, type Node, type NodeOf } from '../sql/ast.js';
import { parseMigration, type ParsedFile } from '../sql/parse-file.js';
import type { Statement } from '../sql/statement.js';
import { DEFAULT_SCHEMA, refOf, relationKey, SchemaModel } from '../schema/model.js';
import type { Origin } from '../schema/types.js';
import { diffStates, type Note } from './diff.js';
import { messages } from './messages.js';
import { captureState } from './snapshot.js';
import { deparse, qualified, quoteIdent } from './sql-text.js';

export interface StatementReversal {
  statement: Statement;
  /** SQL that undoes the statement, in the order to run it. */
  sql: string[];
  notes: Note[];
}

export interface FileReversal {
  parsed: ParsedFile;
  /** In the order of the migration; the down runs them last to first. */
  statements: StatementReversal[];
  /** Parts of the file Postgres cannot parse. */
  unparsable: { location: Statement['location'] }[];
}

/** Statements that change neither the schema nor data (or whose effect goes with what they ran in). */
const NEUTRAL = new Set(['TransactionStmt', 'VariableSetStmt', 'VariableShowStmt', 'DoStmt', 'LockStmt', 'SelectStmt', 'ExplainStmt', 'VacuumStmt', 'ReindexStmt', 'ClusterStmt', 'RefreshMatViewStmt', 'CheckPointStmt', 'NotifyStmt', 'DiscardStmt']);
const DATA = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'TruncateStmt', 'CopyStmt']);
/** Statements whose effect the schema model follows: their reverse is the model's before/after difference. */
const MODELLED = new Set(['CreateStmt', 'IndexStmt', 'CreateEnumStmt', 'AlterEnumStmt', 'CreateSchemaStmt', 'ViewStmt', 'CreateTableAsStmt', 'CreatePolicyStmt', 'AlterPolicyStmt', 'CreateDomainStmt']);
const MODELLED_DROPS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_TYPE', 'OBJECT_DOMAIN', 'OBJECT_POLICY', 'OBJECT_SCHEMA']);

export class Reverser {
  readonly model = new SchemaModel();
  /** Statement texts that created objects the model does not track, by object: the latest wins. */
  private readonly created = new Map<string, string>();
  /** Temporary tables the migration being reversed created (keys): gone when its session ends. */
  private readonly temporary = new Set<string>();

  /**
   * `migrationsSchema`: drizzle's migrator creates the schema of its migrations table (default
   * `drizzle`) before it runs any migration, so a migration's `CREATE SCHEMA IF NOT EXISTS` of it
   * creates nothing, and down must not drop it.
   */
  constructor(options: { migrationsSchema?: string } = {}) {
    this.model.schemas.add(options.migrationsSchema ?? 'drizzle');
  }

  /** Replays a migration that stays applied. */
  replay(parsed: ParsedFile, origin: Origin): void {
    for (const stmt of parsed.statements) {
      this.model.apply(stmt, origin);
      this.remember(stmt);
    }
  }

  /** Replays a migration and works out the reverse of each of its statements. */
  reverse(parsed: ParsedFile, origin: Origin): FileReversal {
    const statements: StatementReversal[] = [];
    for (const stmt of parsed.statements) {
      const out: StatementReversal = { statement: stmt, sql: [], notes: [] };
      if (this.onTemporaryTable(stmt)) this.model.apply(stmt, origin);
      else this.reverseStatement(stmt, origin, out);
      this.remember(stmt);
      statements.push(out);
    }
    this.forgetTemporaryTables(origin);
    const unparsable = parsed.problems.map((p) => ({ location: p.location }));
    return { parsed, statements, unparsable };
  }

  /**
   * A statement about a temporary table (CREATE TEMP TABLE … [ON COMMIT DROP], its indexes, rows and
   * DROP): nothing to reverse, the table does not outlive the migration's session (PageSpace 0249
   * copies rows through one). The model follows it, so that later statements resolve it.
   */
  private onTemporaryTable(stmt: Statement): boolean {
    const n = stmt.node;
    const created = nodeAs(n, 'CreateStmt')?.relation ?? nodeAs(n, 'CreateTableAsStmt')?.into?.rel;
    if (created?.relpersistence === 't') {
      this.temporary.add(relationKey(refOf(created)!));
      return true;
    }
    if (!this.temporary.size) return false;
    const isTemp = (rv: NodeOf<'RangeVar'> | undefined) => !!rv && this.temporary.has(relationKey(refOf(rv)!));
    const body = (n as Record<string, { relation?: NodeOf<'RangeVar'> }>)[stmt.kind];
    if (DATA.has(stmt.kind) || stmt.kind === 'IndexStmt' || stmt.kind === 'AlterTableStmt') return isTemp(body?.relation);
    const drop = nodeAs(n, 'DropStmt');
    if (drop?.removeType === 'OBJECT_TABLE') {
      const keys = ((drop.objects as Node[]) ?? []).map((o) => names(nodeAs(o, 'List')?.items as Node[] | undefined)).map((parts) => relationKey(parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1] } : { name: parts[0] }));
      return keys.length > 0 && keys.every((k) => this.temporary.has(k));
    }
    return false;
  }

  /** After the migration: its temporary tables are gone. */
  private forgetTemporaryTables(origin: Origin): void {
    for (const key of this.temporary) {
      const t = this.model.tables.get(key);
      if (t) this.model.apply(parseMigration(origin.file, `DROP TABLE IF EXISTS ${qualified(t.schema, t.name)}`).statements[0], origin);
    }
    this.temporary.clear();
  }

  private diffAround(stmt: Statement, origin: Origin, out: StatementReversal): void {
    const before = captureState(this.model);
    this.model.apply(stmt, origin);
    const r = diffStates(before, captureState(this.model), { file: origin.file });
    out.sql.push(...r.sql);
    out.notes.push(...r.notes);
  }

  private unsupported(out: StatementReversal, what: string): void {
    out.notes.push({ kind: 'irreversible', reason: 'unsupported-statement', message: messages.unsupported({ statement: what }) });
  }

  private unknown(out: StatementReversal, object: string): void {
    out.notes.push({ kind: 'irreversible', reason: 'unknown-definition', message: messages.unknownDefinition({ object }) });
  }

  private reverseStatement(stmt: Statement, origin: Origin, out: StatementReversal): void {
    const n = stmt.node;
    const kind = stmt.kind;
    if (NEUTRAL.has(kind)) return this.model.apply(stmt, origin);
    if (DATA.has(kind)) return this.reverseData(stmt, origin, out);
    if (MODELLED.has(kind)) {
      const alterEnum = nodeAs(n, 'AlterEnumStmt');
      if (alterEnum?.oldVal && alterEnum.newVal) {
        out.sql.push(deparse({ AlterEnumStmt: { ...alterEnum, oldVal: alterEnum.newVal, newVal: alterEnum.oldVal } } as Node));
        return this.model.apply(stmt, origin);
      }
      if (alterEnum && !this.model.enumType(names(alterEnum.typeName as Node[]))) {
        this.unknown(out, `Enum ${showNames(names(alterEnum.typeName as Node[]))}`);
        return this.model.apply(stmt, origin);
      }
      const policy = nodeAs(n, 'AlterPolicyStmt');
      if (policy && !this.model.table(refOf(policy.table))?.policies.get(policy.policy_name ?? '')) {
        this.unknown(out, `Policy ${quoteIdent(policy.policy_name ?? '')}`);
        return this.model.apply(stmt, origin);
      }
      return this.diffAround(stmt, origin, out);
    }
    const alter = nodeAs(n, 'AlterTableStmt');
    if (alter) return this.reverseAlterTable(stmt, alter, origin, out);
    const rename = nodeAs(n, 'RenameStmt');
    if (rename) {
      out.sql.push(renameBack(rename));
      return this.model.apply(stmt, origin);
    }
    const drop = nodeAs(n, 'DropStmt');
    if (drop) return this.reverseDrop(stmt, drop, origin, out);
    this.reverseUntracked(stmt, out);
    this.model.apply(stmt, origin);
  }

  private reverseAlterTable(stmt: Statement, alter: NodeOf<'AlterTableStmt'>, origin: Origin, out: StatementReversal): void {
    const ref = refOf(alter.relation);
    const table = this.model.table(ref);
    const name = ref ? qualified(ref.schema ?? DEFAULT_SCHEMA, ref.name) : '';
    const cmds = (alter.cmds as Node[] | undefined) ?? [];
    if (alter.objtype !== 'OBJECT_TABLE' || !table) {
      // A table these migrations did not create: only what needs no knowledge of it can be undone.
      for (const c of [...cmds].reverse()) {
        const cmd = nodeAs(c, 'AlterTableCmd');
        const col = nodeAs(cmd?.def, 'ColumnDef')?.colname;
        const con = nodeAs(cmd?.def, 'Constraint')?.conname;
        if (cmd?.subtype === 'AT_AddColumn' && col) out.sql.push(`ALTER TABLE ${name} DROP COLUMN ${quoteIdent(col)}`);
        else if (cmd?.subtype === 'AT_AddConstraint' && con) out.sql.push(`ALTER TABLE ${name} DROP CONSTRAINT ${quoteIdent(con)}`);
        else if (cmd?.subtype === 'AT_EnableRowSecurity') out.sql.push(`ALTER TABLE ${name} DISABLE ROW LEVEL SECURITY`);
        else if (cmd?.subtype === 'AT_DisableRowSecurity') out.sql.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
        else if (alter.objtype !== 'OBJECT_TABLE') this.unsupported(out, `ALTER ${alter.objtype?.replace('OBJECT_', '')}`);
        else this.unknown(out, `Table ${showRef(ref)}`);
      }
      return this.model.apply(stmt, origin);
    }
    // One command at a time: each one's reverse comes from the model just before and after it.
    const parts: StatementReversal[] = [];
    for (const c of cmds) {
      const part: StatementReversal = { statement: stmt, sql: [], notes: [] };
      const cmd = nodeAs(c, 'AlterTableCmd');
      const single = { ...stmt, node: { AlterTableStmt: { ...alter, cmds: [c] } } as Node };
      const before = captureState(this.model);
      this.model.apply(single, origin);
      const r = diffStates(before, captureState(this.model), { file: origin.file });
      part.sql.push(...r.sql);
      part.notes.push(...r.notes);
      if (!r.sql.length && !r.notes.length && cmd) this.noChange(cmd, table.key, part);
      parts.push(part);
    }
    for (const p of parts.reverse()) {
      out.sql.push(...p.sql);
      out.notes.push(...p.notes);
    }
  }

  /** A command that changed nothing the model sees: harmless (IF EXISTS, already so), or about something unknown. */
  private noChange(cmd: NodeOf<'AlterTableCmd'>, tableKey: string, out: StatementReversal): void {
    const what = `${cmd.name ? `${quoteIdent(cmd.name)} of ` : ''}table ${tableKey}`;
    switch (cmd.subtype) {
      case 'AT_DropColumn':
      case 'AT_DropConstraint':
        if (!cmd.missing_ok) this.unknown(out, cmd.subtype === 'AT_DropColumn' ? `Column ${what}` : `Constraint ${what}`);
        return;
      case 'AT_AddColumn':
      case 'AT_AddConstraint':
      case 'AT_AlterColumnType':
      case 'AT_SetNotNull':
      case 'AT_DropNotNull':
      case 'AT_ColumnDefault':
      case 'AT_AddIdentity':
      case 'AT_DropIdentity':
      case 'AT_ValidateConstraint':
      case 'AT_EnableRowSecurity':
      case 'AT_DisableRowSecurity':
      case 'AT_ForceRowSecurity':
      case 'AT_AddIndex':
        return;
      default:
        this.unsupported(out, `ALTER TABLE … ${(cmd.subtype ?? '').replace(/^AT_/, '')}`);
    }
  }

  private reverseDrop(stmt: Statement, drop: NodeOf<'DropStmt'>, origin: Origin, out: StatementReversal): void {
    const type = drop.removeType ?? '';
    if (MODELLED_DROPS.has(type)) {
      this.diffAround(stmt, origin, out);
      if (!out.sql.length && !drop.missing_ok) this.unknown(out, `${objectWord(type)} ${showDropped(drop)}`);
      return;
    }
    for (const obj of (drop.objects as Node[]) ?? []) {
      const key = droppedKey(type, obj);
      const text = key ? this.created.get(key) : undefined;
      if (text) out.sql.push(text);
      else if (type === 'OBJECT_EXTENSION') out.sql.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(nodeAs(obj, 'String')?.sval ?? '')}`);
      else if (!drop.missing_ok || key) this.unknown(out, `${objectWord(type)} ${showDropped(drop)}`);
    }
    this.model.apply(stmt, origin);
  }

  private reverseData(stmt: Statement, origin: Origin, out: StatementReversal): void {
    const n = stmt.node as Record<string, { relation?: NodeOf<'RangeVar'>; relations?: Node[] }>;
    const body = n[stmt.kind];
    const rels = body?.relation ? [body.relation] : ((body?.relations ?? []).map((r) => nodeAs(r, 'RangeVar')).filter(Boolean) as NodeOf<'RangeVar'>[]);
    // Rows of a table this very migration created go when down drops the table.
    const own = rels.length > 0 && rels.every((r) => this.model.table(refOf(r))?.origin.file === origin.file);
    if (!own) out.notes.push({ kind: 'irreversible', reason: 'data-change', message: messages.dataChange({ statement: statementWord(stmt.kind) }) });
    this.model.apply(stmt, origin);
  }

  /** Statements about objects the model does not track. */
  private reverseUntracked(stmt: Statement, out: StatementReversal): void {
    const n = stmt.node;
    const fn = nodeAs(n, 'CreateFunctionStmt');
    if (fn) {
      const key = functionKey(names(fn.funcname as Node[]), ((fn.parameters as Node[]) ?? []).map((p) => nodeAs(p, 'FunctionParameter')).filter((p) => p && !['FUNC_PARAM_OUT', 'FUNC_PARAM_TABLE'].includes(p.mode ?? '')).map((p) => p!.argType));
      const earlier = this.created.get(key);
      // The earlier definition comes back over this one: as CREATE OR REPLACE, whatever it was written as.
      if (earlier) out.sql.push(earlier.replace(/^\s*CREATE\s+(?!OR\s+REPLACE\b)/i, 'CREATE OR REPLACE '));
      else out.sql.push(`DROP ${fn.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${key.slice(key.indexOf(':') + 1)}`);
      return;
    }
    const trig = nodeAs(n, 'CreateTrigStmt');
    if (trig?.trigname && trig.relation) {
      const earlier = this.created.get(`trigger:${relationKey(refOf(trig.relation)!)}.${trig.trigname}`);
      const table = refOf(trig.relation)!;
      if (trig.replace && earlier) out.sql.push(earlier);
      else out.sql.push(`DROP TRIGGER ${quoteIdent(trig.trigname)} ON ${qualified(table.schema ?? DEFAULT_SCHEMA, table.name)}`);
      return;
    }
    const seq = nodeAs(n, 'CreateSeqStmt');
    if (seq?.sequence) {
      const ref = refOf(seq.sequence)!;
      if (!(seq.if_not_exists && this.created.has(`sequence:${relationKey(ref)}`))) out.sql.push(`DROP SEQUENCE ${qualified(ref.schema ?? DEFAULT_SCHEMA, ref.name)}`);
      return;
    }
    const ext = nodeAs(n, 'CreateExtensionStmt');
    if (ext?.extname) {
      if (!this.created.has(`extension:${ext.extname}`)) out.sql.push(`DROP EXTENSION ${quoteIdent(ext.extname)}`);
      return;
    }
    const role = nodeAs(n, 'CreateRoleStmt');
    if (role?.role) {
      out.sql.push(`DROP ROLE ${quoteIdent(role.role)}`);
      return;
    }
    const grant = nodeAs(n, 'GrantStmt');
    if (grant) {
      out.sql.push(deparse({ GrantStmt: { ...grant, is_grant: !grant.is_grant, grant_option: false } } as Node));
      return;
    }
    const grantRole = nodeAs(n, 'GrantRoleStmt');
    if (grantRole) {
      out.sql.push(deparse({ GrantRoleStmt: { ...grantRole, is_grant: !grantRole.is_grant } } as Node));
      return;
    }
    const comment = nodeAs(n, 'CommentStmt');
    if (comment) {
      out.sql.push(this.created.get(commentKey(comment)) ?? deparse({ CommentStmt: { ...comment, comment: undefined } } as Node));
      return;
    }
    this.unsupported(out, statementWord(stmt.kind));
  }

  /** Keeps the text of statements that create objects the model does not track. */
  private remember(stmt: Statement): void {
    const n = stmt.node;
    const fn = nodeAs(n, 'CreateFunctionStmt');
    if (fn) {
      const params = ((fn.parameters as Node[]) ?? []).map((p) => nodeAs(p, 'FunctionParameter')).filter((p) => p && !['FUNC_PARAM_OUT', 'FUNC_PARAM_TABLE'].includes(p.mode ?? '')).map((p) => p!.argType);
      this.created.set(functionKey(names(fn.funcname as Node[]), params), stmt.text);
    }
    const trig = nodeAs(n, 'CreateTrigStmt');
    if (trig?.trigname && trig.relation) this.created.set(`trigger:${relationKey(refOf(trig.relation)!)}.${trig.trigname}`, stmt.text);
    const seq = nodeAs(n, 'CreateSeqStmt');
    if (seq?.sequence) this.created.set(`sequence:${relationKey(refOf(seq.sequence)!)}`, stmt.text);
    const ext = nodeAs(n, 'CreateExtensionStmt');
    if (ext?.extname) this.created.set(`extension:${ext.extname}`, stmt.text);
    const comment = nodeAs(n, 'CommentStmt');
    if (comment) this.created.set(commentKey(comment), stmt.text);
    // Dropped: a later CREATE in the same history creates it anew (PageSpace 0133 drops a function, then creates it).
    const drop = nodeAs(n, 'DropStmt');
    if (drop) {
      for (const obj of (drop.objects as Node[]) ?? []) {
        const key = droppedKey(drop.removeType ?? '', obj);
        if (key) this.created.delete(key);
      }
    }
  }
}

function functionKey(name: string[], argTypes: (NodeOf<'TypeName'> | undefined)[]): string {
  const qualifiedName = name.length > 1 ? name : [DEFAULT_SCHEMA, ...name];
  const args = argTypes.map((t) => (t ? deparse({ TypeName: t } as Node) : '')).join(', ');
  return `function:${qualifiedName.map(quoteIdent).join('.')}(${args})`;
}

function commentKey(c: NodeOf<'CommentStmt'>): string {
  return `comment:${c.objtype}:${JSON.stringify(c.object, (k, v) => (k === 'location' ? undefined : v))}`;
}

function droppedKey(type: string, obj: Node): string | undefined {
  const parts = names(nodeAs(obj, 'List')?.items as Node[] | undefined);
  switch (type) {
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE': {
      const o = nodeAs(obj, 'ObjectWithArgs');
      if (!o) return undefined;
      return functionKey(names(o.objname as Node[]), ((o.objargs as Node[]) ?? []).map((a) => nodeAs(a, 'TypeName')));
    }
    case 'OBJECT_TRIGGER':
      return `trigger:${parts.length >= 3 ? `${parts[0]}.${parts[1]}` : `${DEFAULT_SCHEMA}.${parts[0]}`}.${parts[parts.length - 1]}`;
    case 'OBJECT_SEQUENCE':
      return `sequence:${parts.length >= 2 ? parts.slice(-2).join('.') : `${DEFAULT_SCHEMA}.${parts[0]}`}`;
    case 'OBJECT_EXTENSION':
      return `extension:${nodeAs(obj, 'String')?.sval}`;
    default:
      return undefined;
  }
}

/** `ALTER … RENAME` the other way round. */
function renameBack(r: NodeOf<'RenameStmt'>): string {
  // pgsql-deparser prints a trigger rename without the trigger's name and ON (`ALTER TRIGGER t RENAME
  // TO x`, a syntax error: PageSpace 0254); ALTER POLICY … RENAME it prints right.
  if (r.renameType === 'OBJECT_TRIGGER' && r.relation && r.subname && r.newname) {
    const table = refOf(r.relation)!;
    return `ALTER TRIGGER ${quoteIdent(r.newname)} ON ${qualified(table.schema ?? DEFAULT_SCHEMA, table.name)} RENAME TO ${quoteIdent(r.subname)}`;
  }
  const back: Record<string, unknown> = { ...r };
  if (r.subname) {
    back.subname = r.newname;
    back.newname = r.subname;
  } else if (r.relation) {
    back.relation = { ...r.relation, relname: r.newname };
    back.newname = r.relation.relname;
  } else {
    const list = nodeAs(r.object, 'List');
    const str = nodeAs(r.object, 'String');
    const owa = nodeAs(r.object, 'ObjectWithArgs');
    if (list?.items) {
      const items = list.items as Node[];
      back.object = { List: { items: [...items.slice(0, -1), { String: { sval: r.newname } }] } };
      back.newname = nodeAs(items[items.length - 1], 'String')?.sval;
    } else if (str) {
      back.object = { String: { sval: r.newname } };
      back.newname = str.sval;
    } else if (owa?.objname) {
      const items = owa.objname as Node[];
      back.object = { ObjectWithArgs: { ...owa, objname: [...items.slice(0, -1), { String: { sval: r.newname } }] } };
      back.newname = nodeAs(items[items.length - 1], 'String')?.sval;
    }
  }
  return deparse({ RenameStmt: { ...back, missing_ok: false } } as Node);
}

function objectWord(type: string): string {
  const word = type.replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function showDropped(drop: NodeOf<'DropStmt'>): string {
  return ((drop.objects as Node[]) ?? [])
    .map((o) => {
      const parts = names((nodeAs(o, 'List')?.items ?? nodeAs(o, 'TypeName')?.names ?? nodeAs(o, 'ObjectWithArgs')?.objname) as Node[] | undefined);
      return showNames(parts.length ? parts : [nodeAs(o, 'String')?.sval ?? '?']);
    })
    .join(', ');
}

function showNames(parts: string[]): string {
  const shown = parts[0] === DEFAULT_SCHEMA && parts.length > 1 ? parts.slice(1) : parts;
  return shown.map(quoteIdent).join('.');
}

function showRef(ref: { schema?: string; name: string } | undefined): string {
  return ref ? showNames(ref.schema ? [ref.schema, ref.name] : [ref.name]) : '?';
}

/** `InsertStmt` → `INSERT`. */
function statementWord(kind: string): string {
  const base = kind.replace(/Stmt$/, '');
  const words: Record<string, string> = { Insert: 'INSERT', Update: 'UPDATE', Delete: 'DELETE', Merge: 'MERGE', Truncate: 'TRUNCATE', Copy: 'COPY' };
  return words[base] ?? base.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
