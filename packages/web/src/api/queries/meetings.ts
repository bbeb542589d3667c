/** Query keys of the 联席会议 (meetings, agenda, members, conclusions) and of its 督办事项. */
import type { MeetingListParams, MeetingTaskListParams } from '../endpoints';

export const meetingKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  listOf: (p: MeetingListParams) => ['meetings', 'list', p] as const,
  conveners: ['meetings', 'conveners'] as const,
  agenda: ['meetings', 'agenda'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  subjects: (id: string) => ['meetings', 'detail', id, 'subjects'] as const,
  members: (convenerId: string) => ['meetings', 'members', convenerId] as const,
  candidates: (convenerId: string, dept: string, q: string) => ['meetings', 'members', convenerId, 'candidates', dept, q] as const,
  conclusionKinds: ['meetings', 'conclusion-kinds'] as const,
  proposals: ['meetings', 'proposals'] as const,
  shared: (q: string) => ['meetings', 'shared', q] as const,
};

export const meetingTaskKeys = {
  all: ['meeting-tasks'] as const,
  list: (p: Omit<MeetingTaskListParams, 'cursor' | 'limit'>, pageSize: number) => ['meeting-tasks', 'list', p, pageSize] as const,
  detail: (id: string) => ['meeting-tasks', 'detail', id] as const,
};
