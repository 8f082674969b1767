// The webview's static DOM: toolbar, canvas, details panel and the marker list. No data here.
import { TIMELINE_GROUP_BYS } from '../../src/protocol/timeline';
import { el } from './dom';

export interface Elements {
  readonly groupBy: HTMLSelectElement;
  readonly zoomIn: HTMLButtonElement;
  readonly zoomOut: HTMLButtonElement;
  readonly fit: HTMLButtonElement;
  readonly range: HTMLElement;
  readonly focus: HTMLElement;
  readonly focusLabel: HTMLElement;
  readonly focusOnly: HTMLInputElement;
  readonly notice: HTMLElement;
  readonly chart: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly tooltip: HTMLElement;
  readonly details: HTMLElement;
  readonly markerHeading: HTMLElement;
  readonly markerList: HTMLOListElement;
  readonly announce: HTMLElement;
  readonly empty: HTMLElement;
  readonly openDataset: HTMLButtonElement;
}

const GROUP_LABELS = { actor: 'Actor', mailbox: 'Mailbox', app: 'App' } as const;

export const KEYBOARD_HELP =
  'Left and Right arrows: previous and next marker. Up and Down arrows: marker on the lane above or below. Enter: details. '
  + 'Shift with arrows: pan and scroll lanes. Plus and minus: zoom. 0: fit. Drag to pan, wheel to zoom, Shift-drag to select a time range.';

export function buildLayout(root: HTMLElement): Elements {
  const groupBy = el('select', { attrs: { id: 'group-by', 'aria-label': 'Lanes per' } },
    TIMELINE_GROUP_BYS.map((g) => el('option', { text: GROUP_LABELS[g], attrs: { value: g } })));
  const zoomIn = el('button', { text: '+', attrs: { type: 'button', id: 'zoom-in', title: 'Zoom in (+)', 'aria-label': 'Zoom in' } });
  const zoomOut = el('button', { text: '−', attrs: { type: 'button', id: 'zoom-out', title: 'Zoom out (-)', 'aria-label': 'Zoom out' } });
  const fit = el('button', { text: 'Fit', attrs: { type: 'button', id: 'zoom-fit', title: 'Show everything (0)' } });
  const range = el('span', { className: 'range', attrs: { id: 'range', 'aria-live': 'polite' } });
  const focusLabel = el('span', { className: 'focus-label', attrs: { id: 'focus-label' } });
  const focusOnly = el('input', { attrs: { type: 'checkbox', id: 'focus-only' } });
  const focus = el('span', { className: 'focus', attrs: { id: 'focus' } }, [
    focusLabel, el('label', {}, [focusOnly, document.createTextNode(' focused lanes only')]),
  ]);
  focus.hidden = true;
  const notice = el('span', { className: 'notice', attrs: { id: 'notice', role: 'status' } });
  const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Timeline' } }, [
    el('label', { className: 'group-by' }, [document.createTextNode('Lanes per '), groupBy]), zoomIn, zoomOut, fit, range, focus, notice,
  ]);

  const canvas = el('canvas', {
    attrs: {
      id: 'timeline-canvas', tabindex: '0', role: 'application', 'aria-roledescription': 'timeline',
      'aria-label': 'Timeline of audit events', 'aria-describedby': 'keyboard-help',
    },
  });
  const tooltip = el('div', { className: 'tooltip', attrs: { id: 'tooltip', role: 'tooltip' } });
  tooltip.hidden = true;
  const chart = el('div', { className: 'chart', attrs: { id: 'chart' } }, [canvas, tooltip]);

  const details = el('section', { className: 'details', attrs: { id: 'details', 'aria-label': 'Details', 'aria-live': 'polite' } });
  const markerHeading = el('h2', { text: 'Markers in view', attrs: { id: 'markers-heading' } });
  const markerList = el('ol', { className: 'marker-list', attrs: { id: 'marker-list', 'aria-labelledby': 'markers-heading' } });
  const side = el('aside', { className: 'side' }, [details, el('section', { className: 'markers' }, [markerHeading, markerList])]);

  const announce = el('div', { className: 'sr-only', attrs: { id: 'announce', 'aria-live': 'assertive' } });
  const help = el('p', { className: 'sr-only', text: KEYBOARD_HELP, attrs: { id: 'keyboard-help' } });
  const openDataset = el('button', { text: 'Open Audit Export(s)', attrs: { type: 'button', id: 'open-dataset' } });
  const empty = el('div', { className: 'empty', attrs: { id: 'empty' } }, [
    el('p', { text: 'No audit data loaded. The timeline shows the loaded audit exports.' }), openDataset,
  ]);
  empty.hidden = true;

  root.append(toolbar, el('div', { className: 'main' }, [chart, side]), empty, announce, help);
  return { groupBy, zoomIn, zoomOut, fit, range, focus, focusLabel, focusOnly, notice, chart, canvas, tooltip, details, markerHeading, markerList, announce, empty, openDataset };
}
