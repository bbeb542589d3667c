/** The chosen org: its place in the tree and its registry fields. */
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { OrgDetail as OrgDetailData, OrgNode } from '@jiandu/domain';
import { Breadcrumb, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { OrgCreateModal } from './OrgCreateModal';

/** Known flags of PRODUCT §2; others show under their own key. */
const FLAG_NAMES: Record<string, string> = { hardship: '艰苦边远地区' };

interface Props {
  org: OrgDetailData;
  onSelect: (id: string) => void;
  onAdded: (org: OrgNode) => void;
}

export function OrgDetail({ org, onSelect, onAdded }: Props) {
  const me = useCurrentUser();
  const [adding, setAdding] = useState(false);
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
          <span>{org.name}</span>
        </Space>
      }
      extra={
        <Space>
          {me.can('cadre:read') && (
            <Link to={`/cadres?orgId=${org.id}`}><Button icon={<TeamOutlined />}>本单位干部</Button></Link>
          )}
          {me.can('org:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增下级组织</Button>
          )}
        </Space>
      }
    >
      <Descriptions column={3} size="small" bordered>
        <Descriptions.Item label="单位名称" span={2}>{org.name}</Descriptions.Item>
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
