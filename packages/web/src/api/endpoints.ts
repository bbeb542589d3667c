/** Typed calls of the Jiandu API, one function per endpoint (see packages/server/src/routes). */
import type {
  OrgImportChange,
  AttachmentView, AuditQuery, AuditRow, AuditVerifyResult, CadreCreateBody, CadreDetail, CadreListQuery, CadreLookupResult, CadreRecordView, CadreImportSummary, CadreImportView,
  CadreListItem, DepartmentView, EntryCorrectBody, EntryCreateBody, EntryHistory, EntryKindView, EntryListQuery, EntryView, HeaderOverrides, ImportBatchView,
  ImportUploadResult, Me, OneTimePassword, OrgCreateBody, OrgDetail, OrgNode, OrgSearchHit, SecurityPolicyView, PasswordRulesView, RosterChange, SecurityPolicyUpdate,
  SessionView, SheetIssue, TeamView, TenureCreateBody, UserView,
} from '@jiandu/domain';
import type { ConvenerView } from '@jiandu/domain';
import type { ApiTokenCreateBody, ApiTokenCreated, ApiTokenView } from '@jiandu/domain';
import type { AccountApproval, AccountChangeBody, AccountChangeStatus, AccountChangeView } from '@jiandu/domain';
import type { ManageLevelBody } from '@jiandu/domain';
import type { OrgAbolishBody, OrgChange, OrgMergeBody, OrgMoveBody, OrgRenameBody } from '@jiandu/domain';
import type { TenureDomainHistory, TenureDomainsBody } from '@jiandu/domain';
import type {
  DashboardQuery, DashboardView, DictionariesBody, EligibilityView, MeetingCreateBody, MeetingView, ObligationListQuery, ObligationPage,
  RuleCatalogItem, RuleJobView, RuleSettingsBody, RuleSettingsView, WarningDetail, WarningListQuery, WarningPage, WarningStatusBody,
} from '@jiandu/domain';
import type { CadreSummaryView, PrintBody, TeamSummaryView } from '@jiandu/domain';
import type {
  ObligationActionView, ObligationAssignBody, ObligationAssigneeView, ObligationResponsibleBody, ObligationResponsibleView,
} from '@jiandu/domain';
import type { MfaEnrollment, MfaNotice, MfaOverview, MfaPolicy, MfaSessionState, MfaStatus } from '@jiandu/domain';
import type { AgendaList, NotificationPage, NotificationReadBody, UnreadCount, WarningFollowupBody, WarningFollowupView } from '@jiandu/domain';
import type { CountResult, WarningStatusByFilterBody } from '@jiandu/domain';
import type {
  AttendanceBody, ConclusionBody, ConclusionKindView, MeetingApproveBody, MeetingCompileView, MeetingDetail, MeetingList, MeetingMemberBody,
  MeetingContactCandidate, MeetingMemberView, MeetingSubjectList, MeetingSubjectView, MeetingTaskDetail, MeetingTaskList, MeetingUpdateBody, ProposalBody, ProposalList,
  ProposalView, SharedConclusionList,
} from '@jiandu/domain';
import { ApiError, api, newIdempotencyKey } from './client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What a caller passes for a query or body contract: every field may be left out (the server applies the
 * defaults). The contracts' own input types do not fit here: a coerced number (`year`, `limit`) is `unknown` there.
 */
type Input<T> = { [K in keyof T]?: T[K] };

export type CadreListParams = Input<CadreListQuery>;
export type AuditParams = Input<AuditQuery>;

