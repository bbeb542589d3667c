/** Names and tags of 待办 (obligations): types, states. */
import { OBLIGATION_NAMES, OBLIGATION_STATE_NAMES, OBLIGATION_TYPES, type ObligationView } from '@jiandu/domain';
import { Tag } from 'antd';

export type ObligationState = ObligationView['state'];
export type ObligationType = ObligationView['type'];

const STATE_TAGS: Record<ObligationState, string> = { pending: 'processing', overdue: 'error', done: 'success' };

export function ObligationStateTag({ state }: { state: ObligationState }) {
  return <Tag color={STATE_TAGS[state]} style={{ marginInlineEnd: 0 }}>{OBLIGATION_STATE_NAMES[state]}</Tag>;
}

export const TYPE_OPTIONS = OBLIGATION_TYPES.map((t) => ({ value: t, label: OBLIGATION_NAMES[t] }));
