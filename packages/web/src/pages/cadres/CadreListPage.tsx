/** 干部: the cadres of the jurisdiction, in pinyin order, 50 a page (keyset pagination). */
import { DownloadOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { CadreListItem } from '@jiandu/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { cadresApi, countFilters, countsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { CadreStatusTag } from '../../components/CadreStatusTag';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { sortable, sortFromTable } from '../../components/table-sort';
import { PrincipalTag } from '../../components/PrincipalTag';
import { formatMonth } from '../../lib/format';
import { CadreCreateModal } from './CadreCreateModal';
import { CadreFilterBar } from './CadreFilterBar';
import { useCadreFilters, type CadreFilters } from './use-cadre-filters';
import { cadreKeys } from '../../api/queries/cadres';

/** The export of every cadre matching the filters (not only this page). */
function exportUrl(filters: CadreFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  const qs = params.toString();
  return `/api/cadres/export.xlsx${qs ? `?${qs}` : ''}`;
}

export default function CadreListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const f = useCadreFilters();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: cadreKeys.list(f.query),
    queryFn: () => cadresApi.list(f.query),
    placeholderData: keepPreviousData,
  });
  const open = (id: string) => void navigate(`/cadres/${id}`);
  const counted = countFilters(f.filters);
  const count = useListCount(cadreKeys.all, counted, () => countsApi.cadres(counted));
  const sort = f.filters.sort;

  const pager = (
    <Space>
      {f.pageNumber !== null && <Typography.Text type="secondary">第 {f.pageNumber} 页</Typography.Text>}
      <Button icon={<LeftOutlined />} disabled={!f.hasPrev || list.isFetching} onClick={f.prevPage}>上一页</Button>
      <Button
        disabled={!list.data?.nextCursor || list.isFetching}
        onClick={() => list.data?.nextCursor && f.nextPage(list.data.nextCursor)}
      >
        下一页<RightOutlined />
      </Button>
    </Space>
  );

  return (
    <>
      <PageTitle
        title={<Space align="baseline" size={12}>干部<ListTotal count={count.data} /></Space>}
        extra={(
          <Space>
            {/* A plain link: the session cookie goes with it, and the browser saves the file under the server's name. */}
            <Button icon={<DownloadOutlined />} href={exportUrl(f.filters)} title="按当前筛选条件导出全部干部（身份证号为掩码；导出记入审计日志）">导出Excel</Button>
            {me.can('cadre:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增干部</Button>
            )}
          </Space>
        )}
      />
      <Card>
        <CadreFilterBar filters={f.filters} onChange={f.setFilters} />
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<CadreListItem>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(c) => ({ onClick: () => open(c.id) })}
          locale={{ emptyText: '没有符合条件的干部' }}
          onChange={(_p, _f, sorter) => f.setFilters({ ...f.filters, sort: sortFromTable(sorter) as CadreFilters['sort'] })}
          columns={[
            {
              title: '姓名', dataIndex: 'name', width: 110,
              render: (name: string, c) => <Link to={`/cadres/${c.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link>,
              ...sortable(sort, 'name'),
            },
            { title: '性别', dataIndex: 'gender', width: 64 },
            { title: '出生年月', dataIndex: 'birth', width: 110, render: (v: string | null) => formatMonth(v), ...sortable(sort, 'birth') },
            { title: '单位', dataIndex: 'orgName', ellipsis: true, ...sortable(sort, 'org') },
            {
              title: '现任职务', dataIndex: 'currentTitle', ellipsis: true,
              render: (t: string | null, c) => (t ? <Space size={6}>{t}{c.isPrincipal && <PrincipalTag />}</Space> : '—'),
            },
            { title: '职务层次', dataIndex: 'rank', width: 100 },
            {
              title: '身份证号', dataIndex: 'idNumberMasked', width: 190,
              render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
            },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <CadreStatusTag status={s} /> },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{sort ? '按所选列排序' : '按姓名拼音排序'}，每页 50 人</Typography.Text>
          {pager}
        </Flex>
      </Card>
      {creating && <CadreCreateModal onClose={() => setCreating(false)} onCreated={(id) => open(id)} />}
    </>
  );
}
