import { nodeAs, walkAst } from '../sql/ast.js';
import type { Statement } from '../sql/statement.js';
import { quoteIdent } from '../sql/qualified-name.js';
import type { Session } from './database.js';

/** Extensions the migrations create, in order of first appearance. */
export function extensionsCreated(statements: Iterable<Statement>): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    const name = nodeAs(s.node, 'CreateExtensionStmt')?.extname;
    if (name) out.add(name);
  }
  return [...out];
}

export function createdExtension(stmt: Statement): string | undefined {
  return nodeAs(stmt.node, 'CreateExtensionStmt')?.extname;
}

/** Roles that policies, grants and OWNER TO name, minus the ones the migrations create themselves. */
export function rolesReferenced(statements: Iterable<Statement>): string[] {
  const referenced = new Set<string>();
  const created = new Set<string>();
  for (const s of statements) {
    const role = nodeAs(s.node, 'CreateRoleStmt')?.role;
    if (role) created.add(role);
    walkAst(s.node, (kind, body) => {
      if (kind === 'RoleSpec' && body.roletype === 'ROLESPEC_CSTRING' && typeof body.rolename === 'string') referenced.add(body.rolename);
    });
  }
  return [...referenced].filter((r) => !created.has(r));
}

/**
 * PGlite starts with only its own superuser, while Supabase-style policies name `authenticated`,
 * `anon` …: creates the missing ones as NOLOGIN stubs so the statements can run. Returns the
 * roles it created.
 */
export async function createStubRoles(session: Session, roles: string[]): Promise<string[]> {
  if (!roles.length) return [];
  const existing = new Set(
    (await session.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [roles])).map((r) => r.rolname),
  );
  const missing = roles.filter((r) => !existing.has(r) && !/^(public|current_user|session_user|current_role)$/i.test(r));
  for (const role of missing) await session.exec(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
  return missing;
}

/** Errors a statement raises when an object from an extension the engine lacks is missing. */
export const MISSING_OBJECT_CODES = new Set(['42704', '42883', '58P01', '0A000']);

/** Errors of statements that use a table or column a skipped statement would have created. */
export const DEPENDENT_OBJECT_CODES = new Set(['42P01', '42703']);
