/** Filters of the 待办 list: type, state, year of the due day, area (an org and its subtree), due within N days. */
import { OBLIGATION_STATE_NAMES, OBLIGATION_STATES } from '@jiandu/domain';
import { Button, Space, Tag } from 'antd';
import { FilterSelect, SubjectTags } from '../../components/FilterControls';
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
  const any = Object.entries(filters).some(([k, v]) => k !== 'mine' && v !== undefined);
  return (
    <Space wrap size={[12, 12]}>
      <FilterSelect
        id="obligation-type" width={170} placeholder="全部类型" value={filters.type} options={TYPE_OPTIONS}
        onChange={(type) => set({ type })}
      />
      <FilterSelect
        id="obligation-state" width={110} placeholder="全部状态" value={filters.state}
        options={OBLIGATION_STATES.map((s) => ({ value: s, label: OBLIGATION_STATE_NAMES[s] }))}
        onChange={(state) => set({ state })}
      />
      <FilterSelect
        id="obligation-year" width={130} placeholder="全部年度" value={filters.year}
        options={yearOptions().map((o) => ({ ...o, label: `${o.label}到期` }))}
        onChange={(year) => set({ year })}
      />
      <OrgSelect style={{ width: 220 }} placeholder="全部区域（输入单位名称）" value={filters.orgId} onChange={(orgId) => set({ orgId })} />
      {filters.dueWithinDays !== undefined && (
        <Tag closable color="orange" onClose={() => set({ dueWithinDays: undefined })} style={{ marginInlineEnd: 0 }}>
          {filters.dueWithinDays} 天内到期
        </Tag>
      )}
      <SubjectTags cadreId={filters.cadreId} teamId={filters.teamId} onClose={(k) => set({ [k]: undefined })} />
      {any && <Button type="link" onClick={() => onChange({ mine: filters.mine })}>清除筛选</Button>}
    </Space>
  );
}
