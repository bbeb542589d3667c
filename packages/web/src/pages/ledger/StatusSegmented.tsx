/** The status switch of a ledger list; 待审核 carries the count of its first page, so review work is visible. */
import type { EntryView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Badge, Segmented, Space } from 'antd';
import { entriesApi, type LedgerSide } from '../../api/endpoints';
import type { EntryStatus } from './labels';
import { ledgerKeys } from '../../api/queries/ledger';

type Value = EntryStatus | 'all';
const PAGE = 50;

interface Props {
  side: LedgerSide;
  value: EntryStatus | undefined;
  onChange: (s: EntryStatus | undefined) => void;
  /** Which status gets the count: 待审核 for the 组织部, 已退回 for a member department. */
  counted: EntryStatus;
}

const LABELS: Record<Value, string> = { all: '全部', pending: '待审核', accepted: '已采纳', returned: '已退回', withdrawn: '已撤销' };

export function StatusSegmented({ side, value, onChange, counted }: Props) {
  const count = useQuery({
    queryKey: ledgerKeys.list(side, { status: counted, limit: PAGE }),
    queryFn: () => entriesApi.list(side, { status: counted, limit: PAGE }),
    select: (p: { items: EntryView[]; nextCursor: string | null }) => (p.nextCursor ? `${PAGE}+` : String(p.items.length)),
  });
  const n = count.data && count.data !== '0' ? count.data : null;
  const order: Value[] = counted === 'pending'
    ? ['all', 'pending', 'accepted', 'returned', 'withdrawn']
    : ['all', 'returned', 'pending', 'accepted', 'withdrawn'];
  return (
    <Segmented<Value>
      value={value ?? 'all'}
      onChange={(v) => onChange(v === 'all' ? undefined : v)}
      options={order.map((v) => ({
        value: v,
        label: v === counted && n
          ? <Space size={6}>{LABELS[v]}<Badge count={n} color={counted === 'pending' ? 'blue' : 'orange'} size="small" /></Space>
          : LABELS[v],
      }))}
    />
  );
}
