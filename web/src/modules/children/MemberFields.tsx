import { Col, DatePicker, Form, Input, Row, Select, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { validateIdNumber } from '@common/idNumber';
import { useT } from '../../i18n/useT';
import { afterToday, DATE, useCodeLabel } from './labels';
import {
  DISABILITY_TYPE_LIST,
  MEMBER_STATUS_LIST,
  PHONE_RE,
  RELATION_LIST,
  ROLE_LIST,
  STATUS_SINCE,
  STATUS_UNTIL,
  type Member,
  type MemberInput,
  type MemberStatus,
} from './types';

/** A member as the form holds it (dates as dayjs). */
export interface MemberFormValues {
  name?: string;
  relation?: MemberInput['relation'];
  role?: MemberInput['role'];
  idNumber?: string;
  sex?: 'M' | 'F';
  birthDate?: dayjs.Dayjs;
  phone?: string;
  status?: MemberStatus;
  statusSince?: dayjs.Dayjs;
  statusUntil?: dayjs.Dayjs;
  disabilityType?: MemberInput['disabilityType'];
  disabilityGrade?: number;
  note?: string;
}

export const memberToForm = (m: Member): MemberFormValues => ({
  name: m.name,
  relation: m.relation as MemberInput['relation'],
  role: m.role,
  sex: m.sex ?? undefined,
  birthDate: m.birthDate ? dayjs(m.birthDate) : undefined,
  status: m.status,
  statusSince: m.statusSince ? dayjs(m.statusSince) : undefined,
  statusUntil: m.statusUntil ? dayjs(m.statusUntil) : undefined,
  disabilityType: (m.disabilityType as MemberInput['disabilityType']) ?? undefined,
  disabilityGrade: m.disabilityGrade ?? undefined,
  note: m.note ?? undefined,
});

/**
 * The body for the API. Dates that do not belong to the chosen status are cleared, so a parent who
 * is back in contact does not keep a "lost since" date. `idNumber` and `phone` are sent only when
 * typed (on edit the stored values are masked and left alone).
 */
export function memberFromForm(v: MemberFormValues): MemberInput {
  const status = v.status ?? 'alive_fit';
  const idNumber = v.idNumber?.trim().toUpperCase();
  const out: MemberInput = {
    name: (v.name ?? '').trim(),
    relation: v.relation!,
    role: v.role ?? 'member',
    sex: v.sex ?? null,
    birthDate: v.birthDate ? v.birthDate.format(DATE) : null,
    status,
    statusSince: STATUS_SINCE.includes(status) && v.statusSince ? v.statusSince.format(DATE) : null,
    statusUntil: STATUS_UNTIL.includes(status) && v.statusUntil ? v.statusUntil.format(DATE) : null,
    disabilityType: status === 'severely_disabled' ? (v.disabilityType ?? null) : null,
    disabilityGrade: status === 'severely_disabled' ? (v.disabilityGrade ?? null) : null,
    note: v.note?.trim() || null,
  };
  if (idNumber) out.idNumber = idNumber;
  if (v.phone?.trim()) out.phone = v.phone.trim();
  return out;
}

/** Identity-number rule shared by the child and member forms: the GB 11643 message in Chinese. */
export const idNumberRule = (): Rule => ({
  validator: async (_r, value: string | undefined) => {
    if (!value?.trim()) return;
    const res = validateIdNumber(value);
    if (!res.ok) throw new Error(res.message);
  },
});

export const phoneRule = (message: string): Rule => ({
  validator: async (_r, value: string | undefined) => {
    if (value?.trim() && !PHONE_RE.test(value.trim())) throw new Error(message);
  },
});

/**
 * The fields of one household member. `name` is the prefix inside the form (a Form.List row or
 * nothing), `path` the absolute path used to watch the status.
 */
export function MemberFields({
  form,
  prefix = [],
  path = [],
  existing,
}: {
  form: FormInstance;
  prefix?: (string | number)[];
  path?: (string | number)[];
  existing?: Member;
}) {
  const t = useT();
  const label = useCodeLabel();
  const n = (field: string) => [...prefix, field];
  const status = (Form.useWatch([...path, 'status'], form) as MemberStatus | undefined) ?? 'alive_fit';
  const idNumber = Form.useWatch([...path, 'idNumber'], form) as string | undefined;
  const idValid = !!idNumber && validateIdNumber(idNumber).ok;
  const col = { xs: 24, md: 12 };
  const required = { required: true, message: t('common.required') };

  const onIdChange = (value: string) => {
    const res = validateIdNumber(value ?? '');
    if (res.ok) {
      form.setFieldValue([...path, 'sex'], res.sex);
      form.setFieldValue([...path, 'birthDate'], dayjs(res.birthDate));
    }
  };

  return (
    <Row gutter={16}>
      <Col {...col}>
        <Form.Item
          name={n('name')}
          label={t('children.member.name')}
          rules={[{ required: true, whitespace: true, message: t('children.member.nameRequired') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name={n('relation')} label={t('children.member.relation')} rules={[{ required: true, message: t('children.member.relationRequired') }]}>
          <Select options={RELATION_LIST.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name={n('role')} label={t('children.member.role')} rules={[required]}>
          <Select options={ROLE_LIST.map((r) => ({ value: r, label: label('role', r) }))} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item
          name={n('idNumber')}
          label={t('children.idNumber')}
          rules={[idNumberRule()]}
          validateTrigger="onBlur"
          extra={existing?.idNumberMasked ? t('children.member.idKeep', { masked: existing.idNumberMasked }) : undefined}
        >
          <Input className="mono" maxLength={18} autoComplete="off" onChange={(e) => onIdChange(e.target.value)} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name={n('sex')} label={t('children.sex')}>
          <Select disabled={idValid} allowClear options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`children.sex.${s}`) }))} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name={n('birthDate')} label={t('children.birthDate')}>
          <DatePicker format={DATE} disabled={idValid} disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item
          name={n('phone')}
          label={t('children.phone')}
          rules={[phoneRule(t('children.phoneInvalid'))]}
          validateTrigger="onBlur"
          extra={existing?.phoneMasked ? t('children.member.phoneKeep', { masked: existing.phoneMasked }) : undefined}
        >
          <Input className="mono" maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name={n('status')} label={t('children.member.status')} rules={[required]} extra={t('children.member.statusHint')}>
          <Select options={MEMBER_STATUS_LIST.map((s) => ({ value: s, label: label('memberState', s) }))} />
        </Form.Item>
      </Col>
      {STATUS_SINCE.includes(status) ? (
        <Col {...col}>
          <Form.Item
            name={n('statusSince')}
            label={t(`children.member.since.${status as 'out_of_contact' | 'missing' | 'declared_dead' | 'deceased'}`)}
            rules={status === 'out_of_contact' ? [{ required: true, message: t('children.member.sinceRequired') }] : []}
          >
            <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ) : null}
      {STATUS_UNTIL.includes(status) ? (
        <Col {...col}>
          <Form.Item
            name={n('statusUntil')}
            label={t(`children.member.until.${status as 'imprisoned' | 'drug_rehab'}`)}
            rules={[{ required: true, message: t('children.member.untilRequired') }]}
          >
            <DatePicker format={DATE} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ) : null}
      {status === 'severely_disabled' ? (
        <>
          <Col {...col}>
            <Form.Item
              name={n('disabilityType')}
              label={t('children.disabilityType')}
              rules={[{ required: true, message: t('children.disabilityTypeRequired') }]}
            >
              <Select options={DISABILITY_TYPE_LIST.map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={n('disabilityGrade')}
              label={t('children.disabilityGrade')}
              rules={[{ required: true, message: t('children.disabilityGradeRequired') }]}
            >
              <Select options={[1, 2, 3, 4].map((g) => ({ value: g, label: t('children.gradeValue', { grade: g }) }))} />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col xs={24}>
        <Form.Item name={n('note')} label={t('children.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
