// The table of one query output: a virtualised grid (only the rows in view are in the DOM, so
// 100k rows stay fast), sortable columns, copy as CSV / JSON, dynamic values that open below the
// grid, and for `render timeline` a button that opens the rows on the timeline. Every value is
// inserted as text.
import { MAX_TIMELINE_IDS, type QueryOutputPayload, type RendererMessage, type WireValue } from '../../src/protocol/notebook';
import { displayText, toCsv, toJsonRows } from '../../src/protocol/notebookValues';
import { button, h } from './dom';
import { columnWidths, dynamicPreview, identityOrder, sortOrder, timelineSelection, visibleRange, type SortDirection } from './tableModel';

export const ROW_HEIGHT = 22;
const MAX_VISIBLE_ROWS = 18;

export interface TableHost {
  /** Sends a message to the extension (absent when the renderer has no messaging). */
  post?(message: RendererMessage): void;
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}

export class TableView {
  readonly root: HTMLElement;
  private order: Uint32Array;
  private sorted: { column: number; direction: SortDirection } | undefined;
  private readonly viewport: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private readonly headerCells: HTMLElement[] = [];
  private readonly detail: HTMLDivElement;
  private readonly status: HTMLSpanElement;
  private readonly template: string;
  private drawn = { first: -1, end: -1 };
  private frame = 0;

