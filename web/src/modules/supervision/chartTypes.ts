/** ECharts option types (type-only: importing this file loads no chart code). */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

export interface ChartClick {
  seriesId?: string;
  seriesName?: string;
  seriesIndex: number;
  dataIndex: number;
  name: string;
  data: unknown;
  componentType: string;
}
