/** 待上会议题: subjects a warning's 处置 put on a convener's agenda (转联席会议), not yet taken up by a meeting. */
import type { AgendaItemView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { followupsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { formatDateTime } from '../../lib/format';
import { SubjectLink } from '../warnings/labels';

export function AgendaCard() {
  const agenda = useQuery({ queryKey: meetingKeys.agenda, queryFn: followupsApi.agenda });
  const rows = agenda.data?.items ?? [];
  return (
    <Card
      title="待上会议题"
      extra={agenda.data && <Typography.Text type="secondary">共 {agenda.data.total} 条</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      {agenda.error && <Alert type="error" showIcon title={errorMessage(agenda.error)} style={{ marginBottom: 16 }} />}
      <Table<AgendaItemView>
        rowKey="id"
        size="middle"
        loading={agenda.isFetching}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: '没有待上会议题（在预警详情中选择“转联席会议”即列入此处）' }}
        columns={[
          { title: '对象', key: 'subject', width: 160, render: (_: unknown, r) => <SubjectLink row={r} /> },
          { title: '单位', dataIndex: 'orgName', width: 200, ellipsis: true },
          { title: '事由', dataIndex: 'reason', ellipsis: true },
          { title: '召集单位', dataIndex: 'convenerName', width: 180, ellipsis: true },
          { title: '提请人', dataIndex: 'addedByLogin', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '提请时间', dataIndex: 'addedAt', width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
