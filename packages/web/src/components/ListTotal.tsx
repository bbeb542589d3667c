/**
 * 共 N 条 (exact) / 约 N 条 (an estimate above 10,000 rows) of a list, asked apart from the page so the table
 * never waits for it; it refetches when the filters change and keeps the last number meanwhile.
 */
import type { CountResult } from '@jiandu/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Tooltip, Typography } from 'antd';
import { countKeys } from '../api/queries/counts';

/** The count of a list: `feature` is the feature's `all` query key, `filters` the list's filters. */
export function useListCount(feature: readonly unknown[], filters: object, fetch: () => Promise<CountResult>, enabled = true) {
  return useQuery({
    queryKey: countKeys.of(feature, filters),
    queryFn: fetch,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const totalText = (c: CountResult) => `${c.exact ? '共' : '约'} ${c.total.toLocaleString('zh-CN')} 条`;

export function ListTotal({ count }: { count: CountResult | undefined }) {
  if (!count) return <Typography.Text type="secondary" className="list-total">共 … 条</Typography.Text>;
  const text = <Typography.Text type="secondary" className="list-total" data-testid="list-total">{totalText(count)}</Typography.Text>;
  return count.exact ? text : <Tooltip title="超过一万条，为数据库估计的数目">{text}</Tooltip>;
}
