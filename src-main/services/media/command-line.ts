/** Quotes one argument so the printed command can be pasted into a POSIX shell and run as it was. */
export function quoteShellArg(arg: string): string {
  if (arg === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The exact command as run, for logs and for the manifest's processing steps. */
export function formatCommandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map(quoteShellArg).join(' ');
}
