/**
 * The forms of 返家监护监督与临时照料: assigning or changing the supervisor, recording a follow-up
 * (laid out for a phone: big choices, the note on top of the keyboard), ending a supervision, and a
 * placement's start, services and discharge. Each answers with the child's aftercare, which goes
 * straight into the query cache.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import {
  aftercareApi,
  aftercareKeys,
  DISCHARGE_DESTINATIONS,
  FOLLOWUP_METHODS,
  PLACE_KINDS,
  PLACEMENT_SERVICES,
  type ChildAftercare,
  type DischargeDestination,
  type Followup,
  type FollowupMethod,
  type PlaceKind,
  type Placement,
  type PlacementService,
  type Supervision,
} from './api';
import { GUARDIANSHIP_QUERIES } from '../keys';

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const notFuture = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');

/** After a change: the child's aftercare from the answer, the lists read again. */
export function useSaved(childId: string) {
  const qc = useQueryClient();
  return (data: ChildAftercare) => {
    qc.setQueryData(aftercareKeys.child(childId), data);
    void qc.invalidateQueries({ queryKey: GUARDIANSHIP_QUERIES });
    void qc.invalidateQueries({ queryKey: ['children'] });
  };
}

interface SupervisorValues {
  who: 'user' | 'person';
  supervisorUserId?: string;
  supervisorName?: string;
  supervisorPhone?: string;
  returnedOn?: dayjs.Dayjs;
  intervalDays?: number | null;
  note?: string;
}

