import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { ROOT } from "./helpers/cli.js";

/**
 * The Kubernetes files in deploy/kubernetes/ are checked offline, as kubeconform would with no
 * cluster: each document is validated against the Kubernetes API's schema for its kind (the
 * OpenAPI schemas compiled in the kubernetes-models package: types, required fields, enums), and
 * every field name must be one the API knows (strict mode: a misspelt `completionsMode` is not
 * silently ignored). Then what pathflow needs of them: an Indexed Job whose completions equal the
 * N of `--shard N`, no K in the args (each pod reads JOB_COMPLETION_INDEX), and a merge Job that
 * reads the shards' folder from the same volume.
 */
const DIR = join(ROOT, "deploy", "kubernetes");
const VALIDATORS: Record<string, (doc: unknown) => void> = {
  "batch/v1 Job": (doc) => new Job(doc as ConstructorParameters<typeof Job>[0]).validate(),
  "v1 PersistentVolumeClaim": (doc) => new PersistentVolumeClaim(doc as ConstructorParameters<typeof PersistentVolumeClaim>[0]).validate(),
};

/** Every field name in the Kubernetes API schemas (from the compiled validators' property paths). */
function knownFieldNames(): Set<string> {
  const require = createRequire(import.meta.url);
  const names = new Set<string>();
  const folders = [join(require.resolve("kubernetes-models/batch/v1/Job"), "..", "..", "..", "_schemas"), join(require.resolve("@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta"), "..")];
  for (const folder of folders) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".js"))) {
      for (const m of readFileSync(join(folder, file), "utf8").matchAll(/instancePath\+"\/([A-Za-z][A-Za-z0-9]*)"/g)) names.add(m[1]!);
    }
  }
  return names;
}

/** Keys whose names are the user's, not the API's (labels, resource names, ConfigMap keys). */
const FREE_KEYS = new Set(["labels", "annotations", "matchLabels", "nodeSelector", "limits", "requests"]);

function unknownFields(value: unknown, known: Set<string>, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, known, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => [...(known.has(key) ? [] : [`${path}.${key}`]), ...(FREE_KEYS.has(key) ? [] : unknownFields(v, known, `${path}.${key}`))]);
}

function documents(): { file: string; doc: Record<string, unknown> }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), "utf8")).map((d) => {
        expect(d.errors, file).toEqual([]);
        return { file, doc: d.toJS() as Record<string, unknown> };
      }),
    );
}

type JobDoc = { metadata: { name: string }; spec: { completionMode?: string; completions?: number; template: { spec: { containers: { args: string[]; volumeMounts: { name: string; mountPath: string }[] }[]; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } } } };

describe("the Kubernetes manifests", () => {
  it("are valid against the Kubernetes API schema, strictly", () => {
    const known = knownFieldNames();
    expect(known.has("completionMode") && known.has("backoffLimitPerIndex") && known.has("persistentVolumeClaim")).toBe(true);
    const docs = documents();
    expect(docs.map(({ file, doc }) => `${file}: ${String(doc["kind"])}`)).toEqual(["merge-job.yaml: Job", "results-pvc.yaml: PersistentVolumeClaim", "shards-job.yaml: Job"]);
    for (const { file, doc } of docs) {
      const validate = VALIDATORS[`${String(doc["apiVersion"])} ${String(doc["kind"])}`];
      expect(validate, `${file}: no schema for ${String(doc["apiVersion"])} ${String(doc["kind"])}`).toBeDefined();
      expect(() => validate!(doc), file).not.toThrow();
      expect(unknownFields(doc, known, file)).toEqual([]);
    }
  });

  it("the checks catch a misspelt field and a wrong type", () => {
    const known = knownFieldNames();
    const shards = documents().find((d) => d.file === "shards-job.yaml")!.doc as unknown as JobDoc;
    const misspelt = { ...shards, spec: { ...shards.spec, completionsMode: "Indexed" } };
    expect(unknownFields(misspelt, known, "job")).toEqual(["job.spec.completionsMode"]);
    expect(() => VALIDATORS["batch/v1 Job"]!({ ...shards, spec: { ...shards.spec, completions: "64" } })).toThrow(/completions must be integer/);
  });

  it("an Indexed Job of N pods each running --shard N, and a merge Job reading the same folder on the same volume", () => {
    const docs = documents();
    const shards = docs.find((d) => d.file === "shards-job.yaml")!.doc as unknown as JobDoc;
    const merge = docs.find((d) => d.file === "merge-job.yaml")!.doc as unknown as JobDoc;
    const pvc = docs.find((d) => d.file === "results-pvc.yaml")!.doc as { metadata: { name: string } };
    expect(shards.spec.completionMode).toBe("Indexed");
    const args = shards.spec.template.spec.containers[0]!.args;
    const n = args[args.indexOf("--shard") + 1];
    expect(n).toMatch(/^\d+$/); // N alone: K comes from JOB_COMPLETION_INDEX
    expect(shards.spec.completions).toBe(Number(n));
    const out = args[args.indexOf("--out") + 1]!;
    const mergeArgs = merge.spec.template.spec.containers[0]!.args;
    expect(mergeArgs[0]).toBe("merge");
    expect(mergeArgs[1]).toBe(out);
    for (const job of [shards, merge]) {
      const claim = job.spec.template.spec.volumes.find((v) => v.persistentVolumeClaim !== undefined)!;
      expect(claim.persistentVolumeClaim!.claimName).toBe(pvc.metadata.name);
      const mount = job.spec.template.spec.containers[0]!.volumeMounts.find((m) => m.name === claim.name)!;
      expect(out.startsWith(`${mount.mountPath}/`)).toBe(true);
    }
  });
});
