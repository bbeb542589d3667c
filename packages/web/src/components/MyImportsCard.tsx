/**
 * 我的导入: the user's recent imports of one kind (the server keeps the last 30), read again every 2 s while
 * one runs. A row opens the import; its button says 继续 while it is unfinished. The page gives the columns
 * between the file and the upload time.
 */
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { ListTotal } from './ListTotal';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../lib/format';

interface ImportRow {
  id: string;
  fileName: string;
  createdAt: string;
}

interface Props<T extends ImportRow> {
  queryKey: QueryKey;
  queryFn: () => Promise<T[]>;
  isRunning: (row: T) => boolean;
  /** The import's page is `${base}/${id}`. */
  base: string;
  emptyText: string;
  columns: ColumnsType<T>;
  isOpen: (row: T) => boolean;
}

export function MyImportsCard<T extends ImportRow>({ queryKey, queryFn, isRunning, base, emptyText, columns, isOpen }: Props<T>) {
  const navigate = useNavigate();
  const list = useQuery({
    queryKey,
    queryFn,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some(isRunning) ? 2000 : false),
  });
  const open = (b: T) => void navigate(`${base}/${b.id}`);
  return (
    <Card title={<Space align="baseline" size={12}>我的导入{list.data && <ListTotal count={{ total: list.data.length, exact: true }} />}</Space>} extra={<Typography.Text type="secondary">最近 30 次，未完成的可继续</Typography.Text>}>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<T>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次导入` }}
        onRow={(b) => ({ onClick: () => open(b) })}
        locale={{ emptyText }}
        columns={[
          {
            title: '文件', dataIndex: 'fileName', ellipsis: true,
            render: (name: string, b) => <Link to={`${base}/${b.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link>,
          },
          ...columns,
          { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: '', key: 'action', width: 80, align: 'right',
            render: (_: unknown, b) => (
              <Button size="small" type={isOpen(b) ? 'primary' : 'default'} onClick={(e) => { e.stopPropagation(); open(b); }}>
                {isOpen(b) ? '继续' : '查看'}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