/** 指定监护监督员 (no `supervision`) or 更换监督员. */
export function SupervisorModal({ childId, supervision, onClose }: { childId: string; supervision?: Supervision; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupervisorValues>();
  const who = Form.useWatch('who', form) ?? (supervision && !supervision.supervisorUserId ? 'person' : 'user');
  const saved = useSaved(childId);
  const candidates = useQuery({ queryKey: aftercareKeys.candidates(childId), queryFn: () => aftercareApi.candidates(childId) });
  const settings = useQuery({ queryKey: ['guardianship', 'aftercare', 'settings'], queryFn: () => aftercareApi.settings(), enabled: !supervision });
  const s = settings.data;
  const scheduleText = s
    ? t('guardianship.aftercare.sup.scheduleText', { period: s.firstPeriodDays, first: s.firstIntervalDays, later: s.laterIntervalDays })
    : '';
  const submit = async (v: SupervisorValues) => {
    const pick =
      v.who === 'user'
        ? { supervisorUserId: v.supervisorUserId ?? null, supervisorName: null, supervisorPhone: null }
        : { supervisorUserId: null, supervisorName: v.supervisorName ?? null, supervisorPhone: v.supervisorPhone ?? null };
    const data = supervision
      ? await aftercareApi.changeSupervisor(supervision.id, { ...pick, note: v.note || null, version: supervision.version })
      : await aftercareApi.createSupervision({ ...pick, childId, returnedOn: day(v.returnedOn), intervalDays: v.intervalDays ?? null, note: v.note || null });
    saved(data);
    void message.success(t(supervision ? 'guardianship.aftercare.sup.saved' : 'guardianship.aftercare.sup.created'));
    onClose();
  };
  return (
    <FormModal<SupervisorValues>
      form={form}
      title={t(supervision ? 'guardianship.aftercare.sup.change' : 'guardianship.aftercare.sup.assign')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{
        who: supervision && !supervision.supervisorUserId ? 'person' : 'user',
        supervisorUserId: supervision?.supervisorUserId ?? undefined,
        supervisorName: supervision && !supervision.supervisorUserId ? supervision.supervisorName : undefined,
        note: supervision?.note ?? undefined,
      }}
    >
      <Form.Item name="who" label={t('guardianship.aftercare.form.who')}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="user">{t('guardianship.aftercare.form.whoUser')}</Radio>
          <Radio value="person">{t('guardianship.aftercare.form.whoPerson')}</Radio>
        </Radio.Group>
      </Form.Item>
      {who === 'user' ? (
        <Form.Item
          name="supervisorUserId"
          label={t('guardianship.aftercare.form.user')}
          extra={t('guardianship.aftercare.form.userHint')}
          rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.isLoading}
            data-testid="aftercare-supervisor-user"
            options={(candidates.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.displayName}（${c.unitName}${c.roles.length ? ` · ${c.roles.join('、')}` : ''}）`,
            }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="supervisorName"
            label={t('guardianship.aftercare.form.name')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="supervisorPhone"
            label={t('guardianship.aftercare.form.phone')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </>
      )}
      {!supervision ? (
        <>
          <Form.Item
            name="returnedOn"
            label={t('guardianship.aftercare.sup.returnedOn')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} data-testid="aftercare-returned-on" />
          </Form.Item>
          <Form.Item
            name="intervalDays"
            label={t('guardianship.aftercare.form.interval')}
            extra={t('guardianship.aftercare.form.intervalHint', { text: scheduleText })}
          >
            <InputNumber min={1} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('guardianship.aftercare.sup.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

interface FollowupValues {
  doneOn: dayjs.Dayjs;
  method: FollowupMethod;
  concerns: boolean;
  note?: string;
}

/** 记录回访: on a phone the choices are big buttons and the modal takes the screen's width. */
export function RecordFollowupModal({
  childId,
  followup,
  onClose,
}: {
  childId: string;
  followup: Pick<Followup, 'id' | 'dueOn' | 'version'>;
  onClose: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowupValues>();
  const saved = useSaved(childId);
  const submit = async (v: FollowupValues) => {
    saved(
      await aftercareApi.recordFollowup(followup.id, {
        doneOn: day(v.doneOn),
        method: v.method,
        concerns: v.concerns,
        note: v.note || null,
        version: followup.version,
      }),
    );
    void message.success(t('guardianship.aftercare.sup.recorded'));
    onClose();
  };
  return (
    <FormModal<FollowupValues>
      form={form}
      title={t('guardianship.aftercare.sup.record')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      width={mobile ? undefined : 560}
      intro={<Typography.Paragraph type="secondary">{t('guardianship.aftercare.form.dueOn', { date: followup.dueOn })}</Typography.Paragraph>}
      initialValues={{ doneOn: dayjs(), concerns: false }}
    >
      <Form.Item name="method" label={t('guardianship.aftercare.form.method')} rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size={mobile ? 'large' : 'middle'} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {FOLLOWUP_METHODS.map((m) => (
            <Radio key={m} value={m} data-testid={`aftercare-method-${m}`}>
              {t(`guardianship.aftercare.method.${m}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="doneOn" label={t('guardianship.aftercare.form.doneOn')} rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} inputReadOnly={mobile} />
      </Form.Item>
      <Form.Item name="note" label={t('guardianship.aftercare.form.note')}>
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('guardianship.aftercare.form.notePlaceholder')} data-testid="aftercare-note" />
      </Form.Item>
      <Form.Item name="concerns" valuePropName="checked">
        <Checkbox data-testid="aftercare-concerns">{t('guardianship.aftercare.form.concerns')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

/** 结束监督: a reason, and a confirmation before the waiting follow-up goes. */
export function EndSupervisionModal({ childId, supervision, onClose }: { childId: string; supervision: Supervision; onClose: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ endedOn: dayjs.Dayjs; reason: string }>();
  const saved = useSaved(childId);
  const submit = (v: { endedOn: dayjs.Dayjs; reason: string }) =>
    new Promise<void>((resolve, reject) => {
      modal.confirm({
        title: t('guardianship.aftercare.sup.end'),
        content: t('guardianship.aftercare.sup.endConfirm'),
        okButtonProps: { danger: true },
        onOk: async () => {
          try {
            saved(await aftercareApi.endSupervision(supervision.id, { endedOn: day(v.endedOn), reason: v.reason, version: supervision.version }));
            onClose();
            resolve();
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        },
        onCancel: () => resolve(),
      });
    });
  return (
    <FormModal
      form={form}
      title={t('guardianship.aftercare.sup.end')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{ endedOn: dayjs() }}
    >
      <Form.Item
        name="endedOn"
        label={t('guardianship.aftercare.sup.endedOn')}
        rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('guardianship.aftercare.sup.endReason')}
        rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

interface PlacementValues {
  placeKind: PlaceKind;
  placeName: string;
  startedOn: dayjs.Dayjs;
  reason: string;
  services: PlacementService[];
  serviceNote?: string;
}

const serviceOptions = (t: ReturnType<typeof useT>) => PLACEMENT_SERVICES.map((s) => ({ value: s, label: t(`guardianship.aftercare.service.${s}`) }));

/** 登记临时照料 (no `placement`) or 修改服务. */
export function PlacementModal({ childId, placement, onClose }: { childId: string; placement?: Placement; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlacementValues>();
  const saved = useSaved(childId);
  const submit = async (v: PlacementValues) => {
    saved(
      placement
        ? await aftercareApi.updateServices(placement.id, { services: v.services ?? [], serviceNote: v.serviceNote || null, version: placement.version })
        : await aftercareApi.createPlacement({
            childId,
            placeKind: v.placeKind,
            placeName: v.placeName,
            startedOn: day(v.startedOn),
            reason: v.reason,
            services: v.services ?? [],
            serviceNote: v.serviceNote || null,
          }),
    );
    void message.success(t('guardianship.aftercare.sup.saved'));
    onClose();
  };
  return (
    <FormModal<PlacementValues>
      form={form}
      title={t(placement ? 'guardianship.aftercare.pl.editServices' : 'guardianship.aftercare.pl.start')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={
        placement ? { services: placement.services, serviceNote: placement.serviceNote ?? undefined } : { placeKind: 'institution', services: ['upbringing'] }
      }
    >
      {!placement ? (
        <>
          <Form.Item
            name="placeKind"
            label={t('guardianship.aftercare.pl.placeKind')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Radio.Group>
              {PLACE_KINDS.map((k) => (
                <Radio key={k} value={k}>
                  {t(`guardianship.aftercare.placeKind.${k}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="placeName"
            label={t('guardianship.aftercare.pl.placeName')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item
            name="startedOn"
            label={t('guardianship.aftercare.pl.startedOn')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('guardianship.aftercare.pl.reason')}
            rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="services" label={t('guardianship.aftercare.pl.services')}>
        <Checkbox.Group options={serviceOptions(t)} />
      </Form.Item>
      <Form.Item name="serviceNote" label={t('guardianship.aftercare.pl.serviceNote')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** 办理离开: the day, where the child went, a confirmation. */
export function DischargeModal({ childId, placement, onClose }: { childId: string; placement: Placement; onClose: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ endedOn: dayjs.Dayjs; dischargedTo: DischargeDestination; dischargeNote?: string }>();
  const saved = useSaved(childId);
  const [busy, setBusy] = useState(false);
  const submit = (v: { endedOn: dayjs.Dayjs; dischargedTo: DischargeDestination; dischargeNote?: string }) =>
    new Promise<void>((resolve, reject) => {
      modal.confirm({
        title: t('guardianship.aftercare.pl.discharge'),
        content: t('guardianship.aftercare.pl.dischargeConfirm'),
        okButtonProps: { danger: true, loading: busy },
        onOk: async () => {
          setBusy(true);
          try {
            saved(
              await aftercareApi.discharge(placement.id, {
                endedOn: day(v.endedOn),
                dischargedTo: v.dischargedTo,
                dischargeNote: v.dischargeNote || null,
                version: placement.version,
              }),
            );
            onClose();
            resolve();
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          } finally {
            setBusy(false);
          }
        },
        onCancel: () => resolve(),
      });
    });
  return (
    <FormModal
      form={form}
      title={t('guardianship.aftercare.pl.discharge')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{ endedOn: dayjs() }}
    >
      <Form.Item name="endedOn" label={t('guardianship.aftercare.pl.endedOn')} rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item
        name="dischargedTo"
        label={t('guardianship.aftercare.pl.dischargedTo')}
        rules={[{ required: true, message: t('guardianship.aftercare.form.required') }]}
      >
        <Select options={DISCHARGE_DESTINATIONS.map((d) => ({ value: d, label: t(`guardianship.aftercare.dest.${d}`) }))} />
      </Form.Item>
      <Form.Item name="dischargeNote" label={t('guardianship.aftercare.pl.dischargeNote')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
