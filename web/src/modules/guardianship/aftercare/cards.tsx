/**
 * The two cards of the child file's 监护 tab: 返家监护监督 (the supervisor, the schedule, the next
 * follow-up and the records; the supervisor records on a phone) and 临时照料 (the placement, its
 * services, discharge). A child director who is not the supervisor sees the summary the server
 * sends (no notes, no phone).
 */
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Collapse, Descriptions, Empty, Flex, Form, Input, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { ErrorResult } from '../../../components/ErrorResult';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { aftercareApi, aftercareKeys, type Followup, type Placement, type Supervision } from './api';
import { DischargeModal, EndSupervisionModal, PlacementModal, RecordFollowupModal, SupervisorModal } from './modals';

type T = ReturnType<typeof useT>;

function useChildAftercare(childId: string) {
  return useQuery({ queryKey: aftercareKeys.child(childId), queryFn: () => aftercareApi.child(childId) });
}

/** Due-day tag: red when overdue, orange within 7 days, else plain. */
export function DueTag({ dueOn, today = new Date() }: { dueOn: string; today?: Date }) {
  const t = useT();
  const days = Math.round(
    (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })}T00:00:00Z`)) / 86_400_000,
  );
  if (days < 0) return <Tag color="red">{t('guardianship.aftercare.sup.overdue', { days: -days })}</Tag>;
  if (days === 0) return <Tag color="orange">{t('guardianship.aftercare.sup.dueToday')}</Tag>;
  return <Tag color={days <= 7 ? 'orange' : 'default'}>{t('guardianship.aftercare.sup.dueIn', { days })}</Tag>;
}

function scheduleText(t: T, s: Supervision) {
  return s.firstPeriodDays === 0 || s.intervalDays === s.laterIntervalDays
    ? t('guardianship.aftercare.sup.fixedText', { days: s.laterIntervalDays })
    : t('guardianship.aftercare.sup.scheduleText', { period: s.firstPeriodDays, first: s.intervalDays, later: s.laterIntervalDays });
}

function PhoneReveal({ s }: { s: Supervision }) {
  const t = useT();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!s.supervisorPhoneMasked) return null;
  if (phone) return <Typography.Text copyable>{phone}</Typography.Text>;
  return (
    <Space>
      {s.supervisorPhoneMasked}
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('guardianship.aftercare.sup.revealPhone')}
      </Button>
      <Modal
        open={open}
        title={t('guardianship.aftercare.sup.revealPhone')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('guardianship.aftercare.sup.revealPhone')}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              setPhone((await aftercareApi.revealPhone(s.id, v.reason)).phone);
              setOpen(false);
            } catch (err) {
              showError(err, form);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('guardianship.aftercare.sup.revealReason')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function FollowupList({ items }: { items: Followup[] }) {
  const t = useT();
  const done = items.filter((f) => f.doneOn);
  if (!done.length) return <Typography.Text type="secondary">{t('guardianship.aftercare.sup.noFollowups')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={done}
      renderItem={(f) => (
        <List.Item>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{f.doneOn}</Typography.Text>
              {f.method ? <Tag>{t(`guardianship.aftercare.method.${f.method}`)}</Tag> : null}
              {f.doneOn && f.doneOn > f.dueOn ? <Tag color="orange">{t('guardianship.aftercare.form.dueOn', { date: f.dueOn })}</Tag> : null}
              {f.concerns ? <Tag color="red">{t('guardianship.aftercare.sup.concerns')}</Tag> : null}
              {f.problemId ? <Typography.Text type="secondary">{t('guardianship.aftercare.sup.problemRaised')}</Typography.Text> : null}
            </Flex>
            {f.note ? <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{f.note}</Typography.Paragraph> : null}
          </Flex>
        </List.Item>
      )}
    />
  );
}

function SupervisionView({ childId, s }: { childId: string; s: Supervision }) {
  const t = useT();
  const mobile = useIsMobile();
  const [open, setOpen] = useState<'record' | 'change' | 'end' | null>(null);
  const waiting = s.followups.find((f) => !f.doneOn);
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile}>
        <Descriptions.Item label={t('guardianship.aftercare.sup.supervisor')}>
          <Space wrap>
            {s.supervisorName}
            {s.mine ? <Tag color="blue">{t('guardianship.aftercare.sup.mine')}</Tag> : null}
            <PhoneReveal s={s} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('guardianship.aftercare.sup.returnedOn')}>{s.returnedOn}</Descriptions.Item>
        <Descriptions.Item label={t('guardianship.aftercare.sup.schedule')}>{scheduleText(t, s)}</Descriptions.Item>
        {s.endedOn ? (
          <Descriptions.Item label={t('guardianship.aftercare.sup.endedOn')}>
            {s.endedOn}
            {s.endReason ? `（${s.endReason}）` : ''}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('guardianship.aftercare.sup.nextDue')}>
            {s.nextDueOn ? (
              <Space data-testid="aftercare-next-due">
                {s.nextDueOn}
                <DueTag dueOn={s.nextDueOn} />
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        )}
        {s.note ? <Descriptions.Item label={t('guardianship.aftercare.sup.note')}>{s.note}</Descriptions.Item> : null}
      </Descriptions>
      {s.canRecord || s.canManage ? (
        <Flex gap={8} wrap>
          {s.canRecord && waiting ? (
            <Button type="primary" size={mobile ? 'large' : 'middle'} block={mobile} onClick={() => setOpen('record')} data-testid="aftercare-record">
              {t('guardianship.aftercare.sup.record')}
            </Button>
          ) : null}
          {s.canManage ? <Button onClick={() => setOpen('change')}>{t('guardianship.aftercare.sup.change')}</Button> : null}
          {s.canManage ? (
            <Button danger onClick={() => setOpen('end')}>
              {t('guardianship.aftercare.sup.end')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      <Typography.Text strong>{t('guardianship.aftercare.sup.followups')}</Typography.Text>
      <FollowupList items={s.followups} />
      {open === 'record' && waiting ? <RecordFollowupModal childId={childId} followup={waiting} onClose={() => setOpen(null)} /> : null}
      {open === 'change' ? <SupervisorModal childId={childId} supervision={s} onClose={() => setOpen(null)} /> : null}
      {open === 'end' ? <EndSupervisionModal childId={childId} supervision={s} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}

function Frame({ loading, error, retry, children }: { loading: boolean; error: unknown; retry: () => void; children: ReactNode }) {
  if (loading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (error) return <ErrorResult error={error} onRetry={retry} />;
  return <>{children}</>;
}

/** 返家监护监督 */
export function SupervisionCard({ childId }: { childId: string }) {
  const t = useT();
  const q = useChildAftercare(childId);
  const [assign, setAssign] = useState(false);
  const data = q.data;
  const current = data?.supervisions.find((s) => !s.endedOn);
  const past = data?.supervisions.filter((s) => s.endedOn) ?? [];
  return (
    <Frame loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
      <Flex vertical gap={12} data-testid="aftercare-supervision">
        {data?.depth === 'summary' ? <Alert type="info" showIcon message={t('guardianship.aftercare.summaryNote')} /> : null}
        {current ? (
          <SupervisionView childId={childId} s={current} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guardianship.aftercare.sup.none')}>
            {data?.canWrite ? (
              <Button type="primary" onClick={() => setAssign(true)} data-testid="aftercare-assign">
                {t('guardianship.aftercare.sup.assign')}
              </Button>
            ) : null}
          </Empty>
        )}
        {past.length ? (
          <Collapse
            size="small"
            items={[
              {
                key: 'past',
                label: t('guardianship.aftercare.sup.history', { n: past.length }),
                children: (
                  <Flex vertical gap={16}>
                    {past.map((s) => (
                      <SupervisionView key={s.id} childId={childId} s={s} />
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        ) : null}
        {assign ? <SupervisorModal childId={childId} onClose={() => setAssign(false)} /> : null}
      </Flex>
    </Frame>
  );
}

function PlacementView({ childId, p }: { childId: string; p: Placement }) {
  const t = useT();
  const mobile = useIsMobile();
  const [open, setOpen] = useState<'services' | 'discharge' | null>(null);
  return (
    <Flex vertical gap={8}>
      <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile}>
        <Descriptions.Item label={t('guardianship.aftercare.pl.placeName')}>
          <Space wrap>
            {p.placeName}
            <Tag>{t(`guardianship.aftercare.placeKind.${p.placeKind}`)}</Tag>
            {!p.endedOn ? <Tag color="blue">{t('guardianship.aftercare.pl.current')}</Tag> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('guardianship.aftercare.pl.startedOn')}>
          {p.startedOn}
          {!p.endedOn ? `（${t('guardianship.aftercare.pl.days', { days: p.days })}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('guardianship.aftercare.pl.services')}>
          {p.services.length ? p.services.map((s) => <Tag key={s}>{t(`guardianship.aftercare.service.${s}`)}</Tag>) : '—'}
        </Descriptions.Item>
        {p.reason ? <Descriptions.Item label={t('guardianship.aftercare.pl.reason')}>{p.reason}</Descriptions.Item> : null}
        {p.serviceNote ? <Descriptions.Item label={t('guardianship.aftercare.pl.serviceNote')}>{p.serviceNote}</Descriptions.Item> : null}
        {p.endedOn ? (
          <Descriptions.Item label={t('guardianship.aftercare.pl.endedOn')}>
            {p.endedOn}
            {p.dischargedTo ? ` · ${t(`guardianship.aftercare.dest.${p.dischargedTo}`)}` : ''}
            {p.dischargeNote ? `（${p.dischargeNote}）` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {p.canEdit ? (
        <Flex gap={8} wrap>
          <Button onClick={() => setOpen('services')}>{t('guardianship.aftercare.pl.editServices')}</Button>
          <Button danger onClick={() => setOpen('discharge')}>
            {t('guardianship.aftercare.pl.discharge')}
          </Button>
        </Flex>
      ) : null}
      {open === 'services' ? <PlacementModal childId={childId} placement={p} onClose={() => setOpen(null)} /> : null}
      {open === 'discharge' ? <DischargeModal childId={childId} placement={p} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}

/** 临时照料 */
export function PlacementCard({ childId }: { childId: string }) {
  const t = useT();
  const q = useChildAftercare(childId);
  const [start, setStart] = useState(false);
  const data = q.data;
  const current = data?.placements.find((p) => !p.endedOn);
  const past = data?.placements.filter((p) => p.endedOn) ?? [];
  return (
    <Frame loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
      <Flex vertical gap={12} data-testid="aftercare-placement">
        {current ? (
          <PlacementView childId={childId} p={current} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guardianship.aftercare.pl.none')}>
            {data?.canWrite ? (
              <Button onClick={() => setStart(true)} data-testid="aftercare-placement-start">
                {t('guardianship.aftercare.pl.start')}
              </Button>
            ) : null}
          </Empty>
        )}
        {past.length ? (
          <Collapse
            size="small"
            items={[
              {
                key: 'past',
                label: t('guardianship.aftercare.pl.history', { n: past.length }),
                children: (
                  <Flex vertical gap={16}>
                    {past.map((p) => (
                      <PlacementView key={p.id} childId={childId} p={p} />
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        ) : null}
        {start ? <PlacementModal childId={childId} onClose={() => setStart(false)} /> : null}
      </Flex>
    </Frame>
  );
}
