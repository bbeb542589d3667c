/** 预警 (warning:read): the warnings of the jurisdiction with their filters in the URL (the 工作台 drills down here). */
import { Card } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { WarningsPrintButton } from '../../components/print/list-prints';
import { useWarningFilters } from './use-warning-filters';
import { WarningFilterBar } from './WarningFilterBar';
import { WarningList } from './WarningList';

export default function WarningsPage() {
  const f = useWarningFilters();
  return (
    <>
      <PageTitle title="预警" extra={<WarningsPrintButton filters={f.filters} />} />
      <Card>
        <WarningList filters={f.filters} toolbar={<WarningFilterBar filters={f.filters} onChange={f.setFilters} />} />
      </Card>
    </>
  );
}
