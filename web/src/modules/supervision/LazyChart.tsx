import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { ChartProps } from './Chart';

// ECharts is loaded on first use, in its own chunk: the main bundle does not carry it.
const Chart = lazy(() => import('./Chart'));

export function LazyChart(props: ChartProps) {
  return (
    <Suspense
      fallback={
        <div
          aria-label={props.label}
          style={{ height: props.height, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa', borderRadius: 4 }}
        >
          <Spin />
        </div>
      }
    >
      <Chart {...props} />
    </Suspense>
  );
}
