import { randomBytes } from 'node:crypto';
import { CIPHERTEXT_FIELD, TamperedCiphertext, decryptField, encryptField, fieldKey } from './field-cipher';

describe('field cipher', () => {
  const key = randomBytes(32);
  const eventId = '0d8a4c1e-0000-4000-8000-000000000001';

  it('round-trips any JSON value and names the protecting subjects', () => {
    const sealed = encryptField(key, eventId, 'summary', 'Synthetic words', ['subj-a']);
    expect(sealed.by).toEqual(['subj-a']);
    expect(sealed[CIPHERTEXT_FIELD]).not.toContain('Synthetic');
    expect(decryptField(key, eventId, 'summary', sealed)).toBe('Synthetic words');
    expect(decryptField(key, eventId, 'changes', encryptField(key, eventId, 'changes', { a: [1, 'b'] }, ['s']))).toEqual({ a: [1, 'b'] });
  });

  it('is deterministic for one event, field and plaintext (so a retried append compares equal)', () => {
    expect(encryptField(key, eventId, 'summary', 'same', ['s'])).toEqual(encryptField(key, eventId, 'summary', 'same', ['s']));
  });

  it('uses another nonce for other plaintext, another event or another field', () => {
    const nonce = (sealed: { [CIPHERTEXT_FIELD]: string }) => Buffer.from(sealed[CIPHERTEXT_FIELD], 'base64').subarray(0, 12).toString('hex');
    const nonces = new Set([
      nonce(encryptField(key, eventId, 'summary', 'one', ['s'])),
      nonce(encryptField(key, eventId, 'summary', 'two', ['s'])),
      nonce(encryptField(key, eventId.replace(/1$/, '2'), 'summary', 'one', ['s'])),
      nonce(encryptField(key, eventId, 'reason', 'one', ['s'])),
    ]);
    expect(nonces.size).toBe(4);
  });

  it('detects a flipped bit, a ciphertext moved to another event or field, and a wrong key', () => {
    const sealed = encryptField(key, eventId, 'summary', 'Synthetic words', ['s']);
    const raw = Buffer.from(sealed[CIPHERTEXT_FIELD], 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptField(key, eventId, 'summary', { ...sealed, [CIPHERTEXT_FIELD]: raw.toString('base64') })).toThrow(TamperedCiphertext);
    expect(() => decryptField(key, eventId.replace(/1$/, '3'), 'summary', sealed)).toThrow(TamperedCiphertext);
    expect(() => decryptField(key, eventId, 'reason', sealed)).toThrow(TamperedCiphertext);
    expect(() => decryptField(randomBytes(32), eventId, 'summary', sealed)).toThrow(TamperedCiphertext);
  });

  it('derives a field key that needs every subject key', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    expect(fieldKey([a])).toBe(a);
    expect(fieldKey([a, b])).toHaveLength(32);
    expect(fieldKey([a, b])).toEqual(fieldKey([a, b]));
    expect(fieldKey([a, b])).not.toEqual(fieldKey([a, c]));
  });
});
