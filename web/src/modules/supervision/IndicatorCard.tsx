import { useMemo } from 'react';
import { Alert, Card, Flex, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/useT';
import type { IndicatorValue } from './api';
import { sparklineOption } from './charts';
import { LazyChart } from './LazyChart';
import { RagDot, useFormatValue, useLocal, useTargetText } from './shared';

/**
 * A key indicator: value with its unit (暂无数据 is not 0), the target, a RAG dot and a small trend
 * line; the whole card opens the list behind the figure. A failed indicator shows its message.
 */
export function IndicatorCard({ ind, to }: { ind: IndicatorValue; to: string }) {
  const t = useT();
  const local = useLocal();
  const format = useFormatValue();
  const target = useTargetText();
  const option = useMemo(() => sparklineOption(ind), [ind]);
  const hasTrend = ind.trend.some((p) => p.value !== null);
  const name = local.name(ind);
  const frac = ind.numerator !== null && ind.denominator !== null ? t('supervision.ind.fraction', { n: ind.numerator, d: ind.denominator }) : null;

  return (
    <Link to={to} style={{ display: 'block', height: '100%' }} title={t('supervision.ind.open', { name })}>
      <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { display: 'flex', flexDirection: 'column', gap: 4, height: '100%' } }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ lineHeight: 1.4 }}>
            {name}
          </Typography.Text>
          <Tooltip title={local.definition(ind)}>
            <InfoCircleOutlined style={{ color: '#8c8c8c', marginTop: 4 }} onClick={(e) => e.preventDefault()} />
          </Tooltip>
        </Flex>
        {ind.error ? (
          <Alert type="error" showIcon title={t('supervision.ind.failed')} description={ind.error} style={{ marginTop: 4 }} />
        ) : (
          <>
            <Flex align="center" gap={8}>
              <RagDot rag={ind.rag} size={12} />
              <Typography.Text
                style={{ fontSize: ind.value === null ? 16 : 26, fontWeight: 600, color: ind.value === null ? '#616161' : undefined }}
                data-testid={`ind-value-${ind.code}`}
              >
                {format(ind, ind.value)}
              </Typography.Text>
              {frac ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {frac}
                </Typography.Text>
              ) : null}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {target(ind)}
              {ind.smallSample
                ? ` · ${t('supervision.ind.smallSample', { n: ind.sample ?? 0 })}`
                : ind.rag !== 'none'
                  ? ` · ${t(`supervision.rag.${ind.rag}`)}`
                  : ''}
            </Typography.Text>
            <div style={{ marginTop: 'auto' }}>
              {hasTrend ? (
                <LazyChart option={option} height={44} label={t('supervision.ind.trendOf', { name })} />
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', height: 44, lineHeight: '44px' }}>
                  {t('supervision.ind.noTrend')}
                </Typography.Text>
              )}
            </div>
          </>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {ind.drill ? t('supervision.ind.openList') : t('supervision.ind.openDetail')} <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      </Card>
    </Link>
  );
}
