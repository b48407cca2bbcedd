/** The machine a benchmark ran on, for the first JSON line and for bench/RESULTS.md. */
import os from "node:os";

export interface Machine {
  readonly cpu: string;
  /** Logical cores the OS reports (`os.availableParallelism()`). */
  readonly cores: number;
  readonly memoryGiB: number;
  /** e.g. `v22.11.0`. */
  readonly node: string;
  readonly v8: string;
  /** e.g. `linux x64 6.8.0-45-generic`. */
  readonly platform: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch} ${os.release()}`,
  };
}

/** One line for a results file: `Intel Xeon … , 2 cores, 7.8 GiB, Node v20.19.0, linux x64 …`. */
export function formatMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}), ${m.platform}`;
}
