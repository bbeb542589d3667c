/** 组织机构: the jurisdiction's org tree on the left, the chosen org and its 领导班子 on the right. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Tag, Tree } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { orgsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../../components/OrgSelect';
import { PageTitle } from '../../components/PageTitle';
import { TeamLedgerCard } from '../ledger/TeamLedgerCard';
import { TeamSupervisionCard } from '../warnings/TeamSupervisionCard';
import { OrgCreateModal } from './OrgCreateModal';
import { OrgDetail } from './OrgDetail';
import { TeamCard } from './TeamCard';
import { TeamVerdictBar } from './TeamVerdictBar';
import { useOrgTree, type OrgTreeNode } from './use-org-tree';
import { orgKeys } from '../../api/queries/orgs';

export default function OrgsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const selectedId = params.get('id');
  const tree = useOrgTree();
  const [creatingRoot, setCreatingRoot] = useState(false);

  const detail = useQuery({
    queryKey: orgKeys.detail(selectedId),
    queryFn: () => orgsApi.get(selectedId!),
    enabled: !!selectedId,
  });
  // The same query as TeamCard's (shared cache): whether the team is managed above the jurisdiction.
  const team = useQuery({
    queryKey: orgKeys.team(selectedId),
    queryFn: () => orgsApi.team(selectedId!),
    enabled: !!selectedId && me.can('cadre:read'),
  });

  const select = (id: string) => setParams({ id });
  const { reveal } = tree;

  // Nothing chosen yet: open the first root of the jurisdiction.
  const firstRoot = tree.roots.data?.[0];
  useEffect(() => {
    if (!selectedId && firstRoot) setParams({ id: firstRoot.id }, { replace: true });
  }, [selectedId, firstRoot, setParams]);
  // A single root (a jurisdiction) starts opened.
  const singleRoot = tree.roots.data?.length === 1 && firstRoot && firstRoot.childCount > 0 ? firstRoot.id : null;
  useEffect(() => {
    if (singleRoot) void reveal([singleRoot]);
  }, [singleRoot, reveal]);

  // The chosen org (from the URL or the search box) is shown in the tree with its ancestors open.
  const ancestorIds = detail.data?.ancestors.slice(0, -1).map((a) => a.id).join(',');
  useEffect(() => {
    if (ancestorIds !== undefined) void reveal(ancestorIds ? ancestorIds.split(',') : []);
  }, [ancestorIds, reveal]);

  const canWrite = me.can('org:write');
  return (
    <>
      <PageTitle
        title="组织机构"
        extra={(
          <Space>
            {canWrite && me.can('import:run') && <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports/new?kind=orgs')}>导入组织机构</Button>}
            {canWrite && !me.scopeOrgId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreatingRoot(true)}>新增顶级组织</Button>
            )}
          </Space>
        )}
      />
      <Row gutter={16} wrap={false}>
        <Col flex="340px" className="no-print">
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <OrgSelect
              style={{ width: '100%', marginBottom: 12 }}
              id="org-search"
              placeholder="查找单位（输入名称）"
              allowClear={false}
              value={selectedId}
              onChange={(id) => id && select(id)}
            />
            {tree.roots.isPending && <Spin />}
            {tree.roots.error && <Alert type="error" title={errorMessage(tree.roots.error)} />}
            {tree.roots.data?.length === 0 && <Empty description="管辖范围内还没有组织" />}
            {tree.treeData.length > 0 && (
              <Tree<OrgTreeNode>
                blockNode
                showLine
                treeData={tree.treeData}
                expandedKeys={tree.expandedKeys}
                onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                // An abolished unit (已撤销) stays in the tree, greyed, with its date.
                titleRender={(n) => (n.org.abolishedOn
                  ? <span style={{ color: '#999' }}>{n.title} <Tag style={{ marginInlineEnd: 0 }}>已撤销 {n.org.abolishedOn}</Tag></span>
                  : n.title)}
                onSelect={(_keys, info) => select(info.node.key)}
                loadData={async (node) => {
                  if (!node.isLeaf) await tree.loadChildren(node.key);
                }}
                height={640}
              />
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {!selectedId && !tree.roots.isPending && <Card><Empty description="请在左侧选择组织" /></Card>}
          {detail.isPending && selectedId && <Card><Spin /></Card>}
          {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
          {detail.data && (
            <>
              {me.can('cadre:read') && <TeamVerdictBar orgId={detail.data.id} />}
              <OrgDetail
                org={detail.data} onSelect={select} onAdded={(o) => { void tree.refresh(o.parentId); select(o.id); }}
                onChanged={(parents) => { for (const p of new Set(parents)) void tree.refresh(p); }}
              />
              {/* Team rosters are cadre data: the 系统管理员 sees the tree, no people. */}
              {me.can('cadre:read') && <TeamCard orgId={detail.data.id} />}
              {/* A team managed by a 组织部 above the jurisdiction (干部管理权限): its ledger is not this one's. */}
              {me.can('cadre:read') && !team.data?.team?.managedAbove && (
                <>
                  <TeamSupervisionCard orgId={detail.data.id} />
                  <TeamLedgerCard orgId={detail.data.id} />
                </>
              )}
            </>
          )}
        </Col>
      </Row>
      {creatingRoot && (
        <OrgCreateModal
          parent={null}
          onClose={() => setCreatingRoot(false)}
          onCreated={(o) => { setCreatingRoot(false); void tree.refresh(null); select(o.id); }}
        />
      )}
    </>
  );
}
