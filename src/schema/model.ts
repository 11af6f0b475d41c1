import { names, nodeAs, walkAst, type Node, type NodeOf } from '../sql/ast.js';
import { DEFAULT_SCHEMA, keyOfNames, qualifiedKey, refOf, refOfKey, relationKey } from '../sql/qualified-name.js';
import type { Statement } from '../sql/statement.js';
import { columnTypeOf } from './column-type.js';
import type { Column, ColumnType, Constraint, ConstraintKind, Domain, EnumType, Index, Origin, Policy, RelationRef, Table } from './types.js';

// The model's keys are the qualified-name codec's; re-exported for the modules that ask the model.
export { DEFAULT_SCHEMA, refOf, relationKey };

const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  CONSTR_PRIMARY: 'primary',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclusion',
  CONSTR_NOTNULL: 'not-null',
};

/**
 * The database schema as the migrations so far have built it, replayed statement by statement.
 * Objects the migrations never created are simply absent: callers treat them as unknown.
 */
export class SchemaModel {
  readonly tables = new Map<string, Table>();
  readonly indexes = new Map<string, Index>();
  readonly enums = new Map<string, EnumType>();
  readonly domains = new Map<string, Domain>();
  readonly schemas = new Set<string>([DEFAULT_SCHEMA]);
  /** Index keys by table key, so that dropping or renaming a table does not scan every index. */
  private readonly indexKeysByTable = new Map<string, Set<string>>();
  /**
   * Keys of indexes the replay saw go: dropped, or taken along with their column, constraint, table
   * or schema. `DROP INDEX IF EXISTS` of one of them does nothing (drizzle-kit writes such drops).
   */
  private readonly goneIndexes = new Set<string>();

  /** True when the migrations so far dropped this index (and did not create it again). */
  indexGone(ref: RelationRef | undefined): boolean {
    return !!ref && this.goneIndexes.has(relationKey(ref));
  }

  table(ref: RelationRef | undefined): Table | undefined {
    return ref ? this.tables.get(relationKey(ref)) : undefined;
  }

  column(ref: RelationRef | undefined, column: string): Column | undefined {
    return this.table(ref)?.columns.get(column);
  }

  index(ref: RelationRef | undefined): Index | undefined {
    return ref ? this.indexes.get(relationKey(ref)) : undefined;
  }

  enumType(parts: string[]): EnumType | undefined {
    return parts.length ? this.enums.get(keyOfNames(parts)) : undefined;
  }

  domain(parts: string[]): Domain | undefined {
    return parts.length ? this.domains.get(keyOfNames(parts)) : undefined;
  }

  /** The enum or domain a column type names, when the migrations created it. */
  userType(t: ColumnType): { enum?: EnumType; domain?: Domain } {
    const parts = t.schema ? [t.schema, t.name] : [t.name];
    return { enum: this.enumType(parts), domain: this.domain(parts) };
  }

  /**
   * The whole model as plain JSON data (Maps and Sets as entry arrays). `origin` encodes each
   * object's origin, so that a cache can store it independently of the working folder.
   */
  toJSON(origin: (o: Origin) => unknown = (o) => o): SchemaSnapshot {
    const withOrigin = <T extends { origin: Origin }>(x: T) => ({ ...x, origin: origin(x.origin) });
    return {
      tables: [...this.tables].map(([k, t]) => [
        k,
        {
          ...withOrigin(t),
          columns: [...t.columns].map(([n, c]) => [n, withOrigin(c)]),
          constraints: [...t.constraints].map(([n, c]) => [n, withOrigin(c)]),
          policies: [...t.policies].map(([n, p]) => [n, withOrigin(p)]),
        },
      ]),
      indexes: [...this.indexes].map(([k, i]) => [k, withOrigin(i)]),
      enums: [...this.enums].map(([k, e]) => [k, withOrigin(e)]),
      domains: [...this.domains].map(([k, d]) => [k, withOrigin(d)]),
      schemas: [...this.schemas],
      indexKeysByTable: [...this.indexKeysByTable].map(([k, keys]) => [k, [...keys]]),
      goneIndexes: [...this.goneIndexes],
    };
  }

