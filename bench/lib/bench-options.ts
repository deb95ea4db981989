/**
 * Command-line options of a bench that stand for its settings (`--seconds 10` for
 * `BENCH_SECONDS=10`): they are written into the environment the settings are loaded from, so they
 * are validated like the variables, and a value given both ways is the command line's.
 */
import { CommonErrors, MotlanError } from '@motlan/errors';

/**
 * Reads `--name value` and `--name=value` pairs for the options in `options` (option → setting)
 * out of `args`. Returns the settings they give and the arguments left. Throws MOTLAN_VALIDATION
 * naming an option that is unknown or lacks its value.
 */
export function optionsToSettings(
  args: readonly string[],
  options: Readonly<Record<string, string>>,
): { settings: Record<string, string>; rest: string[] } {
  const settings: Record<string, string> = {};
  const rest: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    const setting = options[name];
    if (setting === undefined) {
      throw new MotlanError(
        CommonErrors.validation,
        `unknown option ${name} (options: ${Object.keys(options).join(', ')})`,
        { field: name },
      );
    }
    const value = equals === -1 ? args[++index] : arg.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new MotlanError(CommonErrors.validation, `option ${name} needs a value`, { field: name });
    }
    settings[setting] = value;
  }
  return { settings, rest };
}
