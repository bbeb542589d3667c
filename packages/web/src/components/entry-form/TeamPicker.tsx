/**
 * Choose a leadership team through its unit: the org search answers each unit's team id, so no roster is
 * read (member departments may not read rosters, and it saves a request for everyone). The search does not
 * answer the team's name: until saved it is shown as the unit's name + 领导班子, as teams are named.
 */
import { Space, Typography } from 'antd';
import { useState } from 'react';
import { OrgSelect } from '../OrgSelect';
import type { Subject } from './subject';

export function TeamPicker({ value, onChange, id }: { value?: Subject; onChange: (s: Subject | undefined) => void; id?: string }) {
  const [orgId, setOrgId] = useState<string | undefined>();
  const [noTeam, setNoTeam] = useState(false);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <OrgSelect
        id={id}
        value={orgId ?? null}
        placeholder="输入单位名称查找其领导班子"
        onChange={(v, org) => {
          setOrgId(v);
          setNoTeam(!!org && !org.teamId);
          onChange(org?.teamId ? { type: 'team', id: org.teamId, name: `${org.name}领导班子` } : undefined);
        }}
      />
      {noTeam ? <Typography.Text type="danger">该单位未设领导班子</Typography.Text>
        : value ? <Typography.Text>领导班子：{value.name}</Typography.Text> : null}
    </Space>
  );
}
