/**
 * The one searchable select: typing filters the options by their label (a substring, any case) or by the
 * label's pinyin initials ('dflz' → 党风廉政建设考核; @jiandu/domain optionMatchRank), best match first. It
 * never matches an option's value (a code), so Enter can only pick an option whose label shows what was
 * typed, and picks nothing when no option matches. Short lists (`searchFrom`, default more than 8 options)
 * stay plain selects, where nothing can be typed.
 *
 * An option whose label is not a string gives its text in `searchText`.
 */
import { optionMatchRank } from '@jiandu/domain';
import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { useState, type Ref } from 'react';

type Option = { label?: React.ReactNode; searchText?: string; value?: unknown; options?: Option[] };

const textOf = (o: Option): string => o.searchText ?? (typeof o.label === 'string' || typeof o.label === 'number' ? String(o.label) : '');

/** How well an option matches the typed text (0 = not at all). */
export const optionRank = (o: Option | undefined, typed: string): number => (o ? optionMatchRank(textOf(o), typed) : 0);

/** True when what was typed picks `label` by Enter: the first option of a server search is active only then. */
export const typedMatches = (label: string | undefined, typed: string): boolean => !!label && optionMatchRank(label, typed) > 0;

export type SearchSelectProps<V> = SelectProps<V> & {
  /** Searchable from this many options on (default 9); a select with fewer is a plain one. */
  searchFrom?: number;
  /** The select (focus() it from a keyboard grid); a plain prop in React 19. */
  ref?: Ref<RefSelectProps>;
};

export function SearchSelect<V = unknown>({ searchFrom = 9, options, showSearch, ...rest }: SearchSelectProps<V>) {
  const [typed, setTyped] = useState('');
  const count = (options ?? []).reduce((n, o) => n + ((o as Option).options?.length ?? 1), 0);
  const searchable = showSearch !== false && (count >= searchFrom || showSearch === true || typeof showSearch === 'object');
  if (!searchable) return <Select<V> options={options} {...rest} />;
  return (
    <Select<V>
      options={options}
      showSearch={{
        searchValue: typed,
        onSearch: setTyped,
        filterOption: (input, option) => optionRank(option as Option, input) > 0,
        filterSort: (a, b, info) => optionRank(b as Option, info?.searchValue ?? typed) - optionRank(a as Option, info?.searchValue ?? typed),
      }}
      notFoundContent={typed ? '没有匹配的选项' : undefined}
      {...rest}
      onChange={(v, o) => {
        setTyped('');
        rest.onChange?.(v, o);
      }}
      onOpenChange={(open) => {
        if (!open) setTyped('');
        rest.onOpenChange?.(open);
      }}
    />
  );
}
