/**
 * A list's column sort (antd Table `sorter`) ↔ its `sort` query parameter (`<column>:asc|desc`). The server
 * sorts (keyset pages), so the columns only say which one is active: `sortable(sort, 'dueOn')` on a column,
 * `sortFromTable(sorter)` in the table's onChange; cancelling the sort goes back to the list's default order.
 */
import type { SorterResult, SortOrder } from 'antd/es/table/interface';

export function sortable(sort: string | undefined, column: string): { key: string; sorter: true; sortOrder: SortOrder } {
  const [c, dir] = (sort ?? '').split(':');
  return { key: column, sorter: true, sortOrder: c === column ? (dir === 'desc' ? 'descend' : 'ascend') : null };
}

export function sortFromTable<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || s.columnKey === undefined) return undefined;
  return `${String(s.columnKey)}:${s.order === 'descend' ? 'desc' : 'asc'}`;
}
