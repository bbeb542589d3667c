/** 待办 (obligation:read): talks, trainings, research and joint meetings due, with their filters in the URL. */
import { Card, Segmented, Space } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { ObligationsPrintButton } from '../../components/print/list-prints';
import { ObligationFilterBar } from './ObligationFilterBar';
import { ObligationList } from './ObligationList';
import { useObligationFilters } from './use-obligation-filters';

export default function ObligationsPage() {
  const f = useObligationFilters();
  return (
    <>
      <PageTitle title="待办" extra={<ObligationsPrintButton filters={f.filters} />} />
      <Card>
        <ObligationList
          filters={f.filters}
          emptyText={f.filters.mine ? '没有由您负责的待办' : undefined}
          toolbar={(
            <Space wrap size={[12, 12]} align="start">
              <Segmented
                data-testid="obligation-view"
                value={f.filters.mine ? 'mine' : 'all'}
                options={[{ value: 'mine', label: '我的待办' }, { value: 'all', label: '全部' }]}
                onChange={(v) => f.setFilters({ ...f.filters, mine: v === 'mine' ? 'true' : undefined })}
              />
              <ObligationFilterBar filters={f.filters} onChange={f.setFilters} />
            </Space>
          )}
        />
      </Card>
    </>
  );
}
