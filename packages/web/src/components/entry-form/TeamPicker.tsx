/** Choose a leadership team through its unit (org search → GET /api/orgs/:id/team). */
import { useQueryClient } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { orgsApi } from '../../api/endpoints';
import { OrgSelect } from '../OrgSelect';
import type { Subject } from './subject';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'none' } | { kind: 'error'; message: string };

export function TeamPicker({ value, onChange, id }: { value?: Subject; onChange: (s: Subject | undefined) => void; id?: string }) {
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const pick = async (v: string | undefined) => {
    setOrgId(v);
    onChange(undefined);
    if (!v) return setState({ kind: 'idle' });
    setState({ kind: 'loading' });
    try {
      const r = await queryClient.fetchQuery({ queryKey: ['orgs', 'team', v], queryFn: () => orgsApi.team(v) });
      if (r.team) onChange({ type: 'team', id: r.team.id, name: r.team.name });
      setState(r.team ? { kind: 'idle' } : { kind: 'none' });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  };

  const status = state.kind === 'loading' ? <Typography.Text type="secondary">正在读取领导班子……</Typography.Text>
    : state.kind === 'error' ? <Typography.Text type="danger">{state.message}</Typography.Text>
      : state.kind === 'none' ? <Typography.Text type="danger">该单位未设领导班子</Typography.Text>
        : value ? <Typography.Text>领导班子：{value.name}</Typography.Text> : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <OrgSelect id={id} value={orgId ?? null} placeholder="输入单位名称查找其领导班子" onChange={(v) => void pick(v)} />
      {status}
    </Space>
  );
}
