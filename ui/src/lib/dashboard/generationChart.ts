// The generation bar chart, drawn by Chart.js on a canvas (no eval: fine under the app's CSP).
// Only the pieces the chart uses are registered, which keeps the bundle small. A small plugin
// draws what Chart.js has no built-in for: each bar's figure, the "all employees" line, and a
// neutral hatched band with "fewer than k" where a group is hidden, so it never reads as 0 %.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import { formatNumber } from '../format';
import type { ChartTheme } from './chartTheme';
import { percentLabel } from './coverageView';
import type { GenerationChartData } from './generationChartData';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

// Chart.js's defaults, spelled out because the hidden bands must match the bars' width.
const CATEGORY_PERCENTAGE = 0.8;
const BAR_PERCENTAGE = 0.9;
/** Room right of the plot for the "all employees" label, so it never sits on a bar. */
const RIGHT_GUTTER = 96;

export interface GenerationChart {
  update(data: GenerationChartData, theme: ChartTheme): void;
  /** Shows bar `index`'s tooltip, as hovering would (keyboard users); null hides it. */
  highlight(index: number | null): void;
  destroy(): void;
}

interface Current {
  data: GenerationChartData;
  theme: ChartTheme;
  hatch: CanvasPattern | string;
}

/** Diagonal hatching in `color` (a plain colour where the canvas cannot make a pattern). */
function hatchPattern(color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const g = tile.getContext('2d');
  if (!g) return color;
  g.strokeStyle = color;
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(0, 8);
  g.lineTo(8, 0);
  g.moveTo(-2, 2);
  g.lineTo(2, -2);
  g.moveTo(6, 10);
  g.lineTo(10, 6);
  g.stroke();
  return g.createPattern(tile, 'repeat') ?? color;
}

function labels(data: GenerationChartData): string[][] {
  return data.bars.map((bar) => [bar.label, `${formatNumber(bar.headcount)} ${bar.headcount === 1 ? 'person' : 'people'}`]);
}

function colours(data: GenerationChartData, theme: ChartTheme): string[] {
  return data.bars.map((bar) => (bar.flagged ? theme.flagged : theme.bar));
}

function overlay(current: () => Current): Plugin<'bar'> {
  return {
    id: 'upskillGenerationOverlay',
    afterDatasetsDraw(chart) {
      const { data, theme, hatch } = current();
      const { ctx, chartArea: area } = chart;
      const x = chart.scales.x;
      const y = chart.scales.y;
      if (!x || !y || data.bars.length === 0) return;
      const band = (area.right - area.left) / data.bars.length;
      const width = band * CATEGORY_PERCENTAGE * BAR_PERCENTAGE;
      ctx.save();
      // The line first: the bars' figures sit on patches of background above it.
      if (data.overall !== null) {
        const level = y.getPixelForValue(data.overall);
        ctx.strokeStyle = theme.overall;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(area.left, level);
        ctx.lineTo(area.right + 6, level);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillStyle = theme.text;
        ctx.font = `600 12px ${theme.font}`;
        ctx.fillText(`All ${percentLabel(data.overall)}`, area.right + 10, level - 7);
        ctx.fillStyle = theme.muted;
        ctx.font = `12px ${theme.font}`;
        ctx.fillText('employees', area.right + 10, level + 8);
      }
      // The survey's reference marks (only when turned on): a short dotted bar-wide line with
      // its figure, so it reads as a reference and never as a bar.
      ctx.font = `11px ${theme.font}`;
      ctx.textAlign = 'left';
      data.bars.forEach((bar, index) => {
        if (bar.reference === null) return;
        const centre = x.getPixelForValue(index);
        const level = y.getPixelForValue(bar.reference);
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 2;
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(centre - width / 2, level);
        ctx.lineTo(centre + width / 2, level);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = theme.muted;
        ctx.textBaseline = 'bottom';
        ctx.fillText(`Survey ${bar.reference}%`, centre - width / 2, level - 2);
      });
      ctx.font = `600 12px ${theme.font}`;
      ctx.textAlign = 'center';
      data.bars.forEach((bar, index) => {
        const centre = x.getPixelForValue(index);
        if (bar.pct !== null) {
          // On a patch of the background, so the "all employees" line never runs through it.
          const text = percentLabel(bar.pct);
          const top = y.getPixelForValue(bar.pct) - 4;
          const textWidth = ctx.measureText(text).width;
          ctx.fillStyle = theme.surface;
          ctx.fillRect(centre - textWidth / 2 - 3, top - 15, textWidth + 6, 15);
          ctx.fillStyle = theme.text;
          ctx.textBaseline = 'bottom';
          ctx.fillText(text, centre, top);
          return;
        }
        if (bar.hidden) {
          ctx.fillStyle = hatch;
          ctx.globalAlpha = 0.6;
          ctx.fillRect(centre - width / 2, area.top + 8, width, area.bottom - area.top - 8);
          ctx.globalAlpha = 1;
          ctx.strokeStyle = theme.hidden;
          ctx.strokeRect(centre - width / 2, area.top + 8, width, area.bottom - area.top - 8);
        }
        ctx.textBaseline = 'middle';
        const text = bar.text;
        const textWidth = ctx.measureText(text).width;
        ctx.fillStyle = theme.surface;
        ctx.fillRect(centre - textWidth / 2 - 4, (area.top + area.bottom) / 2 - 10, textWidth + 8, 20);
        ctx.fillStyle = theme.muted;
        ctx.fillText(text, centre, (area.top + area.bottom) / 2);
      });
      ctx.restore();
    },
  };
}

