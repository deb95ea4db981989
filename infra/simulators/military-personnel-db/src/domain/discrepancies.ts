import type { Rng } from '@motlan/simulator-kit/random';
import { daysInMonth } from './dates.ts';
import type { HoSoQuanNhan } from './record.ts';

/**
 * What a clerk gets wrong when a record is typed in by hand, and the fields a legacy import
 * mangles. Pure functions of a seeded RNG; each returns a value that differs from its input.
 */

/** One typing slip in one word of a full name: a letter dropped, doubled, or swapped with its neighbour. */
export function typo(rng: Rng, fullName: string): string {
  const words = fullName.split(' ');
  for (;;) {
    const index = rng.int(0, words.length - 1);
    const letters = [...words[index]!.normalize('NFC')];
    const at = rng.int(0, letters.length - 1);
    const slip = rng.int(0, 2);
    let changed: string[];
    if (slip === 0 && letters.length >= 3) changed = letters.filter((_, i) => i !== at);
    else if (slip === 1)
      changed = [...letters.slice(0, at + 1), letters[at]!.toLowerCase(), ...letters.slice(at + 1)];
    else if (at + 1 < letters.length && letters[at] !== letters[at + 1]) {
      changed = [...letters];
      [changed[at], changed[at + 1]] = [letters[at + 1]!, letters[at]!];
    } else continue;
    const word = changed.join('');
    if (word === words[index]) continue;
    return words.map((w, i) => (i === index ? word : w)).join(' ');
  }
}

/** The day of a dd/MM/yyyy date moved by 1–3 days within the same month. */
export function wrongBirthDay(rng: Rng, dmy: string): string {
  const day = Number(dmy.slice(0, 2));
  const month = Number(dmy.slice(3, 5));
  const year = Number(dmy.slice(6, 10));
  const last = daysInMonth(year, month);
  for (;;) {
    const shift = rng.int(1, 3) * (rng.chance(0.5) ? 1 : -1);
    const wrong = day + shift;
    if (wrong < 1 || wrong > last) continue;
    return `${wrong < 10 ? '0' : ''}${wrong}${dmy.slice(2)}`;
  }
}

export interface Malformation {
  field: keyof HoSoQuanNhan;
  /** The well-formed value, as text. */
  trueValue: string;
  /** The malformed value, as text. */
  recordedValue: string;
  record: HoSoQuanNhan;
}

const OTHER_CHECK_CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * One field mangled as a legacy import would: a military person code with a wrong check
 * character, a health grade outside 1–6, a commune code that lost its leading zero or a digit,
 * an enlistment date that is not a calendar date, a rank spelled outside the list. Identity
 * fields (name, date of birth, personal ID) are never touched, so a malformed record never also
 * counts as a disagreement with the population database.
 */
export function malform(rng: Rng, record: HoSoQuanNhan): Malformation {
  const kinds = [
    'code',
    'health',
    'commune',
    ...(record.NgayNhapNgu ? ['enlisted'] : []),
    ...(record.CapBac ? ['rank'] : []),
  ];
  const kind = rng.pick(kinds);
  switch (kind) {
    case 'code': {
      const code = record.MaDinhDanhQuanNhan;
      let check = code.slice(-1);
      while (check === code.slice(-1)) check = rng.pick([...OTHER_CHECK_CHARACTERS]);
      return mangled(record, 'MaDinhDanhQuanNhan', code.slice(0, -1) + check);
    }
    case 'health':
      return mangled(record, 'PhanLoaiSucKhoe', rng.chance(0.5) ? 0 : 7);
    case 'commune':
      return mangled(record, 'XaDangKy', record.XaDangKy.slice(1));
    case 'enlisted':
      return mangled(record, 'NgayNhapNgu', `${rng.pick(['30', '31'])}/02/${record.NgayNhapNgu!.slice(6)}`);
    default: {
      const misspelt: Record<string, string> = {
        'Thượng sĩ': 'Thượng sỹ',
        'Trung sĩ': 'Trung sỹ',
        'Hạ sĩ': 'Hạ sỹ',
      };
      const rank = record.CapBac!;
      return mangled(record, 'CapBac', misspelt[rank] ?? `${rank.toUpperCase()}`);
    }
  }
}

function mangled<K extends keyof HoSoQuanNhan>(
  record: HoSoQuanNhan,
  field: K,
  value: HoSoQuanNhan[K],
): Malformation {
  return {
    field,
    trueValue: String(record[field]),
    recordedValue: String(value),
    record: { ...record, [field]: value },
  };
}
