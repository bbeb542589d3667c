/** 审计日志 (audit:read): newest first, 加载更多 by keyset, and the hash-chain check. Reading it is itself audited. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditRow } from '@jiandu/domain';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { auditApi, countsApi } from '../../api/endpoints';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { AuditFilterBar, type AuditFilters } from './AuditFilterBar';
import { ExportButton } from '../../components/ExportButton';
import { OBJECT_TYPES, RESULTS, actionName, actorLabel, objectLabel, roleNames } from './audit-labels';
import { auditKeys } from '../../api/queries/audit';

const PAGE = 100;

export default function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => auditApi.list({ ...filters, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const count = useListCount(auditKeys.all, filters, () => countsApi.audit(filters));
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageTitle
        title={<Flex align="baseline" gap={12}>审计日志<ListTotal count={count.data} /></Flex>}
        extra={(
          <Flex gap={8}>
            <ExportButton href={auditApi.exportUrl(filters)} label="导出Excel" />
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>校验完整性</Button>
          </Flex>
        )}
      />
      {verify.data && (
        <Alert
          closable={{ onClose: () => verify.reset() }}
          showIcon
          style={{ marginBottom: 16 }}
          type={verify.data.ok ? 'success' : 'error'}
          title={verify.data.ok ? '校验通过' : '校验未通过'}
          description={verify.data.message}
        />
      )}
      {verify.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(verify.error)} />}
      <Card>
        <AuditFilterBar onChange={setFilters} />
        {log.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(log.error)} />}
        <Table<AuditRow>
          rowKey="seq"
          size="small"
          loading={log.isFetching && !log.isFetchingNextPage}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1500 }}
          locale={{ emptyText: '没有符合条件的记录' }}
          expandable={{
            rowExpandable: (r) => Object.keys(r.details).length > 0,
            expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.details, null, 2)}</pre>,
          }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
            { title: '操作人', key: 'actor', width: 150, ellipsis: true, render: (_: unknown, r) => actorLabel(r) },
            { title: '单位', dataIndex: 'actorUnit', width: 130, ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: '角色', dataIndex: 'actorRole', width: 100, render: (v: string | null) => roleNames(v) },
            { title: '操作', dataIndex: 'action', width: 150, render: (v: string) => actionName(v) },
            {
              title: '对象', key: 'object', width: 240, ellipsis: true,
              render: (_: unknown, r) => (r.objectType
                ? <span title={r.objectId ?? ''}>{OBJECT_TYPES[r.objectType] ?? r.objectType} {objectLabel(r)}</span>
                : '—'),
            },
            {
              title: '结果', dataIndex: 'result', width: 70,
              render: (v: string) => <Tag color={RESULTS[v]?.color}>{RESULTS[v]?.label ?? v}</Tag>,
            },
            { title: '原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: 'IP', dataIndex: 'clientIp', width: 120, render: (v: string | null) => v ?? '' },
            {
              title: '请求编号', dataIndex: 'requestId', width: 130, ellipsis: true,
              render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }} title={v}>{v.slice(0, 8)}</Typography.Text> : ''),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">已显示 {rows.length} 条，新的在前。查阅审计日志本身也会记入审计日志。</Typography.Text>
          <Button disabled={!log.hasNextPage} loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {log.hasNextPage ? '加载更多' : '没有更多了'}
          </Button>
        </Flex>
      </Card>
    </>
  );
}
