/** Filters of the 待办 list: type, state, year of the due day, area (an org and its subtree), due within N days. */
import { OBLIGATION_STATE_NAMES, OBLIGATION_STATES } from '@jiandu/domain';
import { Button, Select, Space, Tag } from 'antd';
import { OrgSelect } from '../../components/OrgSelect';
import { yearOptions } from '../ledger/labels';
import { TYPE_OPTIONS } from './labels';
import type { ObligationFilters } from './use-obligation-filters';

interface Props {
  filters: ObligationFilters;
  onChange: (f: ObligationFilters) => void;
}

export function ObligationFilterBar({ filters, onChange }: Props) {
  const set = (patch: Partial<ObligationFilters>) => onChange({ ...filters, ...patch });
  const any = Object.values(filters).some((v) => v !== undefined);
  return (
    <Space wrap size={[12, 12]}>
      <Select
        allowClear
        id="obligation-type"
        style={{ width: 170 }}
        placeholder="全部类型"
        value={filters.type}
        options={TYPE_OPTIONS}
        onChange={(v?: ObligationFilters['type']) => set({ type: v })}
      />
      <Select
        allowClear
        id="obligation-state"
        style={{ width: 110 }}
        placeholder="全部状态"
        value={filters.state}
        options={OBLIGATION_STATES.map((s) => ({ value: s, label: OBLIGATION_STATE_NAMES[s] }))}
        onChange={(v?: ObligationFilters['state']) => set({ state: v })}
      />
      <Select
        allowClear
        id="obligation-year"
        style={{ width: 130 }}
        placeholder="全部年度"
        value={filters.year}
        options={yearOptions().map((o) => ({ ...o, label: `${o.label}到期` }))}
        onChange={(v?: number) => set({ year: v })}
      />
      <OrgSelect style={{ width: 220 }} placeholder="全部区域（输入单位名称）" value={filters.orgId} onChange={(orgId) => set({ orgId })} />
      {filters.dueWithinDays !== undefined && (
        <Tag closable color="orange" onClose={() => set({ dueWithinDays: undefined })} style={{ marginInlineEnd: 0 }}>
          {filters.dueWithinDays} 天内到期
        </Tag>
      )}
      {filters.cadreId && <Tag closable onClose={() => set({ cadreId: undefined })} style={{ marginInlineEnd: 0 }}>指定干部</Tag>}
      {filters.teamId && <Tag closable onClose={() => set({ teamId: undefined })} style={{ marginInlineEnd: 0 }}>指定班子</Tag>}
      {any && <Button type="link" onClick={() => onChange({})}>清除筛选</Button>}
    </Space>
  );
}
