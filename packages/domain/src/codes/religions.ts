/**
 * Religion codes. 01–14 follow the General Statistics Office's "Danh mục tôn giáo Việt Nam"
 * (Decision 1019/QĐ-TCTK, 12 November 2008; 14 Mặc Môn added after Decision 132/QĐ-TGCP, 2014);
 * 00 stands for no religion. The population database's own list has not been published where we
 * could check it, so an adapter must map upstream codes here rather than assume they coincide;
 * facts carry the upstream's name beside the code for that reason.
 */
export const RELIGIONS: Readonly<Record<string, string>> = Object.freeze({
  '00': 'Không',
  '01': 'Phật giáo',
  '02': 'Công giáo',
  '03': 'Phật giáo Hòa Hảo',
  '04': 'Hồi giáo',
  '05': 'Cao Đài',
  '06': 'Minh Sư đạo',
  '07': 'Minh Lý đạo',
  '08': 'Tin Lành',
  '09': 'Tịnh độ Cư sĩ Phật hội Việt Nam',
  '10': 'Tứ Ân Hiếu Nghĩa',
  '11': 'Bửu Sơn Kỳ Hương',
  '12': "Baha'i",
  '13': 'Bà La Môn',
  '14': 'Mặc Môn',
});

export const NO_RELIGION_CODE = '00';

export function isReligionCode(code: string): boolean {
  return Object.hasOwn(RELIGIONS, code);
}

export function religionName(code: string): string | undefined {
  return isReligionCode(code) ? RELIGIONS[code] : undefined;
}
