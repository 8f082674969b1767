/** Walking the syntax tree: children of a node, and the chain of nodes at an offset. */
import type { Block, Node } from './ast';

function isNode(v: unknown): v is Node {
  return v !== null && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string' && typeof (v as { start?: unknown }).start === 'number';
}

/** Direct child nodes, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  let sorted = true;
  for (const key in record) {
    if (key === 'extent' || key === 'opRange' || key === 'argsRange') continue;
    const v = record[key];
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x)) {
        if (out.length && out[out.length - 1]!.start > x.start) sorted = false;
        out.push(x);
      }
    } else if (isNode(v)) {
      if (out.length && out[out.length - 1]!.start > v.start) sorted = false;
      out.push(v);
    }
  }
  return sorted ? out : out.sort((a, b) => a.start - b.start);
}

export function walk(node: Node, visit: (n: Node, parent: Node | undefined) => void, parent?: Node): void {
  visit(node, parent);
  for (const c of children(node)) walk(c, visit, node);
}

/** The nodes whose range holds `offset` (end inclusive), outermost first. */
export function nodePathAt(root: Block, offset: number): Node[] {
  const path: Node[] = [];
  let current: Node | undefined = root;
  while (current) {
    path.push(current);
    let next: Node | undefined;
    for (const c of children(current)) {
      if (c.start <= offset && offset <= c.end) {
        next = c;
        // prefer the later child when two touch at offset (`a|b`): the one starting here
      }
    }
    current = next;
  }
  return path;
}
