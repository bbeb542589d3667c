/** 记录对象: fixed when the form is opened from a cadre's or a team's page; otherwise chosen here. */
import { Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { CadreLookupPicker } from './CadreLookupPicker';
import { CadreSearchSelect } from './CadreSearchSelect';
import { SUBJECT_TYPE_NAMES, type Subject } from './subject';
import { TeamPicker } from './TeamPicker';

interface Props {
  value?: Subject;
  onChange?: (s: Subject | undefined) => void;
  id?: string;
  /** Shown as text, not chosen. */
  fixed?: boolean;
  /** 'search' for the 组织部 (browse the jurisdiction), 'exact' for member departments (exact lookup only). */
  cadreLookup: 'search' | 'exact';
}

export function SubjectField({ value, onChange = () => {}, id, fixed, cadreLookup }: Props) {
  const [type, setType] = useState<Subject['type']>(value?.type ?? 'cadre');
  if (fixed && value) {
    return <Typography.Text strong>{SUBJECT_TYPE_NAMES[value.type]}：{value.name}</Typography.Text>;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Radio.Group
        value={type}
        onChange={(e) => { setType(e.target.value as Subject['type']); onChange(undefined); }}
        options={[{ value: 'cadre', label: '干部' }, { value: 'team', label: '领导班子' }]}
      />
      {type === 'team'
        ? <TeamPicker id={id} value={value?.type === 'team' ? value : undefined} onChange={onChange} />
        : cadreLookup === 'search'
          ? <CadreSearchSelect id={id} value={value?.type === 'cadre' ? value : undefined} onChange={onChange} />
          : <CadreLookupPicker id={id} value={value?.type === 'cadre' ? value : undefined} onChange={onChange} />}
    </Space>
  );
}
