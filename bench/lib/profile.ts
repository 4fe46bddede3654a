/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of the server: self time by package or project
 * folder, the hottest functions by self time, and by inclusive time (each function counted once
 * per stack, so recursion does not inflate it).
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string, root: string): string {
  if (!url) return '';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 13).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
  }
  if (file.startsWith('node:')) return 'node (built-in)';
  if (file.startsWith(root)) {
    const rel = path.relative(root, file).split(path.sep);
    return rel[0] === 'dist' ? `${rel[1]}/${rel[2]}` : `${rel[0]}/${rel[1] ?? ''}`;
  }
  return file;
}

function label(n: ProfileNode, root: string): string {
  const f = n.callFrame;
  const file = f.url ? (f.url.startsWith('file://') ? decodeURIComponent(f.url.slice(7)) : f.url) : '';
  const short = file.startsWith(root) ? path.relative(root, file) : file;
  return `${f.functionName || '(anonymous)'}${short ? ` ${short}:${f.lineNumber + 1}` : ''}`;
}

export function summariseProfile(file: string, root: string, top = 25): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));

  let total = 0;
  let idle = 0;
  const byGroup = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclByFn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    total += us;
    const name = n.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    const group = name.startsWith('(') ? name : where(n.callFrame.url, root) || '(native / V8)';
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    const l = label(n, root);
    selfByFn.set(l, (selfByFn.get(l) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      const fl = label(node, root);
      if (seen.has(fl) || node.callFrame.functionName === '(root)') continue;
      seen.add(fl);
      inclByFn.set(fl, (inclByFn.get(fl) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `    ${pct(us)}  ${k}`)
      .join('\n');
  return [
    `  profile ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(1)} s (${((busy / total) * 100).toFixed(0)} %), idle ${(idle / 1e6).toFixed(1)} s`,
    '  self time by package / folder (share of busy time):',
    rows(byGroup, 18),
    `  top ${top} functions by self time:`,
    rows(selfByFn, top),
    `  top ${top} functions by inclusive time:`,
    rows(inclByFn, top),
  ].join('\n');
}

/** The newest .cpuprofile in a folder (node names them by date and pid). */
export function latestProfile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  files.sort((a, b) => fs.statSync(path.join(dir, b)).mtimeMs - fs.statSync(path.join(dir, a)).mtimeMs);
  return files[0] ? path.join(dir, files[0]) : undefined;
}
