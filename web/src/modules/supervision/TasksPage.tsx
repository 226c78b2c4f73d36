/**
 * 任务分工: the plan's tasks grouped by action, with units (lead first), this period's status and the
 * yearly targets. Filters (status, unit, action) come from the URL, so dashboard figures open here.
 * With plan.manage: edit and add tasks, yearly targets, new plans and plan settings.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { toQueryString } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { TASK_STATUSES, type PlanTask, type TaskStatus } from './api';
import { PlanCreateModal, PlanSettingsModal } from './PlanModals';
import { ActionCard } from './TaskCards';
import { TargetsDrawer } from './TargetsDrawer';
import { TaskDrawer } from './TaskDrawer';
import { invalidateSupervision, useDashboard, usePeriods, usePlans, usePlanTasks } from './queries';
import { actionPrefix, PeriodSelect, useLocal, useQueryState } from './shared';

export default function TasksPage() {
  const t = useT();
  const { can } = useAuth();
  const local = useLocal();
  const mobile = useIsMobile();
  const { get, update } = useQueryState();
  const manage = can('plan.manage');
  const all = can('plan.read.all');
  const plan = get('plan');
  const period = get('period');
  const street = get('street');
  const status = get('status') as TaskStatus | undefined;
  const unit = get('unit');
  const action = get('action') ? Number(get('action')) : undefined;
  const no = get('no') ? Number(get('no')) : undefined;
  const q = get('q') ?? '';
  const mine = !all || get('mine') === 'true';

  const plans = usePlans();
  const periods = usePeriods(plan);
  const tasks = usePlanTasks(plan, mine ? 'true' : 'false');
  // This period's status of each task: the dashboard's own figures, so both pages agree.
  const dash = useDashboard({ plan, period, street });
  const statusOf = useMemo(() => new Map((dash.data?.tasks.items ?? []).map((i) => [i.id, i.status])), [dash.data]);

  const [editing, setEditing] = useState<PlanTask | 'new' | null>(null);
  const [targetsOf, setTargetsOf] = useState<string | null>(null);
  const [creatingPlan, setCreatingPlan] = useState(false);
  const [settings, setSettings] = useState(false);

  const data = tasks.data;
  const unitOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const task of data?.tasks ?? []) for (const u of task.units) m.set(u.code, u.name);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [data]);

  const filtered = useMemo(
    () =>
      (data?.tasks ?? []).filter(
        (task) =>
          (!status || statusOf.get(task.id) === status) &&
          (!unit || task.units.some((u) => u.code === unit)) &&
          (!action || task.action === action) &&
          (!no || task.no === no) &&
          (!q || task.summary.includes(q) || task.text.includes(q) || String(task.no) === q),
      ),
    [data, status, unit, action, no, q, statusOf],
  );

  const filtering = !!(status || unit || action || no || q || street);
  const periodInfo = dash.data?.period;
  const area = dash.data?.street ? dash.data.street.name : null;

  if (tasks.error && !data) return <ErrorResult error={tasks.error} onRetry={() => void tasks.refetch()} />;

  const reload = () => void invalidateSupervision();
  const planList = plans.data?.items ?? [];
  const targetsTask = data?.tasks.find((x) => x.id === targetsOf) ?? null;

  return (
    <>
      <PageHeader
        title={t('supervision.tasks.title')}
        extra={
          <>
            {planList.length > 1 ? (
              <Select
                aria-label={t('supervision.plan')}
                style={{ minWidth: 240, maxWidth: '70vw' }}
                value={data?.plan.id ?? plan}
                onChange={(v: string) => update({ plan: v, period: undefined })}
                options={planList.map((p) => ({ value: p.id, label: `${local.name(p)}${p.active ? t('supervision.plan.activeMark') : ''}` }))}
              />
            ) : null}
            <PeriodSelect periods={periods.data} loading={periods.isLoading} value={periodInfo?.key ?? period} onChange={(k) => update({ period: k })} />
            {manage && data ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('supervision.tasks.add')}
                </Button>
                <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
                  {t('supervision.plan.settings')}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => setCreatingPlan(true)}>
                  {t('supervision.plan.create')}
                </Button>
              </>
            ) : null}
          </>
        }
      >
        {data ? (
          <Typography.Text type="secondary">
            {local.name(data.plan)}
            {' · '}
            {t('supervision.tasks.subtitle', { n: data.tasks.length, period: periodInfo ? local.period(periodInfo) : '—' })}
            {data.mineOnly ? ` · ${t('supervision.tasks.mineOnly')}` : ''}
          </Typography.Text>
        ) : null}
      </PageHeader>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            aria-label={t('supervision.tasks.search')}
            placeholder={t('supervision.tasks.search')}
            defaultValue={q}
            key={q}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: mobile ? '100%' : 220 }}
          />
          <FilterSelect
            label={t('supervision.col.action')}
            placeholder={t('supervision.filter.action')}
            minWidth={200}
            value={action}
            onChange={(v) => update({ action: v ? String(v) : undefined })}
            options={(data?.actions ?? []).map((a) => ({ value: a.no, label: `${actionPrefix(a.no, local.en)}${local.name(a)}` }))}
          />
          <FilterSelect
            label={t('supervision.filter.status')}
            minWidth={140}
            value={status}
            onChange={(v) => update({ status: v })}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
          />
          <FilterSelect search label={t('supervision.filter.unit')} minWidth={170} value={unit} onChange={(v) => update({ unit: v })} options={unitOptions} />
          {all && can('plan.report') ? (
            <Space>
              <Switch size="small" checked={mine} onChange={(v) => update({ mine: v ? 'true' : undefined })} aria-label={t('supervision.tasks.mineSwitch')} />
              <Typography.Text>{t('supervision.tasks.mineSwitch')}</Typography.Text>
            </Space>
          ) : null}
          {street && area ? (
            <Tag closable onClose={() => update({ street: undefined })}>
              {t('supervision.tasks.streetFilter', { street: area })}
            </Tag>
          ) : null}
          {no ? (
            <Tag closable onClose={() => update({ no: undefined })}>
              {t('supervision.tasks.noFilter', { no })}
            </Tag>
          ) : null}
          {filtering ? (
            <Button
              type="link"
              onClick={() => update({ status: undefined, unit: undefined, action: undefined, no: undefined, q: undefined, street: undefined })}
            >
              {t('supervision.filter.clear')}
            </Button>
          ) : null}
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {data ? t('supervision.tasks.shown', { n: filtered.length, total: data.tasks.length }) : null}
          </Typography.Text>
        </Flex>
        {dash.isError && !dash.isFetching ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('supervision.tasks.statusUnavailable')}
          </Typography.Text>
        ) : null}
      </Card>

      {!data ? (
        <Card loading />
      ) : filtered.length === 0 ? (
        <Card>
          <Empty description={filtering ? t('supervision.tasks.emptyFiltered') : t('supervision.tasks.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {data.actions.map((a) => {
            const rows = filtered.filter((x) => x.action === a.no);
            if (!rows.length) return null;
            return (
              <ActionCard
                key={a.no}
                title={`${actionPrefix(a.no, local.en)}${local.name(a)}`}
                rows={rows}
                data={data}
                statusOf={(id) => (dash.isFetching ? undefined : (statusOf.get(id) ?? null))}
                manage={manage}
                onEdit={setEditing}
                onTargets={(task) => setTargetsOf(task.id)}
                reportsLink={(task) => `/supervision/reports${toQueryString({ tab: 'all', plan, period: periodInfo?.key, task: task.no })}`}
              />
            );
          })}
        </Flex>
      )}

      {editing && data ? (
        <TaskDrawer
          task={editing === 'new' ? null : editing}
          plan={data}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onReload={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      {targetsTask && data ? <TargetsDrawer task={targetsTask} plan={data.plan} onClose={() => setTargetsOf(null)} onChanged={reload} /> : null}
      {creatingPlan ? (
        <PlanCreateModal
          plans={planList}
          current={data?.plan ?? null}
          onClose={() => setCreatingPlan(false)}
          onCreated={(id) => {
            setCreatingPlan(false);
            reload();
            update({ plan: id, period: undefined });
          }}
        />
      ) : null}
      {settings && data ? (
        <PlanSettingsModal
          plan={data.plan}
          onClose={() => setSettings(false)}
          onSaved={() => {
            setSettings(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
