/** 待办 (obligation:read): talks, trainings, research and joint meetings due, with their filters in the URL. */
import { Card } from 'antd';
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
        <ObligationList filters={f.filters} toolbar={<ObligationFilterBar filters={f.filters} onChange={f.setFilters} />} />
      </Card>
    </>
  );
}
