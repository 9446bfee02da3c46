/**
 * A hybrid logical clock (Kulkarni et al., 2014) as a string that sorts by time: every change
 * to the library (a save, a delete) is stamped with one, and sync keeps, per article, the
 * change with the larger stamp. The wall part follows the device clock; the counter orders
 * changes in the same millisecond and keeps a stamp ahead of every stamp this device has seen,
 * even when its clock is behind; the node id breaks ties the same way on every device.
 *
 *   "000001733570000000.00000.k3j9x2"  (ms since the epoch . counter . node)
 */

const WALL_DIGITS = 18;
const COUNTER_DIGITS = 5;
const NODE = /^[a-z0-9]{1,32}$/;
const HLC = /^(\d{18})\.(\d{5})\.([a-z0-9]{1,32})$/;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc({ wall, counter, node }: HlcParts): string {
  return `${String(Math.max(0, Math.floor(wall))).padStart(WALL_DIGITS, '0')}.${String(counter).padStart(COUNTER_DIGITS, '0')}.${node}`;
}

export function parseHlc(value: string): HlcParts | null {
  const m = HLC.exec(value);
  if (!m) return null;
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3] as string };
}

export const isHlc = (value: unknown): value is string => typeof value === 'string' && HLC.test(value);

/** The stamp of a record written before clocks existed: its save time, node "0" (loses every tie). */
export const legacyHlc = (savedAt: number): string => formatHlc({ wall: savedAt, counter: 0, node: '0' });

/** A new random node id (base 36). */
export function newNodeId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

export const isNodeId = (value: unknown): value is string => typeof value === 'string' && NODE.test(value);

/** The stamp of a local change at `now`, after `last` (the largest stamp this device has issued or seen). */
export function tick(last: string | undefined, now: number, node: string): string {
  const prev = last ? parseHlc(last) : null;
  if (!prev || now > prev.wall) return formatHlc({ wall: now, counter: 0, node });
  return formatHlc({ wall: prev.wall, counter: prev.counter + 1, node });
}

/** The clock after seeing a remote stamp: never behind it, so the next local change sorts after it. */
export function receive(last: string | undefined, remote: string, now: number, node: string): string {
  const a = last ? parseHlc(last) : null;
  const b = parseHlc(remote);
  const wall = Math.max(now, a?.wall ?? 0, b?.wall ?? 0);
  let counter = 0;
  if (a && b && wall === a.wall && wall === b.wall) counter = Math.max(a.counter, b.counter) + 1;
  else if (a && wall === a.wall) counter = a.counter + 1;
  else if (b && wall === b.wall) counter = b.counter + 1;
  return formatHlc({ wall, counter, node });
}

/** Compares two stamps: by time, then counter, then node (the same answer on every device). */
export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
