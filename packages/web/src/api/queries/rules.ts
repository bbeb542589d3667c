/** Query keys of the rules' catalogue, settings and re-evaluation jobs (规则设置). */

export const ruleKeys = {
  catalog: ['rules', 'catalog'] as const,
  settings: ['rules', 'settings'] as const,
  latestJob: ['rules', 'jobs', 'latest'] as const,
};
