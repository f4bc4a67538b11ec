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
