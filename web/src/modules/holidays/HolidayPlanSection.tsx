/**
 * 假期安排 on the child file's 服务与活动 tab (plan task 1): the plan for the holiday the child is in
 * or the next one, with the child's bookings inside the holiday's dates; the plans of earlier
 * holidays below. Written by whoever books services (services.book) — a stale edit is refused and
 * the text stays in the dialog.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { shanghaiToday } from '@common/dates';
import { Alert, App, Button, Collapse, Empty, Flex, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { formatDate, formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { holidayKeys, holidaysApi, type HolidayPlan } from './api';
import { PlaceholderTag, SeasonName } from './HolidayCalendarPage';

const STATUS_KEY: Record<string, MessageKey | undefined> = {
  reserved: 'holidays.status.reserved',
  confirmed: 'holidays.status.confirmed',
  waitlisted: 'holidays.status.waitlisted',
  attended: 'holidays.status.attended',
  absent: 'holidays.status.absent',
};
const STATUS_COLOR: Record<string, string | undefined> = { reserved: 'orange', confirmed: 'blue', waitlisted: 'gold', attended: 'green', absent: 'red' };

function Bookings({ plan }: { plan: HolidayPlan }) {
  const t = useT();
  const statusText = (s: string) => {
    const key = STATUS_KEY[s];
    return key ? t(key) : s;
  };
  if (!plan.bookings.length) return <Typography.Text type="secondary">{t('holidays.plan.noBookings')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={plan.bookings}
      renderItem={(b) => (
        <List.Item key={b.id} style={{ paddingInline: 0 }}>
          <Space size={4} wrap>
            <Typography.Text>{b.programmeName}</Typography.Text>
            <Typography.Text type="secondary">
              {b.sessionTitle} · {formatDate(b.startsOn)}
              {b.endsOn !== b.startsOn ? ` ~ ${formatDate(b.endsOn)}` : ''}
            </Typography.Text>
            <Tag color={STATUS_COLOR[b.status] ?? 'default'}>{statusText(b.status)}</Tag>
          </Space>
        </List.Item>
      )}
    />
  );
}

function PlanBody({ plan }: { plan: HolidayPlan }) {
  const t = useT();
  return (
    <Flex vertical gap={6}>
      {plan.plan ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="holiday-plan-text">
          {plan.plan}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="warning">{t('holidays.plan.none')}</Typography.Text>
      )}
      {plan.updatedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('holidays.plan.by', { name: plan.updatedByName ?? '—', at: formatDateTime(plan.updatedAt) })}
        </Typography.Text>
      ) : null}
      <Typography.Text strong>{t('holidays.plan.bookings')}</Typography.Text>
      <Bookings plan={plan} />
    </Flex>
  );
}

function Heading({ plan }: { plan: HolidayPlan }) {
  return (
    <Space size={4} wrap>
      <Typography.Text strong>
        {plan.year} <SeasonName season={plan.season} />
      </Typography.Text>
      {plan.startsOn ? (
        <Typography.Text type="secondary">
          {plan.startsOn} ~ {plan.endsOn}
        </Typography.Text>
      ) : null}
      <PlaceholderTag placeholder={plan.placeholder} />
    </Space>
  );
}

export function HolidayPlanSection({ childId }: { childId: string }) {
  const t = useT();
  const [editing, setEditing] = useState<HolidayPlan | null>(null);
  const q = useQuery({ queryKey: holidayKeys.child(childId), queryFn: () => holidaysApi.childPlans(childId) });
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const [first, ...rest] = q.data.items;
  const current = first && first.startsOn && first.endsOn && first.endsOn >= shanghaiToday() ? first : null;
  const past = current ? rest : q.data.items;
  return (
    <Flex vertical gap={12} data-testid="holiday-plan-section">
      {current ? (
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Heading plan={current} />
            {q.data.canWrite ? (
              <Button
                size="small"
                type={current.plan ? 'default' : 'primary'}
                icon={<EditOutlined />}
                onClick={() => setEditing(current)}
                data-testid="holiday-plan-write"
              >
                {current.plan ? t('holidays.plan.edit') : t('holidays.plan.write')}
              </Button>
            ) : null}
          </Flex>
          <PlanBody plan={current} />
        </Flex>
      ) : (
        <Alert type="info" showIcon message={t('holidays.plan.noHoliday')} />
      )}
      {past.length ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'past',
              label: `${t('holidays.plan.past')}（${past.length}）`,
              children: (
                <Flex vertical gap={12}>
                  {past.map((p) => (
                    <Flex vertical gap={4} key={`${p.year}-${p.season}`}>
                      <Heading plan={p} />
                      <PlanBody plan={p} />
                    </Flex>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      ) : current ? null : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('holidays.plan.none')} />
      )}
      {editing ? <PlanForm childId={childId} plan={editing} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

function PlanForm({ childId, plan, onClose }: { childId: string; plan: HolidayPlan; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ plan: string }>();
  return (
    <FormModal<{ plan: string }>
      form={form}
      title={
        <Space size={4}>
          {t('holidays.plan.title')} · {plan.year} <SeasonName season={plan.season} />
        </Space>
      }
      onClose={onClose}
      layout="vertical"
      initialValues={{ plan: plan.plan ?? '' }}
      onSubmit={async (v) => {
        await holidaysApi.writePlan(childId, plan.year, plan.season, { plan: v.plan, ...(plan.version ? { version: plan.version } : {}) });
        void message.success(t('holidays.plan.saved'));
        await qc.invalidateQueries({ queryKey: holidayKeys.all });
        onClose();
      }}
    >
      <Form.Item name="plan" label={t('holidays.plan.label')} rules={[{ required: true, whitespace: true, message: '请填写假期安排' }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('holidays.plan.placeholder')} />
      </Form.Item>
    </FormModal>
  );
}
