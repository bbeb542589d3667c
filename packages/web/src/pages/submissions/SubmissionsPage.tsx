/**
 * 本单位报送 (entry:submit): the member department's own submissions with their status and return reasons;
 * 新增报送 finds the cadre by exact lookup only. Returned ones can be corrected or withdrawn; accepted ones
 * are read-only (the 组织部 corrects them).
 */
import { PlusOutlined } from '@ant-design/icons';
import type { EntryView } from '@jiandu/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { ProposeModal } from './ProposeModal';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { countFilters, countsApi, entriesApi, exportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { EntryDrawer } from '../ledger/EntryDrawer';
import { LedgerFilterBar } from '../ledger/LedgerFilterBar';
import { LedgerTable } from '../ledger/LedgerTable';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { Pager } from '../ledger/Pager';
import { StatusSegmented } from '../ledger/StatusSegmented';
import { useLedgerFilters } from '../ledger/use-ledger-filters';
import { ledgerKeys } from '../../api/queries/ledger';

export default function SubmissionsPage() {
  const me = useCurrentUser();
  const f = useLedgerFilters();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [proposing, setProposing] = useState<EntryView | null>(null);
  const list = useQuery({
    queryKey: ledgerKeys.list('submissions', f.query),
    queryFn: () => entriesApi.list('submissions', f.query),
    placeholderData: keepPreviousData,
  });

  const counted = countFilters(f.filters);
  const count = useListCount([...ledgerKeys.all, 'submissions'], counted, () => countsApi.entries('submissions', counted));

  return (
    <>
      <PageTitle
        title={<Space align="baseline" size={12}>{`本单位报送${me.departmentName ? ` · ${me.departmentName}` : ''}`}<ListTotal count={count.data} /></Space>}
        extra={(
          <Space>
            {me.can('entry:submit') && <ExportButton href={exportsApi.entriesXlsx('submissions', f.filters)} label="导出Excel" />}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增报送</Button>
          </Space>
        )}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="报送的记录经组织部审核采纳后生效。被退回的记录可更正后重新报送，或撤销；已采纳的记录如需更正请联系组织部。"
      />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
          <StatusSegmented side="submissions" counted="returned" value={f.filters.status} onChange={(status) => f.setFilters({ ...f.filters, status })} />
          <LedgerFilterBar filters={f.filters} onChange={f.setFilters} showSource={false} />
        </Flex>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <LedgerTable
          rows={list.data?.items ?? []}
          loading={list.isFetching}
          onOpen={(e) => setOpen(e.entryId)}
          linkCadre={false}
          showSource={false}
          emptyText={f.filters.status || f.filters.kind || f.filters.year ? '没有符合条件的报送' : '本单位尚未报送记录，点击“新增报送”开始'}
          extraColumns={[
            { title: '最后提交', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
            ...(me.can('meeting:member') ? [{
              title: '操作', key: 'propose', width: 120,
              render: (_: unknown, e: EntryView) => (e.status === 'accepted' || e.status === 'pending' ? (
                <Button size="small" type="link" data-testid={`propose-${e.entryId}`} onClick={(ev) => { ev.stopPropagation(); setProposing(e); }}>提请联席会议</Button>
              ) : null),
            }] : []),
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">只显示本单位报送的记录，按发生日期由近及远，每页 50 条</Typography.Text>
          <Pager pageNumber={f.pageNumber} hasPrev={f.hasPrev} nextCursor={list.data?.nextCursor} busy={list.isFetching}
            onPrev={f.prevPage} onNext={f.nextPage} />
        </Flex>
      </Card>
      {adding && <EntryFormModal side="submissions" target={{ mode: 'create' }} onClose={() => setAdding(false)} onSaved={setOpen} />}
      <EntryDrawer side="submissions" entryId={open} onClose={() => setOpen(null)} />
      {proposing && <ProposeModal entry={proposing} onClose={() => setProposing(null)} />}
    </>
  );
}
