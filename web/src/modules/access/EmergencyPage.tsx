import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Result, Space, Table, Tag } from 'antd';
import { AlertOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { accessApi, accessKeys, REASON_MAX, REASON_MIN, type EmergencyChildView } from './api';
import { GrantBanner } from './GrantBanner';

/** 紧急查阅 (children.emergency): identity number and reason → the child, read-only, for the grant's hours. */
export default function EmergencyPage() {
  const { id } = useParams();
  return id ? <EmergencyChild childId={id} /> : <EmergencyForm />;
}

function EmergencyForm() {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const settings = useQuery({ queryKey: accessKeys.settings, queryFn: accessApi.settings });
  const [form] = Form.useForm<{ idNumber: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await accessApi.emergency(v.idNumber.trim(), v.reason.trim());
      void navigate(`/emergency/${r.childId}`);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <PageHeader title={t('access.emergency.title')} />
      <Card style={{ maxWidth: 640 }}>
        <Alert
          type="warning"
          showIcon
          icon={<AlertOutlined />}
          style={{ marginBottom: 16 }}
          message={t('access.emergency.intro', { hours: settings.data?.emergencyHours ?? 4 })}
        />
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="idNumber"
            label={t('access.emergency.idNumber')}
            rules={[{ required: true, whitespace: true, message: t('access.emergency.idNumberRequired') }]}
          >
            <Input maxLength={20} autoComplete="off" inputMode="text" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('access.reason.label')}
            rules={[
              { required: true, whitespace: true, message: t('access.reason.min', { min: REASON_MIN }) },
              { min: REASON_MIN, message: t('access.reason.min', { min: REASON_MIN }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder={t('access.emergency.reasonPlaceholder')} />
          </Form.Item>
          <Popconfirm title={t('access.emergency.confirm')} onConfirm={() => submit()} okText={t('access.emergency.submit')}>
            <Button type="primary" danger loading={saving}>
              {t('access.emergency.submit')}
            </Button>
          </Popconfirm>
        </Form>
      </Card>
    </>
  );
}

function EmergencyChild({ childId }: { childId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data, error, isLoading, refetch } = useQuery({
    queryKey: accessKeys.emergency(childId),
    queryFn: () => accessApi.emergencyChild(childId),
    retry: false,
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/emergency')}>
      {t('access.emergency.back')}
    </Button>
  );
  if (isLoading && !data) return <FullPageSpin />;
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('access.emergency.expired')} extra={back} />;
  if (!data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader title={t('access.emergency.title')} extra={back} />
      <GrantBanner
        childId={childId}
        onEnded={() => {
          void qc.invalidateQueries({ queryKey: accessKeys.all });
          void navigate('/emergency');
        }}
      />
      <EmergencyView view={data} />
    </>
  );
}

function EmergencyView({ view }: { view: EmergencyChildView }) {
  const t = useT();
  const i = view.identity;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('access.section.identity')} size="small">
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label={t('access.field.name')}>{i.name}</Descriptions.Item>
          <Descriptions.Item label={t('access.field.sex')}>{t(i.sex === 'M' ? 'access.sex.M' : 'access.sex.F')}</Descriptions.Item>
          <Descriptions.Item label={t('access.field.birthDate')}>
            {i.birthDate}（{i.age}）
          </Descriptions.Item>
          <Descriptions.Item label={t('access.field.idNumber')}>{i.idNumberMasked ?? t('access.none')}</Descriptions.Item>
          <Descriptions.Item label={t('access.field.area')}>
            {i.streetName} / {i.committeeName}
          </Descriptions.Item>
          <Descriptions.Item label={t('access.field.risk')}>
            <Tag color={i.riskLevel === 'high' ? 'red' : i.riskLevel === 'medium' ? 'orange' : 'green'}>
              {t(i.riskLevel === 'high' ? 'access.risk.high' : i.riskLevel === 'medium' ? 'access.risk.medium' : 'access.risk.low')}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('access.field.categories')} span={3}>
            {i.categories.length ? i.categories.map((c) => <Tag key={c.category}>{c.name}</Tag>) : t('access.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('access.section.family')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={view.family}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('access.family.empty')} /> }}
          columns={[
            { title: t('access.field.name'), dataIndex: 'name' },
            { title: t('access.field.relation'), dataIndex: 'relation' },
            {
              title: t('access.field.role'),
              dataIndex: 'role',
              render: (r: string) => t(r === 'guardian' ? 'access.role.guardian' : r === 'caregiver' ? 'access.role.caregiver' : 'access.role.member'),
            },
            { title: t('access.field.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card title={t('access.section.health')} size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('access.field.disability')}>
            {view.health.disabilityType
              ? `${view.health.disabilityType}${view.health.disabilityGrade ? ` ${view.health.disabilityGrade} 级` : ''}`
              : t('access.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('access.field.illness')}>{view.health.seriousIllness ?? t('access.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
