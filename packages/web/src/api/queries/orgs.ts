/** Query keys of the org tree and the 领导班子: a new unit invalidates `all`, a tenure change `teams`. */

export const orgKeys = {
  all: ['orgs'] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  detail: (id: string | null | undefined) => ['orgs', 'detail', id] as const,
  /** The children of a unit ('' for the roots of the jurisdiction). */
  children: (parentId: string | null) => ['orgs', 'children', parentId ?? ''] as const,
  teams: ['orgs', 'team'] as const,
  /** A unit's 变更记录 (under `all`: a change invalidates it with the tree). */
  changes: (orgId: string) => ['orgs', 'changes', orgId] as const,
  team: (orgId: string | null | undefined) => ['orgs', 'team', orgId] as const,
};
