import { Card, Col, Flex, Progress, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { CoverageRow } from '@common/casework';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { caseworkApi, caseworkKeys } from '../api';
import { percent } from '../shared';

/** A count and its share of the street's children, with a bar (green from 90 %, amber from 70 %). */
function Share({ part, whole }: { part: number; whole: number }) {
  const value = whole ? Math.round((part / whole) * 1000) / 10 : 0;
  const color = !whole ? undefined : value >= 90 ? '#52c41a' : value >= 70 ? '#faad14' : '#ff4d4f';
  return (
    <Flex vertical gap={0} style={{ minWidth: 110 }}>
      <span>
        {part} <Typography.Text type="secondary">({percent(part, whole)})</Typography.Text>
      </span>
      <Progress percent={value} showInfo={false} size="small" strokeColor={color} />
    </Flex>
  );
}

/** 覆盖情况: each street's children with a mentor, a buddy, both; the district's totals; a card opening the gaps. */
export function CoverageTable({ onGaps }: { onGaps: () => void }) {
  const t = useT();
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: caseworkKeys.coverage, queryFn: caseworkApi.coverage });
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const total = data?.total;

  const columns: TableColumnsType<CoverageRow> = [
    { title: t('casework.street'), dataIndex: 'streetName', fixed: 'left', width: 120 },
    { title: t('casework.mentors.children'), dataIndex: 'children', width: 90, align: 'right' },
    {
      title: t('casework.mentors.withMentor'),
      key: 'm',
      width: 150,
      render: (_, r) => <Share part={r.withMentor} whole={r.children} />,
      sorter: (a, b) => a.withMentor / (a.children || 1) - b.withMentor / (b.children || 1),
    },
    {
      title: t('casework.mentors.withBuddy'),
      key: 'b',
      width: 150,
      render: (_, r) => <Share part={r.withBuddy} whole={r.children} />,
      sorter: (a, b) => a.withBuddy / (a.children || 1) - b.withBuddy / (b.children || 1),
    },
    {
      title: t('casework.mentors.withBoth'),
      key: 'both',
      width: 150,
      render: (_, r) => <Share part={r.withBoth} whole={r.children} />,
      sorter: (a, b) => a.withBoth / (a.children || 1) - b.withBoth / (b.children || 1),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('casework.mentors.coverageNote')}</Typography.Paragraph>
      {total ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {(
            [
              ['casework.mentors.withMentor', total.withMentor],
              ['casework.mentors.withBuddy', total.withBuddy],
              ['casework.mentors.withBoth', total.withBoth],
            ] as [MessageKey, number][]
          ).map(([label, n]) => (
            <Col key={label} xs={12} md={6} xl={5}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Text type="secondary">{t(label)}</Typography.Text>
                <Flex align="baseline" gap={8} wrap>
                  <Typography.Title level={3} style={{ margin: 0 }}>
                    {percent(n, total.children)}
                  </Typography.Title>
                  <Typography.Text type="secondary">{t('casework.mentors.ofChildren', { n, total: total.children })}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
          <Col xs={12} md={6} xl={5}>
            <Card size="small" style={{ height: '100%' }} hoverable onClick={onGaps}>
              <Typography.Text type="secondary">{t('casework.mentors.withoutMentor')}</Typography.Text>
              <Typography.Title level={3} style={{ margin: 0, color: total.children - total.withMentor ? '#cf1322' : undefined }}>
                {total.children - total.withMentor}
              </Typography.Title>
            </Card>
          </Col>
        </Row>
      ) : null}
      <ListScaffold<CoverageRow>
        items={data?.items}
        loading={loading}
        rowKey="streetCode"
        columns={columns}
        tableProps={{
          // Rows carry a `children` field of their own: not tree data.
          expandable: { childrenColumnName: 'noTreeData' },
          sticky: false,
          scroll: { x: 'max-content' },
          summary: () =>
            total && (data?.items.length ?? 0) > 1 ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('casework.mentors.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong>{total.children}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>
                    <Share part={total.withMentor} whole={total.children} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>
                    <Share part={total.withBuddy} whole={total.children} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4}>
                    <Share part={total.withBoth} whole={total.children} />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null,
        }}
      />
    </>
  );
}
