export * from './errors.ts';
export * from './dates/iso-date.ts';
export * from './dates/partial-date.ts';

export * from './text/validate-text.ts';
export * from './text/validate-text-in.ts';
export * from './requests/request-metadata.ts';
export * from './requests/idempotency-key.ts';

export * from './personal-id/province-codes.ts';
export * from './personal-id/country-codes.ts';
export * from './personal-id/century-sex.ts';
export * from './personal-id/validate-personal-id.ts';
export * from './personal-id/build-personal-id.ts';

export * from './military-code/issuing-units.ts';
export * from './military-code/check-character.ts';
export * from './military-code/validate-military-code.ts';
export * from './military-code/build-military-code.ts';

export * from './names/normalize-name.ts';
export * from './names/fold-diacritics.ts';
export * from './names/match-name.ts';
export * from './names/tone-marks.ts';
export * from './names/lookalikes.ts';
export * from './names/name-punctuation.ts';
export * from './names/full-name.ts';

export * from './matching/field-match.ts';
export * from './matching/match-date.ts';
export * from './matching/match-exact.ts';

export * from './codes/sex.ts';
export * from './codes/ethnicities.ts';
export * from './codes/religions.ts';

export * from './facts/sources.ts';
export * from './facts/values.ts';
export * from './facts/military-values.ts';
export * from './facts/catalog.ts';
export * from './facts/validate-fact-value.ts';
export * from './facts/canonical-json.ts';
export * from './facts/content-hash.ts';
export * from './facts/assurance.ts';
export * from './facts/declared-facts.ts';
