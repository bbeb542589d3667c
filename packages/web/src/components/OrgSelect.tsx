/**
 * Choose an organisation by typing part of its name (GET /api/orgs/search, within the user's jurisdiction).
 * Each unit shows its parent (石桥镇党委 — 东平县委) so that same-named units can be told apart. The name of a
 * value given from outside is read with GET /api/orgs/:id, which needs org:read (member departments do not
 * have it: they only ever hold a unit they picked here).
 */
import type { OrgSearchHit } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { orgsApi } from '../api/endpoints';
import { useCurrentUser } from '../app/auth';
import { useDebounced } from '../lib/use-debounced';
import { orgKeys } from '../api/queries/orgs';
import { typedMatches } from './SearchSelect';

const labelOf = (h: OrgSearchHit) => (h.parentName ? `${h.name} — ${h.parentName}` : h.name);

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined, org: OrgSearchHit | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  disabled?: boolean;
}

export function OrgSelect({ value, onChange, placeholder = '输入单位名称查找', allowClear = true, style, id, disabled }: Props) {
  const me = useCurrentUser();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const hits = useQuery({ queryKey: orgKeys.search(q), queryFn: () => orgsApi.search(q), enabled: q.length > 0, staleTime: 60_000 });
  const [picked, setPicked] = useState<OrgSearchHit | undefined>();

  // A value given from outside (e.g. from the URL) needs its name.
  const known = picked?.id === value ? picked : hits.data?.find((h) => h.id === value);
  const current = useQuery({
    queryKey: orgKeys.detail(value),
    queryFn: () => orgsApi.get(value!),
    enabled: !!value && !known && me.can('org:read'),
    staleTime: 60_000,
  });
  const selected: OrgSearchHit | undefined = known ?? (current.data ? {
    id: current.data.id,
    name: current.data.name,
    parentName: current.data.ancestors.at(-2)?.name ?? null,
    teamId: null,
  } : undefined);

  // Only the results of what is typed now (not of a shorter text still debouncing), so Enter cannot pick a stale hit.
  const fresh = q !== '' && q === text.trim();
  const options = (fresh ? (hits.data ?? []) : []).map((h) => ({ value: h.id, label: labelOf(h), hit: h }));
  // The chosen org needs an option for its label, but not among the results of a new search.
  if (!text && selected && !options.some((o) => o.value === selected.id)) options.push({ value: selected.id, label: labelOf(selected), hit: selected });

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      options={options}
      // Enter picks the first hit only when its name shows what was typed (or it is the only hit).
      defaultActiveFirstOption={fresh && (options.length === 1 || typedMatches(options[0]?.hit.name, text))}
      // Long unit names with their parent: the list may be wider than a narrow box.
      popupMatchSelectWidth={false}
      optionRender={(o) => (
        <span>
          {o.data.hit.name}
          {o.data.hit.parentName && <Typography.Text type="secondary"> — {o.data.hit.parentName}</Typography.Text>}
        </span>
      )}
      notFoundContent={hits.isFetching || (text.trim() && !fresh) ? <Spin size="small" /> : q ? '没有找到匹配的单位' : '请输入单位名称'}
      onChange={(v: string | undefined) => {
        const org = v ? (hits.data?.find((h) => h.id === v) ?? selected) : undefined;
        setPicked(org);
        setText('');
        onChange?.(v, org);
      }}
    />
  );
}
