/** Systems of record that facts come from, as written in a fact's provenance (`source_system`). */
export const SOURCE_SYSTEMS = [
  'national-population-db',
  'military-service-db',
  'military-personnel-db',
  // The handling units of the one-stop shop, whose resolved dossiers' results are facts.
  'commune-military-command',
  'provincial-military-command',
] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];
