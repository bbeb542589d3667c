/**
 * 管理监督台账 of one cadre or one team: its entries as a timeline, newest first, 20 at a time (keyset),
 * filters by kind, source and year; 导出Excel of what the filters show; 新增记录 (entry:write) with the subject
 * fixed; an entry opens the drawer.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { entriesApi, exportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { ExportButton } from '../../components/ExportButton';
import type { Subject } from '../../components/entry-form/subject';
import { EntryDrawer } from './EntryDrawer';
import { impactActive } from './labels';
import { LedgerFilterBar } from './LedgerFilterBar';
import { TimelineEntry } from './TimelineEntry';
import type { LedgerFilters } from './use-ledger-filters';
import styles from './ledger.module.css';
import { ledgerKeys } from '../../api/queries/ledger';

const PAGE = 20;

export function LedgerTimelineCard({ subject }: { subject: Subject }) {
  const me = useCurrentUser();
  const [filters, setFilters] = useState<LedgerFilters>({});
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const who = subject.type === 'cadre' ? { cadreId: subject.id } : { teamId: subject.id };
  const list = useInfiniteQuery({
    queryKey: ledgerKeys.list('entries', { ...who, ...filters, limit: PAGE }),
    queryFn: ({ pageParam }) => entriesApi.list('entries', { ...who, ...filters, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(filters.kind || filters.sourceDept || filters.year || filters.q);

  return (
    <Card
      title={subject.type === 'team' ? '领导班子管理监督台账' : '管理监督台账'}
      style={{ marginTop: 16 }}
      extra={(
        <Space>
          {me.can('entry:read') && <ExportButton href={exportsApi.entriesXlsx('entries', { ...who, ...filters })} label="导出Excel" />}
          {me.can('entry:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增记录</Button>}
        </Space>
      )}
    >
      <div className={styles.toolbar}><LedgerFilterBar filters={filters} onChange={setFilters} /></div>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      {list.isPending && <Typography.Text type="secondary">正在加载……</Typography.Text>}
      {list.isSuccess && items.length === 0 && (
        <Empty description={filtered ? '没有符合条件的记录' : `${subject.type === 'cadre' ? '该干部' : '该班子'}暂无台账记录`} />
      )}
      {items.length > 0 && (
        <Timeline
          items={items.map((e) => ({
            key: e.entryId,
            color: e.status === 'withdrawn' ? 'gray' : e.status === 'pending' || e.status === 'returned' ? 'orange'
              : impactActive(e.impactUntil) ? 'red' : 'blue',
            content: <TimelineEntry entry={e} onOpen={() => setOpen(e.entryId)} />,
          }))}
        />
      )}
      {items.length > 0 && (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">已显示 {items.length} 条，按发生日期由近及远；已撤销的记录以灰色显示。</Typography.Text>
          <Button disabled={!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.hasNextPage ? '加载更多' : '没有更多了'}
          </Button>
        </Flex>
      )}
      {adding && <EntryFormModal side="entries" target={{ mode: 'create', subject }} onClose={() => setAdding(false)} onSaved={setOpen} />}
      <EntryDrawer side="entries" entryId={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
