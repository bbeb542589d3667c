/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self and total time per function, top N by self
 * time and by total time. `npx tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--top 40] [--filter TEXT]`
 * (`--filter` keeps only samples whose stack contains a function or file matching TEXT, e.g. `runCheck`).
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
if (!file) throw new Error('usage: cpuprofile-summary FILE.cpuprofile [--top N] [--filter TEXT]');
const opt = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const top = Number(opt('--top') ?? 40);
const filter = opt('--filter');

const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\//u, '').replace(/^.*\/(node_modules|packages|bench)\//u, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const dt = (prof.timeDeltas[i] ?? 0) / 1000;
  const stack: string[] = [];
  for (let id: number | undefined = prof.samples[i]; id !== undefined; id = parent.get(id)) stack.push(label(byId.get(id)!));
  if (filter && !stack.some((s) => s.includes(filter))) continue;
  all += dt;
  self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + dt);
  for (const s of new Set(stack)) total.set(s, (total.get(s) ?? 0) + dt);
}

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(v / 1000).toFixed(2).padStart(8)} s ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`${(all / 1000).toFixed(2)} s sampled${filter ? ` (stacks containing “${filter}”)` : ''}`);
show('self time', self);
show('total time', total);
