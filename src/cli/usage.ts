// --help text for gremlins and each command: citty's renderer, plus the default-command and exit-code notes,
// without colour when the output is not a colour terminal.
import { type CommandDef, renderUsage } from "citty";

export const EXIT_CODES = `EXIT CODES

  0  success (run: the score is at or above thresholds.break)
  1  run: the mutation score is below thresholds.break
  2  usage or configuration error, no files to mutate, tests failing without gremlins
  3  unexpected internal error (a gremlins bug; please report it)`;

/** Any command. `any` because citty's CommandDef is invariant in its flag types and main's table mixes three commands. */
export type AnyCommand = CommandDef<any>;

export async function renderHelp(
  command: AnyCommand,
  parent: AnyCommand | undefined,
  isRoot: boolean,
): Promise<string> {
  let text = await renderUsage(command, parent);
  if (isRoot) {
    text += `\n\nWithout a command, \`gremlins\` means \`gremlins run\`: \`gremlins --workers 2\` runs with 2 workers.`;
    text += `\n\n${EXIT_CODES}`;
  }
  // Trailing blanks go even when a colour code follows them (citty colours the usage line).
  return text.replace(/[ \t]+((?:\u001B\[[0-9;]*m)*)$/gm, "$1") + "\n";
}
