/**
 * The one place that loads ECharts: only the charts and components the 督办 pages use, so the
 * chunk stays small, and this module is itself imported lazily (see LazyChart) so pages without a
 * chart never download it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartClick, ChartOption } from './chartTypes';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface ChartProps {
  option: ChartOption;
  height: number;
  onClick?: (e: ChartClick) => void;
  /** Read by screen readers and shown while the chart loads; say what the figure shows. */
  label: string;
}

export default function Chart({ option, height, onClick, label }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const params = p as unknown as {
        seriesId?: string;
        seriesName?: string;
        seriesIndex?: number;
        dataIndex: number;
        name: string;
        value: unknown;
        data: unknown;
        componentType: string;
      };
      click.current?.({
        seriesId: params.seriesId,
        seriesName: params.seriesName,
        seriesIndex: params.seriesIndex ?? 0,
        dataIndex: params.dataIndex,
        name: params.name,
        data: params.data,
        componentType: params.componentType,
      });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  useEffect(() => {
    chart.current?.getZr().setCursorStyle?.(onClick ? 'pointer' : 'default');
  }, [onClick]);

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
