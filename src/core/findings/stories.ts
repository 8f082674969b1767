/**
 * Stories: findings chained per actor / app / mailbox. A grant (delegation,
 * consent, RBAC) links to later use by its grantee (access, collection,
 * persistence); findings of one subject near in time link; tampering links to
 * what its actor did around it. A connected group spanning at least two stages
 * is a story.
 */
import { IdAllocator } from './ids';
import { fold, identityKey, isSystemActor } from './identities';
import { microsoftMailClients } from './settings';
import { scoreThresholds, severityOfScore } from './severity';
import type { Evidence, Finding, ScoreReason, Stage, Story } from './types';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const stageOrder: readonly Stage[] = ['grant', 'access', 'collection', 'persistence', 'tampering'];
const useStages: ReadonlySet<Stage> = new Set(['access', 'collection', 'persistence']);

interface Node {
  readonly f: Finding;
  readonly subjects: ReadonlySet<string>;
  readonly grantees: ReadonlySet<string>;
  readonly mailbox: string;
  readonly start: number;
  readonly end: number;
}

/** Keys of the people and apps a finding is about; Microsoft's own mail clients are how, not who, and link nothing. */
function keysOf(...values: string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    for (const part of v.split(',')) {
      const k = identityKey(part);
      if (k && !isSystemActor(part) && !(k in microsoftMailClients)) out.add(k);
    }
  }
  return out;
}

function node(f: Finding): Node {
  const grantees = f.stage === 'grant' ? keysOf(f.grantee, ...(f.app ? [f.app] : []), ...f.related) : new Set<string>();
  return {
    f,
    subjects: keysOf(f.actor, f.app, ...f.related),
    grantees,
    mailbox: identityKey(f.mailbox),
    start: f.start ?? NaN,
    end: f.end ?? f.start ?? NaN,
  };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const k of a) if (b.has(k)) return true;
  return false;
}

function sameMailboxOrOpen(a: Node, b: Node): boolean {
  return a.mailbox === '' || b.mailbox === '' || a.mailbox === b.mailbox;
}

