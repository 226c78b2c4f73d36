/**
 * 填报进展: /supervision/reports/edit?task=<id>&period=<key> — the report of one task by the caller's
 * unit for one period. Loads the unit's workspace row and the report, then shows the form
 * (ReportForm.tsx): drafts, evidence, submission, a returned report's revision.
 */
import { Button, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useT } from '../../i18n/useT';
import { planApi } from './api';
import { reportEditKey, usePeriods, usePlanTasks } from './queries';
import { ReportForm } from './ReportForm';
import { useQueryState } from './shared';

export default function ReportEditPage() {
  const t = useT();
  const { can } = useAuth();
  const { get } = useQueryState();
  const taskId = get('task');
  const period = get('period');
  const unit = get('unit');
  const plan = get('plan');
  const { data, isPending, error, refetch } = useQuery({
    queryKey: reportEditKey({ taskId, period, unit, plan }),
    queryFn: async () => {
      if (!taskId) throw new ApiError(404, 'NOT_FOUND', '');
      const ws = await planApi.workspace({ plan, period, unit });
      const row = ws.items.find((r) => r.task.id === taskId) ?? null;
      const report = row?.report ? await planApi.report(row.report.id) : null;
      return { ws, row, report };
    },
    // The form starts from the server's report as it is now, never from a cached copy.
    gcTime: 0,
  });
  const reload = () => void refetch();
  const tasks = usePlanTasks(plan, can('plan.read.all') ? 'false' : 'true');
  const periods = usePeriods(plan);

  if (isPending && !data) return <FullPageSpin />;
  if ((error instanceof ApiError && (error.status === 404 || error.status === 400)) || (data && !data.row)) {
    return (
      <Result
        status="404"
        title={t('supervision.edit.notFound')}
        subTitle={t('supervision.edit.notFoundHint')}
        extra={
          <Link to="/supervision/reports">
            <Button>{t('supervision.edit.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (error || !data || !data.row) return <ErrorResult error={error} onRetry={reload} />;
  const task = tasks.data?.tasks.find((x) => x.id === taskId) ?? null;
  const periodInfo = periods.data?.items.find((p) => p.key === data.ws.period);
  return (
    <ReportForm
      key={`${data.report?.id ?? 'new'}:${data.report?.version ?? 0}`}
      ws={data.ws}
      row={data.row}
      report={data.report}
      unitParam={unit}
      taskText={task?.text ?? null}
      targets={task?.targets.filter((x) => (x.unitCode === null || x.unitCode === data.row?.unitCode) && String(x.year) === data.ws.period.slice(0, 4)) ?? []}
      opensOn={periodInfo?.from ?? null}
      onReload={reload}
    />
  );
}