export const authApi = {
  /** null when there is no session (no redirect: the caller decides). */
  me: async (): Promise<Me | null> => {
    try {
      // The probe answers 200 {user: null} without a session: the login page logs no 401.
      return (await api.get<{ user: Me | null }>('/api/auth/session', undefined, { quietAuth: true })).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  login: (login: string, password: string) =>
    api.post<{ user: Me; mfa: MfaSessionState }>('/api/auth/login', { login, password }, { quietAuth: true }),
  logout: () => api.post<{ ok: true }>('/api/auth/logout', {}, { quietAuth: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ ok: true }>('/api/auth/password', { currentPassword, newPassword }),
  passwordRules: () => api.get<PasswordRulesView>('/api/auth/password-rules'),
};

/** Second factor (AUTH-05): the login's second step and enrollment; quiet on 401 (the pages handle it). */
export const mfaApi = {
  notice: () => api.get<MfaNotice>('/api/auth/mfa/notice', undefined, { quietAuth: true }),
  status: () => api.get<MfaStatus>('/api/auth/mfa', undefined, { quietAuth: true }),
  verify: (code: string) => api.post<{ user: Me }>('/api/auth/mfa/verify', { code }, { quietAuth: true }),
  startEnroll: () => api.post<MfaEnrollment>('/api/auth/mfa/enroll', {}, { quietAuth: true }),
  confirmEnroll: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/enroll/confirm', { code }, { quietAuth: true }),
  overview: () => api.get<MfaOverview>('/api/security/mfa'),
  setPolicy: (p: MfaPolicy) => api.post<MfaPolicy>('/api/security/mfa/policy', p),
};

export const orgsApi = {
  children: (parentId?: string) => api.get<OrgNode[]>('/api/orgs', { parentId }),
  search: (q: string) => api.get<OrgSearchHit[]>('/api/orgs/search', { q }),
  get: (id: string) => api.get<OrgDetail>(`/api/orgs/${id}`),
  team: (id: string) => api.get<{ team: TeamView | null }>(`/api/orgs/${id}/team`),
  create: (body: Input<OrgCreateBody>) => api.post<OrgNode>('/api/orgs', body),
  // Units as they change (机构改革): each dated, with a reason; the history newest first.
  rename: (id: string, body: OrgRenameBody) => api.post<OrgNode>(`/api/orgs/${id}/rename`, body),
  move: (id: string, body: OrgMoveBody) => api.post<OrgNode>(`/api/orgs/${id}/move`, body),
  merge: (id: string, body: OrgMergeBody) => api.post<OrgNode>(`/api/orgs/${id}/merge`, body),
  abolish: (id: string, body: OrgAbolishBody) => api.post<OrgNode>(`/api/orgs/${id}/abolish`, body),
  changes: (id: string) => api.get<OrgChange[]>(`/api/orgs/${id}/changes`),
};

export const cadresApi = {
  list: (p: CadreListParams) => api.get<Page<CadreListItem>>('/api/cadres', { ...p }),
  get: (id: string) => api.get<CadreDetail>(`/api/cadres/${id}`),
  /** The 任免审批表 fields, 简历 and (for who may) family members; reading it is audited. */
  record: (id: string) => api.get<CadreRecordView>(`/api/cadres/${id}/record`),
  revealIdNumber: (id: string) => api.get<{ idNumber: string }>(`/api/cadres/${id}/id-number`),
  create: (body: Input<CadreCreateBody>) => api.post<{ id: string }>('/api/cadres', body),
  addTenure: (cadreId: string, body: Input<TenureCreateBody>) => api.post<{ id: string }>(`/api/cadres/${cadreId}/tenures`, body),
  endTenure: (tenureId: string, endDate: string) => api.post<{ ok: true }>(`/api/tenures/${tenureId}/end`, { endDate }),
  /** 分工调整 without ending the tenure (append-only, dated) and its history. */
  tenureDomains: (tenureId: string) => api.get<TenureDomainHistory>(`/api/tenures/${tenureId}/domains`),
  changeTenureDomains: (tenureId: string, body: TenureDomainsBody) => api.post<TenureDomainHistory>(`/api/tenures/${tenureId}/domains`, body),
  /** 干部管理权限 override (null: follow the rank); for supervisors above the county; audited with the reason. */
  setManageLevel: (id: string, body: ManageLevelBody) => api.put<CadreDetail>(`/api/cadres/${id}/manage-level`, body),
  lookup: (p: { idNumber?: string; name?: string; orgId?: string }) => api.get<CadreLookupResult[]>('/api/cadres/lookup', p),
  /** The photo (404 when there is none); `v` busts the browser's cache after a change. */
  photoUrl: (id: string, v?: number) => `/api/cadres/${id}/photo${v ? `?v=${v}` : ''}`,
  /** JPEG or PNG, at most 2 MB, checked by content on the server (audited). */
  uploadPhoto: (id: string, file: Blob, onProgress?: (percent: number) => void) =>
    api.upload<{ sm3: string; mime: string }>(`/api/cadres/${id}/photo`, {}, file, onProgress),
  /** 导出任免审批表 (.lrmx with the full 身份证号, family and photo: audited) — a plain link. */
  lrmxUrl: (id: string) => `/api/cadres/${id}/lrmx`,
};

/** 干部任免审批表导入: upload (.lrmx / .lrm / .zip) → per-file preview → commit; the user's own imports only. */
export const cadreImportsApi = {
  list: () => api.get<CadreImportSummary[]>('/api/cadre-imports'),
  get: (id: string) => api.get<CadreImportView>(`/api/cadre-imports/${id}`),
  /** One file per upload; the answer is the finished preview, or status `checking` for a large batch (then poll). */
  upload: (file: File, orgId: string | undefined, onProgress?: (percent: number) => void) =>
    api.upload<CadreImportView>('/api/cadre-imports', { name: file.name, orgId }, file, onProgress),
  /** Preview again, with another default unit for new cadres. */
  preview: (id: string, orgId: string | null) => api.post<CadreImportView>(`/api/cadre-imports/${id}/preview`, { orgId }),
  commit: (id: string) => api.post<CadreImportView>(`/api/cadre-imports/${id}/commit`),
  cancel: (id: string) => api.post<CadreImportView>(`/api/cadre-imports/${id}/cancel`),
};

export const usersApi = {
  list: () => api.get<UserView[]>('/api/users'),
  setDisabled: (id: string, disabled: boolean) => api.post<UserView>(`/api/users/${id}/status`, { disabled }),
  unlock: (id: string) => api.post<UserView>(`/api/users/${id}/unlock`),
  departments: () => api.get<DepartmentView[]>('/api/departments'),
};

/** 双人审批: the 系统管理员 proposes (account-changes), the 安全管理员 decides (account-approvals). */
export const accountChangesApi = {
  list: (status?: AccountChangeStatus) => api.get<AccountChangeView[]>('/api/account-changes', status ? { status } : {}),
  propose: (body: Input<AccountChangeBody>) => api.post<AccountChangeView>('/api/account-changes', body),
  withdraw: (id: string) => api.post<AccountChangeView>(`/api/account-changes/${id}/withdraw`),
  takePassword: (id: string) => api.post<OneTimePassword>(`/api/account-changes/${id}/password`),
  approvals: (status?: AccountChangeStatus) => api.get<AccountChangeView[]>('/api/account-approvals', status ? { status } : {}),
  approve: (id: string, reason?: string) => api.post<AccountApproval>(`/api/account-approvals/${id}/approve`, reason ? { reason } : {}),
  reject: (id: string, reason: string) => api.post<AccountChangeView>(`/api/account-approvals/${id}/reject`, { reason }),
};

export const auditApi = {
  list: (p: AuditParams) => api.get<Page<AuditRow>>('/api/audit', { ...p }),
  verify: () => api.post<AuditVerifyResult>('/api/audit/verify'),
  exportUrl: (p: Omit<AuditParams, 'cursor' | 'limit'>) => filteredUrl('/api/audit/export.xlsx', p),
};

export const securityApi = {
  policy: () => api.get<SecurityPolicyView>('/api/security/policy'),
  savePolicy: (body: SecurityPolicyUpdate) => api.put<SecurityPolicyView>('/api/security/policy', body),
  sessions: () => api.get<SessionView[]>('/api/security/sessions'),
  terminate: (handle: string) => api.post<{ ok: true }>(`/api/security/sessions/${handle}/terminate`),
};

export type EntryListParams = Input<EntryListQuery>;
export type EntryReview = EntryHistory['reviews'][number];
/** The 组织部 works on /api/entries; a member department on /api/submissions (its own records only). */
export type LedgerSide = 'entries' | 'submissions';

export const entriesApi = {
  list: (side: LedgerSide, p: EntryListParams) => api.get<Page<EntryView> & { searchIncomplete?: boolean }>(`/api/${side}`, { ...p }),
  get: (side: LedgerSide, id: string) => api.get<EntryHistory>(`/api/${side}/${id}`),
  /** `idempotencyKey`: one per logical submission (see newIdempotencyKey); a retry of it never writes twice. */
  create: (side: LedgerSide, body: Input<EntryCreateBody>, idempotencyKey: string = newIdempotencyKey()) =>
    api.post<{ entryId: string }>(`/api/${side}`, body, { idempotencyKey }),
  correct: (side: LedgerSide, id: string, body: Input<EntryCorrectBody>) => api.post<{ version: number }>(`/api/${side}/${id}/correct`, body),
  withdraw: (side: LedgerSide, id: string, body: { baseVersion: number; reason: string }) =>
    api.post<{ version: number }>(`/api/${side}/${id}/withdraw`, body),
  review: (id: string, body: { decision: 'accepted' | 'returned'; reason?: string; baseVersion: number }) =>
    api.post<{ ok: true }>(`/api/entries/${id}/review`, body),
  kinds: () => api.get<EntryKindView[]>('/api/entry-kinds'),
};

/** Attachments of an entry: the 组织部 under /api/entries and /api/attachments, members under /api/submissions. */
export const attachmentsApi = {
  /** The raw file as the request body (application/octet-stream, at most 20 MB); the server checks the type by content. */
  upload: (side: LedgerSide, entryId: string, file: File, onProgress?: (percent: number) => void) =>
    api.upload<AttachmentView>(`/api/${side}/${entryId}/attachments`, { name: file.name }, file, onProgress),
  /** A plain link (the session cookie goes with it; the download is audited). */
  url: (side: LedgerSide, id: string) => (side === 'entries' ? `/api/attachments/${id}` : `/api/submissions/attachments/${id}`),
};

/** The filters an export takes: those of the list, never its page (cursor, limit). */
export type EntryExportParams = Omit<EntryListParams, 'cursor' | 'limit'>;

function exportQuery(p: EntryExportParams): string {
  const q = new URLSearchParams();
  for (const k of ['cadreId', 'teamId', 'kind', 'sourceDept', 'year', 'month', 'status'] as const) {
    const v = p[k];
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  return q.toString();
}

/** Exports are plain links: the session cookie goes along and the browser saves under the server's file name. Each is audited. */
export const exportsApi = {
  entriesXlsx: (side: LedgerSide, p: EntryExportParams) => {
    const q = exportQuery(p);
    return q ? `/api/${side}/export.xlsx?${q}` : `/api/${side}/export.xlsx`;
  },
  dossierDocx: (cadreId: string) => `/api/cadres/${cadreId}/dossier.docx`,
};

/** 接口令牌 of department systems (系统管理员). */
export const apiTokensApi = {
  list: () => api.get<ApiTokenView[]>('/api/api-tokens'),
  create: (body: ApiTokenCreateBody) => api.post<ApiTokenCreated>('/api/api-tokens', body),
  revoke: (id: string) => api.post<ApiTokenView>(`/api/api-tokens/${id}/revoke`),
};

/** What the upload answers: the batch, the header as read, and the first rows of the file (台账导入, first step). */
export type ImportPreview = ImportUploadResult;
export interface ImportUploadParams {
  kind: string;
  /** Supervisors only: the submitting department (members import as their own). */
  source?: string;
  name: string;
  strict: boolean;
  /** 干部名册: the default unit of new cadres, and whether to create their tenures. */
  orgId?: string;
  tenures?: boolean;
}

/** 台账导入: upload → check (background job, poll get) → issues → commit; the user's own imports only. */
export const importsApi = {
  list: () => api.get<ImportBatchView[]>('/api/imports'),
  get: (id: string) => api.get<ImportBatchView>(`/api/imports/${id}`),
  upload: (p: ImportUploadParams, file: Blob, onProgress?: (percent: number) => void) =>
    api.upload<ImportPreview>('/api/imports', { ...p, strict: String(p.strict), tenures: p.tenures ? 'true' : undefined }, file, onProgress),
  check: (id: string, body: { overrides?: HeaderOverrides; strict?: boolean }) => api.post<ImportBatchView>(`/api/imports/${id}/check`, body),
  issues: (id: string, afterRow: number, limit: number) => api.get<SheetIssue[]>(`/api/imports/${id}/issues`, { afterRow, limit }),
  commit: (id: string) => api.post<ImportBatchView>(`/api/imports/${id}/commit`),
  cancel: (id: string) => api.post<ImportBatchView>(`/api/imports/${id}/cancel`),
  /** 干部名册 only: the rows to create or update with their differences (cleared by the commit). */
  changes: (id: string, afterRow: number, limit: number) =>
    api.get<{ counts: { create: number; update: number }; items: RosterChange[] }>(`/api/imports/${id}/changes`, { afterRow, limit }),
  /** The same for an 组织机构 import: the units to create or update, with their parents. */
  orgChanges: (id: string, afterRow: number, limit: number) =>
    api.get<{ counts: { create: number; update: number }; items: OrgImportChange[] }>(`/api/imports/${id}/changes`, { afterRow, limit }),
  /** Plain links (the session cookie goes with them; the browser saves under the server's file name). */
  templateUrl: (kind: string) => `/api/imports/template.xlsx?kind=${encodeURIComponent(kind)}`,
  rejectsUrl: (id: string) => `/api/imports/${id}/rejects.xlsx`,
};

/* ---- Rules engine: 预警, 待办, 使用资格, 工作台, 规则设置, 联席会议 (contracts in @jiandu/domain contracts/rules.ts) ---- */

export type WarningListParams = Input<Omit<WarningListQuery, 'limit'>> & { limit?: number };
export type ObligationListParams = Input<Omit<ObligationListQuery, 'limit'>> & { limit?: number };

/** A download link with the list's filters (never its page). */
function filteredUrl(path: string, p: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (k !== 'cursor' && k !== 'limit' && v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const warningsApi = {
  list: (p: WarningListParams) => api.get<WarningPage>('/api/warnings', { ...p }),
  get: (id: string) => api.get<WarningDetail>(`/api/warnings/${id}`),
  setStatus: (body: WarningStatusBody) => api.post<{ updated: number }>('/api/warnings/status', body),
  exportUrl: (p: WarningListParams) => filteredUrl('/api/warnings/export.xlsx', p),
  catalog: () => api.get<RuleCatalogItem[]>('/api/rules/catalog'),
};

export const obligationsApi = {
  list: (p: ObligationListParams) => api.get<ObligationPage>('/api/obligations', { ...p }),
  exportUrl: (p: ObligationListParams) => filteredUrl('/api/obligations/export.xlsx', p),
  assign: (id: string, body: ObligationAssignBody) => api.post<{ ok: true }>(`/api/obligations/${id}/assign`, body),
  close: (id: string, note: string) => api.post<{ ok: true }>(`/api/obligations/${id}/close`, { note }),
  reopen: (id: string, note: string) => api.post<{ ok: true }>(`/api/obligations/${id}/reopen`, { note }),
  actions: (id: string) => api.get<ObligationActionView[]>(`/api/obligations/${id}/actions`),
  assignees: (id: string, q?: string) => api.get<ObligationAssigneeView[]>(`/api/obligations/${id}/assignees`, { q }),
  responsibles: () => api.get<ObligationResponsibleView[]>('/api/obligation-responsibles'),
  candidates: (orgId: string, q?: string) => api.get<ObligationAssigneeView[]>('/api/obligation-responsibles/candidates', { orgId, q }),
  setResponsible: (body: ObligationResponsibleBody) => api.post<{ updated: number }>('/api/obligation-responsibles', body),
};

export const eligibilityApi = {
  get: (cadreId: string) => api.get<EligibilityView>(`/api/cadres/${cadreId}/eligibility`),
  /** The printable one-page 任前廉政意见 (a plain link; audited). */
  docxUrl: (cadreId: string) => `/api/cadres/${cadreId}/eligibility.docx`,
};

export const dashboardApi = {
  get: (p: Input<DashboardQuery>) => api.get<DashboardView>('/api/dashboard', { ...p }),
};

export const ruleSettingsApi = {
  get: () => api.get<RuleSettingsView>('/api/rules/settings'),
  /** Saving starts a full re-evaluation: the answer is its job. */
  save: (body: RuleSettingsBody) => api.put<RuleJobView>('/api/rules/settings', body),
  saveDictionaries: (body: DictionariesBody) => api.put<{ ok: true }>('/api/rules/dictionaries', body),
  runAll: () => api.post<RuleJobView>('/api/rules/jobs'),
  latestJob: () => api.get<RuleJobView | null>('/api/rules/jobs/latest'),
};

/** A 组织部 that convenes the 干部监督联席会议 (ConvenerView). */
export type Convener = ConvenerView;

export interface MeetingListParams { status?: string; convenerId?: string; q?: string; sort?: string }
export interface MeetingTaskListParams {
  meetingId?: string; departmentCode?: string; status?: string; overdue?: 'true'; q?: string; sort?: string; cursor?: string; limit?: number;
}
/** The 会议文书 (GET /api/meetings/:id/documents/:doc). */
export type MeetingDoc = 'notice' | 'briefing' | 'minutes' | 'task-notice';

export const meetingsApi = {
  list: (p: MeetingListParams = {}) => api.get<MeetingList>('/api/meetings', { ...p }),
  create: (body: Input<MeetingCreateBody>) => api.post<MeetingView>('/api/meetings', body),
  conveners: () => api.get<Convener[]>('/api/meetings/conveners'),
  get: (id: string) => api.get<MeetingDetail>(`/api/meetings/${id}`),
  update: (id: string, body: MeetingUpdateBody) => api.patch<MeetingView>(`/api/meetings/${id}`, body),
  compile: (id: string) => api.post<MeetingCompileView>(`/api/meetings/${id}/compile`),
  hold: (id: string, heldOn?: string) => api.post<MeetingView>(`/api/meetings/${id}/hold`, heldOn ? { heldOn } : {}),
  attendance: (id: string, body: AttendanceBody) => api.put<MeetingDetail>(`/api/meetings/${id}/attendance`, body),
  approve: (id: string, body: MeetingApproveBody) => api.post<MeetingView>(`/api/meetings/${id}/approve`, body),
  /** With `removed`: the removed and dropped subjects too. */
  subjects: (id: string, p: { removed?: boolean; q?: string } = {}) =>
    api.get<MeetingSubjectList>(`/api/meetings/${id}/subjects`, { removed: p.removed ? 'true' : undefined, q: p.q }),
  removeSubject: (id: string, sid: string, reason: string) => api.post<MeetingSubjectView>(`/api/meetings/${id}/subjects/${sid}/remove`, { reason }),
  restoreSubject: (id: string, sid: string) => api.post<MeetingSubjectView>(`/api/meetings/${id}/subjects/${sid}/restore`),
  conclude: (id: string, sid: string, body: ConclusionBody) => api.put<MeetingSubjectView>(`/api/meetings/${id}/subjects/${sid}/conclusion`, body),
  /** A plain link (the session cookie goes with it; the browser saves the .docx under the server's name). */
  docUrl: (id: string, doc: MeetingDoc, department?: string) =>
    `/api/meetings/${id}/documents/${doc}${department ? `?department=${encodeURIComponent(department)}` : ''}`,
  reportUrl: (convenerId: string, half: string) => `/api/meetings/report.docx?convenerId=${convenerId}&half=${half}`,
  members: (convenerId: string) => api.get<MeetingMemberView[]>('/api/meetings/members', { convenerId }),
  setMember: (body: MeetingMemberBody) => api.put<MeetingMemberView[]>('/api/meetings/members', body),
  contactCandidates: (convenerId: string, departmentCode: string, q?: string) =>
    api.get<MeetingContactCandidate[]>('/api/meetings/members/candidates', { convenerId, departmentCode, q }),
  conclusionKinds: () => api.get<ConclusionKindView[]>('/api/meetings/conclusion-kinds'),
  saveConclusionKinds: (body: ConclusionKindView[]) => api.put<ConclusionKindView[]>('/api/meetings/conclusion-kinds', body),
  proposals: (convenerId?: string) => api.get<ProposalList>('/api/meetings/proposals', { convenerId }),
  /** Without convenerId: the convener of the entry's subject (its unit's 干部管理权限). */
  propose: (body: Omit<ProposalBody, 'convenerId'> & { convenerId?: string }) => api.post<ProposalView>('/api/meetings/proposals', body),
  shared: (p: { q?: string; cursor?: string; limit?: number } = {}) => api.get<SharedConclusionList>('/api/meetings/shared', { ...p }),
};

/** 督办事项 of the joint meetings: the secretary's (meeting:read) or the member department's own (meeting:member). */
export const meetingTasksApi = {
  list: (p: MeetingTaskListParams) => api.get<MeetingTaskList>('/api/meeting-tasks', { ...p }),
  count: (p: MeetingTaskListParams) => api.get<CountResult>('/api/meeting-tasks/count', countFilters(p) as CountQuery),
  get: (id: string) => api.get<MeetingTaskDetail>(`/api/meeting-tasks/${id}`),
  /** 反馈: multipart (note, entryId?, files…). */
  answer: (id: string, p: { note: string; entryId?: string; files: File[] }) => {
    const form = new FormData();
    form.append('note', p.note);
    if (p.entryId) form.append('entryId', p.entryId);
    for (const f of p.files) form.append('files', f, f.name);
    return api.postForm<MeetingTaskDetail>(`/api/meeting-tasks/${id}/answer`, form);
  },
  close: (id: string, note?: string) => api.post<MeetingTaskDetail>(`/api/meeting-tasks/${id}/close`, note ? { note } : {}),
  return: (id: string, reason: string) => api.post<MeetingTaskDetail>(`/api/meeting-tasks/${id}/return`, { reason }),
  attachmentUrl: (id: string, aid: string) => `/api/meeting-tasks/${id}/attachments/${aid}`,
};

/** A warning's 处置 follow-ups and the 联席会议's 待上会议题 (issue 12). */
export const followupsApi = {
  list: (warningId: string) => api.get<WarningFollowupView[]>(`/api/warnings/${warningId}/followups`),
  record: (warningId: string, body: WarningFollowupBody) => api.post<WarningFollowupView>(`/api/warnings/${warningId}/followups`, body),
  agenda: () => api.get<AgendaList>('/api/meetings/agenda'),
};

/** The bell: my in-app notifications. */
export const notificationsApi = {
  list: (p: { unread?: 'true' | 'false'; cursor?: string; limit?: number } = {}) => api.get<NotificationPage>('/api/notifications', { ...p }),
  unreadCount: () => api.get<UnreadCount>('/api/notifications/unread-count'),
  read: (body: NotificationReadBody) => api.post<{ updated: number }>('/api/notifications/read', body),
};

/* ---- 共 N 条: how many rows a list holds with its filters (never its page or order); exact=false above 10,000 ---- */

type CountQuery = Record<string, string | number | boolean | undefined | null>;
/** A list's filters without its page and order. */
export function countFilters<T extends object>(p: T): Omit<T, 'cursor' | 'limit' | 'sort'> {
  const { cursor: _c, limit: _l, sort: _s, ...rest } = p as T & { cursor?: unknown; limit?: unknown; sort?: unknown };
  return rest as Omit<T, 'cursor' | 'limit' | 'sort'>;
}

export const countsApi = {
  cadres: (p: CadreListParams) => api.get<CountResult>('/api/cadres/count', countFilters(p) as CountQuery),
  entries: (side: LedgerSide, p: EntryListParams) => api.get<CountResult>(`/api/${side}/count`, countFilters(p) as CountQuery),
  warnings: (p: WarningListParams) => api.get<CountResult>('/api/warnings/count', countFilters(p) as CountQuery),
  obligations: (p: ObligationListParams) => api.get<CountResult>('/api/obligations/count', countFilters(p) as CountQuery),
  audit: (p: AuditParams) => api.get<CountResult>('/api/audit/count', countFilters(p) as CountQuery),
};

/** 选择全部 N 条 on the warnings: the decision on every warning the list's filters match (at most 10,000). */
export const warningsBulkApi = {
  setStatusByFilter: (body: Omit<WarningStatusByFilterBody, 'filter'> & { filter: Input<WarningStatusByFilterBody['filter']> }) => api.post<{ updated: number; matched: number }>('/api/warnings/status-by-filter', body),
};

/** The verdict at the top of a cadre's profile and of a team's page (issue 12 §4); a print recorded. */
export const summaryApi = {
  cadre: (cadreId: string) => api.get<CadreSummaryView>(`/api/cadres/${cadreId}/summary`),
  team: (teamId: string) => api.get<TeamSummaryView>(`/api/teams/${teamId}/summary`),
  /** 打印: audited like an export; a failure does not stop the print. */
  print: (body: PrintBody) => api.post<{ ok: true }>('/api/print', body),
};
