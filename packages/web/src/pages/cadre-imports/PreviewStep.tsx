/**
 * 预览核对: the counts, the unit of new cadres (change it and preview again), files skipped in the zip,
 * 确认导入 / 取消导入, and the per-file report with each file's differences.
 */
import { CheckOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import type { CadreImportView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cadreImportsApi } from '../../api/endpoints';
import { OrgSelect } from '../../components/OrgSelect';
import { FileReportTable } from './FileReportTable';
import { storeCadreImport } from './use-cadre-import';

function Stat({ title, value, color }: { title: string; value: number; color?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} styles={{ content: color && value > 0 ? { color } : {} }} />
    </Card>
  );
}

export function ImportCounts({ v, done }: { v: CadreImportView; done?: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={4}><Stat title="任免审批表" value={v.files} /></Col>
      <Col xs={12} lg={5}><Stat title={done ? '已新建' : '将新建'} value={v.created} color="#389e0d" /></Col>
      <Col xs={12} lg={5}><Stat title={done ? '已更新' : '将更新'} value={v.updated} color="#0958d9" /></Col>
      <Col xs={12} lg={5}><Stat title="无变化" value={v.unchanged} /></Col>
      <Col xs={12} lg={5}><Stat title={done ? '未导入' : '有错误（不导入）'} value={v.failed} color="#cf1322" /></Col>
    </Row>
  );
}

/** 新干部的所在单位: shown, and changed by previewing again. */
export function DefaultUnit({ v, needed }: { v: CadreImportView; needed: boolean }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [orgId, setOrgId] = useState<string | undefined>(v.orgId ?? undefined);
  const again = useMutation({
    mutationFn: () => cadreImportsApi.preview(v.id, orgId ?? null),
    onSuccess: (view) => { storeCadreImport(qc, view); setEditing(false); },
  });
  const editor = (
    <Space wrap>
      <OrgSelect value={orgId} onChange={(id) => setOrgId(id)} style={{ width: 320 }} placeholder="输入单位名称查找" />
      <Button type="primary" icon={<ReloadOutlined />} loading={again.isPending} disabled={!orgId || orgId === v.orgId} onClick={() => again.mutate()}>
        重新预览
      </Button>
      {editing && <Button onClick={() => setEditing(false)}>取消</Button>}
      {again.error && <Typography.Text type="danger">{errorMessage(again.error)}</Typography.Text>}
    </Space>
  );
  if (needed && !v.orgId) {
    return (
      <Alert type="warning" showIcon title="有新干部，但没有选择新干部的所在单位"
        description={<Flex vertical gap={8}><span>任免审批表中没有系统可识别的单位。请选择单位后重新预览，这些文件即可导入。</span>{editor}</Flex>} />
    );
  }
  return (
    <Flex align="center" gap={8} wrap>
      <Typography.Text type="secondary">新干部的所在单位：</Typography.Text>
      {editing ? editor : (
        <>
          <Typography.Text strong>{v.orgName ?? '未选择'}</Typography.Text>
          <Button size="small" type="link" onClick={() => setEditing(true)}>更改</Button>
        </>
      )}
    </Flex>
  );
}

export function PreviewStep({ v }: { v: CadreImportView }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const commit = useMutation({ mutationFn: () => cadreImportsApi.commit(v.id), onSuccess: (view) => storeCadreImport(qc, view) });
  const cancel = useMutation({
    mutationFn: () => cadreImportsApi.cancel(v.id),
    onSuccess: (view) => { storeCadreImport(qc, view); message.success('已取消导入'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  const needsUnit = v.report.some((f) => f.errors.some((e) => e.field === '所在单位'));
  const toWrite = v.created + v.updated;
  const busy = commit.isPending || cancel.isPending;

  return (
    <Flex vertical gap={16}>
      <ImportCounts v={v} />
      {(v.created > 0 || needsUnit || v.orgId) && <DefaultUnit v={v} needed={needsUnit} />}
      {v.skipped.length > 0 && (
        <Alert type="info" showIcon title={`压缩包中有 ${v.skipped.length} 个其他文件，已跳过`}
          description={v.skipped.map((s) => `${s.file}：${s.message}`).join('；')} />
      )}
      <Card size="small" title="导入">
        <Flex vertical gap={12}>
          {toWrite === 0 ? (
            <Alert type="info" showIcon title="没有需要导入的文件"
              description={v.failed > 0 ? '有错误的文件请修改后重新上传；或取消这次导入。' : '文件中的干部信息与系统中相同。可以取消这次导入。'} />
          ) : (
            <Typography.Text>
              将新建 <Typography.Text strong>{v.created}</Typography.Text> 名干部、更新 <Typography.Text strong>{v.updated}</Typography.Text> 名干部
              {v.unchanged > 0 && `；${v.unchanged} 个文件无变化，不写入`}
              {v.failed > 0 && `；${v.failed} 个文件有错误，不导入（不影响其他文件）`}。
              全部在一个事务中写入；导入时逐个文件复核，预览之后被他人修改过的干部不会被覆盖。家庭成员作为敏感信息加密保存。
            </Typography.Text>
          )}
          {commit.isPending && <Alert type="info" showIcon title="正在导入……" description="请稍候，不要关闭页面。" />}
          {commit.error && <Alert type="error" showIcon title={errorMessage(commit.error)} />}
          <Flex justify="flex-end" gap={8} wrap>
            <Popconfirm title="取消这次导入？" description="上传的文件和预览结果将被清除，不会写入任何干部信息。"
              okText="取消导入" okButtonProps={{ danger: true }} cancelText="不取消" onConfirm={() => cancel.mutateAsync().catch(() => undefined)}>
              <Button danger icon={<StopOutlined />} loading={cancel.isPending} disabled={busy}>取消导入</Button>
            </Popconfirm>
            <Button type="primary" icon={<CheckOutlined />} disabled={toWrite === 0 || busy} loading={commit.isPending} onClick={() => commit.mutate()}>
              确认导入（新建 {v.created} 人、更新 {v.updated} 人）
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card size="small" title="逐个文件的预览" extra={<Typography.Text type="secondary">点击一行查看逐项差异、错误和警告</Typography.Text>}>
        <FileReportTable report={v.report} done={false} />
      </Card>
    </Flex>
  );
}
