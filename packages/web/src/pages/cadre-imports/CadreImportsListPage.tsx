/** 干部导入 · 我的导入: the user's recent 任免审批表 imports (the server keeps the last 30), 继续 for unfinished ones. */
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { CadreImportSummary } from '@jiandu/domain';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { cadreImportsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { MyImportsCard } from '../../components/MyImportsCard';
import { PageTitle } from '../../components/PageTitle';
import { CadreImportStatusTag } from './StatusTag';
import { isOpen } from './use-cadre-import';
import { cadreImportKeys } from '../../api/queries/cadre-imports';

/** The counts once a preview has finished. */
const counted = (b: CadreImportSummary) => b.status === 'checked' || b.status === 'done';
const num = (n: number, b: CadreImportSummary) => (counted(b) ? n : '—');

export default function CadreImportsListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();

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
      <MyImportsCard
        queryKey={cadreImportKeys.list}
        queryFn={cadreImportsApi.list}
        isRunning={(b) => b.status === 'checking'}
        base="/cadre-imports"
        emptyText="还没有导入过任免审批表，点击“导入任免审批表”开始"
        isOpen={(b) => isOpen(b.status)}
        columns={[
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
        ]}
      />
    </>
  );
}
