import { describe, expect, it } from "vitest";
import { startProgress } from "../src/cli/progress.js";
import { RecordingStream, SGR, manualClock } from "./helpers/progress-stream.js";

/**
 * The bar is coloured on a terminal, and not at all when NO_COLOR is set to anything
 * (https://no-color.org): the bar is still drawn, in plain characters.
 */
describe("progress honours NO_COLOR", () => {
  function draw(env: Record<string, string>): string {
    const stream = new RecordingStream(true);
    const clock = manualClock();
    const progress = startProgress({ label: "mmc", quiet: false, stream, env, now: clock.now }, "running", 4);
    clock.advance(1_000);
    progress.update(2, 4);
    progress.stop();
    return stream.text;
  }

  it("colours the bar on a terminal", () => {
    expect(draw({ TERM: "xterm-256color" })).toMatch(SGR);
  });

  it("draws the same bar without colour when NO_COLOR is set", () => {
    const text = draw({ TERM: "xterm-256color", NO_COLOR: "1" });
    expect(text).not.toMatch(SGR);
    expect(text).toMatch(/█+░+ 2\/4 replications/);
  });
});
