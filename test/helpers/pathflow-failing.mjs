// `pathflow` as the built CLI runs it, with the fault-injecting worker of failing-worker.mjs.
import { main } from "../../dist/src/cli/main.js";

process.exitCode = await main(process.argv, { workerFile: new URL("./failing-worker.mjs", import.meta.url) });