  /** Rebuilds a model from `toJSON`'s output; `origin` decodes what `toJSON`'s encoder wrote. */
  static fromJSON(snapshot: SchemaSnapshot, origin: (o: unknown) => Origin = (o) => o as Origin): SchemaModel {
    const model = new SchemaModel();
    const withOrigin = <T extends { origin: unknown }>(x: T) => ({ ...x, origin: origin(x.origin) });
    for (const [k, t] of snapshot.tables) {
      model.tables.set(k, {
        ...withOrigin(t),
        columns: new Map(t.columns.map(([n, c]) => [n, withOrigin(c) as Column])),
        constraints: new Map(t.constraints.map(([n, c]) => [n, withOrigin(c) as Constraint])),
        policies: new Map(t.policies.map(([n, p]) => [n, withOrigin(p) as Policy])),
      } as Table);
    }
    for (const [k, i] of snapshot.indexes) model.indexes.set(k, withOrigin(i) as Index);
    for (const [k, e] of snapshot.enums) model.enums.set(k, withOrigin(e) as EnumType);
    for (const [k, d] of snapshot.domains) model.domains.set(k, withOrigin(d) as Domain);
    model.schemas.clear();
    for (const s of snapshot.schemas) model.schemas.add(s);
    for (const [k, keys] of snapshot.indexKeysByTable) model.indexKeysByTable.set(k, new Set(keys));
    for (const k of snapshot.goneIndexes) model.goneIndexes.add(k);
    return model;
  }

  /** Applies one statement's effect on the schema. Unknown statements change nothing. */
  apply(stmt: Statement, origin: Origin): void {
    const n = stmt.node;
    const create = nodeAs(n, 'CreateStmt');
    if (create) return this.createTable(create, origin);
    const alter = nodeAs(n, 'AlterTableStmt');
    if (alter) return this.alterTable(alter, origin);
    const idx = nodeAs(n, 'IndexStmt');
    if (idx) return this.createIndex(idx, origin);
    const drop = nodeAs(n, 'DropStmt');
    if (drop) return this.drop(drop);
    const rename = nodeAs(n, 'RenameStmt');
    if (rename) return this.rename(rename);
    const en = nodeAs(n, 'CreateEnumStmt');
    if (en) {
      const key = keyOfNames(names(en.typeName as Node[]));
      const { schema = DEFAULT_SCHEMA, name } = refOfKey(key);
      const values = ((en.vals as Node[]) ?? []).map((v) => nodeAs(v, 'String')?.sval ?? '');
      this.enums.set(key, { key, schema, name, values, origin });
      return;
    }
    const alterEnum = nodeAs(n, 'AlterEnumStmt');
    if (alterEnum) {
      const e = this.enumType(names(alterEnum.typeName as Node[]));
      if (!e) return;
      if (alterEnum.oldVal && alterEnum.newVal) e.values = e.values.map((v) => (v === alterEnum.oldVal ? alterEnum.newVal! : v));
      else if (alterEnum.newVal && !e.values.includes(alterEnum.newVal)) {
        // ADD VALUE … BEFORE / AFTER an existing label places it there (drift compares the order with pg_enum's).
        const at = alterEnum.newValNeighbor ? e.values.indexOf(alterEnum.newValNeighbor) : -1;
        if (at === -1) e.values.push(alterEnum.newVal);
        else e.values.splice(alterEnum.newValIsAfter ? at + 1 : at, 0, alterEnum.newVal);
      }
      return;
    }
    const domain = nodeAs(n, 'CreateDomainStmt');
    if (domain) return this.createDomain(domain, origin);
    const alterDomain = nodeAs(n, 'AlterDomainStmt');
    if (alterDomain) return this.alterDomain(alterDomain);
    const schema = nodeAs(n, 'CreateSchemaStmt');
    if (schema?.schemaname) return void this.schemas.add(schema.schemaname);
    const view = nodeAs(n, 'ViewStmt');
    if (view) return void this.addRelation(refOf(view.view), 'view', origin, n);
    const ctas = nodeAs(n, 'CreateTableAsStmt');
    if (ctas) {
      const kind = ctas.objtype === 'OBJECT_MATVIEW' ? 'materialized-view' : 'table';
      return void this.addRelation(refOf(ctas.into?.rel), kind, origin, n);
    }
    const policy = nodeAs(n, 'CreatePolicyStmt');
    if (policy?.policy_name) {
      const t = this.table(refOf(policy.table));
      const command = (policy.cmd_name ?? 'all').toUpperCase();
      t?.policies.set(policy.policy_name, { name: policy.policy_name, permissive: !!policy.permissive, command, def: n, origin });
      return;
    }
    const alterPolicy = nodeAs(n, 'AlterPolicyStmt');
    if (alterPolicy?.policy_name) {
      const p = this.table(refOf(alterPolicy.table))?.policies.get(alterPolicy.policy_name);
      const before = nodeAs(p?.def, 'CreatePolicyStmt');
      // ALTER POLICY changes only what it names: roles, USING, WITH CHECK.
      if (p && before) {
        const { roles, qual, with_check } = alterPolicy;
        p.def = { CreatePolicyStmt: { ...before, ...(roles ? { roles } : {}), ...(qual ? { qual } : {}), ...(with_check ? { with_check } : {}) } } as Node;
      }
      return;
    }
    const move = nodeAs(n, 'AlterObjectSchemaStmt');
    if (move?.objectType === 'OBJECT_TABLE' && move.relation && move.newschema) {
      const t = this.table(refOf(move.relation));
      if (t) this.moveTable(t, move.newschema, t.name);
    }
  }

