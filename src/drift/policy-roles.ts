import { nodeAs, type Node } from '../sql/ast.js';

/**
 * The roles a CREATE POLICY names, sorted, as pg_policy keeps them (`public` when none is named);
 * undefined when one is CURRENT_USER / SESSION_USER / CURRENT_ROLE, which Postgres resolves to a
 * name at creation that the migrations do not know.
 */
export function policyRoles(roles: Node[] | undefined): string[] | undefined {
  if (!roles?.length) return ['public'];
  const out: string[] = [];
  for (const r of roles) {
    const spec = nodeAs(r, 'RoleSpec');
    if (spec?.roletype === 'ROLESPEC_PUBLIC') out.push('public');
    else if (spec?.roletype === 'ROLESPEC_CSTRING' && spec.rolename) out.push(spec.rolename);
    else return undefined;
  }
  return [...new Set(out)].sort();
}
