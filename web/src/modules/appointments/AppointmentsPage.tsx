/** 送教上门: the appointment programmes, their owner unit, ages and free slots; each opens its slots. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { appointmentKeys, appointmentsApi } from './api';

export default function AppointmentsPage() {
  const t = useT();
  const q = useQuery({ queryKey: appointmentKeys.programmes, queryFn: appointmentsApi.programmes });
  return (
    <>
      <PageHeader title={t('appointments.title')}>
        <Typography.Paragraph type="secondary">{t('appointments.intro')}</Typography.Paragraph>
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <Spin /> : null}
      {q.data && !q.data.items.length ? <Empty description={t('appointments.empty')} /> : null}
      <Row gutter={[16, 16]}>
        {q.data?.items.map((p) => (
          <Col key={p.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={p.name}
              data-testid={`appointment-programme-${p.code}`}
              extra={<Link to={`/appointments/${p.id}`}>{t('appointments.open')}</Link>}
            >
              <Space direction="vertical" size={4}>
                <Space size={4} wrap>
                  <Tag color={p.freeSlots ? 'green' : 'default'}>{t('appointments.freeSlots', { n: p.freeSlots })}</Tag>
                  <Tag>{p.audience === 'guardian' ? t('appointments.audience.guardian') : t('appointments.audience.child')}</Tag>
                  {p.minAge !== null || p.maxAge !== null ? <Tag>{t('appointments.ages', { min: p.minAge ?? 0, max: p.maxAge ?? 18 })}</Tag> : null}
                  {p.canProvide ? <Tag color="blue">{t('appointments.mine')}</Tag> : null}
                </Space>
                <Typography.Text type="secondary">
                  {t('appointments.owner')}：{p.ownerUnitName ?? p.ownerUnitCode}
                  {p.providerName ? ` · ${p.providerName}` : ''}
                </Typography.Text>
                {p.description ? <Typography.Paragraph style={{ marginBottom: 0 }}>{p.description}</Typography.Paragraph> : null}
                {p.contact ? <Typography.Text type="secondary">{p.contact}</Typography.Text> : null}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
