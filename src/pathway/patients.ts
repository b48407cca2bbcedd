/**
 * The patients of one replication as a column store: one typed array per attribute, indexed by a
 * recycled slot; events carry the slot. No object is allocated per patient.
 *
 * Whole-number columns are Int32Arrays: a value read from one reaches a call as a small integer,
 * where the same value read from a Float64Array is boxed for the call (an allocation each time a
 * patient's segment, node or unit is passed on).
 */
import { growF64, growI32 } from "../engine/keyed-heap.js";
import { NR } from "./ledger.js";

const INITIAL_PATIENTS = 1024;

/** A patient's state at its node (Patients.state): none (between nodes, or away), in line, in service, held after service, on a care package. */
export const S_NONE = 0;
export const S_WAITING = 1;
export const S_SERVICE = 2;
export const S_BLOCKED = 3;
export const S_PACKAGE = 4;

export class Patients {
  size = INITIAL_PATIENTS;
  id = new Float64Array(INITIAL_PATIENTS);
  segment = new Int32Array(INITIAL_PATIENTS);
  band = new Int32Array(INITIAL_PATIENTS);
  source = new Int32Array(INITIAL_PATIENTS);
  keyHi = new Int32Array(INITIAL_PATIENTS);
  keyLo = new Int32Array(INITIAL_PATIENTS);
  tCall = new Float64Array(INITIAL_PATIENTS);
  tEd = new Float64Array(INITIAL_PATIENTS);
  tHospital = new Float64Array(INITIAL_PATIENTS);
  outcome = new Int32Array(INITIAL_PATIENTS);
  capEvent = new Float64Array(INITIAL_PATIENTS);
  lineHandle = new Float64Array(INITIAL_PATIENTS);
  holdUnit = new Int32Array(INITIAL_PATIENTS);
  packageHours = new Float64Array(INITIAL_PATIENTS);
  phase = new Int32Array(INITIAL_PATIENTS);
  admitted = new Int32Array(INITIAL_PATIENTS);
  decided = new Int32Array(INITIAL_PATIENTS);
  /** Node index of the unit the patient last started in. */
  unitNode = new Int32Array(INITIAL_PATIENTS);
  /** When the patient took a server at that unit, and at the unit before it (stays for Little's law). */
  unitSince = new Float64Array(INITIAL_PATIENTS);
  prevUnitSince = new Float64Array(INITIAL_PATIENTS);
  /** Units visited, one bit per node index modulo 31: a unit visited again draws afresh. */
  unitsVisited = new Int32Array(INITIAL_PATIENTS);
  /** When the current wait for a placement began. */
  since = new Float64Array(INITIAL_PATIENTS);
  /** Times this patient has re-entered after deteriorating or come back to a unit it was in (varies its draws per visit). */
  visit = new Int32Array(INITIAL_PATIENTS);
  /** Pending deterioration event, or -1. */
  worseEvent = new Float64Array(INITIAL_PATIENTS);
  /** When the patient entered the model (time in system counts from here); -1 for one diverted at the door. */
  tArrive = new Float64Array(INITIAL_PATIENTS);
  /** Hours the patient has spent blocked (held in a place after its time there, waiting for the next), all units together. */
  blockedHours = new Float64Array(INITIAL_PATIENTS);
  /** Pending patience event at a unit's line (reneging), or -1; and the node index of that unit. */
  renegeEvent = new Float64Array(INITIAL_PATIENTS);
  waitNode = new Int32Array(INITIAL_PATIENTS);
  /**
   * Per patient and resource (index slot × NR + r): when its current use began (-1 when none),
   * and its use so far within the results period. Kept only when a ledger is (release accounting).
   */
  useStart = new Float64Array(INITIAL_PATIENTS * NR).fill(-1);
  useAmount = new Float64Array(INITIAL_PATIENTS * NR);
  /**
   * Per patient and resource, likewise: when the patient began to hold it blocked (finished there,
   * waiting for the next place: boarding, delayed discharge, handover), -1 when not, and the
   * blocked part of its use so far within the results period.
   */
  blockStart = new Float64Array(INITIAL_PATIENTS * NR).fill(-1);
  blockAmount = new Float64Array(INITIAL_PATIENTS * NR);
  /** 1 once the patient's demand went unmet: it gave up (a 999 wait, a wait for care at home) or was turned away by a full unit. */
  unmet = new Int32Array(INITIAL_PATIENTS);
  /** For an elective patient, the node index of the unit whose booked list it came from + 1; 0 for everyone else. */
  elective = new Int32Array(INITIAL_PATIENTS);
  /** 1 once the patient has waited in line for a home-care package (release accounting: a change in that wait moves the care delivered in the period). */
  waitedForCare = new Int32Array(INITIAL_PATIENTS);
  /**
   * Where the patient is and in what state (for a census, pathway/census.ts): the node index, the
   * state (S_* below), when that state began and when the patient took its place at the node
   * (its server, its place in line, its package), and for a blocked patient the node it waits for.
   */
  where = new Int32Array(INITIAL_PATIENTS);
  state = new Int32Array(INITIAL_PATIENTS);
  stateSince = new Float64Array(INITIAL_PATIENTS);
  placeSince = new Float64Array(INITIAL_PATIENTS);
  nextNode = new Int32Array(INITIAL_PATIENTS);
  live = new Uint8Array(INITIAL_PATIENTS);
  private free: number[] = [];
  private next = 0;
  count = 0;