  private addRelation(ref: RelationRef | undefined, kind: Table['kind'], origin: Origin, def?: Node): Table | undefined {
    if (!ref) return undefined;
    const key = relationKey(ref);
    const table: Table = {
      key,
      schema: ref.schema ?? DEFAULT_SCHEMA,
      name: ref.name,
      kind,
      columns: new Map(),
      constraints: new Map(),
      rowLevelSecurity: false,
      policies: new Map(),
      ...(def ? { def } : {}),
      origin,
    };
    this.tables.set(key, table);
    return table;
  }

  private createTable(create: NodeOf<'CreateStmt'>, origin: Origin): void {
    const ref = refOf(create.relation);
    if (!ref) return;
    if (create.if_not_exists && this.table(ref)) return;
    const table = this.addRelation(ref, create.partspec ? 'partitioned' : 'table', origin, { CreateStmt: create } as Node)!;
    const parent = (create.inhRelations as Node[] | undefined)?.map((r) => refOf(nodeAs(r, 'RangeVar')))[0];
    if (parent && create.partbound) table.partitionOf = relationKey(parent);
    for (const elt of (create.tableElts as Node[]) ?? []) {
      const col = nodeAs(elt, 'ColumnDef');
      if (col) this.addColumn(table, col, origin);
      const con = nodeAs(elt, 'Constraint');
      if (con) this.addConstraint(table, con, [], origin);
    }
    this.mergeUniqueIntoPrimaryKey(table, create);
  }

  /**
   * Postgres builds one index for a PRIMARY KEY and a plain UNIQUE on the same columns in one CREATE
   * TABLE (drizzle writes both for `.primaryKey().unique()`): the primary key, named after the UNIQUE
   * constraint when it has no name of its own. `DROP CONSTRAINT "<that name>"` then drops the
   * primary key.
   */
  private mergeUniqueIntoPrimaryKey(table: Table, create: NodeOf<'CreateStmt'>): void {
    const pk = [...table.constraints.values()].find((c) => c.kind === 'primary');
    if (!pk) return;
    const nodes: { con: NodeOf<'Constraint'>; columns: string[] }[] = [];
    for (const elt of (create.tableElts as Node[]) ?? []) {
      const def = nodeAs(elt, 'ColumnDef');
      for (const c of (def?.constraints as Node[]) ?? []) {
        const con = nodeAs(c, 'Constraint');
        if (con && def?.colname) nodes.push({ con, columns: [def.colname] });
      }
      const con = nodeAs(elt, 'Constraint');
      if (con) nodes.push({ con, columns: names(con.keys as Node[] | undefined) });
    }
    const pkNode = nodes.find((n) => n.con.contype === 'CONSTR_PRIMARY');
    const plain = (c: NodeOf<'Constraint'>) => !c.nulls_not_distinct && !c.including?.length && !c.deferrable && !c.indexname;
    if (!pkNode || !plain(pkNode.con)) return;
    let named = !!pkNode.con.conname;
    for (const { con, columns } of nodes) {
      if (con.contype !== 'CONSTR_UNIQUE' || !plain(con) || columns.join('\0') !== pk.columns.join('\0')) continue;
      const unique = con.conname ?? defaultConstraintName(table.name, columns, 'unique');
      table.constraints.delete(unique);
      this.deleteIndex(qualifiedKey(table.schema, unique));
      // The first named duplicate lends its name; later ones simply vanish.
      if (named || !con.conname) continue;
      named = true;
      table.constraints.delete(pk.name);
      this.deleteIndex(qualifiedKey(table.schema, pk.name));
      pk.name = unique;
      pk.namedAfterUnique = true;
      table.constraints.set(unique, pk);
      this.putIndex({ key: qualifiedKey(table.schema, unique), schema: table.schema, name: unique, table: table.key, unique: true, columns: pk.columns, origin: pk.origin });
    }
  }

