import type { Permission } from '@jiandu/domain';

/** What a route declares for the layout: the permission its page needs (the menu and the guard read it). */
export interface RouteHandle {
  permission?: Permission;
}