  alloc(): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.next === this.size) this.grow();
      slot = this.next++;
    }
    this.count++;
    this.live[slot] = 1;
    this.state[slot] = S_NONE;
    return slot;
  }

  /**
   * A new patient's state in `slot` at time `now`: in the model since now, in no line, holding
   * nothing, no event pending, nothing decided; its use cleared when a ledger is kept. (Its id,
   * keys, source, segment and band are the caller's.)
   */
  fresh(slot: number, now: number, ledger: boolean): void {
    this.tCall[slot] = now;
    this.tEd[slot] = -1;
    this.capEvent[slot] = -1;
    this.worseEvent[slot] = -1;
    this.renegeEvent[slot] = -1;
    this.tArrive[slot] = now;
    this.blockedHours[slot] = 0;
    this.visit[slot] = 0;
    this.unitsVisited[slot] = 0;
    this.lineHandle[slot] = -1;
    this.holdUnit[slot] = -1;
    this.admitted[slot] = 0;
    this.decided[slot] = 0;
    this.phase[slot] = 0;
    this.elective[slot] = 0;
    if (ledger) {
      this.useStart.fill(-1, slot * NR, slot * NR + NR);
      this.useAmount.fill(0, slot * NR, slot * NR + NR);
    }
  }

  release(slot: number): void {
    this.live[slot] = 0;
    this.unmet[slot] = 0;
    this.waitedForCare[slot] = 0;
    this.blockStart.fill(-1, slot * NR, slot * NR + NR);
    this.blockAmount.fill(0, slot * NR, slot * NR + NR);
    this.count--;
    this.free.push(slot);
  }

  private grow(): void {
    const n = this.size * 2;
    for (const key of ["id", "tCall", "tEd", "tHospital", "capEvent", "lineHandle", "packageHours", "unitSince", "prevUnitSince", "since", "worseEvent", "tArrive", "blockedHours", "renegeEvent", "stateSince", "placeSince"] as const) {
      this[key] = growF64(this[key], n);
    }
    for (const key of ["segment", "band", "source", "keyHi", "keyLo", "outcome", "holdUnit", "phase", "admitted", "decided", "unitNode", "unitsVisited", "visit", "unmet", "waitedForCare", "waitNode", "where", "state", "nextNode", "elective"] as const) {
      this[key] = growI32(this[key], n);
    }
    const start = new Float64Array(n * NR).fill(-1);
    start.set(this.useStart);
    this.useStart = start;
    this.useAmount = growF64(this.useAmount, n * NR);
    const blockStart = new Float64Array(n * NR).fill(-1);
    blockStart.set(this.blockStart);
    this.blockStart = blockStart;
    this.blockAmount = growF64(this.blockAmount, n * NR);
    const live = new Uint8Array(n);
    live.set(this.live);
    this.live = live;
    this.size = n;
  }
}
