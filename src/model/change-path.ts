/**
 * The path a scenario change (or a sweep's --set) names: `nodes.acute.servers`, array indices as
 * `.0.` or `[0]`, a key that is not an id as `["*"]`.
 */

/**
 * Parses a change path: `nodes.acute.outcomes.*.0.pct`, `nodes.acute.outcomes["*"][0].pct` or
 * `nodes.acute.outcomes[*][0].pct`. Array indices are numbers; ids never contain dots.
 */
export function parseChangePath(text: string): { path: Array<string | number> } | { error: string } {
  const path: Array<string | number> = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "[") {
      const index = /^\[(\d+)\]/.exec(text.slice(i));
      const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(text.slice(i));
      const bare = /^\[([^\]".]+)\]/.exec(text.slice(i));
      if (index?.[1] !== undefined) {
        path.push(Number(index[1]));
        i += index[0].length;
      } else if (quoted?.[1] !== undefined) {
        path.push(JSON.parse(quoted[1]) as string);
        i += quoted[0].length;
      } else if (bare?.[1] !== undefined) {
        path.push(bare[1]);
        i += bare[0].length;
      } else {
        return { error: `cannot read the path ${JSON.stringify(text)} at character ${i + 1}: expected [index], [key] or ["key"]` };
      }
    } else {
      let end = i;
      while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
      if (end === i) return { error: `cannot read the path ${JSON.stringify(text)}: empty name at character ${i + 1}` };
      path.push(text.slice(i, end));
      i = end;
    }
    if (text[i] === ".") {
      i++;
      if (i === text.length) return { error: `cannot read the path ${JSON.stringify(text)}: it ends with "."` };
    } else if (i < text.length && text[i] !== "[") {
      return { error: `cannot read the path ${JSON.stringify(text)} at character ${i + 1}` };
    }
  }
  if (path.length === 0) return { error: "the path is empty" };
  return { path };
}
