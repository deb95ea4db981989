/**
 * Which handling units each officer client — a unit's system, named by its client certificate —
 * may act for, as `ONE_STOP_OFFICER_CLIENTS` says: `name` acts for every unit (one system serving
 * all of them, as in development); `name=CODE|CODE|PREFIX*` only for those unit codes, a trailing
 * `*` matching every code that starts with what precedes it (`BCHQS-X-01*`).
 */
export class OfficerGrants {
  private constructor(private readonly units: ReadonlyMap<string, readonly string[] | 'every unit'>) {}

  /** Parses the setting; its syntax is checked by the config schema. */
  static parse(setting: string): OfficerGrants {
    const units = new Map<string, readonly string[] | 'every unit'>();
    for (const entry of setting.split(',')) {
      const [client = '', codes] = entry.trim().split('=');
      units.set(
        client.trim(),
        codes === undefined ? 'every unit' : codes.split('|').map((code) => code.trim()),
      );
    }
    return new OfficerGrants(units);
  }

  /** Every client may act for every unit (tests, single-unit deployments). */
  static everyUnit(clients: readonly string[]): OfficerGrants {
    return new OfficerGrants(new Map(clients.map((client) => [client, 'every unit'])));
  }

  get clients(): string[] {
    return [...this.units.keys()];
  }

  isOfficer(client: string): boolean {
    return this.units.has(client);
  }

  mayActFor(client: string, unitCode: string): boolean {
    const units = this.units.get(client);
    if (units === undefined) return false;
    if (units === 'every unit') return true;
    return units.some((code) =>
      code.endsWith('*') ? unitCode.startsWith(code.slice(0, -1)) : code === unitCode,
    );
  }
}
