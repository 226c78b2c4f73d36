/**
 * Adding or editing a ledger person. The id number is checked by the server (check digit, birth
 * date) and stored encrypted; editing leaves it unchanged unless a new one is typed.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Form, Input, Select } from 'antd';
import { useAuth } from '../../auth/useAuth';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { CERT_LEVELS, POSTS, ROLE_KINDS, workforceApi, workforceKeys, type CertLevel, type Post, type RoleKind, type Staff } from './api';

interface StaffForm {
  name: string;
  gender?: 'male' | 'female';
  idNumber?: string;
  phone?: string;
  roleKind: RoleKind;
  post?: Post;
  certLevel: CertLevel;
  streetCode?: string;
  unitCode: string;
  organisationId?: string;
  appointedOn?: string;
  note?: string;
}

export function StaffModal({ staff, onClose, onSaved }: { staff: Staff | null; onClose: () => void; onSaved?: (id: string) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffForm>();
  const options = useQuery({ queryKey: workforceKeys.options, queryFn: workforceApi.options, staleTime: 600_000 });
  const street = Form.useWatch('streetCode', form);
  const roleKind = Form.useWatch('roleKind', form);
  const streets = options.data?.streets ?? [];
  const defaultStreet = me?.scope.kind === 'street' && streets.length === 1 ? streets[0]?.code : undefined;
  const units = (options.data?.units ?? []).filter((u) => u.kind !== 'street' || !street || u.streetCode === street);
  const req = (label: string) => [{ required: true, whitespace: true, message: t('workforce.required', { label }) }];
  const initial: Partial<StaffForm> = staff
    ? {
        name: staff.name,
        gender: staff.gender ?? undefined,
        roleKind: staff.roleKind,
        post: staff.post ?? undefined,
        certLevel: staff.certLevel,
        streetCode: staff.streetCode ?? undefined,
        unitCode: staff.unitCode,
        organisationId: staff.organisationId ?? undefined,
        appointedOn: staff.appointedOn ?? undefined,
        note: staff.note ?? undefined,
      }
    : {
        roleKind: 'child_director',
        certLevel: 'none',
        streetCode: defaultStreet,
        unitCode: options.data?.units.find((u) => u.kind === 'street' && u.streetCode === defaultStreet)?.code,
      };
  // The options arrive after the form opened: a street user's street and office fill in then.
  useEffect(() => {
    if (staff || !defaultStreet || form.getFieldValue('streetCode')) return;
    const office = options.data?.units.find((u) => u.kind === 'street' && u.streetCode === defaultStreet)?.code;
    form.setFieldsValue({ streetCode: defaultStreet, ...(office ? { unitCode: office } : {}) });
  }, [staff, defaultStreet, options.data, form]);
  return (
    <FormModal<StaffForm>
      form={form}
      layout="vertical"
      width={640}
      title={staff ? `${t('workforce.form.edit')} · ${staff.name}` : t('workforce.form.new')}
      onClose={onClose}
      initialValues={initial}
      onSubmit={async (v) => {
        const body = {
          name: v.name,
          gender: v.gender ?? null,
          phone: v.phone?.trim() ? v.phone.trim() : undefined,
          roleKind: v.roleKind,
          post: v.post ?? null,
          certLevel: v.certLevel,
          streetCode: v.streetCode ?? null,
          unitCode: v.unitCode,
          organisationId: v.organisationId ?? null,
          appointedOn: v.appointedOn || null,
          note: v.note ?? null,
          ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
        };
        const saved = staff ? await workforceApi.update(staff.id, { ...body, version: staff.version }) : await workforceApi.create(body);
        void message.success(t('workforce.saved'));
        await qc.invalidateQueries({ queryKey: workforceKeys.all });
        onClose();
        onSaved?.(saved.id);
      }}
    >
      <Flex gap={12} wrap>
        <Form.Item name="name" label={t('workforce.col.name')} rules={req(t('workforce.col.name'))} style={{ flex: 2, minWidth: 180 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="gender" label={t('workforce.col.gender')} style={{ flex: 1, minWidth: 100 }}>
          <Select allowClear options={(['female', 'male'] as const).map((g) => ({ value: g, label: t(`workforce.gender.${g}`) }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="idNumber"
          label={t('workforce.col.idNumber')}
          rules={staff ? [] : req(t('workforce.col.idNumber'))}
          extra={staff ? t('workforce.form.idHint') : undefined}
          style={{ flex: 2, minWidth: 200 }}
        >
          <Input maxLength={20} placeholder={staff?.idNumberMasked ?? undefined} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('workforce.col.phone')} style={{ flex: 1, minWidth: 150 }}>
          <Input maxLength={20} placeholder={staff?.phoneMasked ?? undefined} autoComplete="off" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="roleKind" label={t('workforce.col.roleKind')} style={{ flex: 1, minWidth: 150 }}>
          <Select options={ROLE_KINDS.map((k) => ({ value: k, label: t(`workforce.roleKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="post" label={t('workforce.col.post')} style={{ flex: 1, minWidth: 130 }}>
          <Select allowClear options={POSTS.map((k) => ({ value: k, label: t(`workforce.post.${k}`) }))} />
        </Form.Item>
        <Form.Item name="certLevel" label={t('workforce.col.cert')} style={{ flex: 1, minWidth: 150 }}>
          <Select options={CERT_LEVELS.map((k) => ({ value: k, label: t(`workforce.cert.${k}`) }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="streetCode" label={t('workforce.col.street')} style={{ flex: 1, minWidth: 150 }}>
          <Select allowClear={me?.scope.kind === 'district'} options={streets.map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('workforce.col.unit')} rules={req(t('workforce.col.unit'))} style={{ flex: 2, minWidth: 200 }}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
      </Flex>
      {roleKind === 'social_worker' ? (
        <Form.Item name="organisationId" label={t('workforce.col.organisation')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(options.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="appointedOn" label={t('workforce.col.appointed')}>
        <Input type="date" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="note" label={t('workforce.col.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
