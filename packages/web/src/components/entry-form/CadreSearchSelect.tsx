/** 组织部: choose a cadre of the jurisdiction by name, pinyin initials or 身份证号 (GET /api/cadres?q=). */
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { cadresApi } from '../../api/endpoints';
import { useDebounced } from '../../lib/use-debounced';
import type { Subject } from './subject';
import { cadreKeys } from '../../api/queries/cadres';
import { typedMatches } from '../SearchSelect';

interface Props {
  value?: Subject;
  onChange: (s: Subject | undefined) => void;
  id?: string;
}

export function CadreSearchSelect({ value, onChange, id }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const hits = useQuery({
    queryKey: cadreKeys.list({ q, limit: 20 }),
    queryFn: () => cadresApi.list({ q, limit: 20 }),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  // Only the results of what is typed now (not of a shorter text still debouncing), so Enter cannot pick a stale hit.
  const fresh = q !== '' && q === text.trim();
  const options = (fresh ? (hits.data?.items ?? []) : []).map((c) => ({
    value: c.id,
    label: c.name,
    title: `${c.name} · ${c.orgName}${c.currentTitle ? ` · ${c.currentTitle}` : ''}`,
  }));
  if (!text && value && !options.some((o) => o.value === value.id)) options.push({ value: value.id, label: value.name, title: value.name });

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value?.id}
      placeholder="输入姓名、拼音首字母或身份证号查找"
      options={options}
      // Enter picks the first hit only when its name shows what was typed (or it is the only hit).
      defaultActiveFirstOption={fresh && (options.length === 1 || typedMatches(options[0]?.label, text))}
      optionRender={(o) => <span>{o.data.title}</span>}
      notFoundContent={hits.isFetching || (text.trim() && !fresh) ? <Spin size="small" /> : q ? '管辖范围内没有找到匹配的干部' : '请输入姓名查找'}
      onChange={(v: string | undefined) => {
        const hit = hits.data?.items.find((c) => c.id === v);
        setText('');
        onChange(v ? { type: 'cadre', id: v, name: hit?.name ?? value?.name ?? '' } : undefined);
      }}
    />
  );
}
