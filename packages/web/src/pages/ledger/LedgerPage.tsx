/** 管理监督台账 (entry:read): every current entry of the jurisdiction, with filters; 待审核 to review submissions. */
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { countFilters, countsApi, entriesApi, exportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { ExportButton } from '../../components/ExportButton';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { LedgerPrintButton } from '../../components/print/list-prints';
import { EntryDrawer } from './EntryDrawer';
import { LedgerFilterBar } from './LedgerFilterBar';
import { LedgerTable } from './LedgerTable';
import { Pager } from './Pager';
import { StatusSegmented } from './StatusSegmented';
import { useLedgerFilters, type LedgerFilters } from './use-ledger-filters';
import { ledgerKeys } from '../../api/queries/ledger';

export default function LedgerPage() {
  const me = useCurrentUser();
  const f = useLedgerFilters();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ledgerKeys.list('entries', f.query),
    queryFn: () => entriesApi.list('entries', f.query),
    placeholderData: keepPreviousData,
  });
  const counted = countFilters(f.filters);
  const count = useListCount([...ledgerKeys.all, 'entries'], counted, () => countsApi.entries('entries', counted));
  const reviewing = f.filters.status === 'pending';

  return (
    <>
      <PageTitle
        title={<Space align="baseline" size={12}>管理监督台账<ListTotal count={count.data} /></Space>}
        extra={(
          <Space>
            {me.can('entry:read') && <ExportButton href={exportsApi.entriesXlsx('entries', f.filters)} label="导出Excel" />}
            {me.can('entry:read') && <LedgerPrintButton filters={f.filters} />}
            {me.can('entry:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增记录</Button>}
          </Space>
        )}
      />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
          <StatusSegmented side="entries" counted="pending" value={f.filters.status} onChange={(status) => f.setFilters({ ...f.filters, status })} />
          <LedgerFilterBar filters={f.filters} onChange={f.setFilters} />
        </Flex>
        {reviewing && me.can('entry:review') && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="成员单位报送的记录，点击一行查看详情后采纳或退回（退回须说明原因）。" />
        )}
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        {list.data?.searchIncomplete && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="摘要检索索引正在后台补建（系统升级后），较早记录的摘要可能暂时搜不到；姓名、文号不受影响。" />
        )}
        <LedgerTable
          rows={list.data?.items ?? []}
          loading={list.isFetching}
          onOpen={(e) => setOpen(e.entryId)}
          linkCadre={me.can('cadre:read')}
          emptyText={reviewing ? '没有待审核的报送' : '没有符合条件的台账记录'}
          sort={f.filters.sort}
          onSort={(sort) => f.setFilters({ ...f.filters, sort: sort as LedgerFilters['sort'] })}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">当前版本，{f.filters.sort ? '按所选列排序' : '按发生日期由近及远'}，每页 50 条</Typography.Text>
          <Pager pageNumber={f.pageNumber} hasPrev={f.hasPrev} nextCursor={list.data?.nextCursor} busy={list.isFetching}
            onPrev={f.prevPage} onNext={f.nextPage} />
        </Flex>
      </Card>
      {adding && <EntryFormModal side="entries" target={{ mode: 'create' }} onClose={() => setAdding(false)} onSaved={setOpen} />}
      <EntryDrawer side="entries" entryId={open} onClose={() => setOpen(null)} />
    </>
  );
}
