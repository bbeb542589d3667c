/** Query keys of the 工作台. */

export const dashboardKeys = {
  all: ['dashboard'] as const,
  view: (p: { orgId: string | undefined; year: number | undefined }) => ['dashboard', p] as const,
};
