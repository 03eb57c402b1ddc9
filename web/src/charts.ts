import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Lang } from './route';
import { usdCompact } from './format';

// Only what the page draws, so the bundle carries nothing else of ECharts. SVG: every bar is an
// element of the page (sharp at any zoom; the browser tests can find it).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Bar {
  readonly code: string;
  readonly label: string;
  readonly value: string;
}

function chartOf(container: HTMLElement): echarts.ECharts {
  return echarts.getInstanceByDom(container) ?? echarts.init(container, null, { renderer: 'svg' });
}

const axisLabel = (lang: Lang) => ({ formatter: (value: number) => usdCompact(String(value), lang) });

/** Horizontal bars, largest on top; a click on a bar opens what it stands for. */
export function drawBars(container: HTMLElement, bars: readonly Bar[], lang: Lang, open: (code: string) => void): void {
  const chart = chartOf(container);
  const reversed = [...bars].reverse();
  chart.setOption(
    {
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', valueFormatter: (value: unknown) => usdCompact(String(value), lang) },
      xAxis: { type: 'value', axisLabel: axisLabel(lang) },
      yAxis: { type: 'category', data: reversed.map((bar) => bar.label), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: reversed.map((bar) => ({ value: Number(bar.value), code: bar.code })), itemStyle: { color: '#2f6fb0' }, cursor: 'pointer' }],
    },
    true,
  );
  chart.off('click');
  chart.on('click', (params) => {
    const code = (params.data as { code?: string } | undefined)?.code;
    if (code) open(code);
  });
}

export interface Line {
  readonly name: string;
  /** Twelve values, one a month; null where the month is not published. */
  readonly values: readonly (string | null)[];
}

export function drawMonthly(container: HTMLElement, lines: readonly Line[], monthNames: readonly string[], lang: Lang): void {
  chartOf(container).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null || value === undefined ? '–' : usdCompact(String(value), lang)) },
      xAxis: { type: 'category', data: [...monthNames] },
      yAxis: { type: 'value', axisLabel: axisLabel(lang) },
      series: lines.map((line, index) => ({
        type: 'line',
        name: line.name,
        data: line.values.map((value) => (value === null ? null : Number(value))),
        lineStyle: index === 0 ? { width: 3 } : { type: 'dashed' },
        connectNulls: false,
      })),
    },
    true,
  );
}

export interface Slice {
  readonly name: string;
  readonly value: string;
}

export function drawShares(container: HTMLElement, slices: readonly Slice[]): void {
  chartOf(container).setOption(
    {
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
      series: [{ type: 'pie', radius: ['40%', '70%'], data: slices.map((slice) => ({ name: slice.name, value: Number(slice.value) })), label: { formatter: '{b}' } }],
    },
    true,
  );
}

/** Charts of a view that is left: their listeners and observers go with them. */
export function disposeCharts(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('[data-chart]').forEach((element) => echarts.getInstanceByDom(element)?.dispose());
}

export function resizeCharts(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('[data-chart]').forEach((element) => echarts.getInstanceByDom(element)?.resize());
}
