/**
 * A run's behaviour book: what each patient did at the points where a mechanism of absorption
 * acts — its admission decision (drift), the stretch of its length of stay at a unit that
 * stretches stays when beds are empty (longer stays), and the fate of each elective booking
 * (elective backfill: admitted at which attempt, or cancelled). A counterfactual run of a scenario holds
 * one or more of these mechanisms at the reference run's behaviour: a patient the reference saw
 * decide takes the reference's decision, whatever the pressure now (experiment/release.ts).
 *
 * Patient ids are dense (arrival count × sources + source), so the book is typed arrays indexed
 * by id, grown by doubling: no object per patient.
 */
import type { CompiledModel } from "../model/compiled.js";
import type { BehaviourBook } from "../types.js";

/** Ids at or above this are not booked. */
export const BOOKED_IDS = 2 ** 31;

/** Patients a demand increase added have ids below 0 (pathway/arrivals.ts): never booked, never held. */
export function isAdded(id: number): boolean {
  return id < 0;
}

export class BookBuilder {
  private decisions = new Uint8Array(1 << 16);
  private stretch: Float32Array | null;
  /** Per node index: its place among the units that stretch stays, or -1. */
  readonly stretchIndex: Int32Array;
  private readonly stretchUnits: number;
  /** Per node index: elective fates by booking number (see BehaviourBook.electives). */
  private readonly electiveFates: (Int16Array | null)[];

  constructor(model: CompiledModel) {
    this.electiveFates = model.nodes.map((n) => (n.kind === "unit" && n.electives !== null ? new Int16Array(1024) : null));
    this.stretchIndex = stretchIndexOf(model);
    const k = this.stretchIndex.reduce((n, i) => (i >= 0 ? n + 1 : n), 0);
    this.stretchUnits = k;
    this.stretch = k > 0 ? new Float32Array((1 << 16) * k).fill(Number.NaN) : null;
  }

  /** Books patient `id`'s admission decision. */
  decide(id: number, admit: boolean): void {
    if (id < 0 || id >= BOOKED_IDS) return;
    if (id >= this.decisions.length) this.decisions = grown(this.decisions, id);
    this.decisions[id] = admit ? 2 : 1;
  }

  /** Books the stretch factor of patient `id`'s stay at stretching unit `node`. */
  stretched(id: number, node: number, factor: number): void {
    const k = this.stretchIndex[node]!;
    if (this.stretch === null || k < 0 || id < 0 || id >= BOOKED_IDS) return;
    const i = id * this.stretchUnits + k;
    if (i >= this.stretch.length) {
      const next = new Float32Array(Math.max(this.stretch.length * 2, (id + 1) * this.stretchUnits * 2)).fill(Number.NaN);
      next.set(this.stretch);
      this.stretch = next;
    }
    this.stretch[i] = factor;
  }

  /** Books the fate of elective booking `booking` of the list at `node`: admitted at `attempt` (1 = first), or -1 cancelled for good. */
  electiveFate(node: number, booking: number, attempt: number): void {
    let fates = this.electiveFates[node];
    if (fates === null || fates === undefined) return;
    if (booking >= fates.length) {
      let n = fates.length * 2;
      while (n <= booking) n *= 2;
      const next = new Int16Array(n);
      next.set(fates);
      fates = next;
      this.electiveFates[node] = fates;
    }
    fates[booking] = attempt;
  }

  finish(): BehaviourBook {
    return { decisions: this.decisions, stretch: this.stretch, stretchUnits: this.stretchUnits, electives: this.electiveFates };
  }
}

/** The reference's stretch factor for patient `id` at stretching unit index `k`, or NaN. */
export function heldStretchFactor(book: Float32Array, stretchUnits: number, id: number, k: number): number {
  const i = id * stretchUnits + k;
  return id >= 0 && i < book.length ? book[i]! : Number.NaN;
}

/** Per node index: its place among the units that stretch stays, or -1. */
export function stretchIndexOf(model: CompiledModel): Int32Array {
  const index = new Int32Array(model.nodes.length).fill(-1);
  let k = 0;
  for (const node of model.nodes) if (node.kind === "unit" && node.losStretch !== null) index[node.index] = k++;
  return index;
}

function grown(a: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n <= index) n *= 2;
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
