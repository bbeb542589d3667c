/** The rows of a ledger list: 日期, 类别, 对象, 来源, 摘要, 影响期至, 状态 (and what a page adds). */
import type { EntryView } from '@jiandu/domain';
import { Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { sortable, sortFromTable } from '../../components/table-sort';
import { formatDate, formatDateTime } from '../../lib/format';
import { EntryStatusTag, KindTag, VersionTag, WithheldText, impactActive } from './labels';
import styles from './ledger.module.css';

interface Props {
  rows: EntryView[];
  loading: boolean;
  onOpen: (e: EntryView) => void;
  /** Link cadre names to their profiles (组织部 with cadre:read). */
  linkCadre: boolean;
  showSource?: boolean;
  extraColumns?: ColumnsType<EntryView>;
  emptyText: string;
  /** The list's `sort` (发生日期, 登记时间, 类别 sortable, with a 登记时间 column) and its change. */
  sort?: string;
  onSort?: (sort: string | undefined) => void;
}

export function LedgerTable({ rows, loading, onOpen, linkCadre, showSource = true, extraColumns = [], emptyText, sort, onSort }: Props) {
  const sorts = (column: string) => (onSort ? sortable(sort, column) : {});
  const columns: ColumnsType<EntryView> = [
    { title: '日期', dataIndex: 'occurredOn', width: 110, render: (v: string) => formatDate(v), ...sorts('occurredOn') },
    { title: '类别', dataIndex: 'kind', width: 140, render: (_: unknown, e) => <KindTag code={e.kind} name={e.kindName} />, ...sorts('kind') },
    {
      title: '对象', key: 'subject', width: 180, ellipsis: true,
      render: (_: unknown, e) => (e.cadreId
        ? (linkCadre ? <Link to={`/cadres/${e.cadreId}`} onClick={(ev) => ev.stopPropagation()}>{e.cadreName}</Link> : e.cadreName)
        : <span title={e.teamName ?? ''}>{e.teamName}</span>),
    },
    ...(showSource ? [{ title: '来源', dataIndex: 'sourceDeptName', width: 100 }] : []),
    {
      title: '摘要', dataIndex: 'summary', ellipsis: true,
      render: (v: string, e) => (
        <>
          {e.redacted ? <WithheldText /> : (
            <Typography.Text delete={e.status === 'withdrawn'} type={e.status === 'withdrawn' ? 'secondary' : undefined} title={v}>{v}</Typography.Text>
          )}
          {e.status === 'returned' && e.reviewReason && (
            <div className={styles.ellipsisLine}><Typography.Text type="warning" title={e.reviewReason}>退回原因：{e.reviewReason}</Typography.Text></div>
          )}
        </>
      ),
    },
    {
      title: '影响期至', dataIndex: 'impactUntil', width: 110,
      render: (v: string | null, e) => (v
        ? <Tooltip title={e.impactBasis}><Typography.Text type={impactActive(v) && e.status !== 'withdrawn' ? 'danger' : 'secondary'}>{formatDate(v)}</Typography.Text></Tooltip>
        : '—'),
    },
    ...(onSort ? [{ title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v), ...sorts('createdAt') }] : []),
    ...extraColumns,
    {
      title: '状态', dataIndex: 'status', width: 130,
      render: (_: unknown, e) => <Space size={4}><EntryStatusTag status={e.status} /><VersionTag version={e.version} /></Space>,
    },
  ];
  return (
    <Table<EntryView>
      className="clickable-rows"
      rowKey="entryId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      onRow={(e) => ({ onClick: () => onOpen(e) })}
      rowClassName={(e) => (e.status === 'withdrawn' ? 'tenure-ended' : '')}
      locale={{ emptyText }}
      columns={columns}
      onChange={(_p, _f, sorter) => onSort?.(sortFromTable(sorter))}
    />
  );
}
