import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

/**
 * AES-256-GCM for one personal field, deterministic for the same event, field and plaintext.
 *
 * Why deterministic: appends are idempotent by event id, and a retried append is told apart from
 * a conflicting one by comparing stored content. A random nonce would make every retry look like
 * different content. The nonce is therefore derived SIV-style: HMAC-SHA256 over the field key,
 * the event id, the field path and the plaintext, truncated to GCM's 96 bits. The same
 * (key, event, field, plaintext) always yields the same ciphertext; a different plaintext yields
 * a different nonce (a collision would need an HMAC collision on 96 bits), so a nonce is never
 * reused for different plaintext under one key. The event id and path are the GCM associated
 * data: a ciphertext copied into another event or field fails authentication instead of decrypting.
 */
export const CIPHERTEXT_FIELD = '$ct';

/** How an encrypted field is stored in the event's JSON: base64(nonce | tag | ciphertext) and whose keys protect it. */
export interface EncryptedField {
  readonly [CIPHERTEXT_FIELD]: string;
  /** Subject ids, sorted; every one of their keys is needed to read the field. */
  readonly by: readonly string[];
}

export function isEncryptedField(value: unknown): value is EncryptedField {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[CIPHERTEXT_FIELD] === 'string' && Array.isArray((value as Record<string, unknown>).by);
}

export class TamperedCiphertext extends Error {
  constructor(eventId: string, path: string) {
    super(`The encrypted field ${path} of event ${eventId} fails authentication: it was altered or moved`);
    this.name = 'TamperedCiphertext';
  }
}

const NONCE = 12;
const TAG = 16;
const FIELD_KEY_LABEL = Buffer.from('casetrail field key v1\0');

/**
 * The key of a field protected by several subjects: one subject's key as it is, several keys
 * hashed together in subject-id order, so destroying any one of them makes the field unreadable.
 */
export function fieldKey(keys: readonly Buffer[]): Buffer {
  if (keys.length === 1) return keys[0];
  const hash = createHash('sha256').update(FIELD_KEY_LABEL);
  for (const key of keys) hash.update(key);
  return hash.digest();
}

function associatedData(eventId: string, path: string): Buffer {
  return Buffer.from(`${eventId}\0${path}`);
}

export function encryptField(key: Buffer, eventId: string, path: string, value: unknown, by: readonly string[]): EncryptedField {
  const plaintext = Buffer.from(JSON.stringify(value));
  const nonce = createHmac('sha256', key).update(eventId).update('\0').update(path).update('\0').update(plaintext).digest().subarray(0, NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(eventId, path));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { [CIPHERTEXT_FIELD]: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64'), by };
}

export function decryptField(key: Buffer, eventId: string, path: string, field: EncryptedField): unknown {
  const raw = Buffer.from(field[CIPHERTEXT_FIELD], 'base64');
  if (raw.length < NONCE + TAG) throw new TamperedCiphertext(eventId, path);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
  decipher.setAAD(associatedData(eventId, path));
  decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
  try {
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]).toString('utf8'));
  } catch {
    throw new TamperedCiphertext(eventId, path);
  }
}
