/**
 * 任免审批表导入: /cadre-imports/new (上传文件), then /cadre-imports/:id for the preview and the result.
 * The step comes from the import's status on the server, so a reload or coming back later from 我的导入
 * lands where the import stands.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CadreImportView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Result, Spin, Steps, Typography, type StepsProps } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { cadreImportsApi } from '../../api/endpoints';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { CadreImportUpload } from './CadreImportUpload';
import { DoneStep } from './DoneStep';
import { PreviewStep } from './PreviewStep';
import { CadreImportStatusTag } from './StatusTag';
import { storeCadreImport, useCadreImport } from './use-cadre-import';

const STEPS = ['上传文件', '预览核对', '导入'];

function stepOf(v: CadreImportView): { current: number; status: StepsProps['status'] } {
  switch (v.status) {
    case 'checking': return { current: 1, status: 'process' };
    case 'checked': return { current: 1, status: 'finish' };
    case 'failed': case 'interrupted': return { current: 1, status: 'error' };
    case 'done': return { current: 2, status: 'finish' };
    default: return { current: 0, status: 'wait' };
  }
}

function Facts({ v }: { v: CadreImportView }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }} items={[
      { key: 'file', label: '上传的文件', children: v.fileName },
      { key: 'status', label: '状态', children: <CadreImportStatusTag status={v.status} /> },
      { key: 'at', label: '上传时间', children: formatDateTime(v.createdAt) },
      ...(v.finishedAt && v.status === 'done' ? [{ key: 'done', label: '导入时间', children: formatDateTime(v.finishedAt) }] : []),
    ]} />
  );
}

function Checking({ v }: { v: CadreImportView }) {
  const { done, total } = v.progress;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Text>正在逐个读取任免审批表，并与系统中的干部比对……</Typography.Text>
      <Progress percent={total ? Math.floor((done / total) * 100) : 0} status="active" />
      <Typography.Text type="secondary">{total ? `已读取 ${done} / ${total} 个文件` : '正在解压和清点文件'}</Typography.Text>
      <Alert type="info" showIcon title={<>预览在服务器上进行，可以离开此页面，稍后在“<Link to="/cadre-imports">干部导入</Link>”中继续。</>} />
    </Flex>
  );
}

function Stopped({ v }: { v: CadreImportView }) {
  const qc = useQueryClient();
  const again = useMutation({ mutationFn: () => cadreImportsApi.preview(v.id, v.orgId), onSuccess: (view) => storeCadreImport(qc, view) });
  const cancel = useMutation({ mutationFn: () => cadreImportsApi.cancel(v.id), onSuccess: (view) => storeCadreImport(qc, view) });
  const failed = v.status === 'failed';
  return (
    <Flex vertical gap={12}>
      <Alert type={failed ? 'error' : 'warning'} showIcon title={failed ? '预览失败' : '预览被中断（例如服务器重启），请重新预览'} description={v.error ?? undefined} />
      {(again.error ?? cancel.error) && <Alert type="error" showIcon title={errorMessage(again.error ?? cancel.error)} />}
      <Flex gap={8} justify="flex-end">
        <Button danger loading={cancel.isPending} onClick={() => cancel.mutate()}>取消导入</Button>
        <Button type="primary" icon={<ReloadOutlined />} loading={again.isPending} onClick={() => again.mutate()}>重新预览</Button>
      </Flex>
    </Flex>
  );
}

function Body({ v }: { v: CadreImportView }) {
  const step = stepOf(v);
  let body: React.ReactNode;
  if (v.status === 'cancelled') body = <Result status="info" title="此导入已取消" subTitle="上传的文件已清除，没有写入任何干部信息。" />;
  else if (v.status === 'checking') body = <Checking v={v} />;
  else if (v.status === 'failed' || v.status === 'interrupted') body = <Stopped v={v} />;
  else if (v.status === 'done') body = <DoneStep v={v} />;
  else body = <PreviewStep v={v} />;
  return (
    <>
      {v.status !== 'cancelled' && <Steps current={step.current} status={step.status} style={{ marginBottom: 24 }} items={STEPS.map((title) => ({ title }))} />}
      <Facts v={v} />
      {body}
    </>
  );
}

export default function CadreImportPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const view = useCadreImport(id);
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/cadre-imports')}>我的导入</Button>;

  let body: React.ReactNode;
  if (!id) {
    body = (
      <>
        <Steps current={0} style={{ marginBottom: 24 }} items={STEPS.map((title) => ({ title }))} />
        <CadreImportUpload />
      </>
    );
  } else if (view.error) {
    const gone = view.error instanceof ApiError && view.error.status === 404;
    body = <Result status={gone ? '404' : 'error'} title={gone ? '没有找到这个导入' : '读取导入失败'} subTitle={gone ? '只能查看本人发起的导入。' : errorMessage(view.error)} />;
  } else if (!view.data) {
    body = <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>;
  } else {
    body = <Body key={view.data.id} v={view.data} />;
  }

  return (
    <>
      <PageTitle title={id ? '任免审批表导入' : '任免审批表导入 · 新建'} extra={back} />
      <Card>{body}</Card>
    </>
  );
}
