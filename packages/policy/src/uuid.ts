import { createHash } from 'node:crypto';

/**
 * sigil's UUID v5 namespace: every generated policy object name is `uuidV5(SIGIL_NAMESPACE, key)`,
 * so the same rule code gives the same definition name in every release and redeploying updates the
 * definition instead of adding a second one. Never change it.
 */
export const SIGIL_NAMESPACE = '1ef80271-fd50-4fa9-a4b8-da6f785355d0';

/** A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace bytes and the UTF-8 name). */
export function uuidV5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
