/**
 * The 54 ethnic groups of Viet Nam with their two-digit codes, numbered as in the General
 * Statistics Office's "Danh mục các thành phần dân tộc Việt Nam" (Decision 121-TCTK/PPCĐ,
 * 2 March 1979). The GSO's later statistical list (Decision 1019/QĐ-TCTK, 2008) orders the same
 * groups differently (04 Mường, 05 Khơ-me, 06 Hoa, ...): an upstream using that numbering needs a
 * mapping, not this table. Names are today's usual spellings; upstreams write some differently
 * (Khơ-me, Mông, Gia-rai), which is why facts carry the upstream's name beside the code.
 */
export const ETHNICITIES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Kinh',
  '02': 'Tày',
  '03': 'Thái',
  '04': 'Hoa',
  '05': 'Khmer',
  '06': 'Mường',
  '07': 'Nùng',
  '08': "H'Mông",
  '09': 'Dao',
  '10': 'Gia Rai',
  '11': 'Ngái',
  '12': 'Ê Đê',
  '13': 'Ba Na',
  '14': 'Xơ Đăng',
  '15': 'Sán Chay',
  '16': 'Cơ Ho',
  '17': 'Chăm',
  '18': 'Sán Dìu',
  '19': 'Hrê',
  '20': 'Mnông',
  '21': 'Ra Glai',
  '22': 'Xtiêng',
  '23': 'Bru - Vân Kiều',
  '24': 'Thổ',
  '25': 'Giáy',
  '26': 'Cơ Tu',
  '27': 'Giẻ Triêng',
  '28': 'Mạ',
  '29': 'Khơ Mú',
  '30': 'Co',
  '31': 'Tà Ôi',
  '32': 'Chơ Ro',
  '33': 'Kháng',
  '34': 'Xinh Mun',
  '35': 'Hà Nhì',
  '36': 'Chu Ru',
  '37': 'Lào',
  '38': 'La Chí',
  '39': 'La Ha',
  '40': 'Phù Lá',
  '41': 'La Hủ',
  '42': 'Lự',
  '43': 'Lô Lô',
  '44': 'Chứt',
  '45': 'Mảng',
  '46': 'Pà Thẻn',
  '47': 'Cơ Lao',
  '48': 'Cống',
  '49': 'Bố Y',
  '50': 'Si La',
  '51': 'Pu Péo',
  '52': 'Brâu',
  '53': 'Ơ Đu',
  '54': 'Rơ Măm',
});

export function isEthnicityCode(code: string): boolean {
  return Object.hasOwn(ETHNICITIES, code);
}

export function ethnicityName(code: string): string | undefined {
  return isEthnicityCode(code) ? ETHNICITIES[code] : undefined;
}
