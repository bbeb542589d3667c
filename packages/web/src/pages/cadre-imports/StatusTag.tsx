/** The status of a 任免审批表 import as a tag. */
import { Tag } from 'antd';
import { statusName, type CadreImportStatus } from './use-cadre-import';

const COLORS: Record<CadreImportStatus, string> = {
  checking: 'processing', checked: 'cyan', done: 'success', failed: 'error', interrupted: 'warning', cancelled: 'default',
};

export function CadreImportStatusTag({ status }: { status: CadreImportStatus }) {
  return <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }}>{statusName(status)}</Tag>;
}
