import type { Node, NodeKind } from './ast.js';
import type { Location, SourceFile } from './source-file.js';

/** One SQL statement of a migration file, with where it stands in the original text. */
export interface Statement {
  /** 0-based ordinal among the file's statements (DO-body statements included, in order). */
  index: number;
  kind: NodeKind;
  /** The statement node as libpg-query returns it: `{ AlterTableStmt: {...} }`. */
  node: Node;
  /** The statement's SQL, without the trailing semicolon. */
  text: string;
  /** String offsets into `file.text`. */
  start: number;
  end: number;
  location: Location;
  file: SourceFile;
  /** 0-based index of the `--> statement-breakpoint` chunk it came from. */
  chunk: number;
  /** Set for statements found inside a `DO $$ … $$` body. */
  doBlock?: {
    /** The enclosing DO statement's start offset. */
    start: number;
    /** The body catches errors (drizzle-kit's `EXCEPTION WHEN duplicate_object` wrapper). */
    guarded: boolean;
    handledConditions: string[];
  };
  /** File location of a byte offset that an AST node of this statement reports (`location`). */
  locate(nodeByteOffset: number | undefined): Location;
}
