/** Routes: every page is its own lazy chunk; permissions sit on the route handle and the layout checks them. */
import type { Permission } from '@jiandu/domain';
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { RouteError } from '../components/RouteError';
import { AppLayout } from './layout/AppLayout';
import { HomeRedirect } from './HomeRedirect';
import { Root } from './Root';
import { SessionGuard } from './SessionGuard';

import type { RouteHandle } from './route-handle';

type PageModule = { default: ComponentType };

function page(load: () => Promise<PageModule>, permission?: Permission | readonly Permission[]): Pick<RouteObject, 'lazy' | 'handle'> {
  return {
    lazy: async () => ({ Component: (await load()).default }),
    ...(permission ? { handle: { permission } satisfies RouteHandle } : {}),
  };
}

const routes: RouteObject[] = [
  {
    Component: Root,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: '/login', ...page(() => import('../pages/login/LoginPage')) },
      { path: '/change-password', ...page(() => import('../pages/change-password/ChangePasswordPage')) },
      { path: '/mfa', ...page(() => import('../pages/mfa/MfaPage')) },
      {
        Component: SessionGuard,
        children: [
          {
            Component: AppLayout,
            children: [
              { index: true, Component: HomeRedirect },
              { path: '/dashboard', ...page(() => import('../pages/dashboard/DashboardPage'), 'dashboard:read') },
              { path: '/warnings', ...page(() => import('../pages/warnings/WarningsPage'), 'warning:read') },
              { path: '/obligations', ...page(() => import('../pages/obligations/ObligationsPage'), 'obligation:read') },
              { path: '/meetings', ...page(() => import('../pages/meetings/MeetingsPage'), 'meeting:read') },
              { path: '/meetings/shared', ...page(() => import('../pages/meetings/SharedPage'), 'meeting:member') },
              { path: '/meetings/:id', ...page(() => import('../pages/meetings/MeetingDetailPage'), 'meeting:read') },
              { path: '/meeting-tasks', ...page(() => import('../pages/meeting-tasks/MeetingTasksPage'), ['meeting:read', 'meeting:member']) },
              { path: '/meeting-tasks/:id', ...page(() => import('../pages/meeting-tasks/MeetingTaskPage'), ['meeting:read', 'meeting:member']) },
              { path: '/settings/rules', ...page(() => import('../pages/rule-settings/RuleSettingsPage'), 'settings:read') },
              { path: '/orgs', ...page(() => import('../pages/orgs/OrgsPage'), 'org:read') },
              { path: '/cadres', ...page(() => import('../pages/cadres/CadreListPage'), 'cadre:read') },
              { path: '/cadres/:id', ...page(() => import('../pages/cadre-profile/CadreProfilePage'), 'cadre:read') },
              { path: '/cadre-imports', ...page(() => import('../pages/cadre-imports/CadreImportsListPage'), 'cadre:write') },
              { path: '/cadre-imports/new', ...page(() => import('../pages/cadre-imports/CadreImportPage'), 'cadre:write') },
              { path: '/cadre-imports/:id', ...page(() => import('../pages/cadre-imports/CadreImportPage'), 'cadre:write') },
              { path: '/ledger', ...page(() => import('../pages/ledger/LedgerPage'), 'entry:read') },
              { path: '/submissions', ...page(() => import('../pages/submissions/SubmissionsPage'), 'entry:submit') },
              { path: '/imports', ...page(() => import('../pages/imports/ImportsListPage'), 'import:run') },
              { path: '/imports/new', ...page(() => import('../pages/imports/ImportWizardPage'), 'import:run') },
              { path: '/imports/:id', ...page(() => import('../pages/imports/ImportWizardPage'), 'import:run') },
              { path: '/lookup', ...page(() => import('../pages/lookup/CadreLookupPage'), 'cadre:lookup') },
              { path: '/admin/users', ...page(() => import('../pages/users/UsersPage'), 'user:admin') },
              { path: '/admin/api-tokens', ...page(() => import('../pages/api-tokens/ApiTokensPage'), 'token:admin') },
              { path: '/audit', ...page(() => import('../pages/audit/AuditPage'), 'audit:read') },
              { path: '/security', ...page(() => import('../pages/security/SecurityPolicyPage'), 'security:admin') },
              { path: '/admin/approvals', ...page(() => import('../pages/approvals/ApprovalsPage'), 'user:approve') },
              { path: '*', ...page(() => import('../pages/not-found/NotFoundPage')) },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
