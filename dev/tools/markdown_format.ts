// Markdown written into docs/ by a tool, laid out as `deno fmt` would lay it
// out, so that the fmt check passes on what the tool wrote.

/** `markdown` through `deno fmt` (tables padded, prose wrapped). */
export async function formatMarkdown(
  markdown: string,
  what: string,
): Promise<string> {
  const fmt = new Deno.Command("deno", {
    args: ["fmt", "--ext=md", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = fmt.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown));
  await writer.close();
  const { success, stdout } = await fmt.output();
  if (!success) throw new Error(`deno fmt could not format ${what}`);
  return new TextDecoder().decode(stdout);
}