  private addColumn(table: Table, def: NodeOf<'ColumnDef'>, origin: Origin): void {
    if (!def.colname) return;
    const column: Column = { name: def.colname, type: columnTypeOf(def.typeName), notNull: false, typeName: { TypeName: def.typeName } as Node, def: { ColumnDef: def } as Node, origin };
    table.columns.set(def.colname, column);
    for (const c of (def.constraints as Node[]) ?? []) {
      const con = nodeAs(c, 'Constraint');
      if (!con) continue;
      switch (con.contype) {
        case 'CONSTR_NOTNULL':
          column.notNull = true;
          break;
        case 'CONSTR_DEFAULT':
          column.default = con.raw_expr as Node | undefined;
          break;
        case 'CONSTR_IDENTITY':
          column.identity = con.generated_when === 'd' ? 'by-default' : 'always';
          column.notNull = true;
          break;
        case 'CONSTR_GENERATED':
          column.generated = (con as { generated_kind?: string }).generated_kind === 'v' ? 'virtual' : 'stored';
          break;
        case 'CONSTR_PRIMARY':
          column.notNull = true;
          this.addConstraint(table, con, [def.colname], origin);
          break;
        default:
          this.addConstraint(table, con, [def.colname], origin);
      }
    }
  }

  private addConstraint(table: Table, con: NodeOf<'Constraint'>, columns: string[], origin: Origin): void {
    const kind = con.contype ? CONSTRAINT_KINDS[con.contype] : undefined;
    if (!kind) return;
    const keys = kind === 'exclusion' ? exclusionColumns(con) : names((con.keys ?? con.fk_attrs) as Node[] | undefined);
    // ADD … USING INDEX takes over an existing index (renamed to the constraint's name).
    const adopted = con.indexname ? this.indexes.get(qualifiedKey(table.schema, con.indexname)) : undefined;
    if (adopted) this.deleteIndex(adopted.key);
    const cols = keys.length ? keys : adopted ? adopted.columns : columns;
    const name = con.conname ?? adopted?.name ?? defaultConstraintName(table.name, cols, kind);
    const pk = con.pktable ? relationKey(refOf(con.pktable)!) : undefined;
    table.constraints.set(name, {
      name,
      kind,
      columns: cols,
      validated: !con.skip_validation,
      expr: con.raw_expr as Node | undefined,
      references: pk,
      def: { Constraint: con } as Node,
      origin,
    });
    if (kind === 'primary' || (kind === 'not-null' && !con.skip_validation)) markNotNull(table, cols);
    if (kind === 'primary' || kind === 'unique' || kind === 'exclusion') {
      const key = qualifiedKey(table.schema, name);
      if (!this.indexes.has(key)) this.putIndex({ key, schema: table.schema, name, table: table.key, unique: kind !== 'exclusion', columns: cols, origin: adopted?.origin ?? origin });
    }
  }

