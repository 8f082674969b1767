// DOM helpers that only ever insert data as text (textContent / attributes set one by one).
// Audit data is attacker-controlled: nothing here parses HTML.

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, options: ElementOptions = {}, children: readonly Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) node.setAttribute(name, value);
  for (const child of children) node.appendChild(child);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`timeline: missing #${id}`);
  return node as T;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** UTC time as "2024-03-04 09:38:36" (seconds dropped when zero). */
export function formatTime(t: number): string {
  const iso = new Date(t).toISOString();
  const s = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return s.endsWith(':00') ? s.slice(0, -3) : s;
}

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(ms / 1000)} s`;
  if (abs < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (abs < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}
