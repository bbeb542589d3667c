/** Choose an organisation by typing part of its name (GET /api/orgs/search, within the user's jurisdiction). */
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { orgsApi, type OrgHit } from '../api/endpoints';
import { useDebounced } from '../lib/use-debounced';

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined, org: OrgHit | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  disabled?: boolean;
}

export function OrgSelect({ value, onChange, placeholder = '输入单位名称查找', allowClear = true, style, id, disabled }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const hits = useQuery({ queryKey: ['orgs', 'search', q], queryFn: () => orgsApi.search(q), enabled: q.length > 0, staleTime: 60_000 });
  const [picked, setPicked] = useState<OrgHit | undefined>();

  // A value given from outside (e.g. from the URL) needs its name.
  const known = picked?.id === value ? picked : hits.data?.find((h) => h.id === value);
  const current = useQuery({
    queryKey: ['orgs', 'detail', value],
    queryFn: () => orgsApi.get(value!),
    enabled: !!value && !known,
    staleTime: 60_000,
  });
  const selected: OrgHit | undefined = known ?? (current.data ? { id: current.data.id, name: current.data.name } : undefined);

  const options = (q ? (hits.data ?? []) : []).map((h) => ({ value: h.id, label: h.name }));
  // The chosen org needs an option for its label, but not among the results of a new search.
  if (!text && selected && !options.some((o) => o.value === selected.id)) options.push({ value: selected.id, label: selected.name });

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
      notFoundContent={hits.isFetching ? <Spin size="small" /> : q ? '没有找到匹配的单位' : '请输入单位名称'}
      onChange={(v: string | undefined) => {
        const org = v ? (hits.data?.find((h) => h.id === v) ?? selected) : undefined;
        setPicked(org);
        setText('');
        onChange?.(v, org);
      }}
    />
  );
}
