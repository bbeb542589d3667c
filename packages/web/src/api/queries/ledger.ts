/** Query keys of the ledger (管理监督台账): a write invalidates `all`, every list and entry with it. */
import type { EntryListParams, LedgerSide } from '../endpoints';

export const ledgerKeys = {
  all: ['ledger'] as const,
  kinds: ['ledger', 'kinds'] as const,
  departments: ['ledger', 'departments'] as const,
  list: (side: LedgerSide, params: EntryListParams) => ['ledger', 'list', side, params] as const,
  entry: (side: LedgerSide, id: string | null) => ['ledger', 'entry', side, id] as const,
};
