/** The kinds (with their details schemas) and the member departments, cached for the session. */
import type { EntryKindView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { entriesApi, usersApi } from '../../api/endpoints';
import { fieldsOf, type FieldSpec } from './schema';
import { ledgerKeys } from '../../api/queries/ledger';

export function useEntryKinds() {
  return useQuery({ queryKey: ledgerKeys.kinds, queryFn: entriesApi.kinds, staleTime: 10 * 60_000 });
}

export function useDepartments() {
  return useQuery({ queryKey: ledgerKeys.departments, queryFn: usersApi.departments, staleTime: 10 * 60_000 });
}

/** The kind with its parsed fields, or undefined while loading / unknown. */
export function useKind(code: string | undefined): { kind: EntryKindView | undefined; fields: FieldSpec[] } {
  const kinds = useEntryKinds();
  return useMemo(() => {
    const kind = kinds.data?.find((k) => k.code === code);
    return { kind, fields: fieldsOf(kind?.detailsSchema) };
  }, [kinds.data, code]);
}

/** code → name of the departments, for labels. */
export function useDepartmentNames(): Map<string, string> {
  const depts = useDepartments();
  return useMemo(() => new Map((depts.data ?? []).map((d) => [d.code, d.name])), [depts.data]);
}
