/** The stored report of a 任免审批表 import (`cadre_import.report`): its shape and small helpers (lrmx-import.service.ts). */
import type { CadreImportFileReport, CadrePlan } from '@jiandu/domain';
import type { FieldCrypto } from '../../crypto/keys.ts';
import type { FormFile } from './files.ts';

/** A file of the stored report: the API's shape, family names encrypted, plus what the commit re-checks. */
export interface StoredFile extends Omit<CadreImportFileReport, 'diff'> {
  diff: Array<Omit<CadreImportFileReport['diff'][number], 'members'> & { membersEnc?: string }>;
  version: number | null;
}
export interface StoredReport {
  total: number;
  done: number;
  error: string | null;
  files: StoredFile[];
  skipped: Array<{ file: string; message: string }>;
}

export const reportAad = (id: string) => `cadre-import:${id}:report`;
export const emptyReport = (): StoredReport => ({ total: 0, done: 0, error: null, files: [], skipped: [] });
export const reportOf = (r: unknown): StoredReport => ({ ...emptyReport(), ...(typeof r === 'string' ? JSON.parse(r) : (r as StoredReport | null) ?? {}) });

export function errorFile(f: FormFile, message: string, field = '文件'): StoredFile {
  return {
    file: f.file, format: f.format, status: 'error', cadre: { id: null, name: '' }, match: 'none', diff: [], version: null,
    errors: [{ field, message }], warnings: f.warnings.map((m) => ({ field: '文件', message: m })),
  };
}

export function storeDiff(box: FieldCrypto, importId: string, diff: CadrePlan['diff']): StoredFile['diff'] {
  return diff.map(({ members, ...d }) => (members ? { ...d, membersEnc: box.encrypt(JSON.stringify(members), reportAad(importId)).toString('base64') } : d));
}

export function countsOf(files: StoredFile[]) {
  const n = (s: StoredFile['status']) => files.filter((f) => f.status === s).length;
  return { created: n('create'), updated: n('update'), unchanged: n('unchanged'), failed: n('error') };
}
