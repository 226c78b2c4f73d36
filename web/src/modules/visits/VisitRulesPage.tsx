import { Card, Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { ChecklistTable } from './rules/ChecklistTable';
import { RulesCard } from './rules/RulesCard';

/** 走访规则与清单: administrators with checklists.manage edit the visit plan and both checklists. */
export default function VisitRulesPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('visits.rules.title')} />
      <RulesCard />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            { key: 'service', label: t('visits.checklist.service'), children: <ChecklistTable list="service" /> },
            { key: 'duty', label: t('visits.checklist.duty'), children: <ChecklistTable list="duty" /> },
          ]}
        />
      </Card>
    </>
  );
}
