/**
 * 进度报送: 本单位任务 (the caller's unit's tasks for a period, each with its report state and due
 * date), 全部报告 (every report the caller may see, filtered from the URL) and 待我审核 for reviewers,
 * and 逾期未报. Each tab is its own file.
 */
import { Badge, Flex, Tabs, Typography } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { OverdueTab } from './OverdueTab';
import { useReports } from './queries';
import { ReportListTab } from './ReportListTab';
import { useQueryState } from './shared';
import { WorkspaceTab } from './WorkspaceTab';

type TabKey = 'mine' | 'all' | 'review' | 'overdue';

export default function ReportsPage() {
  const t = useT();
  const { can } = useAuth();
  const { get, update } = useQueryState();
  // Civil affairs reviews every report; a task's lead unit reviews its co-units' reports.
  const reviewer = can('plan.review') || can('plan.report');
  const tabs: TabKey[] = [...(can('plan.report') ? ['mine' as const] : []), 'all', ...(reviewer ? ['review' as const] : []), 'overdue'];
  const wanted = get('tab') as TabKey | undefined;
  const tab: TabKey = wanted && tabs.includes(wanted) ? wanted : (tabs[0] ?? 'all');
  const plan = get('plan');
  const reviewCount = useReports({ plan, toReview: 'true', page: 1, pageSize: 1 }, reviewer);

  const label = (k: TabKey) => {
    if (k === 'review') {
      return (
        <Flex gap={6} align="center">
          {t('supervision.reports.tab.review')}
          {reviewCount.data?.total ? <Badge count={reviewCount.data.total} overflowCount={999} /> : null}
        </Flex>
      );
    }
    return t(`supervision.reports.tab.${k}`);
  };

  return (
    <>
      <PageHeader title={t('supervision.reports.title')}>
        <Typography.Text type="secondary">{t('supervision.reports.subtitle')}</Typography.Text>
      </PageHeader>
      <Tabs
        activeKey={tab}
        // Each tab has its own filters: switching starts clean (the plan stays).
        onChange={(k) => update({ tab: k, period: undefined, unit: undefined, task: undefined, state: undefined, page: undefined, pageSize: undefined })}
        items={tabs.map((k) => ({ key: k, label: label(k) }))}
      />
      {tab === 'mine' ? <WorkspaceTab /> : tab === 'overdue' ? <OverdueTab /> : <ReportListTab review={tab === 'review'} />}
    </>
  );
}
