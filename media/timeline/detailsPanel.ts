// The details panel: the selected record's key fields, the finding(s) it is evidence of, the story,
// and the actions. Built with createElement/textContent only: every value is attacker-controlled.
import {
  TIMELINE_MARKER_KIND_LABELS, type TimelineActionKind, type TimelineDetails, type TimelineFindingDetails,
} from '../../src/protocol/timeline';
import { clear, el, formatTime } from './dom';

const ACTIONS: readonly { kind: TimelineActionKind; label: string; unavailable: string }[] = [
  { kind: 'revealRecord', label: 'Reveal record in file', unavailable: 'The file this record came from is not available.' },
  { kind: 'openQuery', label: 'Open query around it', unavailable: 'No query can be built for this record.' },
  { kind: 'revealTreeItem', label: 'Jump to tree item', unavailable: 'No tenant view item for this record (load a tenant model first).' },
];

function findingSection(heading: string, f: TimelineFindingDetails): HTMLElement {
  const section = el('section', { className: 'finding', attrs: { 'data-severity': f.severity } });
  section.appendChild(el('h3', { text: `${heading}: ${f.title}` }));
  section.appendChild(el('p', { className: 'severity', text: `Severity ${f.severity}` }));
  if (f.description) section.appendChild(el('p', { text: f.description }));
  if (f.reasons.length) section.appendChild(el('ul', { className: 'reasons' }, f.reasons.map((r) => el('li', { text: r }))));
  if (f.techniques.length) section.appendChild(el('p', { className: 'techniques', text: f.techniques.join(' · ') }));
  return section;
}

export function showDetails(panel: HTMLElement, d: TimelineDetails, act: (kind: TimelineActionKind) => void): void {
  clear(panel);
  panel.appendChild(el('h2', { className: 'details-title', text: d.title || TIMELINE_MARKER_KIND_LABELS[d.kind] }));
  panel.appendChild(el('p', {
    className: 'meta',
    text: `${TIMELINE_MARKER_KIND_LABELS[d.kind]} · ${formatTime(d.time)} UTC · ${d.table} · lane ${d.lane}`,
  }));
  const actions = el('div', { className: 'actions', attrs: { role: 'group', 'aria-label': 'Actions' } });
  for (const a of ACTIONS) {
    const button = el('button', { text: a.label, attrs: { type: 'button', 'data-action': a.kind } });
    if (!d.actions[a.kind]) {
      button.disabled = true;
      button.title = a.unavailable;
    }
    button.addEventListener('click', () => act(a.kind));
    actions.appendChild(button);
  }
  panel.appendChild(actions);
  for (const f of d.findings) panel.appendChild(findingSection('Finding', f));
  if (d.story) panel.appendChild(findingSection('Story', d.story));
  const fields = el('dl', { className: 'fields' });
  for (const f of d.fields) {
    fields.appendChild(el('dt', { text: f.name }));
    fields.appendChild(el('dd', { text: f.value }));
  }
  panel.appendChild(el('h3', { text: 'Record' }));
  panel.appendChild(fields);
}

export function showDetailsPlaceholder(panel: HTMLElement, text: string): void {
  clear(panel);
  panel.appendChild(el('p', { className: 'placeholder', text }));
}