  constructor(private readonly payload: QueryOutputPayload, private readonly host: TableHost) {
    this.order = identityOrder(payload.rows.length);
    this.template = columnWidths(payload).map((w) => `minmax(${w}ch, ${w}ch)`).join(' ');
    this.status = h('span', { className: 'exo-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.viewport = h('div', { className: 'exo-viewport', attrs: { tabindex: '0', role: 'grid', 'aria-rowcount': String(payload.rows.length + 1), 'aria-colcount': String(payload.columns.length) } });
    this.rowsLayer = h('div', { className: 'exo-rows', attrs: { role: 'rowgroup' } });
    this.detail = h('div', { className: 'exo-detail', attrs: { hidden: '' } });
    this.root = h('div', { className: 'exo-audit-table' }, this.toolbar(), ...this.notes(), this.grid(), this.detail);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.draw();
  }

  /** Shows a reply from the extension next to the buttons. */
  showStatus(text: string): void {
    this.status.textContent = text;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.root.remove();
  }

  private toolbar(): HTMLElement {
    const p = this.payload;
    const summary = `${plural(p.totalRows, 'row')}${p.rows.length < p.totalRows ? ` (${plural(p.rows.length, 'row')} shown)` : ''} · ${p.elapsedMs.toLocaleString('en-US')} ms${p.block ? ` · query ${p.block}` : ''}`;
    const bar = h('div', { className: 'exo-toolbar' }, h('span', { className: 'exo-summary' }, summary));
    bar.append(
      button('Copy CSV', () => this.copy('csv'), 'Copy the rows (in the current order) as CSV'),
      button('Copy JSON', () => this.copy('json'), 'Copy the rows (in the current order) as JSON'),
    );
    if (p.render?.kind === 'timeline') bar.append(button('Open in Timeline', () => this.openTimeline(), 'Show these records on the exo-audit timeline'));
    bar.append(this.status);
    return bar;
  }

  private notes(): HTMLElement[] {
    const p = this.payload;
    const notes = [...p.warnings.map((w) => `Warning: ${w}`)];
    if (p.cut) notes.push(`Output cut: ${p.cut}.`);
    if (p.render?.kind === 'timeline') notes.push('render timeline: the rows open on the timeline (exo-audit: Show Timeline) with the button above.');
    return notes.map((n) => h('div', { className: 'exo-note' }, n));
  }

  private grid(): HTMLElement {
    const header = h('div', { className: 'exo-row exo-header', attrs: { role: 'row', 'aria-rowindex': '1' } });
    header.style.gridTemplateColumns = this.template;
    this.payload.columns.forEach((c, i) => {
      const cell = h('div', { className: 'exo-cell exo-head', attrs: { role: 'columnheader', 'aria-sort': 'none' }, title: `${c.name} (${c.type}): click to sort` });
      const b = h('button', { className: 'exo-sort', attrs: { type: 'button' } }, c.name);
      b.addEventListener('click', () => this.sortBy(i));
      cell.append(b);
      this.headerCells.push(cell);
      header.append(cell);
    });
    const spacer = h('div', { className: 'exo-spacer' });
    spacer.style.height = `${this.payload.rows.length * ROW_HEIGHT}px`;
    spacer.append(this.rowsLayer);
    this.viewport.style.height = `${(Math.min(MAX_VISIBLE_ROWS, Math.max(1, this.payload.rows.length)) + 1) * ROW_HEIGHT + 2}px`;
    this.viewport.append(header, spacer);
    if (this.payload.rows.length === 0) spacer.append(h('div', { className: 'exo-empty' }, 'No rows.'));
    return this.viewport;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(force = false): void {
    const height = this.viewport.clientHeight || MAX_VISIBLE_ROWS * ROW_HEIGHT;
    const { first, end } = visibleRange(this.viewport.scrollTop, height, ROW_HEIGHT, this.order.length);
    if (!force && first === this.drawn.first && end === this.drawn.end) return;
    this.drawn = { first, end };
    this.rowsLayer.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const rows: HTMLElement[] = [];
    for (let r = first; r < end; r++) rows.push(this.row(r, this.order[r]!));
    this.rowsLayer.replaceChildren(...rows);
  }

  private row(position: number, index: number): HTMLElement {
    const values = this.payload.rows[index]!;
    const row = h('div', { className: `exo-row${position % 2 ? ' exo-odd' : ''}`, attrs: { role: 'row', 'aria-rowindex': String(position + 2) } });
    row.style.gridTemplateColumns = this.template;
    this.payload.columns.forEach((c, i) => {
      const v = values[i] ?? null;
      if (c.type === 'dynamic' && v !== null && typeof v === 'object') {
        const cell = h('div', { className: 'exo-cell exo-dynamic', attrs: { role: 'gridcell' } });
        const b = h('button', { className: 'exo-expand', attrs: { type: 'button', 'aria-expanded': 'false' }, title: 'Show the whole value below the table' }, `▸ ${dynamicPreview(v)}`);
        b.addEventListener('click', () => this.showDetail(index, i, v));
        cell.append(b);
        row.append(cell);
      } else {
        const text = displayText(v, c.type);
        row.append(h('div', { className: `exo-cell${c.type === 'long' || c.type === 'real' ? ' exo-number' : ''}`, attrs: { role: 'gridcell' }, title: text }, text));
      }
    });
    return row;
  }

  private showDetail(row: number, column: number, value: WireValue): void {
    const name = this.payload.columns[column]!.name;
    const close = button('Close', () => {
      this.detail.hidden = true;
      this.detail.replaceChildren();
    });
    this.detail.replaceChildren(
      h('div', { className: 'exo-detail-head' }, h('span', {}, `${name}, row ${(row + 1).toLocaleString('en-US')}`), close),
      h('pre', { className: 'exo-json' }, JSON.stringify(value, null, 2)),
    );
    this.detail.hidden = false;
  }

  private sortBy(column: number): void {
    const direction: SortDirection = this.sorted?.column === column && this.sorted.direction === 'ascending' ? 'descending' : 'ascending';
    this.sorted = { column, direction };
    this.order = sortOrder(this.payload, column, direction);
    this.headerCells.forEach((cell, i) => cell.setAttribute('aria-sort', i === column ? direction : 'none'));
    this.viewport.scrollTop = 0;
    this.draw(true);
  }

  private orderedRows(): WireValue[][] {
    return Array.from(this.order, (i) => this.payload.rows[i] as WireValue[]);
  }

  private copy(format: 'csv' | 'json'): void {
    const rows = this.orderedRows();
    const text = format === 'csv' ? toCsv(this.payload, rows) : toJsonRows(this.payload, rows);
    if (this.host.post) {
      this.host.post({ type: 'copy', format, text, rows: rows.length });
      this.showStatus('Copying…');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => this.showStatus(`Copied ${plural(rows.length, 'row')} as ${format.toUpperCase()}.`),
      () => this.showStatus('The clipboard is not available here.'),
    );
  }

  private openTimeline(): void {
    const selection = timelineSelection(this.payload, MAX_TIMELINE_IDS);
    if (!this.host.post) {
      this.showStatus('Open the timeline with the command "exo-audit: Show Timeline".');
      return;
    }
    this.host.post({ type: 'openTimeline', ...selection });
    this.showStatus('Opening the timeline…');
  }
}
