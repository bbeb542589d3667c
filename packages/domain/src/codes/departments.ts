/** Member departments of the joint meeting (PRODUCT §6; configurable in the database, these are the defaults). */
export interface DepartmentDef {
  code: string;
  name: string;
}

export const DEFAULT_DEPARTMENTS: readonly DepartmentDef[] = [
  { code: 'jw', name: '纪委监委' },
  { code: 'zzb', name: '组织部' },
  { code: 'fy', name: '法院' },
  { code: 'jcy', name: '检察院' },
  { code: 'ga', name: '公安局' },
  { code: 'xc', name: '巡察办' },
  { code: 'sj', name: '审计局' },
  { code: 'xf', name: '信访局' },
];
