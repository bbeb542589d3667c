/** Pieces of the list filter bars (预警, 待办): a clearable select, and the tags of a list narrowed to one cadre or team. */
import { Tag, type SelectProps } from 'antd';
import { SearchSelect } from './SearchSelect';

type FilterSelectProps<V> = Omit<SelectProps<V>, 'allowClear' | 'style' | 'onChange'> & {
  width: number;
  /** undefined when cleared. */
  onChange: (value: V | undefined) => void;
};

export function FilterSelect<V extends string | number>({ width, onChange, ...rest }: FilterSelectProps<V>) {
  return <SearchSelect<V> allowClear style={{ width }} onChange={(v?: V) => onChange(v)} {...rest} />;
}

/** 指定干部 / 指定班子 (a list opened from a profile); closing a tag drops that filter. */
export function SubjectTags({ cadreId, teamId, onClose }: { cadreId?: string; teamId?: string; onClose: (key: 'cadreId' | 'teamId') => void }) {
  return (
    <>
      {cadreId && <Tag closable onClose={() => onClose('cadreId')} style={{ marginInlineEnd: 0 }}>指定干部</Tag>}
      {teamId && <Tag closable onClose={() => onClose('teamId')} style={{ marginInlineEnd: 0 }}>指定班子</Tag>}
    </>
  );
}
