/**
 * Query keys of the lists' counts (共 N 条). Each sits under its feature's `all` key, so whatever refreshes a
 * list (a write, a rules job) refreshes its count too; the key holds the filters only (not the page or order).
 */
export const countKeys = {
  of: (feature: readonly unknown[], filters: object) => [...feature, 'count', filters] as const,
};
