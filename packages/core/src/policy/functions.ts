import { type FunctionDef, type CallContext, TemplateFunctionError, UnsupportedFunctionError } from '../expression/evaluate.js';
import { fn, fail, str, int } from '../functions/util.js';
import { parseIsoDate, formatRoundTrip } from '../functions/date.js';

/** Template functions Azure Policy refuses in a policy rule (definition-structure-policy-rule.md). */
export const FORBIDDEN_IN_POLICY: ReadonlySet<string> = new Set(
  [
    'copyIndex', 'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'deployment', 'environment',
    'extensionResourceId', 'lambda', 'listAccountSas', 'listKeys', 'listSecrets', 'managementGroup', 'newGuid',
    'pickZones', 'providers', 'reference', 'resourceId', 'subscriptionResourceId', 'tenantResourceId', 'tenant',
    'variables',
  ].map((n) => n.toLowerCase()),
);

export function isForbiddenInPolicy(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_IN_POLICY.has(lower) || (lower.startsWith('list') && lower !== 'list');
}

/** Policy-only functions that depend neither on the resource nor on count bindings. */
export function clockFunctions(now: (ctx: CallContext) => Date): FunctionDef[] {
  return [
    fn('utcNow', 0, 1, (a, c) => {
      const format = a.length > 0 ? String(a[0]) : 'o';
      // `u` is .NET's universal sortable format.
      if (format === 'u') return formatRoundTrip(now(c)).replace(/^(.{10})T(.{8})\.\d+Z$/, '$1 $2Z');
      // Other formats are valid in Azure: not computing them is sigil's limit (unknown), not a
      // failed evaluation (a deny).
      if (!/^[oO]?$/.test(format)) throw new UnsupportedFunctionError('utcNow(): custom formats are not computed by sigil');
      return formatRoundTrip(now(c));
    }),
    fn('addDays', 2, 2, (a) => {
      const d = parseIsoDate(str('addDays', a, 0));
      if (!d) fail('addDays', `"${String(a[0])}" is not a valid date`);
      return formatRoundTrip(new Date(d.getTime() + int('addDays', a, 1) * 86_400_000));
    }),
    fn('ipRangeContains', 2, 2, (a) => ipRangeContains(str('ipRangeContains', a, 0), str('ipRangeContains', a, 1))),
  ];
}

type Range = { family: 4 | 6; lo: bigint; hi: bigint };

function parseIp(s: string): { family: 4 | 6; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { family: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':')) return undefined;
  const [head, tail, extra] = s.split('::');
  if (extra !== undefined) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function parseRange(s: string): Range {
  const trimmed = s.trim();
  const bad = (): never => {
    throw new TemplateFunctionError(`ipRangeContains(): "${s}" is not an IP address, CIDR range or address range`);
  };
  if (trimmed.includes('/')) {
    const [addr, bits] = trimmed.split('/');
    const ip = parseIp(addr ?? '') ?? bad();
    const width = ip.family === 4 ? 32 : 128;
    const n = Number(bits);
    if (!Number.isInteger(n) || n < 0 || n > width) bad();
    const hostBits = BigInt(width - n);
    const lo = (ip.value >> hostBits) << hostBits;
    return { family: ip.family, lo, hi: lo + (1n << hostBits) - 1n };
  }
  if (trimmed.includes('-')) {
    const [a, b] = trimmed.split('-').map((x) => parseIp(x.trim()));
    if (!a || !b || a.family !== b.family || a.value > b.value) bad();
    return { family: a!.family, lo: a!.value, hi: b!.value };
  }
  const ip = parseIp(trimmed) ?? bad();
  return { family: ip.family, lo: ip.value, hi: ip.value };
}

function ipRangeContains(range: string, target: string): boolean {
  const r = parseRange(range);
  const t = parseRange(target);
  if (r.family !== t.family) throw new TemplateFunctionError('ipRangeContains(): the ranges are of different IP families');
  return t.lo >= r.lo && t.hi <= r.hi;
}

