/**
 * 导入: writes every valid row in one transaction. In strict mode with problems nothing would be written:
 * say so and offer to check again without strict mode. Then the report.
 */
import { CheckOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { ORG_IMPORT_KIND, ROSTER_KIND, type ImportBatchView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { importKeys } from '../../api/queries/imports';
import { useCurrentUser } from '../../app/auth';
import { count } from './labels';
import { rosterCountsOf, useRosterCounts } from './RosterChanges';
import { OrgReport } from './OrgTreeChanges';
import { ReevaluationStatus } from './ReevaluationStatus';
import { storeBatch } from './use-import';

function nothingNew(b: ImportBatchView): string {
  if (b.duplicates === 0) return '没有可导入的记录';
  if (b.rejected === 0) return '文件中的记录都已在台账中，无需再次导入';
  return `没有新的记录可导入：${count(b.duplicates)} 条已在台账中（或在文件内重复），${count(b.rejected)} 行有问题`;
}

interface Props {
  batch: ImportBatchView;
  extra?: React.ReactNode;
}

export function CommitStep({ batch, extra }: Props) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const commit = useMutation({
    mutationFn: () => importsApi.commit(batch.id),
    onSuccess: (b) => {
      storeBatch(qc, b);
      // An import changes what every other page shows (the org tree, the cadres, the ledger, warnings, 工作台):
      // none keeps what it cached before.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== importKeys.all[0] });
    },
  });
  const recheck = useMutation({ mutationFn: () => importsApi.check(batch.id, { strict: false }), onSuccess: (b) => storeBatch(qc, b) });
  const member = !me.can('entry:write');
  const blocked = batch.strict && batch.rejected > 0;
  const roster = batch.kind === ROSTER_KIND;
  const counts = useRosterCounts(batch);

  if (batch.status === 'committing') {
    return <Alert type="info" showIcon title={roster ? '正在写入干部信息……' : '正在写入台账……'} description="所有有效记录在一个事务中写入，完成前不会出现部分写入。可以离开此页面。" />;
  }

  return (
    <Card size="small" title="导入">
      <Flex vertical gap={12}>
        {blocked ? (
          <Alert
            type="warning"
            showIcon
            title={`严格模式：有 ${count(batch.rejected)} 行存在问题，导入将不会写入任何记录`}
            description="可以修改文件后重新上传；或关闭严格模式并重新检查，只导入没有问题的行。"
          />
        ) : batch.valid === 0 ? (
          <Alert type="info" showIcon title={nothingNew(batch)}
            description={batch.rejected > 0 ? '请下载问题行，修改后重新上传；或取消这次导入。' : '可以取消这次导入。'} />
        ) : batch.kind === ORG_IMPORT_KIND ? (
          <Typography.Text>
            将新增 <Typography.Text strong>{count(counts?.create ?? 0)}</Typography.Text> 个单位、更新 <Typography.Text strong>{count(counts?.update ?? 0)}</Typography.Text> 个单位
            {batch.duplicates > 0 && `；无变化的 ${count(batch.duplicates)} 个不写入`}
            {batch.rejected > 0 && `；有问题的 ${count(batch.rejected)} 行不导入（可下载修改后再次导入）`}。
            上级单位先于下级建立，全部在一个事务中写入；检查之后被他人修改过的单位不会被覆盖。
          </Typography.Text>
        ) : roster ? (
          <Typography.Text>
            将新建 <Typography.Text strong>{count(counts?.create ?? 0)}</Typography.Text> 名干部、更新 <Typography.Text strong>{count(counts?.update ?? 0)}</Typography.Text> 名干部
            {batch.duplicates > 0 && `；无变化的 ${count(batch.duplicates)} 行不写入`}
            {batch.rejected > 0 && `；有问题的 ${count(batch.rejected)} 行不导入（可下载修改后再次导入）`}。
            全部在一个事务中写入；导入时逐行复核，检查之后被他人修改过的干部不会被覆盖。
          </Typography.Text>
        ) : (
          <Typography.Text>
            将导入 <Typography.Text strong>{count(batch.valid)}</Typography.Text> 条记录
            {batch.duplicates > 0 && `，跳过 ${count(batch.duplicates)} 条重复记录`}
            {batch.rejected > 0 && `，有问题的 ${count(batch.rejected)} 行不导入（可下载修改后再次导入）`}。
            {member ? '导入的记录成为本单位的报送，待组织部审核采纳后生效。' : '记录直接进入管理监督台账，来源为“Excel 导入”。'}
            全部记录在一个事务中写入。
          </Typography.Text>
        )}
        {commit.error && <Alert type="error" showIcon title={errorMessage(commit.error)} />}
        {recheck.error && <Alert type="error" showIcon title={errorMessage(recheck.error)} />}
        <Flex justify="flex-end" gap={8} wrap>
          {!commit.isPending && !recheck.isPending && extra}
          {blocked ? (
            <Button type="primary" icon={<ReloadOutlined />} loading={recheck.isPending} onClick={() => recheck.mutate()}>
              关闭严格模式并重新检查
            </Button>
          ) : (
            <Button type="primary" icon={<CheckOutlined />} disabled={batch.valid === 0} loading={commit.isPending} onClick={() => commit.mutate()}>
              {roster && counts ? `导入（新建 ${count(counts.create)} 人、更新 ${count(counts.update)} 人）` : batch.kind === ORG_IMPORT_KIND && counts ? `导入（新增 ${count(counts.create)} 个、更新 ${count(counts.update)} 个单位）` : `导入 ${count(batch.valid)} 条有效记录`}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** 完成: what was written, what was skipped, and where the records are now. */
/** 干部名册: 新建 N 人、更新 M 人、无变化 K 人 — the split of the check when every row was written (the batch has only the sum). */
function RosterReport({ batch }: { batch: ImportBatchView }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const counts = rosterCountsOf(qc, batch.id);
  const exact = counts && counts.create + counts.update === batch.imported;
  const written = exact ? `新建 ${count(counts.create)} 人、更新 ${count(counts.update)} 人` : `新建和更新 ${count(batch.imported)} 人`;
  return (
    <Result
      status={batch.imported > 0 ? 'success' : 'info'}
      title={batch.imported > 0 ? `已导入：${written}` : '没有写入任何干部信息'}
      subTitle={(
        <>
          {written}、无变化 {count(batch.duplicates)} 人{batch.rejected > 0 && `，未导入 ${count(batch.rejected)} 行`}。
          {counts && !exact && `检查时为新建 ${count(counts.create)} 人、更新 ${count(counts.update)} 人；导入时有的行因检查之后干部信息被修改而未导入，见问题清单。`}
        </>
      )}
      extra={(
        <Space wrap>
          {batch.imported > 0 && <Button type="primary" onClick={() => void navigate('/cadres')}>查看干部列表</Button>}
          {batch.rejected > 0 && <Button icon={<DownloadOutlined />} href={importsApi.rejectsUrl(batch.id)}>下载未导入的 {count(batch.rejected)} 行（Excel）</Button>}
          <Button onClick={() => void navigate('/imports/new?kind=roster')}>继续导入其他名册</Button>
          <Button onClick={() => void navigate('/imports')}>返回我的导入</Button>
        </Space>
      )}
    />
  );
}

export function ImportReport({ batch }: { batch: ImportBatchView }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  if (batch.kind === ROSTER_KIND) return <RosterReport batch={batch} />;
  if (batch.kind === ORG_IMPORT_KIND) return <OrgReport batch={batch} />;
  const member = !me.can('entry:write');
  const target = member
    ? { to: `/submissions?kind=${batch.kind}&status=pending`, label: '查看本单位报送' }
    : { to: `/ledger?kind=${batch.kind}&sourceDept=${batch.sourceDept}`, label: '查看管理监督台账' };
  const parts = [`已导入 ${count(batch.imported)} 条`, `重复 ${count(batch.duplicates)} 条`, `未导入 ${count(batch.rejected)} 条`];
  return (
    <Result
      status={batch.imported > 0 ? 'success' : 'info'}
      title={batch.imported > 0 ? `已导入 ${count(batch.imported)} 条记录` : '没有新增记录'}
      subTitle={(
        <>
          {parts.join('，')}。
          {batch.imported === 0 && batch.duplicates > 0 && '文件中的记录此前已导入过，没有重复添加。'}
          {member && batch.imported > 0 && '导入的记录为待审核的报送，组织部采纳后生效。'}
        </>
      )}
      extra={(
        <Space wrap>
          {batch.imported > 0 && <Button type="primary" onClick={() => void navigate(target.to)}>{target.label}</Button>}
          {batch.rejected > 0 && <Button icon={<DownloadOutlined />} href={importsApi.rejectsUrl(batch.id)}>下载未导入的 {count(batch.rejected)} 行（Excel）</Button>}
          <Button onClick={() => void navigate('/imports/new')}>继续导入其他文件</Button>
          <Button onClick={() => void navigate('/imports')}>返回我的导入</Button>
        </Space>
      )}
    >
      <ReevaluationStatus batch={batch} />
    </Result>
  );
}
