/** 联席会议 (meeting:read): the joint meetings held, newest first; 登记会议 for meeting:write. */
import { PlusOutlined } from '@ant-design/icons';
import type { MeetingView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ListTotal } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { AgendaCard } from './AgendaCard';
import { MeetingCreateModal } from './MeetingCreateModal';
import { meetingKeys } from '../../api/queries/meetings';

export default function MeetingsPage() {
  const me = useCurrentUser();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: meetingKeys.list, queryFn: meetingsApi.list });
  const rows = [...(list.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn));

  return (
    <>
      <PageTitle
        title={<Space align="baseline" size={12}>干部监督联席会议{list.data && <ListTotal count={{ total: list.data.length, exact: true }} />}</Space>}
        extra={me.can('meeting:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记会议</Button>}
      >
        <Typography.Text type="secondary">
          每半年至少召开一次。
          {me.can('obligation:read') && <>未按期召开的列入<Link to="/obligations?type=joint_meeting">联席会议待办</Link>。</>}
        </Typography.Text>
      </PageTitle>
      <AgendaCard />
      <Card>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<MeetingView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={rows}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: '还没有登记联席会议' }}
          columns={[
            { title: '召开日期', dataIndex: 'heldOn', width: 120, render: (v: string) => formatDate(v) },
            { title: '会议名称', dataIndex: 'title', ellipsis: true },
            { title: '召集单位', dataIndex: 'convenerName', width: 220, ellipsis: true },
            { title: '登记人', dataIndex: 'createdByLogin', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '登记时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      {adding && <MeetingCreateModal onClose={() => setAdding(false)} />}
    </>
  );
}
