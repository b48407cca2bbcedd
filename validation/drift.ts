/**
 * Case 8 — acuity drift: with b2 at its default the admitted share falls as bed pressure rises
 * (Blom et al. 2014; Wyatt et al.); with b2 = 0 it does not.
 *
 * Comparing admitted shares between pressure bands does not isolate drift in the default ICS
 * model: the patients deciding at high pressure are a more acute mix than those at low pressure,
 * so the shares differ even with b2 = 0. The case therefore
 * reads, for every ED decision, the bed pressure at that moment (reconstructed from the event
 * trace and checked against the model's own counts) and the patient's acuity, and checks:
 * - with b2 = 0, the admitted share in each band is what the case mix alone predicts;
 * - with b2 at its default, the same patients (common random numbers: same people, same
 *   admission draws) are admitted less at high pressure than with b2 = 0, by what the logistic
 *   predicts at the pressures they met, and by a few points, as reported;
 * - in a model with one acuity band and flat demand (no case mix to confound), the raw shares
 *   by band are flat with b2 = 0 and fall as predicted with b2 at its default.
 */
import { loadModel, type LoadedModel } from "../src/model/load.js";
import type { CompiledEd, CompiledModel } from "../src/model/compiled.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { withAdmission } from "../src/experiment/drift-range.js";
import { confidenceInterval } from "../src/experiment/statistics.js";
import {
  commandFor,
  compare,
  compileLoaded,
  compileModelObject,
  type HarnessModel,
  exact,
  info,
  runReplications,
  timed,
  type RunSettings,
  type ValidationCase,
  type ValidationRow,
} from "./harness.js";
import { ICS_DEFAULT } from "./littles-law.js";
import { exponential } from "./models.js";

const CASE = 8;
const SEED = 801;
const BANDS = ["<95", "95-100", ">100"] as const;
type Band = (typeof BANDS)[number];

/** The model's own banding of bed pressure (src/pathway/). */
function bandOf(pressurePct: number): Band {
  return pressurePct < 95 ? "<95" : pressurePct <= 100 ? "95-100" : ">100";
}

interface Decision {
  readonly id: number;
  /** Bed pressure on the admitting unit at the decision, % (boarders and others waiting included). */
  readonly pressure: number;
  readonly admitted: boolean;
}

interface DecisionRun {
  readonly results: ReplicationResult[];
  /** Per replication: decisions in the results period, in time order. */
  readonly decisions: Decision[][];
  /** Per replication: patient id → acuity band index (0 = least acute). */
  readonly bandOf: Map<number, number>[];
}

function edOf(model: CompiledModel): CompiledEd {
  const ed = model.nodes.find((n): n is CompiledEd => n.kind === "ed");
  if (ed === undefined) throw new Error(`${model.name} has no ED`);
  return ed;
}

/**
 * Runs replications with the event trace and the patient ledger, recording each ED decision with
 * the bed pressure at that moment: patients at the admitting unit (entered, not yet left) over its
 * beds, as the model computes it when boarders count.
 */
