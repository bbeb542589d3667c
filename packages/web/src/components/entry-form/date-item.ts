/** Form.Item props that keep a date as a 'YYYY-MM-DD' string in the form store while the picker gets a Dayjs. */
import dayjs, { type Dayjs } from 'dayjs';

export const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};
