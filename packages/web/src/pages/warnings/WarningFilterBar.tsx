/** Filters of the 预警 list: colour, rule, area (an org and its subtree), status, and which warnings to show. */
import { WARNING_STATUS, WARNING_STATUS_NAMES } from '@jiandu/domain';
import { Button, Segmented, Space } from 'antd';
import { FilterSelect, SubjectTags } from '../../components/FilterControls';
import { OrgSelect } from '../../components/OrgSelect';
import { COLOUR_LABELS, COLOUR_ORDER, VIEW_OPTIONS, useRuleCatalog, type WarningViewMode } from './labels';
import type { WarningFilters } from './use-warning-filters';

interface Props {
  filters: WarningFilters;
  onChange: (f: WarningFilters) => void;
}

export function WarningFilterBar({ filters, onChange }: Props) {
  const catalog = useRuleCatalog();
  const set = (patch: Partial<WarningFilters>) => onChange({ ...filters, ...patch });
  const any = !!(filters.colour || filters.rule || filters.orgId || filters.status || filters.cadreId || filters.teamId);

  return (
    <Space wrap size={[12, 12]}>
      <Segmented<WarningViewMode>
        value={filters.view ?? 'open'}
        options={VIEW_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
        onChange={(view) => set({ view })}
      />
      <FilterSelect
        id="warning-colour" width={120} placeholder="全部颜色" value={filters.colour}
        options={COLOUR_ORDER.map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
        onChange={(colour) => set({ colour })}
      />
      <FilterSelect
        id="warning-rule" width={160} placeholder="全部规则" value={filters.rule} showSearch={{ optionFilterProp: 'label' }}
        loading={catalog.isPending} options={(catalog.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        onChange={(rule) => set({ rule })}
      />
      <OrgSelect style={{ width: 220 }} placeholder="全部区域（输入单位名称）" value={filters.orgId} onChange={(orgId) => set({ orgId })} />
      <FilterSelect
        id="warning-status" width={110} placeholder="全部状态" value={filters.status}
        options={WARNING_STATUS.map((s) => ({ value: s, label: WARNING_STATUS_NAMES[s] }))}
        onChange={(status) => set({ status })}
      />
      <SubjectTags cadreId={filters.cadreId} teamId={filters.teamId} onClose={(k) => set({ [k]: undefined })} />
      {any && <Button type="link" onClick={() => onChange({ view: filters.view })}>清除筛选</Button>}
    </Space>
  );
}
