/**
 * 台账导入 wizard: /imports/new (选择类别与文件), then /imports/:id for everything after the upload.
 * The step is derived from the batch's status on the server, so a reload, or coming back later from
 * 我的导入, lands where the import stands.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ORG_IMPORT_KIND, ROSTER_KIND, isOrgImportKind, type ImportBatchView } from '@jiandu/domain';
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Steps, type StepsProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { importsApi, type ImportPreview } from '../../api/endpoints';
import { useDepartmentNames } from '../../components/entry-form/use-ledger-meta';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { CancelImportButton } from './CancelImportButton';
import { CheckCounts, CheckProblems, CheckProgress } from './CheckResult';
import { CommitStep, ImportReport } from './CommitStep';
import { count, ImportStatusTag, isOpen, isRunning } from './labels';
import { MappingStep } from './MappingStep';
import { RosterChanges } from './RosterChanges';
import { OrgTreeChanges } from './OrgTreeChanges';
import { UnmappedColumns } from './UnmappedColumns';
import { UploadStep } from './UploadStep';
import { storeBatch, useImportBatch, useImportFields, useImportPreview } from './use-import';

const STEP_TITLES = ['选择类别与文件', '核对表头', '检查', '导入'];

/** Interrupted after a complete check (while committing): the staged rows can still be committed. */
const canResumeCommit = (b: ImportBatchView) => b.status === 'interrupted' && b.progress === 100 && b.valid > 0;

function stepOf(b: ImportBatchView | undefined, remap: boolean): { current: number; status: StepsProps['status'] } {
  if (!b) return { current: 0, status: 'process' };
  if (remap || b.status === 'uploaded') return { current: 1, status: 'process' };
  switch (b.status) {
    case 'queued': case 'checking': return { current: 2, status: 'process' };
    case 'failed': return { current: 2, status: 'error' };
    case 'interrupted': return canResumeCommit(b) ? { current: 3, status: 'error' } : { current: 2, status: 'error' };
    case 'checked': case 'committing': return { current: 3, status: 'process' };
    case 'done': return { current: 3, status: 'finish' };
    default: return { current: 0, status: 'wait' };
  }
}

function stepContents(b: ImportBatchView | undefined): string[] {
  if (!b) return ['', '', '', ''];
  const mapped = b.mapping?.columns.filter((c) => c.key).length ?? 0;
  return [
    b.fileName,
    b.mapping ? `${mapped} 列对应字段` : '',
    b.status === 'checking' ? `${b.progress}%` : ['checked', 'committing', 'done'].includes(b.status) ? `${count(b.rows)} 行，${count(b.rejected)} 行有问题` : '',
    b.status === 'done' ? `已导入 ${count(b.imported)} ${b.kind === ROSTER_KIND ? '人' : b.kind === ORG_IMPORT_KIND ? '个单位' : '条'}` : '',
  ];
}

function BatchFacts({ batch }: { batch: ImportBatchView }) {
  const depts = useDepartmentNames();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} items={[
      { key: 'file', label: '文件', children: batch.fileName },
      { key: 'kind', label: '类别', children: batch.kindName },
      { key: 'source', label: '来源单位', children: depts.get(batch.sourceDept) ?? batch.sourceDept },
      { key: 'status', label: '状态', children: <ImportStatusTag status={batch.status} /> },
      { key: 'strict', label: '严格模式', children: batch.strict ? '是（有问题则整批不导入）' : '否（只导入没有问题的行）' },
      { key: 'at', label: '上传时间', children: formatDateTime(batch.createdAt) },
    ]} />
  );
}

function PreviousWarning({ preview, batch }: { preview: ImportPreview | null; batch: ImportBatchView }) {
  if (!preview?.previous || batch.status === 'done' || batch.status === 'cancelled') return null;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }}
      title={`此文件已于 ${formatDateTime(preview.previous.createdAt)} 导入过（导入 ${preview.previous.imported} 条），再次导入不会重复添加`} />
  );
}

