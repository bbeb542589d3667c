/**
 * 处置经过 of a warning: raised, changed, cleared, raised again, and each 已阅 / 已处置 / 已排除 with who and why.
 * GET /api/warnings/:id answers it as WarningDetail.history.
 */
import type { WarningEventView } from '@jiandu/domain';
import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { COLOUR_SHORT, type Colour } from './labels';

export type WarningEvent = WarningEventView;

const ACTIONS: Record<string, { label: string; color: string }> = {
  raised: { label: '预警产生', color: 'red' },
  changed: { label: '依据或颜色变化', color: 'orange' },
  reraised: { label: '再次触发', color: 'red' },
  cleared: { label: '事实不再成立，预警失效', color: 'gray' },
  read: { label: '标记已阅', color: 'blue' },
  handled: { label: '已处置', color: 'green' },
  dismissed: { label: '已排除', color: 'gray' },
  followup: { label: '采取处置措施', color: 'green' },
};

export function WarningHistory({ events }: { events: WarningEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无处置经过</Typography.Text>;
  return (
    <Timeline
      items={events.map((e, i) => {
        const a = ACTIONS[e.action] ?? { label: e.action, color: 'blue' };
        const colour = e.colour && e.colour in COLOUR_SHORT ? `（${COLOUR_SHORT[e.colour as Colour]}色）` : '';
        return {
          key: `${e.at}-${i}`,
          color: a.color,
          content: (
            <>
              <div>
                <Typography.Text strong>{a.label}</Typography.Text>
                {['raised', 'changed', 'reraised'].includes(e.action) ? colour : ''}
                <Typography.Text type="secondary"> · {formatDateTime(e.at)}{e.byLogin ? ` · ${e.byLogin}` : ''}</Typography.Text>
              </div>
              {e.reason && <div>{e.action === 'followup' ? e.reason : `理由：${e.reason}`}</div>}
            </>
          ),
        };
      })}
    />
  );
}
