/** Query keys of the 联席会议. */

export const meetingKeys = {
  all: ['meetings'] as const,
  list: ['meetings', 'list'] as const,
  conveners: ['meetings', 'conveners'] as const,
  agenda: ['meetings', 'agenda'] as const,
};
