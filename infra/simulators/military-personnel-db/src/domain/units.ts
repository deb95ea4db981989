import { militaryIssuerForProvince } from '@motlan/domain';
import type { Rng } from '@motlan/simulator-kit/random';

/**
 * The issuing unit (military region or Capital Command) for a two-digit province code; BQ when
 * unknown: the domain's rule (`militaryIssuerForProvince` of `@motlan/domain`), which the
 * personnel system and the commune military commands share.
 */
export const issuerForProvince: (provinceCode: string) => string = militaryIssuerForProvince;

export interface DonVi {
  /** The system's unit code, e.g. `F308-D3`. */
  MaDonVi: string;
  TenDonVi: string;
}

/** Divisions and commands an active-duty member of each region may serve in (battalions 1–9 below them). */
const FORMATIONS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  TD: [
    ['F301', 'Sư đoàn 301, Bộ Tư lệnh Thủ đô Hà Nội'],
    ['E102', 'Trung đoàn 102, Sư đoàn 308, Quân đoàn 12'],
  ],
  K1: [
    ['F3', 'Sư đoàn 3, Quân khu 1'],
    ['F346', 'Sư đoàn 346, Quân khu 1'],
  ],
  K2: [
    ['F316', 'Sư đoàn 316, Quân khu 2'],
    ['F355', 'Sư đoàn 355, Quân khu 2'],
  ],
  K3: [
    ['F395', 'Sư đoàn 395, Quân khu 3'],
    ['F350', 'Sư đoàn 350, Quân khu 3'],
  ],
  K4: [
    ['F324', 'Sư đoàn 324, Quân khu 4'],
    ['F968', 'Sư đoàn 968, Quân khu 4'],
  ],
  K5: [
    ['F2', 'Sư đoàn 2, Quân khu 5'],
    ['F315', 'Sư đoàn 315, Quân khu 5'],
  ],
  K7: [
    ['F5', 'Sư đoàn 5, Quân khu 7'],
    ['F302', 'Sư đoàn 302, Quân khu 7'],
  ],
  K9: [
    ['F4', 'Sư đoàn 4, Quân khu 9'],
    ['F330', 'Sư đoàn 330, Quân khu 9'],
  ],
  BQ: [['F308', 'Sư đoàn 308, Quân đoàn 12']],
};

/** Formations outside the regions that take people from anywhere. */
const NATIONAL: readonly (readonly [string, string])[] = [
  ['HQV4', 'Vùng 4 Hải quân'],
  ['F371', 'Sư đoàn Không quân 371'],
  ['F308', 'Sư đoàn 308, Quân đoàn 12'],
];

/** A battalion, mostly of the person's own region, sometimes of a national formation. */
export function pickUnit(rng: Rng, issuer: string, avoid?: string): DonVi {
  for (;;) {
    const pool = rng.chance(0.8) ? (FORMATIONS[issuer] ?? FORMATIONS['BQ']!) : NATIONAL;
    const [code, name] = rng.pick(pool);
    const battalion = rng.int(1, 9);
    const unit = { MaDonVi: `${code}-D${battalion}`, TenDonVi: `Tiểu đoàn ${battalion}, ${name}` };
    if (unit.MaDonVi !== avoid) return unit;
  }
}
