/**
 * The value of `--name value` or `--name=value` among a command's arguments: undefined when the
 * option is absent, '' when it is given without a value (so the command can say it is missing).
 * @example optionValue(['--email', 'a@b.c'], '--email') // 'a@b.c'
 */
export function optionValue(args: readonly string[], name: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  if (inline !== undefined) return inline.slice(name.length + 1);
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? '') : undefined;
}

/** The options a command accepts: those that take a value, and flags that stand alone. */
export type KnownOptions = { values?: readonly string[]; flags?: readonly string[] };

/**
 * The first argument that is not one of `known` (a misspelt option, a flag given a value, a stray
 * word), or undefined when all are known: commands refuse it with their usage rather than
 * silently doing something else than asked.
 * @example unknownOption(['--from', 'x', '--jsn'], { values: ['--from'], flags: ['--json'] }) // '--jsn'
 */
export function unknownOption(args: readonly string[], known: KnownOptions): string | undefined {
  const values = known.values ?? [];
  const flags = known.flags ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.split('=', 1)[0] as string;
    if (values.includes(name)) {
      if (name === arg) i++; // `--name value`: the next argument is the value
    } else if (!flags.includes(arg)) {
      return arg;
    }
  }
  return undefined;
}
