/**
 * The import batch shown by the wizard (polled every 800 ms while the server checks or commits), the
 * upload's preview (kept in the query cache for the session: the API gives the sample rows only once),
 * and the fields of the kind.
 */
import { COMMON_COLUMNS, DETAIL_PREFIX, ORG_COLUMNS, ORG_IMPORT_KIND, ROSTER_COLUMNS, ROSTER_KIND, dateFromYearKind, type ImportBatchView } from '@jiandu/domain';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { importsApi, type ImportPreview } from '../../api/endpoints';
import { useKind } from '../../components/entry-form/use-ledger-meta';
import { isRunning } from './labels';
import { importKeys } from '../../api/queries/imports';
import { reevaluating } from './ReevaluationStatus';

export function useImportBatch(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.batch(id ?? ''),
    queryFn: () => importsApi.get(id!),
    enabled: !!id,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.status) ? 800 : reevaluating(q.state.data) ? 1500 : false),
  });
}

/** After any action: the batch as the server answered, and the list of my imports is stale. */
export function storeBatch(qc: QueryClient, batch: ImportBatchView): void {
  // A new check replaces the problems of the last one.
  if (batch.status === 'checking') {
    qc.removeQueries({ queryKey: importKeys.issuesOf(batch.id) });
    qc.removeQueries({ queryKey: importKeys.changesOf(batch.id) });
  }
  qc.setQueryData(importKeys.batch(batch.id), batch);
  void qc.invalidateQueries({ queryKey: importKeys.list });
}

export function storePreview(qc: QueryClient, preview: ImportPreview): void {
  qc.setQueryDefaults(importKeys.preview(preview.batch.id), { gcTime: Infinity, staleTime: Infinity });
  qc.setQueryData(importKeys.preview(preview.batch.id), preview);
  storeBatch(qc, preview.batch);
}

/** The preview of this batch's upload, if it was uploaded in this session (null after a reload). */
export function useImportPreview(id: string | undefined): ImportPreview | null {
  const qc = useQueryClient();
  return id ? (qc.getQueryData<ImportPreview>(importKeys.preview(id)) ?? null) : null;
}

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}

/** The fields a file of this kind may fill: from the upload's answer, else the roster's columns or the kind's schema (same rule as the server). */
export function useImportFields(kind: string | undefined, preview: ImportPreview | null): { fields: ImportField[]; ready: boolean } {
  const { kind: k, fields } = useKind(kind);
  return useMemo(() => {
    if (preview) return { fields: preview.columns, ready: true };
    if (kind === ROSTER_KIND) return { fields: ROSTER_COLUMNS.map((c) => ({ key: c.key, label: c.label, required: !!c.required })), ready: true };
    if (kind === ORG_IMPORT_KIND) return { fields: ORG_COLUMNS.map((c) => ({ key: c.key, label: c.label, required: !!c.required })), ready: true };
    // Same rule as the server's kindColumns: an annual result's date may come from its 年度.
    const common = COMMON_COLUMNS.map((c) => ({ key: c.key, label: c.label, required: !!c.required && !(c.key === 'occurredOn' && dateFromYearKind(kind ?? '')) }));
    const details = fields.map((f) => ({ key: DETAIL_PREFIX + f.name, label: f.title, required: f.required && f.default === undefined }));
    return { fields: [...common, ...details], ready: !!k };
  }, [preview, k, fields, kind]);
}
