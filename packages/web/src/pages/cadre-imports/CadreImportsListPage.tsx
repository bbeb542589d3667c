/** 干部导入 · 我的导入: the user's recent 任免审批表 imports (the server keeps the last 30), 继续 for unfinished ones. */
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { CadreImportSummary } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { cadreImportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { CadreImportStatusTag } from './StatusTag';
import { isOpen } from './use-cadre-import';
import { cadreImportKeys } from '../../api/queries/cadre-imports';

/** The counts once a preview has finished. */
const counted = (b: CadreImportSummary) => b.status === 'checked' || b.status === 'done';
const num = (n: number, b: CadreImportSummary) => (counted(b) ? n : '—');

export default function CadreImportsListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: cadreImportKeys.list,
    queryFn: cadreImportsApi.list,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'checking') ? 2000 : false),
  });
  const open = (b: CadreImportSummary) => void navigate(`/cadre-imports/${b.id}`);

  return (
    <>
      <PageTitle
        title="干部导入"
        extra={(
          <Space>
            {me.can('entry:import') && (
              <Button icon={<FileExcelOutlined />} onClick={() => void navigate('/imports/new?kind=roster')}>从 Excel 花名册导入</Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cadre-imports/new')}>导入任免审批表</Button>
          </Space>
        )}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="从干部任免审批表（.lrmx、.lrm，或它们的 .zip 压缩包）新建或更新干部，不必重新录入"
        description="按身份证号（没有时按姓名＋出生年月）匹配系统中的干部；更新前逐项列出差异，确认后才写入。照片随表导入，家庭成员作为敏感信息加密保存。干部档案中可导出任免审批表。"
      />
      <Card title="我的导入" extra={<Typography.Text type="secondary">最近 30 次，未完成的可继续</Typography.Text>}>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<CadreImportSummary>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次导入` }}
          onRow={(b) => ({ onClick: () => open(b) })}
          locale={{ emptyText: '还没有导入过任免审批表，点击“导入任免审批表”开始' }}
          columns={[
            {
              title: '文件', dataIndex: 'fileName', ellipsis: true,
              render: (name: string, b) => <Link to={`/cadre-imports/${b.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link>,
            },
            { title: '新干部的所在单位', dataIndex: 'orgName', width: 160, ellipsis: true, render: (n: string | null) => n ?? '—' },
            {
              title: '状态', dataIndex: 'status', width: 170,
              render: (s: CadreImportSummary['status'], b) => (s === 'checking' && b.progress.total > 0
                ? <Space size={6}><CadreImportStatusTag status={s} /><Progress percent={Math.floor((b.progress.done / b.progress.total) * 100)} size="small" style={{ width: 60, margin: 0 }} showInfo={false} /></Space>
                : <CadreImportStatusTag status={s} />),
            },
            { title: '文件数', dataIndex: 'files', width: 70, align: 'right', render: num },
            { title: '新建', dataIndex: 'created', width: 60, align: 'right', render: num },
            { title: '更新', dataIndex: 'updated', width: 60, align: 'right', render: num },
            { title: '无变化', dataIndex: 'unchanged', width: 70, align: 'right', render: num },
            {
              title: '错误', dataIndex: 'failed', width: 60, align: 'right',
              render: (n: number, b) => (!counted(b) ? '—' : n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            { title: '上传时间', dataIndex: 'createdAt', width: 165, render: (v: string) => formatDateTime(v) },
            {
              title: '', key: 'action', width: 76, align: 'right',
              render: (_: unknown, b) => (
                <Button size="small" type={isOpen(b.status) ? 'primary' : 'default'} onClick={(e) => { e.stopPropagation(); open(b); }}>
                  {isOpen(b.status) ? '继续' : '查看'}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