function Stopped({ batch, onRemap }: { batch: ImportBatchView; onRemap: () => void }) {
  const qc = useQueryClient();
  const again = useMutation({ mutationFn: () => importsApi.check(batch.id, {}), onSuccess: (b) => storeBatch(qc, b) });
  const failed = batch.status === 'failed';
  return (
    <Flex vertical gap={12}>
      <Alert
        type={failed ? 'error' : 'warning'}
        showIcon
        title={failed ? '检查失败' : '检查被中断（例如服务器重启），请重新检查'}
        description={batch.error ?? undefined}
      />
      {again.error && <Alert type="error" showIcon title={errorMessage(again.error)} />}
      <Flex gap={8} justify="flex-end">
        <CancelImportButton batch={batch} />
        <Button onClick={onRemap}>重新核对表头</Button>
        <Button type="primary" icon={<ReloadOutlined />} loading={again.isPending} onClick={() => again.mutate()}>重新检查</Button>
      </Flex>
    </Flex>
  );
}

function BatchBody({ batch }: { batch: ImportBatchView }) {
  const preview = useImportPreview(batch.id);
  const { fields } = useImportFields(batch.kind, preview);
  const [remap, setRemap] = useState(false);
  const step = stepOf(batch, remap);
  const contents = stepContents(batch);
  const running = isRunning(batch.status);
  const cancel = isOpen(batch.status) && !running && <CancelImportButton batch={batch} />;

  let body: React.ReactNode;
  if (batch.status === 'cancelled') {
    body = <Result status="info" title="此导入已取消" subTitle="上传的文件已清除，没有写入任何记录。" />;
  } else if (batch.status === 'expired') {
    body = <Result status="info" title="此导入已过期" subTitle="上传的文件超过保留期限，已清除，没有写入任何记录。如需导入请重新上传。" />;
  } else if (step.current === 1) {
    body = (
      <MappingStep key={`${batch.id}-${batch.status}`} batch={batch} preview={preview} fields={fields} onStarted={() => setRemap(false)}
        extra={<>{remap && <Button onClick={() => setRemap(false)}>返回</Button>}{cancel}</>} />
    );
  } else if (batch.status === 'checking' || batch.status === 'queued') {
    body = <CheckProgress batch={batch} />;
  } else if (batch.status === 'failed' || (batch.status === 'interrupted' && !canResumeCommit(batch))) {
    body = <Stopped batch={batch} onRemap={() => setRemap(true)} />;
  } else if (batch.status === 'done') {
    body = <><ImportReport batch={batch} /><UnmappedColumns batch={batch} readOnly /></>;
  } else {
    body = (
      <Flex vertical gap={16}>
        <CheckCounts batch={batch} />
        <UnmappedColumns batch={batch} />
        <CommitStep batch={batch} extra={!running && (
          <>{cancel}<Button onClick={() => setRemap(true)}>重新核对表头</Button></>
        )} />
        {batch.kind === ROSTER_KIND && <RosterChanges batch={batch} />}
        {batch.kind === ORG_IMPORT_KIND && <OrgTreeChanges batch={batch} />}
        <CheckProblems batch={batch} />
      </Flex>
    );
  }

  return (
    <>
      {batch.status !== 'cancelled' && (
        <Steps current={step.current} status={step.status} style={{ marginBottom: 24 }}
          items={STEP_TITLES.map((title, i) => ({ title, content: contents[i] }))} />
      )}
      <BatchFacts batch={batch} />
      <PreviousWarning preview={preview} batch={batch} />
      {body}
    </>
  );
}

export default function ImportWizardPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const batch = useImportBatch(id);
  const [params] = useSearchParams();
  const roster = batch.data ? batch.data.kind === ROSTER_KIND : params.get('kind') === ROSTER_KIND;
  const orgTree = batch.data ? batch.data.kind === ORG_IMPORT_KIND : isOrgImportKind(params.get('kind') ?? '');
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/imports')}>我的导入</Button>;

  let body: React.ReactNode;
  if (!id) {
    body = (
      <>
        <Steps current={0} style={{ marginBottom: 24 }} items={STEP_TITLES.map((title) => ({ title }))} />
        <UploadStep />
      </>
    );
  } else if (batch.error) {
    const gone = batch.error instanceof ApiError && batch.error.status === 404;
    body = <Result status={gone ? '404' : 'error'} title={gone ? '没有找到这个导入' : '读取导入失败'} subTitle={gone ? '只能查看本人发起的导入。' : errorMessage(batch.error)} />;
  } else if (!batch.data) {
    body = <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>;
  } else {
    body = <BatchBody key={batch.data.id} batch={batch.data} />;
  }

  return (
    <>
      <PageTitle title={`${orgTree ? '组织机构导入' : roster ? '干部名册导入' : '台账导入'}${id ? '' : ' · 新建'}`} extra={back} />
      <Card>{body}</Card>
    </>
  );
}
