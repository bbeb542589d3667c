/** Query keys of the 台账导入 (and the 干部名册 import through it). */

export const importKeys = {
  all: ['imports'] as const,
  list: ['imports', 'list'] as const,
  batch: (id: string) => ['imports', 'batch', id] as const,
  /** What the upload answered; kept for the wizard's later steps, never fetched. */
  preview: (id: string) => ['imports', 'preview', id] as const,
  /** All pages of a batch's issues (a prefix of `issues`). */
  issuesOf: (id: string) => ['imports', 'issues', id] as const,
  issues: (id: string, afterRow: number) => ['imports', 'issues', id, afterRow] as const,
  /** All pages of a roster batch's changes (a prefix of `changes`). */
  changesOf: (id: string) => ['imports', 'changes', id] as const,
  changes: (id: string, afterRow: number) => ['imports', 'changes', id, afterRow] as const,
  rosterCounts: (id: string) => ['imports', 'roster-counts', id] as const,
};
