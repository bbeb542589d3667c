/**
 * A 任免审批表 import as the server holds it: polled every 800 ms while the preview runs. Never refetched
 * on window focus — reading a report that names family members is recorded in the audit log.
 */
import { CADRE_IMPORT_STATUS_NAMES, type CadreImportSummary, type CadreImportView } from '@jiandu/domain';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { cadreImportsApi } from '../../api/endpoints';
import { cadreImportKeys } from '../../api/queries/cadre-imports';
import { cadreKeys } from '../../api/queries/cadres';

export type CadreImportStatus = CadreImportSummary['status'];

export function useCadreImport(id: string | undefined) {
  return useQuery({
    queryKey: cadreImportKeys.view(id ?? ''),
    queryFn: () => cadreImportsApi.get(id!),
    enabled: !!id,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchInterval: (q) => (q.state.data?.status === 'checking' ? 800 : false),
  });
}

/** After any action: the import as the server answered; the list of my imports is stale. */
export function storeCadreImport(qc: QueryClient, view: CadreImportView): void {
  qc.setQueryData(cadreImportKeys.view(view.id), view);
  void qc.invalidateQueries({ queryKey: cadreImportKeys.list });
  // Written cadres: their lists and profiles are stale.
  if (view.status === 'done') void qc.invalidateQueries({ queryKey: cadreKeys.all });
}

export const statusName = (s: CadreImportStatus) => CADRE_IMPORT_STATUS_NAMES[s];

/** Still to be finished by the user (继续). */
export const isOpen = (s: CadreImportStatus) => s !== 'done' && s !== 'cancelled';
