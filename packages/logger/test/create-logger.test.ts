import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalIds } from '../src/index.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('censors personal fields at any depth and masks IDs in messages', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'test', destination });
    logger.info(
      {
        personalId: '001099012345',
        citizen: { fullName: 'Nguyễn Văn An', address: { detail: '12 Lê Lợi' } },
      },
      'looked up 001099012345',
    );
    const text = lines.join('');
    expect(text).not.toContain('001099012345');
    expect(text).not.toContain('Nguyễn');
    expect(text).not.toContain('Lê Lợi');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('looked up 001*********');
  });

  it('masks military person codes in messages and URLs, and censors their fields', () => {
    expect(maskPersonalIds('/api/v1/ho-so/QNK120240001236?x=1')).toBe('/api/v1/ho-so/QN*************?x=1');
    expect(maskPersonalIds('QNK120240001236')).toBe('QN*************');
    // Not a code: too short, too long, or inside a longer word.
    expect(maskPersonalIds('QNK12024000123 QNK1202400012367 XQNHQ2024A00123X')).toBe(
      'QNK12024000123 QNK1202400012367 XQNHQ2024A00123X',
    );
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'test', destination });
    logger.info(
      { record: { MaDinhDanhQuanNhan: 'QNK120240001236', NgaySinh: '17/05/1999' } },
      'found QNK120240001236',
    );
    const text = lines.join('');
    expect(text).not.toContain('K120240001236');
    expect(text).not.toContain('17/05/1999');
    expect(text).toContain('found QN*************');
  });

  it('masks only 12-digit runs', () => {
    expect(maskPersonalIds('id 079203000123 and order 1234567890123')).toBe(
      'id 079********* and order 1234567890123',
    );
  });
});
