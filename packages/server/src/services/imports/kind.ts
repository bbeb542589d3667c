/**
 * A kind of sheet the import job takes (ledger entries, the 干部名册 …): the job (imports.service.ts) does
 * the upload, header mapping, parsing, staging, progress and audit; a kind says what its columns are, who
 * may import it, how a chunk of parsed rows is checked into staged rows, and how staged rows are committed.
 * The kinds are listed in kinds.ts (`importKindOf`).
 */
import type { ColumnSpec, OrgImportChange, RosterChange } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import type * as repo from '../../repositories/imports.repository.ts';
import type { Actor } from '../../context.ts';
import type { ImportDeps } from './types.ts';

/** A parsed sheet row as the kinds check it. */
export interface SheetRowIn {
  row: number;
  values: Record<string, unknown>;
  errors: Array<{ row: number; column: string; message: string }>;
  duplicateOf: number | null;
}

export interface ChunkResult {
  staged: repo.StagingInsert[];
  issues: Array<{ row: number; column: string; message: string }>;
  /** Rows that repeat an earlier row of the file, or a record already there (or, for a roster, change nothing). */
  duplicates: number;
  rejectedRows: number;
}

/** The check of one file: made once per check run, so it may remember things across chunks. */
export interface KindCheck {
  /** Checks a chunk in the job's transaction; the staged rows come back as `import_staging` stores them (`batchId` set). */
  chunk(tx: Tx, rows: SheetRowIn[]): Promise<ChunkResult>;
  /**
   * Optional: called once after the last chunk, in its own transaction, for a kind whose rows can only be
   * settled knowing the whole file (an org tree: parents may come after their children). Its problems may
   * name rows of any chunk.
   */
  finish?(tx: Tx): Promise<ChunkResult>;
  /** After the last chunk: how the columns were read, for the check step and the report (kept with the mapping). */
  notes?(): string[];
}

/** A row an import would create or update, as the wizard shows it: a roster's cadre, an org tree's unit. */
export type ImportChange = RosterChange | OrgImportChange;

export interface KindCommit {
  /** Records (or cadres …) written. */
  imported: number;
  /** Staged rows refused at the commit (they became problems of the import). */
  failed: number;
  /** Extra counts returned to the caller with the batch (a roster's created/updated cadres). */
  counts?: { created: number; updated: number; tenures?: number };
  /** Work to start once the commit's transaction is in (a large import's re-evaluation job). */
  afterCommit?: () => void;
}

export interface ImportTarget { kind: string; sourceDept: string; sourceName: string }

export interface ImportKind {
  /** The kind code (`import_batch.kind`) a user's reference (code or name) means, or null when it is not of this import kind. */
  resolve(ref: string): string | null;
  /** The kind's name as shown (list, template title). */
  label(kind: string): string;
  /** Checks the actor may import `kind` and settles the source department. */
  target(deps: ImportDeps, actor: Actor, kind: string, sourceRef: string | null | undefined): Promise<ImportTarget>;
  /** The sheet's columns. */
  specs(deps: ImportDeps, kind: string): Promise<ColumnSpec[]>;
  /** Starts the check of a batch's file; `headerOf` names a column as the file heads it (for messages). */
  check(deps: ImportDeps, actor: Actor, batch: repo.BatchRow, ctx: { specs: ColumnSpec[]; headerOf: (key: string) => string }): Promise<KindCheck>;
  /** Moves the staged rows in the commit's one transaction, at `at` (the job then clears the file and marks the batch done). */
  commit(tx: Tx, deps: ImportDeps, actor: Actor, batch: repo.BatchRow, at: Date): Promise<KindCommit>;
  /** The rows to create or update with their differences (absent: the kind shows none). */
  changes?(tx: Tx, batchId: string, afterRow: number, limit: number): Promise<{ counts: { create: number; update: number }; items: ImportChange[] }>;
}
