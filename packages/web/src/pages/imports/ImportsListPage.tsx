/** 台账导入 · 我的导入: the user's recent imports (the server keeps the last 30), 继续 for unfinished ones. */
import { PlusOutlined } from '@ant-design/icons';
import type { ImportBatchView } from '@jiandu/domain';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { importsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { useDepartmentNames } from '../../components/entry-form/use-ledger-meta';
import { MyImportsCard } from '../../components/MyImportsCard';
import { PageTitle } from '../../components/PageTitle';
import { KindTag } from '../ledger/labels';
import { count, ImportStatusTag, isOpen, isRunning } from './labels';
import { importKeys } from '../../api/queries/imports';

/** The counts are those of a finished check (a new check starts from nothing). */
const checked = (b: ImportBatchView) => b.status === 'done' || (['checked', 'committing', 'interrupted'].includes(b.status) && b.progress === 100);

export default function ImportsListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const depts = useDepartmentNames();
  const member = !me.can('entry:write');

  return (
    <>
      <PageTitle
        title="台账导入"
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/imports/new')}>新建导入</Button>}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={member
          ? '从 Excel 或 CSV 文件批量报送本单位的记录：下载模板填写，或直接上传本单位现有的表格。导入的记录经组织部审核采纳后生效。'
          : '从 Excel 或 CSV 文件批量导入台账记录：下载模板填写，或直接上传成员单位报来的表格；表头自动识别，可手工调整。'}
      />
      <MyImportsCard
        queryKey={importKeys.list}
        queryFn={importsApi.list}
        isRunning={(b) => isRunning(b.status) || b.reevaluation?.status === 'running'}
        base="/imports"
        emptyText="还没有导入过文件，点击“新建导入”开始"
        isOpen={(b) => isOpen(b.status)}
        columns={[
          { title: '类别', dataIndex: 'kindName', width: 130, render: (name: string, b) => <KindTag code={b.kind} name={name} /> },
          ...(member ? [] : [{ title: '来源单位', dataIndex: 'sourceDept', width: 100, render: (d: string) => depts.get(d) ?? d }]),
          {
            title: '状态', dataIndex: 'status', width: 170,
            render: (s: ImportBatchView['status'], b) => (s === 'checking'
              ? <Space size={6}><ImportStatusTag status={s} /><Progress percent={b.progress} size="small" style={{ width: 60, margin: 0 }} showInfo={false} /></Space>
              : b.reevaluation?.status === 'running'
                ? <Space size={6}><ImportStatusTag status={s} /><Typography.Text type="secondary">预警重算中 {count(b.reevaluation.progress)}/{count(b.reevaluation.total)}</Typography.Text></Space>
                : <ImportStatusTag status={s} />),
          },
          { title: '数据行', dataIndex: 'rows', width: 80, align: 'right', render: count },
          {
            title: '导入', key: 'valid', width: 120, align: 'right',
            render: (_: unknown, b) => (b.status === 'done' ? `已导入 ${count(b.imported)}`
              : checked(b) ? `可导入 ${count(b.valid)}` : '—'),
          },
          { title: '重复', dataIndex: 'duplicates', width: 70, align: 'right', render: (n: number, b) => (checked(b) ? count(n) : '—') },
          {
            title: '有问题', dataIndex: 'rejected', width: 80, align: 'right',
            render: (n: number, b) => (!checked(b) ? '—' : n > 0 ? <Typography.Text type="danger">{count(n)}</Typography.Text> : count(n)),
          },
        ]}
      />
    </>
  );
}
