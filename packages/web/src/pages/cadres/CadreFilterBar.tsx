/** Filters of the cadre list: search text, unit (with its subunits), status, gender, principals only. */
import { CADRE_STATUSES, GENDERS } from '@jiandu/domain';
import { Button, Checkbox, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import type { CadreFilters } from './use-cadre-filters';

interface Props {
  filters: CadreFilters;
  onChange: (f: CadreFilters) => void;
}

export function CadreFilterBar({ filters, onChange }: Props) {
  const [text, setText] = useState(filters.q ?? '');
  // Back/forward changes the URL: the box follows.
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const set = (patch: Partial<CadreFilters>) => onChange({ ...filters, ...patch });
  const any = Object.values(filters).some(Boolean);

  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        style={{ width: 300 }}
        placeholder="姓名 / 拼音首字母 / 身份证号"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        enterButton="查询"
      />
      <OrgSelect
        style={{ width: 260 }}
        placeholder="单位（含下级单位）"
        value={filters.orgId ?? null}
        onChange={(id) => set({ orgId: id })}
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder="状态"
        value={filters.status}
        options={CADRE_STATUSES.map((s) => ({ value: s, label: s }))}
        onChange={(v?: CadreFilters['status']) => set({ status: v })}
      />
      <Select
        allowClear
        style={{ width: 100 }}
        placeholder="性别"
        value={filters.gender}
        options={GENDERS.map((s) => ({ value: s, label: s }))}
        onChange={(v?: CadreFilters['gender']) => set({ gender: v })}
      />
      <Checkbox checked={filters.principal === 'true'} onChange={(e) => set({ principal: e.target.checked ? 'true' : undefined })}>
        只看一把手
      </Checkbox>
      {any && <Button type="link" onClick={() => { setText(''); onChange({}); }}>清除筛选</Button>}
    </Space>
  );
}
