import { describe, expect, it } from 'vitest';
import { GrpcCode } from '@motlan/errors';
import { validateFactValue, validateText, validateTextIn } from '../src/index.ts';
import { thrown } from './support.ts';

const NGUYEN_NFD = 'Nguyễn'.normalize('NFD');

describe('validateText', () => {
  it('composes NFD to NFC and leaves other text as it is', () => {
    expect(NGUYEN_NFD).not.toBe('Nguyễn'.normalize('NFC'));
    expect(validateText(`${NGUYEN_NFD} Văn An`, 'name')).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(validateText('Trần Thị Bích 😀', 'name')).toBe('Trần Thị Bích 😀');
    expect(validateText('', 'name')).toBe('');
  });

  it.each([
    ['U+0000', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['C1 CSI', '\u009b'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
  ])('refuses a control character: %s', (_name, character) => {
    const error = thrown(() => validateText(`An${character}`, 'body.given'));
    expect(error).toMatchObject({
      code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
      field: 'body.given',
      httpStatus: 400,
      grpcCode: GrpcCode.INVALID_ARGUMENT,
      canRetry: false,
    });
    const hex = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    expect(error.message).toBe(
      `body.given contains ${character >= '\u2028' ? 'a line or paragraph separator' : 'a control character'} (U+${hex}) at character 3`,
    );
  });

  it('refuses TAB, LF and CR in single-line text and accepts them in free text', () => {
    for (const character of ['\t', '\n', '\r']) {
      expect(thrown(() => validateText(`a${character}b`, 'name')).code).toBe('MOTLAN_TEXT_CONTROL_CHARACTER');
      expect(validateText(`a${character}b`, 'reason', { lineBreaks: true })).toBe(`a${character}b`);
    }
    // Line breaks allowed do not let other controls through.
    expect(thrown(() => validateText('a\nb\u0000', 'reason', { lineBreaks: true })).message).toBe(
      'reason contains a control character (U+0000) at character 4',
    );
  });

  it.each([
    ['ZERO WIDTH SPACE', '\u200b'],
    ['ZERO WIDTH NON-JOINER', '\u200c'],
    ['ZERO WIDTH JOINER', '\u200d'],
    ['LEFT-TO-RIGHT MARK', '\u200e'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
    ['WORD JOINER', '\u2060'],
    ['BYTE ORDER MARK', '\ufeff'],
    ['SOFT HYPHEN', '\u00ad'],
    ['ARABIC LETTER MARK', '\u061c'],
    ['TAG LATIN SMALL A', '\u{e0061}'],
  ])('refuses an invisible format character: %s', (_name, character) => {
    const error = thrown(() => validateText(`Nguyễn${character}An`, 'fullName'));
    expect(error).toMatchObject({ code: 'MOTLAN_TEXT_INVISIBLE_CHARACTER', field: 'fullName' });
    expect(error.message).toMatch(
      /^fullName contains an invisible format character \(U\+[0-9A-F]{4,5}\) at character 7$/,
    );
  });

  it.each([
    ['U+FDD0', '\ufdd0'],
    ['U+FDEF', '\ufdef'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
    ['U+1FFFF', '\u{1ffff}'],
    ['U+10FFFF', '\u{10ffff}'],
  ])('refuses a noncharacter: %s', (name, character) => {
    const error = thrown(() => validateText(`x${character}`, 'comment', { lineBreaks: true }));
    expect(error).toMatchObject({ code: 'MOTLAN_TEXT_NONCHARACTER', meta: { codePoint: name } });
  });

  it.each([
    ['a lone high surrogate', 'An\ud800'],
    ['a lone low surrogate', 'An\udc00x'],
    ['a pair in the wrong order', 'An\udc00\ud800'],
    ['a high surrogate before a non-surrogate', '\ud83dAn'],
  ])('refuses an unpaired surrogate: %s', (_name, text) => {
    expect(thrown(() => validateText(text, 'given'))).toMatchObject({
      code: 'MOTLAN_TEXT_UNPAIRED_SURROGATE',
      field: 'given',
    });
  });

  it('accepts a well-formed surrogate pair', () => {
    expect(validateText('\ud83d\ude00', 'given')).toBe('😀');
  });

  it('never puts the text itself in the message', () => {
    expect(thrown(() => validateText('Bí mật\u0007', 'name')).message).not.toContain('Bí mật');
  });
});

describe('validateTextIn', () => {
  it('normalises every string and property name, naming the path of a refusal', () => {
    const input = { claims: { fullName: NGUYEN_NFD, list: ['a', NGUYEN_NFD] }, n: 1, ok: true, none: null };
    const output = validateTextIn(input, 'body');
    expect(output).toEqual({
      claims: { fullName: 'Nguyễn', list: ['a', 'Nguyễn'] },
      n: 1,
      ok: true,
      none: null,
    });
    expect(input.claims.fullName).toBe(NGUYEN_NFD); // not mutated
    expect(thrown(() => validateTextIn({ claims: { list: ['a', 'b\u200d'] } }, 'body')).field).toBe(
      'body.claims.list.1',
    );
    expect(thrown(() => validateTextIn({ ['k\u0000']: 1 }, 'body')).field).toBe('body.k\u0000');
    expect(thrown(() => validateTextIn({ a: 'x\u0000' }, '')).field).toBe('a');
  });

  it('returns the same object when nothing changes, and leaves bytes alone', () => {
    const bytes = Buffer.from([0, 7, 0xff]);
    const input = { name: 'Nguyễn', bytes, nested: [{ a: 'b' }] };
    expect(validateTextIn(input, 'body')).toBe(input);
    expect(validateTextIn({ bytes }, 'body').bytes).toBe(bytes);
  });

  it('applies the line-break rule to values, never to property names', () => {
    expect(validateTextIn({ reason: 'a\nb' }, 'body', { lineBreaks: true })).toEqual({ reason: 'a\nb' });
    expect(thrown(() => validateTextIn({ ['a\nb']: 'x' }, 'body', { lineBreaks: true })).code).toBe(
      'MOTLAN_TEXT_CONTROL_CHARACTER',
    );
  });
});

describe('validateFactValue and text', () => {
  const name = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };

  it.each([
    ['U+0000', 'An\u0000', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    ['BEL', 'An\u0007', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    ['TAB', 'An\tB', 'MOTLAN_TEXT_CONTROL_CHARACTER'],
    ['ZWJ', 'An\u200d', 'MOTLAN_TEXT_INVISIBLE_CHARACTER'],
    ['RLO', '\u202eAn', 'MOTLAN_TEXT_INVISIBLE_CHARACTER'],
    ['an unpaired surrogate', 'An\ud800', 'MOTLAN_TEXT_UNPAIRED_SURROGATE'],
  ])('refuses a value holding %s, naming the field', (_name, given, code) => {
    const error = thrown(() => validateFactValue('identity.full_name', { ...name, given }, 'facts.0.value'));
    expect(error).toMatchObject({ code, field: 'facts.0.value.given', httpStatus: 400 });
  });

  it('returns an NFD value composed to NFC, and an NFC value as the same object', () => {
    const nfd = Object.fromEntries(Object.entries(name).map(([k, v]) => [k, v.normalize('NFD')]));
    expect(nfd.full).not.toBe(name.full);
    expect(validateFactValue('identity.full_name', nfd)).toEqual(name);
    expect(validateFactValue('identity.full_name', name)).toBe(name);
  });
});
