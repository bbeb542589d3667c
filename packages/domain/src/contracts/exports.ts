/** Export queries: the list filters without paging (an export holds every matching row). */
import type { z } from 'zod';
import { EntryListQuery } from '../ledger/entries.ts';
import { CadreListQuery } from './cadres.ts';

export const EntryExportQuery = EntryListQuery.omit({ cursor: true, limit: true });
export type EntryExportQuery = z.infer<typeof EntryExportQuery>;

export const CadreExportQuery = CadreListQuery.omit({ cursor: true, limit: true });
export type CadreExportQuery = z.infer<typeof CadreExportQuery>;
