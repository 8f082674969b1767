// Notebook renderer for `render timechart|columnchart|barchart|piechart|linechart|areachart|scatterchart`
// (application/vnd.exo-audit.chart+json): an SVG chart with a legend, themed by --vscode-* colours.
import { isQueryOutputPayload } from '../../src/protocol/notebook';
import { chartModel, type ChartModel } from './chartData';
import { chartSvg, seriesColor } from './chartSvg';
import { h, styleElement } from './dom';
import type { ActivationFunction } from './rendererApi';
import { chartCss } from './styles';

function legend(m: ChartModel): HTMLElement | undefined {
  const names = m.shape === 'pie' ? m.slices.map((s) => s.label) : m.shape === 'none' ? [] : m.series.map((s) => s.name);
  if (names.length < 2 && m.shape !== 'pie') return undefined;
  const list = h('ul', { className: 'exo-legend' });
  names.forEach((name, i) => {
    const swatch = h('span', { className: 'exo-swatch' });
    swatch.style.background = seriesColor(i);
    list.append(h('li', {}, swatch, name));
  });
  return list;
}

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    const data: unknown = item.json();
    if (!isQueryOutputPayload(data)) {
      element.replaceChildren(h('div', {}, 'This output is not an exo-audit query result.'));
      return;
    }
    const model = chartModel(data);
    const titleProp = data.render?.props.title;
    const title = typeof titleProp === 'string' ? titleProp : `${model.kind} of ${data.totalRows.toLocaleString('en-US')} rows`;
    const container = h('div', { className: 'exo-audit-chart' }, h('div', { className: 'exo-chart-title' }, title));
    if (model.shape === 'none') {
      container.append(h('div', { className: 'exo-chart-note' }, `${model.note} Change the output's presentation to the table to see the rows.`));
    } else {
      const chart = h('div', { className: 'exo-chart' });
      chart.append(chartSvg(model, element.clientWidth || 640, title));
      container.append(chart);
      const l = legend(model);
      if (l) container.append(l);
      if (model.note) container.append(h('div', { className: 'exo-chart-note' }, model.note));
    }
    if (data.cut) container.append(h('div', { className: 'exo-chart-note' }, `Output cut: ${data.cut}.`));
    element.replaceChildren(styleElement(chartCss), container);
  },
});
