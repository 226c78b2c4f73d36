/** Creating or editing a programme (services.manage: any unit; services.provide: its own unit's). */
import { App, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../locales/zh-CN';
import { PROGRAMME_KINDS, servicesApi, type Programme, type ProgrammeKind } from './api';
import { audienceKey, kindKey } from './labels';

interface ProgrammeForm {
  code: string;
  name: string;
  kind: ProgrammeKind;
  ownerUnitCode: string;
  providerName?: string | null;
  audience: 'child' | 'guardian';
  targetGroup?: string | null;
  minAge?: number | null;
  maxAge?: number | null;
  cost?: string | null;
  contact?: string | null;
  description?: string | null;
  priorityBooking: boolean;
  confirmHours: number;
  active: boolean;
}

const KINDS = Object.keys(PROGRAMME_KINDS).filter((k): k is ProgrammeKind => k in PROGRAMME_KINDS);
const toKind = (k: string): ProgrammeKind => KINDS.find((x) => x === k) ?? 'other';

export function ProgrammeModal({
  programme,
  units,
  onClose,
  onSaved,
}: {
  programme: Programme | null;
  units: { code: string; name: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgrammeForm>();
  const ownUnitOnly = !can('services.manage');
  const unitOptions = units.filter((u) => !ownUnitOnly || u.code === me?.unit.code).map((u) => ({ value: u.code, label: u.name }));
  const req = (label: MessageKey) => [{ required: true, whitespace: true, message: t('services.v.required', { label: t(label) }) }];
  const initial: Partial<ProgrammeForm> = programme
    ? {
        code: programme.code,
        name: programme.name,
        kind: toKind(programme.kind),
        ownerUnitCode: programme.ownerUnitCode,
        providerName: programme.providerName,
        audience: programme.audience === 'guardian' ? 'guardian' : 'child',
        targetGroup: programme.targetGroup,
        minAge: programme.minAge,
        maxAge: programme.maxAge,
        cost: programme.cost,
        contact: programme.contact,
        description: programme.description,
        priorityBooking: programme.priorityBooking,
        confirmHours: programme.confirmHours,
        active: programme.active,
      }
    : { audience: 'child', priorityBooking: true, confirmHours: 48, active: true, ownerUnitCode: ownUnitOnly ? me?.unit.code : undefined };
  const submit = async (v: ProgrammeForm) => {
    const mode: 'group' | 'appointment' = programme?.mode === 'appointment' ? 'appointment' : 'group';
    const body = {
      name: v.name,
      kind: v.kind,
      ownerUnitCode: v.ownerUnitCode,
      providerName: v.providerName || null,
      audience: v.audience,
      targetGroup: v.targetGroup || null,
      minAge: v.minAge ?? null,
      maxAge: v.maxAge ?? null,
      cost: v.cost || null,
      contact: v.contact || null,
      description: v.description || null,
      planTasks: programme?.planTasks ?? [],
      mode,
      priorityBooking: v.priorityBooking,
      confirmHours: v.confirmHours,
    };
    if (programme) await servicesApi.update(programme.id, { ...body, active: v.active, version: programme.version });
    else await servicesApi.create({ ...body, code: v.code });
    void message.success(t('services.saved'));
    onSaved();
  };
  return (
    <FormModal<ProgrammeForm>
      form={form}
      title={programme ? t('services.detail.edit') : t('services.catalogue.new')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={initial}
      width={640}
    >
      {programme ? null : (
        <Form.Item name="code" label={t('services.f.code')} extra={t('services.f.codeHelp')} rules={req('services.f.code')}>
          <Input maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('services.f.name')} rules={req('services.f.name')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('services.f.kind')} rules={[{ required: true, message: t('services.v.required', { label: t('services.f.kind') }) }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
      </Form.Item>
      <Form.Item
        name="ownerUnitCode"
        label={t('services.f.owner')}
        rules={[{ required: true, message: t('services.v.required', { label: t('services.f.owner') }) }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
      </Form.Item>
      <Form.Item name="providerName" label={t('services.f.provider')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="audience" label={t('services.f.audience')}>
        <Select options={['child', 'guardian'].map((a) => ({ value: a, label: t(audienceKey(a)) }))} />
      </Form.Item>
      <Form.Item name="targetGroup" label={t('services.f.target')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('services.col.ages')} style={{ marginBottom: 0 }}>
        <Form.Item name="minAge" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
          <InputNumber min={0} max={18} placeholder={t('services.f.minAge')} aria-label={t('services.f.minAge')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="maxAge" style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginInlineStart: 16 }}>
          <InputNumber min={0} max={18} placeholder={t('services.f.maxAge')} aria-label={t('services.f.maxAge')} style={{ width: '100%' }} />
        </Form.Item>
      </Form.Item>
      <Form.Item name="cost" label={t('services.f.cost')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contact" label={t('services.f.contact')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('services.f.description')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="priorityBooking" label={t('services.f.priority')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="confirmHours"
        label={t('services.f.confirmHours')}
        rules={[{ required: true, message: t('services.v.required', { label: t('services.f.confirmHours') }) }]}
      >
        <InputNumber min={1} max={720} />
      </Form.Item>
      {programme ? (
        <Form.Item name="active" label={t('services.f.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
