import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Divider, Form, Input, InputNumber, Radio, Select, Switch, DatePicker, Flex } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { AID_KINDS, charityApi, charityKeys, type AidKind, type CharityProject, type CharityRules, type Need } from './api';
import { aidKindName } from './labels';

type Values = {
  name: string;
  organisationId?: string;
  funder?: string;
  description?: string;
  aidKind: AidKind;
  amountPerChild?: number | null;
  budget?: number | null;
  capacity?: number | null;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  active: boolean;
  categories?: NonNullable<CharityRules['categories']>;
  minAge?: number | null;
  maxAge?: number | null;
  streets?: string[];
  needs?: Need[];
};

/** Registers or edits a charity project, with its rules as data (categories any-of, ages, streets, needs). */
export function ProjectFormModal({ project, onClose }: { project: CharityProject | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const startsOn = Form.useWatch('startsOn', form);
  const minAge = Form.useWatch('minAge', form);
  const opts = useQuery({ queryKey: charityKeys.options, queryFn: charityApi.options });
  const req = (label: string) => [{ required: true, whitespace: true, message: t('charity.form.required', { label }) }];
  const initial: Partial<Values> = project
    ? {
        name: project.name,
        organisationId: project.organisationId ?? undefined,
        funder: project.funder ?? undefined,
        description: project.description ?? undefined,
        aidKind: project.aidKind,
        amountPerChild: project.amountPerChild,
        budget: project.budget,
        capacity: project.capacity,
        startsOn: dayjs(project.startsOn),
        endsOn: project.endsOn ? dayjs(project.endsOn) : null,
        active: project.active,
        categories: project.rules.categories,
        minAge: project.rules.minAge ?? null,
        maxAge: project.rules.maxAge ?? null,
        streets: project.rules.streets,
        needs: project.rules.needs,
      }
    : { aidKind: 'money', active: true, startsOn: dayjs() };

  return (
    <FormModal<Values>
      form={form}
      title={project ? t('charity.projects.edit') : t('charity.projects.new')}
      onClose={onClose}
      layout="vertical"
      width={640}
      initialValues={initial}
      onSubmit={async (v) => {
        const body = {
          name: v.name,
          organisationId: v.organisationId ?? null,
          funder: v.funder || null,
          description: v.description || null,
          aidKind: v.aidKind,
          amountPerChild: v.amountPerChild ?? null,
          budget: v.budget ?? null,
          capacity: v.capacity ?? null,
          startsOn: v.startsOn.format('YYYY-MM-DD'),
          endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
          active: v.active,
          rules: {
            categories: v.categories ?? [],
            minAge: v.minAge ?? null,
            maxAge: v.maxAge ?? null,
            streets: v.streets ?? [],
            needs: v.needs ?? [],
          },
        };
        if (project) await charityApi.updateProject(project.id, { ...body, version: project.version });
        else await charityApi.createProject(body);
        void message.success(t('charity.projects.saved'));
        await qc.invalidateQueries({ queryKey: charityKeys.all });
        onClose();
      }}
    >
      <Form.Item name="name" label={t('charity.col.name')} rules={req(t('charity.col.name'))}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="organisationId" label={t('charity.col.organisation')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={opts.data?.organisations.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Form.Item name="funder" label={t('charity.col.funder')}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="aidKind" label={t('charity.col.kind')} rules={[{ required: true }]}>
        <Radio.Group options={AID_KINDS.map((k) => ({ value: k, label: aidKindName(k) }))} optionType="button" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="amountPerChild" label={t('charity.col.amount')} style={{ minWidth: 160, flex: 1 }}>
          <InputNumber min={0} max={99999999} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="budget" label={t('charity.col.budget')} style={{ minWidth: 160, flex: 1 }}>
          <InputNumber min={0} max={99999999} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="capacity" label={t('charity.col.capacity')} style={{ minWidth: 120, flex: 1 }}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="startsOn"
          label={t('charity.form.startsOn')}
          rules={[{ required: true, message: t('charity.form.required', { label: t('charity.form.startsOn') }) }]}
          style={{ minWidth: 160, flex: 1 }}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="endsOn"
          label={t('charity.form.endsOn')}
          dependencies={['startsOn']}
          style={{ minWidth: 160, flex: 1 }}
          rules={[
            {
              validator: async (_, v: Dayjs | null | undefined) => {
                if (v && startsOn && v.isBefore(startsOn, 'day')) throw new Error(t('charity.form.endOrder'));
              },
            },
          ]}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="active" label={t('charity.col.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item name="description" label={t('charity.col.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('charity.form.rules')}
      </Divider>
      <Form.Item name="categories" label={t('charity.form.categories')}>
        <Select mode="multiple" allowClear placeholder={t('charity.form.any')} options={opts.data?.categories.map((c) => ({ value: c.code, label: c.name }))} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="minAge" label={t('charity.form.minAge')} style={{ minWidth: 140, flex: 1 }}>
          <InputNumber min={0} max={18} precision={0} placeholder={t('charity.form.any')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="maxAge"
          label={t('charity.form.maxAge')}
          dependencies={['minAge']}
          style={{ minWidth: 140, flex: 1 }}
          rules={[
            {
              validator: async (_, v: number | null | undefined) => {
                if (v != null && minAge != null && v < minAge) throw new Error(t('charity.form.ageOrder'));
              },
            },
          ]}
        >
          <InputNumber min={0} max={18} precision={0} placeholder={t('charity.form.any')} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="streets" label={t('charity.form.streets')}>
        <Select mode="multiple" allowClear placeholder={t('charity.form.any')} options={opts.data?.streets.map((s) => ({ value: s.code, label: s.name }))} />
      </Form.Item>
      <Form.Item name="needs" label={t('charity.form.needs')}>
        <Select mode="multiple" allowClear placeholder={t('charity.form.any')} options={opts.data?.needs.map((n) => ({ value: n.code, label: n.name }))} />
      </Form.Item>
    </FormModal>
  );
}