export function createGenerationChart(
  canvas: HTMLCanvasElement,
  data: GenerationChartData,
  theme: ChartTheme,
  options: { animate: boolean; onbar?: (index: number) => void },
): GenerationChart {
  let current: Current = { data, theme, hatch: hatchPattern(theme.hidden) };
  const chart = new Chart<'bar', (number | null)[], string[]>(canvas, {
    type: 'bar',
    data: {
      labels: labels(data),
      datasets: [
        {
          label: 'Coverage',
          data: data.bars.map((b) => b.pct),
          backgroundColor: colours(data, theme),
          borderRadius: 3,
          categoryPercentage: CATEGORY_PERCENTAGE,
          barPercentage: BAR_PERCENTAGE,
          maxBarThickness: 120,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: options.animate ? { duration: 300 } : false,
      // A bar opens the people it counts (GenerationPanel decides which bars can).
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined) options.onbar?.(index);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 && options.onbar ? 'pointer' : 'default';
      },
      layout: { padding: { top: 8, right: RIGHT_GUTTER } },
      scales: {
        x: {
          grid: { display: false },
          border: { color: theme.grid },
          ticks: { color: theme.text, font: { family: theme.font, size: 12 } },
        },
        y: {
          min: 0,
          max: data.max,
          grid: { color: theme.grid },
          border: { display: false },
          ticks: { color: theme.muted, font: { family: theme.font, size: 11 }, stepSize: 10, callback: (v) => `${v}%` },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => current.data.bars[items[0]?.dataIndex ?? 0]?.label ?? '',
            label: (item) => {
              const bar = current.data.bars[item.dataIndex];
              if (!bar) return '';
              return `${bar.text} trained in AI (${formatNumber(bar.headcount)} people)`;
            },
          },
        },
      },
    },
    plugins: [overlay(() => current)],
  });

  return {
    update(next, nextTheme) {
      current = { data: next, theme: nextTheme, hatch: nextTheme.hidden === current.theme.hidden ? current.hatch : hatchPattern(nextTheme.hidden) };
      chart.data.labels = labels(next);
      const dataset = chart.data.datasets[0];
      if (dataset) {
        dataset.data = next.bars.map((b) => b.pct);
        dataset.backgroundColor = colours(next, nextTheme);
      }
      const scales = chart.options.scales;
      if (scales?.x?.ticks && scales.x.border) {
        scales.x.ticks.color = nextTheme.text;
        scales.x.border.color = nextTheme.grid;
      }
      if (scales?.y?.ticks && scales.y.grid) {
        scales.y.max = next.max;
        scales.y.ticks.color = nextTheme.muted;
        scales.y.grid.color = nextTheme.grid;
      }
      chart.update();
    },
    highlight(index) {
      const bar = index === null ? undefined : current.data.bars[index];
      const active = index !== null && bar && bar.pct !== null ? [{ datasetIndex: 0, index }] : [];
      const element = active.length > 0 ? chart.getDatasetMeta(0).data[index ?? 0] : undefined;
      chart.setActiveElements(active);
      chart.tooltip?.setActiveElements(active, { x: element?.x ?? 0, y: element?.y ?? 0 });
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