  private alterTable(alter: NodeOf<'AlterTableStmt'>, origin: Origin): void {
    const table = this.table(refOf(alter.relation));
    if (!table) return;
    for (const c of (alter.cmds as Node[]) ?? []) {
      const cmd = nodeAs(c, 'AlterTableCmd');
      if (!cmd) continue;
      const col = cmd.name ? table.columns.get(cmd.name) : undefined;
      switch (cmd.subtype) {
        case 'AT_AddColumn': {
          const def = nodeAs(cmd.def, 'ColumnDef');
          if (def && !(cmd.missing_ok && def.colname && table.columns.has(def.colname))) this.addColumn(table, def, origin);
          break;
        }
        case 'AT_DropColumn':
          if (!cmd.name) break;
          table.columns.delete(cmd.name);
          // Postgres drops the table's indexes and constraints that involve the column with it.
          for (const [k, con] of table.constraints) if (con.columns.includes(cmd.name)) table.constraints.delete(k);
          for (const k of [...(this.indexKeysByTable.get(table.key) ?? [])]) if (this.indexes.get(k)?.columns.includes(cmd.name)) this.deleteIndex(k);
          // A foreign key elsewhere on the column would make the drop fail, unless CASCADE took it along.
          this.dropReferencingKeys(table.key, cmd.name);
          break;
        case 'AT_AlterColumnType': {
          const def = nodeAs(cmd.def, 'ColumnDef');
          if (col && def?.typeName) {
            col.type = columnTypeOf(def.typeName);
            col.typeName = { TypeName: def.typeName } as Node;
          }
          break;
        }
        case 'AT_SetNotNull':
          if (col) col.notNull = true;
          break;
        case 'AT_DropNotNull':
          if (col) col.notNull = false;
          break;
        case 'AT_ColumnDefault':
          if (col) col.default = cmd.def as Node | undefined;
          break;
        case 'AT_AddIdentity':
          if (col) col.identity = nodeAs(cmd.def, 'Constraint')?.generated_when === 'd' ? 'by-default' : 'always';
          break;
        case 'AT_DropIdentity':
          if (col) col.identity = undefined;
          break;
        case 'AT_AddConstraint': {
          const con = nodeAs(cmd.def, 'Constraint');
          if (con) this.addConstraint(table, con, [], origin);
          break;
        }
        case 'AT_DropConstraint':
          if (cmd.name) {
            table.constraints.delete(cmd.name);
            this.deleteIndex(qualifiedKey(table.schema, cmd.name));
          }
          break;
        case 'AT_ValidateConstraint': {
          const con = cmd.name ? table.constraints.get(cmd.name) : undefined;
          if (con) con.validated = true;
          if (con?.kind === 'not-null') markNotNull(table, con.columns);
          break;
        }
        case 'AT_EnableRowSecurity':
        case 'AT_ForceRowSecurity':
          table.rowLevelSecurity = true;
          break;
        case 'AT_DisableRowSecurity':
          table.rowLevelSecurity = false;
          break;
      }
    }
  }

  private createIndex(idx: NodeOf<'IndexStmt'>, origin: Origin): void {
    const tableRef = refOf(idx.relation);
    if (!tableRef || !idx.idxname) return;
    const schema = tableRef.schema ?? DEFAULT_SCHEMA;
    const key = qualifiedKey(schema, idx.idxname);
    if (idx.if_not_exists && this.indexes.has(key)) return;
    const columns = new Set<string>();
    for (const p of (idx.indexParams as Node[]) ?? []) {
      const elem = nodeAs(p, 'IndexElem');
      if (elem?.name) columns.add(elem.name);
      walkAst(elem?.expr, (kind, body) => {
        if (kind !== 'ColumnRef') return;
        const field = names(body.fields as Node[] | undefined).pop();
        if (field) columns.add(field);
      });
    }
    // A partial index goes with a column its WHERE clause names, too.
    walkAst(idx.whereClause, (kind, body) => {
      if (kind !== 'ColumnRef') return;
      const field = names(body.fields as Node[] | undefined).pop();
      if (field) columns.add(field);
    });
    this.deleteIndex(key);
    this.putIndex({ key, schema, name: idx.idxname, table: relationKey(tableRef), unique: !!idx.unique, columns: [...columns], def: { IndexStmt: idx } as Node, origin });
  }

  private renameIndex(i: Index, name: string): void {
    this.deleteIndex(i.key);
    i.name = name;
    i.key = qualifiedKey(i.schema, i.name);
    this.putIndex(i);
  }

