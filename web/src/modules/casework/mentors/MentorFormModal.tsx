import { App, Form, Input, Select, Switch } from 'antd';
import type { Mentor, MentorKind } from '@common/casework';
import { useMe } from '../../../auth/useAuth';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useStreets } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { caseworkApi } from '../api';
import { MENTOR_KINDS, mentorKindLabel } from '../shared';

interface MentorValues {
  kind: MentorKind;
  name: string;
  organisation: string;
  phone?: string;
  streetCode?: string | null;
  active?: boolean;
}

/** Adds a mentor or buddy, or edits one (the phone is kept unless a new one is typed). */
export function MentorFormModal({ mentor, onClose, onSaved }: { mentor: Mentor | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<MentorValues>();
  const streets = useStreets();
  const scope = me.scope.kind === 'district' ? null : new Set(me.scope.streets);
  const streetOptions = (streets.data?.items ?? []).filter((s) => !scope || scope.has(s.code)).map((s) => ({ value: s.code, label: name(s) }));

  const submit = async (v: MentorValues) => {
    // The phone is never sent back to the interface: leaving it empty on edit keeps the stored one.
    const phone = v.phone?.trim() ? v.phone.trim() : undefined;
    if (mentor) {
      await caseworkApi.updateMentor(mentor.id, {
        name: v.name.trim(),
        organisation: v.organisation.trim(),
        phone,
        streetCode: v.streetCode ?? null,
        active: v.active,
      });
    } else {
      await caseworkApi.createMentor({
        kind: v.kind,
        name: v.name.trim(),
        organisation: v.organisation.trim(),
        phone: phone ?? null,
        streetCode: v.streetCode ?? null,
      });
    }
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<MentorValues>
      form={form}
      title={mentor ? t('casework.mentor.edit') : t('casework.mentor.create')}
      onClose={onClose}
      onSubmit={submit}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 6 }}
      initialValues={
        mentor
          ? { kind: mentor.kind, name: mentor.name, organisation: mentor.organisation, streetCode: mentor.streetCode, active: mentor.active }
          : { kind: 'mentor', streetCode: me.scope.kind === 'street' && me.scope.streets.length === 1 ? me.scope.streets[0] : undefined }
      }
    >
      <Form.Item name="kind" label={t('casework.mentor.kind')} rules={[{ required: true }]}>
        <Select disabled={!!mentor} options={MENTOR_KINDS.map((k) => ({ value: k, label: mentorKindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('casework.mentor.name')} rules={[{ required: true, whitespace: true, message: t('casework.mentor.nameRequired') }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="organisation"
        label={t('casework.mentor.organisation')}
        rules={[{ required: true, whitespace: true, message: t('casework.mentor.organisationRequired') }]}
      >
        <Input maxLength={100} placeholder={t('casework.mentor.organisationPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('casework.mentor.phone')}
        extra={mentor?.phoneMasked ? t('casework.mentor.phoneKeep', { phone: mentor.phoneMasked }) : undefined}
        rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{8})$/, message: t('casework.mentor.phoneRule') }]}
      >
        <Input maxLength={20} inputMode="tel" placeholder={mentor ? undefined : t('common.optional')} />
      </Form.Item>
      <Form.Item name="streetCode" label={t('casework.street')} extra={t('casework.mentor.streetHint')}>
        <Select
          allowClear
          options={streetOptions}
          placeholder={t('casework.mentor.districtWide')}
          disabled={me.scope.kind !== 'district' && me.scope.streets.length === 1}
        />
      </Form.Item>
      {mentor ? (
        <Form.Item name="active" label={t('casework.mentor.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
