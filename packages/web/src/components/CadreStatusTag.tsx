import { Tag } from 'antd';

const COLORS: Record<string, string> = { 在职: 'green', 退出现职: 'default', 退休: 'default', 调出: 'orange' };

export function CadreStatusTag({ status }: { status: string }) {
  return <Tag color={COLORS[status] ?? 'default'}>{status}</Tag>;
}
