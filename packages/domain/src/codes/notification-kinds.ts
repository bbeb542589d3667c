/** The kinds of in-app notification and their names (plain constants: the web's header loads them on every page). */
export const NOTIFICATION_KINDS = ['assigned', 'due_soon', 'overdue', 'decision', 'followup'] as const;
export const NOTIFICATION_KIND_NAMES: Record<(typeof NOTIFICATION_KINDS)[number], string> = {
  assigned: '分派给我', due_soon: '即将到期', overdue: '已逾期', decision: '审核结果', followup: '预警处置',
};
