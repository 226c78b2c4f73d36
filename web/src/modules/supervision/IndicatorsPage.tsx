/**
 * 指标: every indicator of the registry with its definition, the tasks it serves, value, target,
 * RAG, month-by-month trend, street breakdown (table and bars) and parts; each links to its list.
 */
import { useEffect, useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { toQueryString } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import type { Dashboard, IndicatorValue } from './api';
import { meets, partsOption, streetOption, trendOption } from './charts';
import { LazyChart } from './LazyChart';
import { usePeriods, usePlanTasks } from './queries';
import { PeriodSelect, RagDot, StreetSelect, useArea, indicatorTarget, useFormatValue, useLocal, useTargetText, useUrlDashboard, withStreet } from './shared';

export default function IndicatorsPage() {
  const t = useT();
  const local = useLocal();
  const { hash } = useLocation();
  const {
    all,
    plan,
    street,
    update,
    dash: { data, isFetching: loading, error, refetch },
  } = useUrlDashboard();
  const periods = usePeriods(plan);
  const tasks = usePlanTasks(plan, 'false');
  const taskName = useMemo(() => new Map((tasks.data?.tasks ?? []).map((x) => [x.no, x.summary])), [tasks.data]);

  // A link to one indicator (#ind-<code>) scrolls to it once the page has drawn.
  useEffect(() => {
    if (!data || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) setTimeout(() => el.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  }, [data, hash]);

  const area = useArea(data ?? { street: null });
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  if (!data) return <FullPageSpin />;
  const periodLabel = local.period(data.period);

  return (
    <div style={{ opacity: loading ? 0.6 : 1 }}>
      <PageHeader
        title={t('supervision.ind.title')}
        extra={
          <>
            <PeriodSelect periods={periods.data} loading={periods.isLoading} value={data.period.key} onChange={(k) => update({ period: k })} />
            {all ? <StreetSelect streets={data.streets} value={street} onChange={(v) => update({ street: v })} /> : null}
          </>
        }
      >
        <Typography.Text type="secondary">{t('supervision.ind.subtitle', { period: periodLabel, area, date: formatDate(data.asOf) })}</Typography.Text>
      </PageHeader>
      {data.indicators.length === 0 ? (
        <Card>
          <Empty description={t('supervision.ind.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <SummaryTable d={data} />
          {data.indicators.map((ind) => (
            <IndicatorDetail key={ind.code} ind={ind} d={data} street={street} taskName={taskName} />
          ))}
        </Flex>
      )}
    </div>
  );
}

function SummaryTable({ d }: { d: Dashboard }) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const area = useArea(d);
  const columns: TableColumnsType<IndicatorValue> = [
    {
      title: t('supervision.ind.col.name'),
      key: 'name',
      render: (_, i) => (
        <a
          href={`#ind-${i.code}`}
          onClick={(e) => {
            e.preventDefault();
            document.getElementById(`ind-${i.code}`)?.scrollIntoView({ behavior: 'smooth' });
          }}
        >
          {local.name(i)}
        </a>
      ),
    },
    {
      title: t('supervision.ind.col.value'),
      key: 'value',
      width: 140,
      render: (_, i) =>
        i.error ? (
          <Typography.Text type="danger">{t('supervision.ind.failed')}</Typography.Text>
        ) : (
          <Typography.Text type={i.value === null ? 'secondary' : undefined}>{format(i, i.value)}</Typography.Text>
        ),
    },
    { title: t('supervision.ind.col.target'), key: 'target', width: 150, render: (_, i) => target(i) },
    {
      title: t('supervision.ind.col.rag'),
      key: 'rag',
      width: 150,
      render: (_, i) => (
        <Flex gap={6} align="center">
          <RagDot rag={i.rag} />
          {i.smallSample ? t('supervision.ind.smallSample', { n: i.sample ?? 0 }) : t(`supervision.rag.${i.rag}`)}
        </Flex>
      ),
    },
    {
      title: t('supervision.ind.col.tasks'),
      key: 'tasks',
      width: 160,
      render: (_, i) =>
        i.tasks.map((n) => (
          <Link key={n} to={`/supervision/tasks?no=${n}`}>
            <Tag style={{ cursor: 'pointer' }}>{t('supervision.ind.taskNo', { no: n })}</Tag>
          </Link>
        )),
    },
  ];
  return (
    <Card size="small" title={t('supervision.ind.summary', { period: local.period(d.period), area })}>
      <Table<IndicatorValue> rowKey="code" size="small" columns={columns} dataSource={d.indicators} pagination={false} scroll={{ x: 640 }} />
    </Card>
  );
}

function IndicatorDetail({ ind, d, street, taskName }: { ind: IndicatorValue; d: Dashboard; street: string | undefined; taskName: Map<number, string> }) {
  const t = useT();
  const local = useLocal();
  const navigate = useNavigate();
  const format = useFormatValue();
  const target = useTargetText();
  const name = local.name(ind);
  const trend = useMemo(() => trendOption(ind, target(ind), name), [ind, target, name]);
  const streets = useMemo(
    () => (ind.byStreet.length ? streetOption(ind, target(ind), d.street?.code, (v) => format(ind, v)) : null),
    [ind, target, format, d.street],
  );
  const parts = useMemo(() => (ind.parts?.length ? partsOption(ind.parts) : null), [ind.parts]);
  const hasTrend = ind.trend.some((p) => p.value !== null);
  const drill = indicatorTarget(ind, street, d.period.key);
  const streetColumns: TableColumnsType<IndicatorValue['byStreet'][number]> = [
    {
      title: t('supervision.ind.col.street'),
      dataIndex: 'streetName',
      render: (v: string, s) => (ind.drill ? <Link to={withStreet(ind.drill, s.streetCode)}>{v}</Link> : v),
    },
    {
      title: t('supervision.ind.col.value'),
      dataIndex: 'value',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
      render: (v: number | null) => {
        const ok = meets(ind, v);
        return <Typography.Text type={v === null ? 'secondary' : ok === false ? 'warning' : undefined}>{format(ind, v)}</Typography.Text>;
      },
    },
    {
      title: t('supervision.ind.col.fraction'),
      key: 'f',
      width: 110,
      align: 'right',
      render: (_, s) => (s.numerator !== null && s.denominator !== null ? `${s.numerator} / ${s.denominator}` : '—'),
    },
  ];

  return (
    <Card
      id={`ind-${ind.code}`}
      size="small"
      style={{ scrollMarginTop: 72 }}
      title={
        <Flex gap={8} align="center" wrap>
          <RagDot rag={ind.rag} size={12} />
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }} className="mono">
            {ind.code}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Link to={drill}>
          <Button size="small" type="link">
            {ind.drill ? t('supervision.ind.openList') : t('supervision.ind.openDetail')} <RightOutlined />
          </Button>
        </Link>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('supervision.ind.definition')}</Typography.Text>
        {local.definition(ind)}
      </Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('supervision.ind.serves')}</Typography.Text>
        {ind.tasks.length ? (
          ind.tasks.map((n) => (
            <Link key={n} to={`/supervision/tasks?no=${n}`}>
              <Tag style={{ cursor: 'pointer' }}>{taskName.get(n) ? `${n}. ${taskName.get(n)}` : t('supervision.ind.taskNo', { no: n })}</Tag>
            </Link>
          ))
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Flex>
      {ind.error ? (
        <Alert type="error" showIcon title={t('supervision.ind.failed')} description={ind.error} />
      ) : (
        <>
          <Flex gap={24} wrap align="baseline" style={{ marginBottom: 8 }}>
            <span>
              <Typography.Text type="secondary">{t('supervision.ind.value')}</Typography.Text>
              <Typography.Text style={{ fontSize: 22, fontWeight: 600, color: ind.value === null ? '#8c8c8c' : undefined }}>
                {format(ind, ind.value)}
              </Typography.Text>
              {ind.numerator !== null && ind.denominator !== null ? (
                <Typography.Text type="secondary"> {t('supervision.ind.fraction', { n: ind.numerator, d: ind.denominator })}</Typography.Text>
              ) : null}
            </span>
            <span>
              <Typography.Text type="secondary">{target(ind)}</Typography.Text>
              {ind.targetSource ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('supervision.ind.targetSource', { source: ind.targetSource })}
                </Typography.Text>
              ) : null}
            </span>
            <Flex gap={6} align="center">
              <RagDot rag={ind.rag} />
              {ind.smallSample ? t('supervision.ind.smallSample', { n: ind.sample ?? 0 }) : t(`supervision.rag.${ind.rag}`)}
            </Flex>
          </Flex>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={parts ? 12 : 24}>
              <Typography.Text strong>{t('supervision.ind.trend')}</Typography.Text>
              {hasTrend ? (
                <LazyChart option={trend} height={220} label={t('supervision.ind.trendOf', { name })} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.ind.noTrend')} />
              )}
            </Col>
            {parts ? (
              <Col xs={24} lg={12}>
                <Typography.Text strong>{t('supervision.ind.parts')}</Typography.Text>
                <LazyChart option={parts} height={240} label={t('supervision.ind.partsOf', { name })} />
              </Col>
            ) : null}
            {streets ? (
              <>
                <Col xs={24} lg={14}>
                  <Typography.Text strong>{t('supervision.ind.byStreet')}</Typography.Text>
                  <LazyChart
                    option={streets}
                    height={280}
                    label={t('supervision.ind.byStreetOf', { name })}
                    onClick={(e) => {
                      const s = ind.byStreet[e.dataIndex];
                      if (s)
                        void navigate(
                          ind.drill
                            ? withStreet(ind.drill, s.streetCode)
                            : `/supervision/indicators${toQueryString({ period: d.period.key, street: s.streetCode })}#ind-${ind.code}`,
                        );
                    }}
                  />
                </Col>
                <Col xs={24} lg={10}>
                  <Table rowKey="streetCode" size="small" columns={streetColumns} dataSource={ind.byStreet} pagination={false} scroll={{ y: 300 }} />
                </Col>
              </>
            ) : null}
          </Row>
        </>
      )}
    </Card>
  );
}
