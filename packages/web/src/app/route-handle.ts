import type { Permission } from '@jiandu/domain';

/** What a route declares for the layout: the permission its page needs (the menu and the guard read it). */
export interface RouteHandle {
  /** One permission, or several of which any opens the page. */
  permission?: Permission | readonly Permission[];
}