  private putIndex(index: Index): void {
    this.indexes.set(index.key, index);
    this.goneIndexes.delete(index.key);
    let keys = this.indexKeysByTable.get(index.table);
    if (!keys) this.indexKeysByTable.set(index.table, (keys = new Set()));
    keys.add(index.key);
  }

  private deleteIndex(key: string): void {
    const index = this.indexes.get(key);
    if (!index) return;
    this.indexes.delete(key);
    this.goneIndexes.add(key);
    this.indexKeysByTable.get(index.table)?.delete(key);
  }

  private drop(drop: NodeOf<'DropStmt'>): void {
    for (const obj of (drop.objects as Node[]) ?? []) {
      const parts = names(nodeAs(obj, 'List')?.items as Node[] | undefined);
      const typeParts = names(nodeAs(obj, 'TypeName')?.names as Node[] | undefined);
      switch (drop.removeType) {
        case 'OBJECT_TABLE':
        case 'OBJECT_VIEW':
        case 'OBJECT_MATVIEW': {
          const key = keyOfNames(parts);
          this.tables.delete(key);
          for (const k of [...(this.indexKeysByTable.get(key) ?? [])]) this.deleteIndex(k);
          // Foreign keys to it are gone too: DROP … CASCADE takes them, and without CASCADE the drop fails.
          this.dropReferencingKeys(key);
          break;
        }
        case 'OBJECT_INDEX':
          this.deleteIndex(keyOfNames(parts));
          break;
        case 'OBJECT_POLICY':
          // [schema,] table, policy
          this.tables.get(keyOfNames(parts.slice(0, -1)))?.policies.delete(parts[parts.length - 1]);
          break;
        case 'OBJECT_TYPE':
          this.enums.delete(keyOfNames(typeParts.length ? typeParts : parts));
          break;
        case 'OBJECT_DOMAIN':
          this.domains.delete(keyOfNames(typeParts.length ? typeParts : parts));
          break;
        case 'OBJECT_SCHEMA': {
          const name = nodeAs(obj, 'String')?.sval;
          if (!name) break;
          this.schemas.delete(name);
          for (const [k, t] of this.tables) if (t.schema === name) this.tables.delete(k);
          for (const [k, i] of this.indexes) if (i.schema === name) this.deleteIndex(k);
          for (const [k, e] of this.enums) if (e.schema === name) this.enums.delete(k);
          for (const [k, d] of this.domains) if (d.schema === name) this.domains.delete(k);
          break;
        }
      }
    }
  }