function runDecisions(model: HarnessModel, reps: number, label: string, days?: number): DecisionRun {
  const ed = edOf(model);
  const acute = model.nodes[ed.admitTo]!;
  if (acute.kind !== "unit" || acute.servers.kind !== "fixed" || !Number.isFinite(acute.servers.value)) throw new Error("the admitting unit needs a fixed number of beds");
  if (!ed.pressureIncludesBoarders) throw new Error("this reconstruction counts boarders in the pressure");
  const beds = acute.servers.value;
  const warmHours = model.run.warmupDays * 24;
  const decisions: Decision[][] = [];
  const results = runReplications(model, {
    label,
    reps,
    ledger: true,
    ...(days !== undefined ? { days } : {}),
    observe: () => {
      const list: Decision[] = [];
      decisions.push(list);
      let present = 0;
      return (t, id, event, node) => {
        if (node === acute.id) {
          if (event === "enter") present++;
          else if (event === "depart" || event === "refused") present--;
        } else if (node === ed.id && (event === "admit" || event === "discharge") && t >= warmHours) {
          list.push({ id, pressure: (100 * present) / beds, admitted: event === "admit" });
        }
      };
    },
  });
  const bands = results.map((r) => {
    const ledger = r.ledger!;
    const map = new Map<number, number>();
    for (let i = 0; i < ledger.length; i++) map.set(ledger.id[i]!, ledger.band[i]!);
    return map;
  });
  return { results, decisions, bandOf: bands };
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Share (in points) of decisions in `band` that admitted, from a per-decision value. */
function bandMean(decisions: readonly Decision[], band: Band, value: (d: Decision) => number): number {
  let sum = 0;
  let n = 0;
  for (const d of decisions) {
    if (bandOf(d.pressure) !== band) continue;
    sum += value(d);
    n++;
  }
  return n > 0 ? (100 * sum) / n : NaN;
}

/** Per replication: mean of `value` at high pressure (> 100%) minus at low (< 95%), in points. */
function highMinusLow(run: DecisionRun, value: (d: Decision, rep: number) => number, filter: (d: Decision, rep: number) => boolean = () => true): number[] {
  return run.decisions.map((list, rep) => {
    const kept = list.filter((d) => filter(d, rep));
    return bandMean(kept, ">100", (d) => value(d, rep)) - bandMean(kept, "<95", (d) => value(d, rep));
  });
}

/** Decisions whose reconstructed band disagrees with the model's own counts, summed over replications and bands. */
function reconstructionMismatches(run: DecisionRun): number {
  let mismatches = 0;
  run.results.forEach((r, rep) => {
    for (const band of BANDS) {
      const mine = run.decisions[rep]!.filter((d) => bandOf(d.pressure) === band);
      const theirs = r.admissionDecisionsByPressure[band] ?? { decisions: 0, admitted: 0 };
      mismatches += Math.abs(mine.length - theirs.decisions) + Math.abs(mine.filter((d) => d.admitted).length - theirs.admitted);
    }
  });
  return mismatches;
}

/** A model with no case mix: one acuity band, flat Poisson demand, an ED and one ward. */
export function controlledDriftModel(b2: number, days: number, warmupDays: number, replications: number): Record<string, unknown> {
  return {
    name: `drift-controlled-b2-${b2 === 0 ? "0" : "default"}`,
    description: "ED and one ward, every patient of the same acuity, flat demand: any difference in admitted share between pressure bands is drift.",
    acuityBands: ["1", "2", "3", "4", "5"],
    run: { days, warmupDays, replications, seed: SEED },
    segments: {
      everyone: { description: "One acuity band, no daily or weekly pattern.", acuityPct: [0, 0, 100, 0, 0], arrivals: [{ route: "walk-in", to: "ed", ratePerDay: 80 }] },
    },
    nodes: {
      ed: {
        type: "ed",
        description: "30 cubicles; an admitted patient boards in its cubicle until a bed is free.",
        cubicles: 30,
        assessmentMin: exponential(120),
        admission: { to: "ward", b0: -0.85, b1PerAcuityBand: 0, b2PerOccupancyPoint: b2, referenceOccupancyPct: 92, pressureIncludesBoarders: true },
      },
      ward: {
        type: "unit",
        description: "100 beds, exponential stays of mean 4 days.",
        servers: 100,
        durationDays: exponential(4),
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
      },
    },
  };
}

/** Replications of the one-band model (cheap: 80 arrivals a day). */
const CONTROL_REPS = { full: 20, quick: 10 } as const;

/** The default b2 (the shipped model's) for the controlled model too. */
const DEFAULT_B2 = -0.015;

export const driftCase: ValidationCase = {
  id: CASE,
  slug: "drift",
  title: "Acuity drift: admitted share by bed pressure, with b2 at its default and with b2 = 0",
  reps: { full: 10, quick: 3 },
  async run(settings: RunSettings) {
    const loaded: LoadedModel = await loadModel(ICS_DEFAULT);
    return timed(CASE, this.title, settings.reps, () => {
      const command = commandFor(CASE);
      const withDriftModel = compileLoaded(loaded);
      const ed = edOf(withDriftModel);
      // Drift switched off: the same model with b2 = 0 (intercept as given).
      const noDriftModel: HarnessModel = { ...withAdmission(withDriftModel, ed.id, 0, ed.b0), run: withDriftModel.run };
      const b2 = ed.b2;
      // Same seed and replication numbers: the same patients, with the same admission draws.
      const drift = runDecisions(withDriftModel, settings.reps, "case 8: ics-default, b2 default");
      const flat = runDecisions(noDriftModel, settings.reps, "case 8: ics-default, b2 = 0 (b2 set to 0)");
      const x0 = (id: number, rep: number, run: DecisionRun): number => ed.b0 + ed.b1 * (run.bandOf[rep]!.get(id)! + 1);

      // Controlled model: one acuity band, flat demand.
      // It is small (80 arrivals a day), so it gets more replications than the ICS model.
      const controlDays = 365;
      const controlWarmup = 60;
      const controlReps = settings.quick ? CONTROL_REPS.quick : CONTROL_REPS.full;
      const control = runDecisions(compileModelObject(controlledDriftModel(DEFAULT_B2, controlDays, controlWarmup, controlReps)), controlReps, "case 8: controlled drift model, b2 default");
      const controlFlat = runDecisions(compileModelObject(controlledDriftModel(0, controlDays, controlWarmup, controlReps)), controlReps, "case 8: controlled drift model, b2 = 0");

      const rows: ValidationRow[] = [];
      let k = 0;
      const next = (): string => `${CASE}.${String(++k).padStart(2, "0")}`;
      const family = 4;

      rows.push(
        exact(
          {
            id: next(),
            checks: "decisions and admissions by pressure band read from the event trace (patients at the ward, boarders included, over its beds) = the model's own `admissionDecisionsByPressure`, every replication and model (count of differences)",
            reference: 0,
            source: "src/pathway/ counts at each decision",
            command,
            digits: 0,
          },
          reconstructionMismatches(drift) + reconstructionMismatches(flat) + reconstructionMismatches(control) + reconstructionMismatches(controlFlat),
          2 * settings.reps + 2 * controlReps,
          0,
        ),
      );

      // ics-default, raw between-band differences (context, not a test of drift).
      const raw = (run: DecisionRun): number[] => highMinusLow(run, (d) => (d.admitted ? 1 : 0));
      rows.push(
        info(
          {
            id: next(),
            checks: `ics-default, b2 = ${b2}: admitted share at > 100% pressure minus at < 95%, points (raw: different patients in each band)`,
            reference: NaN,
            source: "Blom et al. 2014: 31.5% → 28.7% (−2.8 points) from < 95% to > 105% occupancy",
            command,
            digits: 2,
          },
          raw(drift),
          "context: mixes drift with case mix",
        ),
        info(
          {
            id: next(),
            checks: "ics-default, b2 = 0 (same model, b2 set to 0): admitted share at > 100% pressure minus at < 95%, points (raw)",
            reference: 0,
            source: "the issue's expectation: flat within sampling error",
            command,
            digits: 2,
          },
          raw(flat),
          "context: not flat, because case mix differs by pressure (next row)",
        ),
      );
      // b2 = 0: observed share minus the share the case mix predicts, high minus low.
      const caseMixResidual = highMinusLow(flat, (d, rep) => (d.admitted ? 1 : 0) - logistic(x0(d.id, rep, flat)), (d, rep) => flat.bandOf[rep]!.has(d.id));
      rows.push(
        compare(
          {
            id: next(),
            checks: "ics-default, b2 = 0: (admitted share − share predicted by each patient's acuity alone) at > 100% minus at < 95%, points — flat once case mix is accounted for",
            reference: 0,
            source: "P(admit) = logistic(b0 + b1·acuity) when b2 = 0: pressure has no effect",
            command,
            digits: 2,
          },
          caseMixResidual,
          { family, precisionFloor: 1 },
        ),
      );

      // b2 default, same patients: admitted with drift minus admitted without (CRN), by band.
      const admittedWithout = flat.decisions.map((list) => new Map(list.map((d) => [d.id, d.admitted])));
      const common = (d: Decision, rep: number): boolean => admittedWithout[rep]!.has(d.id) && drift.bandOf[rep]!.has(d.id);
      const effect = highMinusLow(drift, (d, rep) => (d.admitted ? 1 : 0) - (admittedWithout[rep]!.get(d.id)! ? 1 : 0), common);
      const predicted = highMinusLow(drift, (d, rep) => logistic(x0(d.id, rep, drift) + b2 * (d.pressure - ed.referencePct)) - logistic(x0(d.id, rep, drift)), common);
      rows.push(
        compare(
          {
            id: next(),
            checks: `ics-default, b2 = ${b2}, same patients as with b2 = 0 (common random numbers): drift effect on admitted share at > 100% minus at < 95%, points`,
            reference: 0,
            source: "logistic(b0 + b1·a + b2·(u − 92)) − logistic(b0 + b1·a) averaged over the same decisions, at the pressure u each met",
            command,
            digits: 2,
          },
          effect,
          { family, referenceValues: predicted, maxRelativeHalfWidth: 0.25 },
        ),
      );
      // The same effect against the literature's size: "roughly 1–3 points", downwards.
      const e = confidenceInterval(effect, 0.95);
      // "Roughly 1–3 points" read as −4 to −0.5 (a point's latitude at the top, half a point at
      // the bottom); the direction must be clear: the whole interval below 0.
      const consistent = e.high !== null && e.high < 0 && e.mean >= -4 && e.mean <= -0.5;
      rows.push({
        id: next(),
        checks: `ics-default, b2 = ${b2}: the same drift effect against the reported size, points`,
        reference: -2.8,
        source: "Blom et al. 2014 (−2.8 points, < 95% → > 105%); af Ugglas 2020 (−1.9 per +10 points); Wyatt et al. (RR 1.039 low vs 0.967 very high occupancy): roughly 1–3 points down",
        simMean: e.mean,
        ciLow: e.low,
        ciHigh: e.high,
        reps: effect.length,
        criterion: "95% CI entirely below 0 (the reported direction) and mean within roughly 1–3 points down (−4 to −0.5)",
        verdict: consistent ? "pass" : "fail",
        command,
        digits: 2,
      });

      // Controlled model: raw shares are the whole story.
      const controlRaw = raw(control);
      const controlPredicted = highMinusLow(control, (d) => logistic(-0.85 + DEFAULT_B2 * (d.pressure - 92)));
      rows.push(
        compare(
          {
            id: next(),
            checks: `one acuity band, flat demand, b2 = ${DEFAULT_B2}: admitted share at > 100% minus at < 95%, points (raw)`,
            reference: 0,
            source: "logistic(b0 + b2·(u − 92)) averaged over the decisions in each band, at the pressure u each met",
            command,
            digits: 2,
          },
          controlRaw,
          { family, referenceValues: controlPredicted, maxRelativeHalfWidth: 0.5 },
        ),
        compare(
          {
            id: next(),
            checks: "one acuity band, flat demand, b2 = 0: admitted share at > 100% minus at < 95%, points (raw)",
            reference: 0,
            source: "no drift and no case mix: flat",
            command,
            digits: 2,
          },
          raw(controlFlat),
          { family, precisionFloor: 1 },
        ),
      );

      const shares = (run: DecisionRun): string =>
        BANDS.map((band) => {
          const decisions = run.decisions.reduce((a, list) => a + list.filter((d) => bandOf(d.pressure) === band).length, 0);
          const admitted = run.decisions.reduce((a, list) => a + list.filter((d) => bandOf(d.pressure) === band && d.admitted).length, 0);
          return `${band}: ${decisions > 0 ? ((100 * admitted) / decisions).toFixed(1) : "—"}% of ${decisions.toLocaleString("en-GB")}`;
        }).join(", ");
      return {
        rows,
        notes: [
          `Admitted share by bed pressure band — ics-default (${settings.reps} replications) with b2 = ${b2}: ${shares(drift)}; with b2 = 0 (same model and seeds): ${shares(flat)}; one-band model (${controlReps} replications) with b2 = ${DEFAULT_B2}: ${shares(control)}; with b2 = 0: ${shares(controlFlat)}.`,
          "What was checked, and why. In the default model the raw comparison of admitted share between pressure bands does not isolate drift: with b2 = 0 the share is several points *higher* at > 100% pressure than below 95%, because the patients deciding when beds are under most pressure are a more acute mix (row 8.04: each patient's acuity alone accounts for the whole difference). So the case reads every ED decision's bed pressure from the event trace (patients at the acute unit, boarders included, over its beds — reproducing the model's own band counts exactly, row 8.01) and the patient's acuity from the patient ledger. With b2 = 0 the admitted share in each band equals what each patient's acuity alone predicts, so the apparent rise is case mix (row 8.04). With b2 at its default, the same patients — common random numbers give each patient the same acuity and admission uniform in both runs — are admitted less often at > 100% than at < 95% relative to their b2 = 0 decisions, by the amount the logistic predicts at the pressures they met (8.05), which is a few points, in the direction Blom et al. and Wyatt et al. report (8.06). A model with a single acuity band and flat demand has no case mix, and there the raw comparison is the right one: flat with b2 = 0 (8.08), falling as predicted with b2 at its default (8.07).",
          `The ics-default runs use the model's own run settings (${loaded.model.run.warmupDays}-day warm-up, ${loaded.model.run.days} days; see case 4 on that warm-up): each decision is compared at the pressure it met, so whether the period is stationary does not matter here. The one-band model runs ${controlDays} days after ${controlWarmup} days of warm-up. Seeds: the model file's (${loaded.model.run.seed}) for ics-default, ${SEED} for the one-band model; the b2 = 0 runs use the same seeds as the b2 default runs.`,
        ],
      };
    });
  },
};
