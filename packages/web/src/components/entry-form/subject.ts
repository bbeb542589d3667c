/** The subject of an entry: a cadre or a leadership team (with its name, for display). */
export interface Subject {
  type: 'cadre' | 'team';
  id: string;
  name: string;
}

export const SUBJECT_TYPE_NAMES: Record<Subject['type'], string> = { cadre: '干部', team: '领导班子' };

export function subjectBody(s: Subject | undefined): { cadreId: string | null; teamId: string | null } {
  return { cadreId: s?.type === 'cadre' ? s.id : null, teamId: s?.type === 'team' ? s.id : null };
}