  private rename(r: NodeOf<'RenameStmt'>): void {
    if (!r.newname) return;
    switch (r.renameType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW': {
        const t = this.table(refOf(r.relation));
        if (t) this.moveTable(t, t.schema, r.newname);
        break;
      }
      case 'OBJECT_COLUMN': {
        const t = this.table(refOf(r.relation));
        const col = r.subname ? t?.columns.get(r.subname) : undefined;
        if (t && col) {
          t.columns.delete(col.name);
          for (const con of t.constraints.values()) con.columns = con.columns.map((c) => (c === col.name ? r.newname! : c));
          this.renameColumnInDefinitions(t, col.name, r.newname);
          col.name = r.newname;
          t.columns.set(col.name, col);
        }
        break;
      }
      case 'OBJECT_POLICY': {
        const t = this.table(refOf(r.relation));
        if (t && r.subname) renameEntry(t.policies, r.subname, r.newname);
        break;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const t = this.table(refOf(r.relation));
        if (t && r.subname) {
          const kind = t.constraints.get(r.subname)?.kind;
          renameEntry(t.constraints, r.subname, r.newname);
          // Postgres renames the index behind a primary key, unique or exclusion constraint with it.
          const i = kind === 'primary' || kind === 'unique' || kind === 'exclusion' ? this.indexes.get(`${t.schema}.${r.subname}`) : undefined;
          if (i?.table === t.key) this.renameIndex(i, r.newname);
        }
        break;
      }
      case 'OBJECT_INDEX': {
        const i = this.index(refOf(r.relation));
        if (i) {
          const oldName = i.name;
          this.renameIndex(i, r.newname);
          // …and the constraint an index backs is renamed with the index.
          const t = this.tables.get(i.table);
          const kind = t?.constraints.get(oldName)?.kind;
          if (t && (kind === 'primary' || kind === 'unique' || kind === 'exclusion')) renameEntry(t.constraints, oldName, r.newname);
        }
        break;
      }
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN': {
        const parts = names(nodeAs(r.object, 'List')?.items as Node[] | undefined);
        const map: Map<string, EnumType | Domain> = r.renameType === 'OBJECT_TYPE' ? this.enums : this.domains;
        const e = map.get(keyOfNames(parts));
        if (e) {
          map.delete(e.key);
          const oldName = e.name;
          e.name = r.newname;
          e.key = qualifiedKey(e.schema, e.name);
          map.set(e.key, e);
          this.renameTypeUses(e.schema, oldName, r.newname);
        }
        break;
      }
    }
  }

  /**
   * Columns (and domains) name their type; Postgres links them by OID, so after ALTER TYPE … RENAME
   * they carry the new name: `SET DATA TYPE "New"` right after the rename changes nothing.
   */
  private renameTypeUses(schema: string, from: string, to: string): void {
    const renamed = (t: ColumnType): ColumnType => (t.name === from && (t.schema ?? DEFAULT_SCHEMA) === schema ? { ...t, name: to } : t);
    for (const table of this.tables.values()) for (const c of table.columns.values()) c.type = renamed(c.type);
    for (const d of this.domains.values()) d.baseType = renamed(d.baseType);
  }

  private createDomain(d: NodeOf<'CreateDomainStmt'>, origin: Origin): void {
    const key = keyOfNames(names(d.domainname as Node[]));
    const { schema = DEFAULT_SCHEMA, name } = refOfKey(key);
    const domain: Domain = { key, schema, name, baseType: columnTypeOf(d.typeName), checks: [], notNull: false, origin };
    for (const c of (d.constraints as Node[]) ?? []) addDomainConstraint(domain, nodeAs(c, 'Constraint'));
    this.domains.set(key, domain);
  }

  private alterDomain(a: NodeOf<'AlterDomainStmt'>): void {
    const domain = this.domain(names(a.typeName as Node[]));
    if (!domain) return;
    switch (a.subtype) {
      case 'C':
        addDomainConstraint(domain, nodeAs(a.def, 'Constraint'));
        break;
      case 'X':
        domain.checks = domain.checks.filter((c) => c !== a.name);
        break;
      case 'O':
        domain.notNull = true;
        break;
      case 'N':
        domain.notNull = false;
        break;
    }
  }

  /** Removes the foreign keys of other tables that reference this table (or, given, this column of it). */
  private dropReferencingKeys(tableKey: string, column?: string): void {
    for (const t of this.tables.values()) {
      for (const [k, con] of t.constraints) {
        if (con.kind !== 'foreign' || con.references !== tableKey || t.key === tableKey) continue;
        if (column === undefined || referencedColumns(con).includes(column)) t.constraints.delete(k);
      }
    }
  }

  /**
   * Postgres links constraints and indexes to columns by number, so after RENAME COLUMN their
   * definitions read with the new name; the stored definitions are rewritten (as copies: the AST
   * nodes belong to the parsed migration) so that `down` can re-create them.
   */
  private renameColumnInDefinitions(t: Table, from: string, to: string): void {
    for (const con of t.constraints.values()) if (con.def) con.def = renameColumnRefs(con.def, from, to);
    for (const k of this.indexKeysByTable.get(t.key) ?? []) {
      const i = this.indexes.get(k);
      if (i?.def) i.def = renameColumnRefs(i.def, from, to);
    }
    for (const other of this.tables.values()) {
      for (const con of other.constraints.values()) {
        const fk = nodeAs(con.def, 'Constraint');
        if (con.kind !== 'foreign' || con.references !== t.key || !fk?.pk_attrs) continue;
        con.def = { Constraint: { ...fk, pk_attrs: (fk.pk_attrs as Node[]).map((a) => (nodeAs(a, 'String')?.sval === from ? { String: { sval: to } } : a)) } } as Node;
      }
    }
  }

  private moveTable(t: Table, schema: string, name: string): void {
    const oldKey = t.key;
    this.tables.delete(oldKey);
    t.schema = schema;
    t.name = name;
    t.key = qualifiedKey(schema, name);
    this.tables.set(t.key, t);
    // Foreign keys follow the table they reference.
    for (const other of this.tables.values()) {
      for (const con of other.constraints.values()) {
        if (con.kind !== 'foreign' || con.references !== oldKey) continue;
        con.references = t.key;
        const fk = nodeAs(con.def, 'Constraint');
        if (fk) con.def = { Constraint: { ...fk, pktable: { ...fk.pktable, schemaname: schema, relname: name } } } as Node;
      }
    }
    for (const k of [...(this.indexKeysByTable.get(oldKey) ?? [])]) {
      const i = this.indexes.get(k)!;
      this.deleteIndex(k);
      i.table = t.key;
      this.putIndex(i);
    }
  }
}

