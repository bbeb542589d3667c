/** Kinds of supervision-ledger entries (PRODUCT §3, §4) and the departments that submit each by default. */

/** Whom an entry of the kind is about: a cadre, a 领导班子, or either. */
export type KindSubject = 'cadre' | 'team' | 'any';

export interface EntryKindDef {
  code: string;
  name: string;
  departments: readonly string[];
  subject: KindSubject;
}

export const ENTRY_KINDS: readonly EntryKindDef[] = [
  { code: 'dflz', name: '党风廉政建设考核', departments: ['jw', 'zzb'], subject: 'any' },
  { code: 'xcxc', name: '巡视巡察', departments: ['xc'], subject: 'any' },
  { code: 'ndkh', name: '年度综合考核', departments: ['zzb'], subject: 'any' },
  { code: 'gbcc', name: '个报查核', departments: ['zzb'], subject: 'cadre' },
  { code: 'ybgpy', name: '一报告两评议', departments: ['zzb'], subject: 'any' },
  { code: 'jjzrsj', name: '经济责任审计', departments: ['sj'], subject: 'any' },
  { code: 'ytjm', name: '约谈诫勉', departments: ['jw', 'zzb'], subject: 'any' },
  { code: 'xfjb', name: '信访举报', departments: ['xf', 'jw'], subject: 'any' },
  { code: 'cfwz', name: '处分问责', departments: ['jw', 'zzb'], subject: 'any' },
  { code: 'sfjl', name: '司法公安记录', departments: ['fy', 'jcy', 'ga'], subject: 'cadre' },
  { code: 'bzjl', name: '表彰奖励', departments: ['jw', 'zzb', 'fy', 'jcy', 'ga', 'xc', 'sj', 'xf'], subject: 'any' },
  // The mechanisms of §4 (talks, research, training, reporting, decisions, 容错纠错).
  { code: 'txth', name: '谈心谈话', departments: ['zzb'], subject: 'cadre' },
  { code: 'sxdt', name: '思想波动', departments: ['zzb'], subject: 'cadre' },
  { code: 'jypx', name: '教育培训', departments: ['zzb'], subject: 'cadre' },
  { code: 'dcyj', name: '调查研究', departments: ['zzb'], subject: 'team' },
  { code: 'szyd', name: '三重一大决策', departments: ['zzb', 'jw'], subject: 'team' },
  { code: 'wcbb', name: '外出报备', departments: ['zzb'], subject: 'cadre' },
  { code: 'rcjc', name: '容错纠错', departments: ['zzb', 'jw'], subject: 'cadre' },
];

export function kindsOfDepartment(code: string): string[] {
  return ENTRY_KINDS.filter((k) => k.departments.includes(code)).map((k) => k.code);
}

/** The kind's subject rule as a Chinese issue, or null when the subject fits. */
export function subjectIssue(kind: string, subject: { cadre: boolean; team: boolean }): { path: string; message: string } | null {
  const def = ENTRY_KINDS.find((k) => k.code === kind);
  if (!def) return null;
  if (def.subject === 'team' && subject.cadre) return { path: 'cadreId', message: `“${def.name}”记录的对象是领导班子，不能指定干部` };
  if (def.subject === 'cadre' && subject.team) return { path: 'teamId', message: `“${def.name}”记录的对象是干部，不能指定领导班子` };
  return null;
}
