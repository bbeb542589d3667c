/** Member departments of the joint meeting (PRODUCT §6; configurable in the database, these are the defaults). */
export interface DepartmentDef {
  code: string;
  name: string;
}

/** The member departments' codes by what they are: code says `DEPARTMENT.petition`, the database holds 'xf'. */
export const DEPARTMENT = {
  /** 纪委监委 */
  discipline: 'jw',
  /** 组织部 */
  organization: 'zzb',
  /** 法院 */
  court: 'fy',
  /** 检察院 */
  procuratorate: 'jcy',
  /** 公安局 */
  police: 'ga',
  /** 巡察办 */
  inspection: 'xc',
  /** 审计局 */
  audit: 'sj',
  /** 信访局 */
  petition: 'xf',
} as const;
export type DepartmentCode = (typeof DEPARTMENT)[keyof typeof DEPARTMENT];

export const DEFAULT_DEPARTMENTS: readonly DepartmentDef[] = [
  { code: DEPARTMENT.discipline, name: '纪委监委' },
  { code: DEPARTMENT.organization, name: '组织部' },
  { code: DEPARTMENT.court, name: '法院' },
  { code: DEPARTMENT.procuratorate, name: '检察院' },
  { code: DEPARTMENT.police, name: '公安局' },
  { code: DEPARTMENT.inspection, name: '巡察办' },
  { code: DEPARTMENT.audit, name: '审计局' },
  { code: DEPARTMENT.petition, name: '信访局' },
];