type Entries<T> = [string, T][];
type Encoded<T> = Omit<T, 'origin'> & { origin: unknown };

/** SchemaModel as JSON data: see `toJSON`. One key per field of the model (test/engine/history-cache.test.ts checks it). */
export interface SchemaSnapshot {
  tables: Entries<
    Omit<Encoded<Table>, 'columns' | 'constraints' | 'policies'> & {
      columns: Entries<Encoded<Column>>;
      constraints: Entries<Encoded<Constraint>>;
      policies: Entries<Encoded<Policy>>;
    }
  >;
  indexes: Entries<Encoded<Index>>;
  enums: Entries<Encoded<EnumType>>;
  domains: Entries<Encoded<Domain>>;
  schemas: string[];
  indexKeysByTable: [string, string[]][];
  goneIndexes: string[];
}

function markNotNull(table: Table, columns: string[]): void {
  for (const c of columns) {
    const col = table.columns.get(c);
    if (col) col.notNull = true;
  }
}

function addDomainConstraint(domain: Domain, con: NodeOf<'Constraint'> | undefined): void {
  if (con?.contype === 'CONSTR_CHECK') domain.checks.push(con.conname ?? `${domain.name}_check`);
  if (con?.contype === 'CONSTR_NOTNULL') domain.notNull = true;
}

/** The referenced columns of a foreign key (empty when it names none: the referenced table's primary key). */
export function referencedColumns(con: Constraint): string[] {
  return names(nodeAs(con.def, 'Constraint')?.pk_attrs as Node[] | undefined);
}

/** A copy of an AST with references to column `from` (column refs, index elements) naming `to`. */
function renameColumnRefs(node: Node, from: string, to: string): Node {
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    const ref = out.ColumnRef as { fields?: Node[] } | undefined;
    const last = ref?.fields?.[ref.fields.length - 1];
    if (ref?.fields && nodeAs(last, 'String')?.sval === from) ref.fields = [...ref.fields.slice(0, -1), { String: { sval: to } } as Node];
    const elem = out.IndexElem as { name?: string } | undefined;
    if (elem?.name === from) elem.name = to;
    return out;
  };
  return copy(node) as Node;
}

/** Moves a named entry (constraint, policy) to its new name, keeping the object. */
function renameEntry<T extends { name: string }>(map: Map<string, T>, from: string, to: string): void {
  const entry = map.get(from);
  if (!entry) return;
  map.delete(from);
  entry.name = to;
  map.set(to, entry);
}

/** The columns an EXCLUDE constraint's elements name (`EXCLUDE USING gist (a WITH =, b WITH &&)` → a, b). */
function exclusionColumns(con: NodeOf<'Constraint'>): string[] {
  const out: string[] = [];
  for (const pair of (con.exclusions as Node[]) ?? []) {
    const elem = nodeAs((nodeAs(pair, 'List')?.items as Node[] | undefined)?.[0], 'IndexElem');
    if (elem?.name) out.push(elem.name);
  }
  return out;
}

/** Postgres's own naming for unnamed constraints (table_col_pkey, table_col_key, …), truncation aside. */
function defaultConstraintName(table: string, cols: string[], kind: ConstraintKind): string {
  const suffix = { primary: 'pkey', unique: 'key', foreign: 'fkey', check: 'check', exclusion: 'excl', 'not-null': 'not_null' }[kind];
  return kind === 'primary' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`;
}