/** Whether two findings belong to one chain (order-independent). */
function linked(x: Node, y: Node, window: number): boolean {
  if (!Number.isFinite(x.start) || !Number.isFinite(y.start)) return false;
  const [a, b] = x.start <= y.start ? [x, y] : [y, x];
  const gap = b.start - a.end;
  if (gap > window) return false;
  // grant -> use of the access by its grantee
  if (a.f.stage === 'grant' && useStages.has(b.f.stage) && intersects(a.grantees, b.subjects) && sameMailboxOrOpen(a, b)) return b.start >= a.start - HOUR;
  if (b.f.stage === 'grant' && useStages.has(a.f.stage) && intersects(b.grantees, a.subjects) && sameMailboxOrOpen(a, b)) return a.start >= b.start - HOUR;
  // an account used from somewhere new, then making grants
  if (a.f.stage === 'access' && b.f.stage === 'grant' && intersects(a.subjects, b.subjects)) return b.start >= a.start - HOUR;
  // tampering on the mailbox (or account) another finding is about: by the same actor, or while it was being read
  if (a.f.stage === 'tampering' || b.f.stage === 'tampering') {
    const [t, o] = a.f.stage === 'tampering' ? [a, b] : [b, a];
    const sameActor = intersects(t.subjects, o.subjects);
    if (t.mailbox === '') return sameActor;
    const aboutIt = t.mailbox === o.mailbox || o.subjects.has(t.mailbox) || o.grantees.has(t.mailbox);
    return aboutIt && (sameActor || useStages.has(o.f.stage) || o.f.stage === 'grant');
  }
  // two grants to the same app (consent + credential), or uses by the same subject on the same mailbox
  if (a.f.stage === 'grant' && b.f.stage === 'grant') return intersects(a.grantees, b.grantees) && a.grantees.size > 0 && fold(a.f.app) !== '' && fold(b.f.app) !== '';
  if (useStages.has(a.f.stage) && useStages.has(b.f.stage)) return intersects(a.subjects, b.subjects) && sameMailboxOrOpen(a, b);
  return false;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function mergeEvidence(members: readonly Finding[]): Evidence[] {
  const byTable = new Map<string, { ids: string[]; rows: number[]; seen: Set<string> }>();
  for (const m of members) {
    for (const e of m.evidence) {
      let acc = byTable.get(e.table);
      if (!acc) byTable.set(e.table, (acc = { ids: [], rows: [], seen: new Set() }));
      e.ids.forEach((id, i) => {
        const key = `${id}|${e.rows[i]}`;
        if (acc!.seen.has(key)) return;
        acc!.seen.add(key);
        acc!.ids.push(id);
        acc!.rows.push(e.rows[i] ?? -1);
      });
    }
  }
  return [...byTable].map(([table, acc]) => ({ table: table as Evidence['table'], ids: acc.ids, rows: acc.rows }));
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

function storyOf(members: Finding[], ids: IdAllocator): Story {
  members.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage));
  const stages = stageOrder.filter((s) => members.some((m) => m.stage === s));
  const top = members.reduce((best, m) => (m.score > best.score ? m : best));
  // Chaining raises a story only when it links findings that matter on their own.
  const significant = members.filter((m) => m.score >= scoreThresholds.medium).length;
  const bonus = significant < 2 ? 0 : stages.length >= 3 ? 15 : 5;
  const reasons: ScoreReason[] = [
    { points: 0, text: `highest member: ${top.title} (${top.severity})` },
    { points: bonus, text: `${stages.length} stages chained: ${stages.join(' -> ')}` },
  ];
  const score = Math.min(100, top.score + bonus);
  const subject = mostCommon(members.flatMap((m) => (m.stage === 'grant' ? m.grantee.split(',') : [m.actor || m.app])).filter((s) => s && !isSystemActor(s)));
  const mailbox = mostCommon(members.map((m) => m.mailbox));
  const app = mostCommon(members.map((m) => m.app));
  const starts = members.map((m) => m.start).filter((t): t is number => t !== null);
  const ends = members.map((m) => m.end ?? m.start).filter((t): t is number => t !== null);
  const memberIds = members.map((m) => m.id);
  return {
    id: ids.next(memberIds.slice().sort().join('|')),
    ruleId: 'story',
    title: `${subject || mailbox || app || 'Unknown actor'}: ${stages.join(' -> ')}`,
    severity: severityOfScore(score),
    score,
    baseScore: top.score,
    reasons,
    techniques: [...new Map(members.flatMap((m) => m.techniques).map((t) => [t.id, t])).values()],
    description: members.map((m) => `${m.stage}: ${m.title}`).join('\n'),
    stage: stages[stages.length - 1]!,
    evidence: mergeEvidence(members),
    start: starts.length ? Math.min(...starts) : null,
    end: ends.length ? Math.max(...ends) : null,
    mailbox,
    actor: subject,
    app,
    grantee: [...new Set(members.filter((m) => m.stage === 'grant').map((m) => m.grantee).filter(Boolean))].join(','),
    related: [],
    remediation: members.flatMap((m) => m.remediation),
    references: [...new Set(members.flatMap((m) => m.references))],
    details: { members: members.length },
    memberIds,
    stages,
  };
}

/** Chains findings into stories; `windowDays` bounds the gap between linked findings. */
export function buildStories(findings: readonly Finding[], windowDays: number): Story[] {
  const nodes = findings.map(node);
  const uf = new UnionFind(nodes.length);
  const window = windowDays * DAY;
  // Compare only findings that share a key: index by every subject / grantee key.
  const byKey = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const k of new Set([...n.subjects, ...n.grantees, ...(n.mailbox ? [`mailbox:${n.mailbox}`] : [])])) {
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(i);
    }
  });
  for (const list of byKey.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (uf.find(a) !== uf.find(b) && linked(nodes[a]!, nodes[b]!, window)) uf.union(a, b);
      }
    }
  }
  const groups = new Map<number, Finding[]>();
  nodes.forEach((n, i) => {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(n.f);
  });
  const ids = new IdAllocator('S');
  const stories: Story[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    if (new Set(members.map((m) => m.stage)).size < 2) continue;
    stories.push(storyOf(members, ids));
  }
  return stories.sort((a, b) => b.score - a.score || (a.start ?? 0) - (b.start ?? 0));
}
