/** On a cadre's profile: 使用资格（凡提必查）, the cadre's 预警 and 待办, as tabs (each by its permission). */
import { Card, Tabs } from 'antd';
import { useCurrentUser } from '../../app/auth';
import { ObligationList } from '../obligations/ObligationList';
import { EligibilityPanel } from './EligibilityPanel';
import { WarningList } from './WarningList';

export function CadreSupervisionCard({ cadreId }: { cadreId: string }) {
  const me = useCurrentUser();
  const items = [
    ...(me.can('eligibility:read') ? [{ key: 'eligibility', label: '使用资格（凡提必查）', children: <EligibilityPanel cadreId={cadreId} /> }] : []),
    ...(me.can('warning:read') ? [{
      key: 'warnings', label: '预警',
      children: <WarningList filters={{ cadreId, view: 'all' }} showSubject={false} pageSize={20} emptyText="该干部没有预警" />,
    }] : []),
    ...(me.can('obligation:read') ? [{
      key: 'obligations', label: '待办',
      children: <ObligationList filters={{ cadreId }} showSubject={false} pageSize={20} emptyText="该干部没有待办事项" />,
    }] : []),
  ];
  if (items.length === 0) return null;
  return (
    <Card style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
