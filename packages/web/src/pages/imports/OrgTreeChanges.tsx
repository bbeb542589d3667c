/**
 * 组织机构 import, after the check: the tree the import will build (GET /api/imports/:id/changes, every
 * page), new units marked 新增, changed ones 更新 with what changes, under the units already there; the
 * counts; and the report after the commit.
 */
import { ApartmentOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportBatchView, OrgImportChange } from '@jiandu/domain';
import { Alert, Button, Card, Col, Result, Row, Space, Statistic, Tag, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { importKeys } from '../../api/queries/imports';
import { count } from './labels';

const PAGE = 500;

/** Every unit to create or update (an org sheet is small: a city has a few hundred units). */
function useOrgChanges(batch: ImportBatchView) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: importKeys.changes(batch.id, -1),
    queryFn: async () => {
      const items: OrgImportChange[] = [];
      let counts = { create: 0, update: 0 };
      for (let after = 0; ;) {
        const r = await importsApi.orgChanges(batch.id, after, PAGE);
        counts = r.counts;
        items.push(...r.items);
        if (r.items.length < PAGE) break;
        after = r.items.at(-1)!.row;
      }
      qc.setQueryDefaults(importKeys.rosterCounts(batch.id), { gcTime: Infinity, staleTime: Infinity });
      qc.setQueryData(importKeys.rosterCounts(batch.id), counts);
      return { counts, items };
    },
    enabled: batch.status === 'checked' || batch.status === 'interrupted',
    staleTime: Infinity,
  });
}

function unitTitle(c: OrgImportChange) {
  return (
    <Space size={6} wrap>
      <Typography.Text strong={c.status === 'create'}>{c.org.name}</Typography.Text>
      {c.status === 'create' ? <Tag color="green">新增</Tag> : <Tag color="blue">更新</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.type} · {c.level} · {c.regionCode}{c.withTeam ? ' · 设领导班子' : ''} · 第{c.row}行
      </Typography.Text>
      {c.status === 'update' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.diff.map((d) => `${d.label}：${d.before || '空'} → ${d.after || '空'}`).join('；')}</Typography.Text>
      )}
      {c.warnings.length > 0 && <Tooltip title={c.warnings.join('；')}><Tag color="orange" variant="outlined">请核对</Tag></Tooltip>}
    </Space>
  );
}

/** The changes as a tree: units of the sheet under their parents; a parent already there (unchanged) as a grey node. */
export function orgChangeTree(items: OrgImportChange[]): DataNode[] {
  const nodes = new Map<string, DataNode & { children: DataNode[] }>();
  for (const c of items) nodes.set(c.org.id, { key: c.org.id, title: unitTitle(c), children: [] });
  const roots: DataNode[] = [];
  const existing = new Map<string, DataNode & { children: DataNode[] }>();
  for (const c of items) {
    const node = nodes.get(c.org.id)!;
    const parent = c.parent.id ? nodes.get(c.parent.id) : undefined;
    if (parent) parent.children.push(node);
    else if (c.parent.id) {
      let above = existing.get(c.parent.id);
      if (!above) {
        above = { key: `existing:${c.parent.id}`, title: <Typography.Text type="secondary">{c.parent.name}（已有）</Typography.Text>, children: [] };
        existing.set(c.parent.id, above);
        roots.push(above);
      }
      above.children.push(node);
    } else roots.push(node);
  }
  return roots;
}

export function OrgTreeChanges({ batch }: { batch: ImportBatchView }) {
  const q = useOrgChanges(batch);
  const counts = q.data?.counts;
  const tree = orgChangeTree(q.data?.items ?? []);
  return (
    <Card size="small" title={<><ApartmentOutlined /> 将建立的组织机构{counts ? `（新增 ${count(counts.create)} 个、更新 ${count(counts.update)} 个）` : ''}</>}
      extra={<Typography.Text type="secondary">无变化的 {count(batch.duplicates)} 个单位只在其下有新单位时显示</Typography.Text>}
      loading={q.isPending && batch.valid > 0}>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
      {tree.length === 0
        ? <Typography.Text type="secondary">没有需要新增或更新的单位</Typography.Text>
        : <Tree blockNode showLine defaultExpandAll selectable={false} treeData={tree} height={560} />}
    </Card>
  );
}

function Stat({ title, value, color, hint }: { title: string; value: number; color?: string; hint: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} styles={{ content: color ? { color } : {} }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>
    </Card>
  );
}

export function OrgCounts({ batch }: { batch: ImportBatchView }) {
  const counts = useOrgChanges(batch).data?.counts;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={5}><Stat title="数据行" value={batch.rows} hint="每行一个单位" /></Col>
      <Col xs={12} lg={5}><Stat title="新增" value={counts?.create ?? 0} color="#389e0d" hint="系统中还没有的单位" /></Col>
      <Col xs={12} lg={5}><Stat title="更新" value={counts?.update ?? 0} color="#0958d9" hint="已有单位，简称、类别等有变化" /></Col>
      <Col xs={12} lg={4}><Stat title="无变化" value={batch.duplicates} color="#8c8c8c" hint="与系统中相同，不写入" /></Col>
      <Col xs={12} lg={5}><Stat title="有问题" value={batch.rejected} color={batch.rejected ? '#cf1322' : undefined} hint="不会导入，见问题清单" /></Col>
    </Row>
  );
}

/** 完成: 新增 N 个、更新 M 个 (the split of the check, when every row was written). */
export function OrgReport({ batch }: { batch: ImportBatchView }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const counts = qc.getQueryData<{ create: number; update: number }>(importKeys.rosterCounts(batch.id));
  const exact = counts && counts.create + counts.update === batch.imported;
  const written = exact ? `新增 ${count(counts.create)} 个、更新 ${count(counts.update)} 个单位` : `新增和更新 ${count(batch.imported)} 个单位`;
  return (
    <Result
      status={batch.imported > 0 ? 'success' : 'info'}
      title={batch.imported > 0 ? `已导入：${written}` : '没有写入任何单位'}
      subTitle={<>{written}、无变化 {count(batch.duplicates)} 个{batch.rejected > 0 && `，未导入 ${count(batch.rejected)} 行`}。</>}
      extra={(
        <Space wrap>
          {batch.imported > 0 && <Button type="primary" onClick={() => void navigate('/orgs')}>查看组织机构</Button>}
          {batch.rejected > 0 && <Button icon={<DownloadOutlined />} href={importsApi.rejectsUrl(batch.id)}>下载未导入的 {count(batch.rejected)} 行（Excel）</Button>}
          <Button onClick={() => void navigate('/imports')}>返回我的导入</Button>
        </Space>
      )}
    />
  );
}
