/** Query keys of the 任免审批表 imports. */

export const cadreImportKeys = {
  all: ['cadre-imports'] as const,
  list: ['cadre-imports', 'list'] as const,
  view: (id: string) => ['cadre-imports', 'view', id] as const,
};
