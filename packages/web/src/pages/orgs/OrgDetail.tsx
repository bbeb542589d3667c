/** The chosen org: its place in the tree and its registry fields. */
import { DownOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { OrgDetail as OrgDetailData, OrgNode } from '@jiandu/domain';
import { Breadcrumb, Button, Card, Descriptions, Dropdown, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { OrgChangeHistory } from './OrgChangeHistory';
import { OrgChangeModal, type OrgChangeKind } from './OrgChangeModal';
import { OrgCreateModal } from './OrgCreateModal';

/** Known flags of PRODUCT §2; others show under their own key. */
const FLAG_NAMES: Record<string, string> = { hardship: '艰苦边远地区' };

interface Props {
  org: OrgDetailData;
  onSelect: (id: string) => void;
  onAdded: (org: OrgNode) => void;
  /** After 更名/调整隶属/合并/撤销: the units whose children changed. */
  onChanged?: (parents: Array<string | null>) => void;
}

const CHANGE_ITEMS: Array<{ key: OrgChangeKind; label: string; danger?: boolean }> = [
  { key: 'rename', label: '更名' }, { key: 'move', label: '调整隶属' }, { key: 'merge', label: '合并', danger: true }, { key: 'abolish', label: '撤销', danger: true },
]; // 合并 moves cadres and tenures: it needs cadre:write too (not the 系统管理员's).

export function OrgDetail({ org, onSelect, onAdded, onChanged }: Props) {
  const me = useCurrentUser();
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<OrgChangeKind | null>(null);
  const live = !org.abolishedOn;
  const flags = Object.entries(org.flags).filter(([, on]) => on).map(([k]) => FLAG_NAMES[k] ?? k);

  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <Space direction="vertical" size={2} style={{ padding: '8px 0' }}>
          {org.ancestors.length > 1 && <Breadcrumb
            items={org.ancestors.slice(0, -1).map((a) => ({
              key: a.id,
              title: <a onClick={() => onSelect(a.id)}>{a.name}</a>,
            }))}
          />}
          <Space>
            <span>{org.name}</span>
            {org.abolishedOn && <Tag>已撤销（{org.abolishedOn}）</Tag>}
            {org.mergedIntoId && <span style={{ fontSize: 13, fontWeight: 'normal' }}>并入 <a onClick={() => onSelect(org.mergedIntoId!)}>{org.mergedIntoName}</a></span>}
          </Space>
        </Space>
      }
      extra={
        <Space>
          {me.can('cadre:read') && (
            <Link to={`/cadres?orgId=${org.id}`}><Button icon={<TeamOutlined />}>本单位干部</Button></Link>
          )}
          {me.can('org:write') && live && (
            <Dropdown menu={{ items: CHANGE_ITEMS.filter((i) => i.key !== 'merge' || me.can('cadre:write')), onClick: ({ key }) => setChanging(key as OrgChangeKind) }}>
              <Button>机构变更 <DownOutlined /></Button>
            </Dropdown>
          )}
          {me.can('org:write') && live && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增下级组织</Button>
          )}
        </Space>
      }
    >
      <Descriptions column={3} size="small" bordered>
        <Descriptions.Item label="单位名称" span={2}>
          {org.name}
          {org.formerNames.length > 0 && <span style={{ color: '#888' }}>（曾用名：{org.formerNames.join('、')}）</span>}
        </Descriptions.Item>
        <Descriptions.Item label="简称">{org.shortName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="单位类型">{org.type}</Descriptions.Item>
        <Descriptions.Item label="单位层级">{org.level}</Descriptions.Item>
        <Descriptions.Item label="行政区划代码">{org.regionCode}</Descriptions.Item>
        <Descriptions.Item label="干部管理单位">{org.managedByName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="下级组织">{org.childCount} 个</Descriptions.Item>
        <Descriptions.Item label="领导班子">{org.hasTeam ? '已设' : '未设'}</Descriptions.Item>
        <Descriptions.Item label="标识" span={3}>
          {flags.length > 0 ? flags.map((f) => <Tag key={f} color="orange">{f}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <OrgChangeHistory orgId={org.id} />
      {changing && (
        <OrgChangeModal
          kind={changing}
          org={org}
          onClose={() => setChanging(null)}
          onDone={(_node, parents) => { setChanging(null); onChanged?.(parents); }}
        />
      )}
      {adding && (
        <OrgCreateModal
          parent={org}
          onClose={() => setAdding(false)}
          onCreated={(o) => { setAdding(false); onAdded(o); }}
        />
      )}
    </Card>
  );
}
