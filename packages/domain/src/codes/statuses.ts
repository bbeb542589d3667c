/**
 * Status and kind codes with their names, as plain constants (no schema): the web's first screen (header, 工作台)
 * shows these names, and importing them must not pull in zod. The contracts re-export them.
 */
export const WARNING_STATUS = ['new', 'read', 'handled', 'dismissed'] as const;
export type WarningStatus = (typeof WARNING_STATUS)[number];
export const WARNING_STATUS_NAMES: Record<WarningStatus, string> = { new: '新', read: '已阅', handled: '已处置', dismissed: '已排除' };
export const COLOURS = ['red', 'yellow', 'blue'] as const;

export const SENSITIVITY = ['一般', '敏感', '重要'] as const;
export const PROVENANCE = ['form', 'excel', 'api', 'lrmx'] as const;
export const PROVENANCE_NAMES: Record<(typeof PROVENANCE)[number], string> = { form: '表单录入', excel: 'Excel导入', api: '系统接口', lrmx: '任免审批表' };
export const ENTRY_STATUS = ['pending', 'accepted', 'returned', 'withdrawn'] as const;
export const ENTRY_STATUS_NAMES: Record<(typeof ENTRY_STATUS)[number], string> = { pending: '待审核', accepted: '已采纳', returned: '已退回', withdrawn: '已撤销' };

export const OBLIGATION_TYPES = ['talk', 'training', 'research', 'joint_meeting', 'meeting_task'] as const;
export const OBLIGATION_STATES = ['pending', 'done', 'overdue'] as const;
export const OBLIGATION_STATE_NAMES: Record<(typeof OBLIGATION_STATES)[number], string> = { pending: '待办', done: '已完成', overdue: '已逾期' };
