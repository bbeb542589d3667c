/**
 * 成员单位: attach a cadre found by exact lookup only — full 身份证号, or exact name + unit
 * (GET /api/cadres/lookup, as on the 干部查找 page). Every lookup is audited by the server.
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Input, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cadresApi } from '../../api/endpoints';
import { OrgSelect } from '../OrgSelect';
import type { Subject } from './subject';

type Mode = 'id' | 'name';

export function CadreLookupPicker({ value, onChange, id }: { value?: Subject; onChange: (s: Subject | undefined) => void; id?: string }) {
  const [mode, setMode] = useState<Mode>('id');
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState<string | undefined>();
  const lookup = useMutation({
    mutationFn: () => cadresApi.lookup(mode === 'id' ? { idNumber: idNumber.replace(/\s/gu, '') } : { name: name.trim(), orgId }),
    // One match: it is the cadre (no extra 选择 click); several: the user picks one below.
    onSuccess: (hits) => {
      const only = hits.length === 1 ? hits[0]! : null;
      if (only) onChange({ type: 'cadre', id: only.id, name: only.name });
    },
  });
  const ready = mode === 'id' ? idNumber.trim().length > 0 : name.trim().length > 0 && !!orgId;

  const picked = value ? lookup.data?.find((h) => h.id === value.id) : undefined;
  if (value) {
    return (
      <Space>
        <Typography.Text strong>{value.name}</Typography.Text>
        {picked && <Typography.Text type="secondary">{picked.orgName}{picked.currentTitle ? ` · ${picked.currentTitle}` : ''}</Typography.Text>}
        <Button size="small" onClick={() => { onChange(undefined); lookup.reset(); }}>重新查找</Button>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Segmented<Mode>
        size="small"
        value={mode}
        onChange={(m) => { setMode(m); lookup.reset(); }}
        options={[{ value: 'id', label: '按身份证号' }, { value: 'name', label: '按姓名和单位' }]}
      />
      <Space.Compact style={{ width: '100%' }}>
        {mode === 'id' ? (
          <Input id={id} maxLength={18} placeholder="完整的18位身份证号" autoComplete="off" value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)} onPressEnter={(e) => { e.preventDefault(); if (ready) lookup.mutate(); }} />
        ) : (
          <>
            <Input id={id} style={{ width: 140 }} placeholder="完整姓名" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <OrgSelect style={{ flex: 1 }} placeholder="所在单位" value={orgId ?? null} onChange={(v) => setOrgId(v)} />
          </>
        )}
        <Button type="primary" disabled={!ready} loading={lookup.isPending} onClick={() => lookup.mutate()}>查找</Button>
      </Space.Compact>
      {lookup.error && <Typography.Text type="danger">{errorMessage(lookup.error)}</Typography.Text>}
      {lookup.data && (lookup.data.length === 0
        ? <Typography.Text type="warning">未找到匹配的干部，请核对身份证号，或姓名与所在单位是否准确。</Typography.Text>
        : (
          <List
            size="small"
            bordered
            dataSource={lookup.data}
            renderItem={(h) => (
              <List.Item actions={[<Button key="pick" size="small" type="link" onClick={() => onChange({ type: 'cadre', id: h.id, name: h.name })}>选择</Button>]}>
                {h.name} <Typography.Text type="secondary">{h.orgName}{h.currentTitle ? ` · ${h.currentTitle}` : ''}</Typography.Text>
              </List.Item>
            )}
          />
        ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>只能精确查找，每次查找都记入审计日志。</Typography.Text>
    </Space>
  );
}
