/** Kinds of supervision-ledger entries (PRODUCT §3) and the departments that submit each by default. */
export interface EntryKindDef {
  code: string;
  name: string;
  departments: readonly string[];
}

export const ENTRY_KINDS: readonly EntryKindDef[] = [
  { code: 'dflz', name: '党风廉政建设考核', departments: ['jw', 'zzb'] },
  { code: 'xcxc', name: '巡视巡察', departments: ['xc'] },
  { code: 'ndkh', name: '年度综合考核', departments: ['zzb'] },
  { code: 'gbcc', name: '个报查核', departments: ['zzb'] },
  { code: 'ybgpy', name: '一报告两评议', departments: ['zzb'] },
  { code: 'jjzrsj', name: '经济责任审计', departments: ['sj'] },
  { code: 'ytjm', name: '约谈诫勉', departments: ['jw', 'zzb'] },
  { code: 'xfjb', name: '信访举报', departments: ['xf', 'jw'] },
  { code: 'cfwz', name: '处分问责', departments: ['jw', 'zzb'] },
  { code: 'sfjl', name: '司法公安记录', departments: ['fy', 'jcy', 'ga'] },
  { code: 'bzjl', name: '表彰奖励', departments: ['jw', 'zzb', 'fy', 'jcy', 'ga', 'xc', 'sj', 'xf'] },
];

export function kindsOfDepartment(code: string): string[] {
  return ENTRY_KINDS.filter((k) => k.departments.includes(code)).map((k) => k.code);
}
