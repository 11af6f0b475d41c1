import type { Node } from '../sql/ast.js';
import type { RelationRef } from '../sql/qualified-name.js';

/** A relation reference as written in SQL (defined with the qualified-name codec). */
export type { RelationRef };

/** Where an object came from: the migration file and the batch that created it. */
export interface Origin {
  file: string;
  batch: number;
}

export interface ColumnType {
  /** Canonical Postgres name: int4, int8, varchar, numeric, text, timestamptz, or the user type's name. */
  name: string;
  /** Schema of a user-defined type (enum, domain); undefined for built-ins. */
  schema?: string;
  /** Type modifiers: varchar(n) → [n], numeric(p, s) → [p, s]. Empty when none or not constant. */
  mods: number[];
  /** Array dimensions (0 for scalars). */
  arrayDims: number;
  /** Declared through serial / bigserial / smallserial. */
  serial: boolean;
}

export interface Column {
  name: string;
  type: ColumnType;
  notNull: boolean;
  default?: Node;
  identity?: 'always' | 'by-default';
  generated?: 'stored' | 'virtual';
  /** The type as written (kept for type modifiers the canonical `type` cannot hold, e.g. geometry(Point, 4326)). */
  typeName?: Node;
  /** The ColumnDef as written: its generation expression, identity options and collation re-create the column (`down`). */
  def?: Node;
  origin: Origin;
}

export type ConstraintKind = 'primary' | 'unique' | 'foreign' | 'check' | 'exclusion' | 'not-null';

export interface Constraint {
  name: string;
  kind: ConstraintKind;
  columns: string[];
  /** False while added NOT VALID and not yet validated. */
  validated: boolean;
  /** CHECK expression. */
  expr?: Node;
  /** Referenced table key for foreign keys. */
  references?: string;
  /** A primary key that took the name of a UNIQUE constraint on the same columns (one index for both). */
  namedAfterUnique?: true;
  /** The Constraint node as written (column names in it follow later renames): `down` re-creates the constraint from it. */
  def?: Node;
  origin: Origin;
}

export interface Policy {
  name: string;
  /** PERMISSIVE policies grant rows (any one suffices); RESTRICTIVE ones filter what the others grant. */
  permissive: boolean;
  /** ALL, SELECT, INSERT, UPDATE or DELETE. */
  command: string;
  /** The CreatePolicyStmt as written, with later ALTER POLICY changes merged in (`down` re-creates the policy). */
  def?: Node;
  origin: Origin;
}

export interface Table {
  /** `schema.name` */
  key: string;
  schema: string;
  name: string;
  kind: 'table' | 'partitioned' | 'view' | 'materialized-view';
  columns: Map<string, Column>;
  constraints: Map<string, Constraint>;
  rowLevelSecurity: boolean;
  /** Row-level security policies by name. */
  policies: Map<string, Policy>;
  /** Parent table key when created as a partition. */
  partitionOf?: string;
  /** The creating statement's node (CreateStmt, ViewStmt, CreateTableAsStmt): partition bounds, view queries (`down`). */
  def?: Node;
  origin: Origin;
}

export interface Index {
  key: string;
  schema: string;
  name: string;
  table: string;
  unique: boolean;
  /** Columns the index covers, including those named inside index expressions. */
  columns: string[];
  /** The IndexStmt as written, for indexes made by CREATE INDEX (column names in it follow later renames); `down` re-creates it. */
  def?: Node;
  origin: Origin;
}

export interface EnumType {
  key: string;
  schema: string;
  name: string;
  values: string[];
  origin: Origin;
}

export interface Domain {
  key: string;
  schema: string;
  name: string;
  baseType: ColumnType;
  /** Names of its CHECK constraints (NOT VALID ones included: new values are still checked). */
  checks: string[];
  notNull: boolean;
  origin: Origin;
}
