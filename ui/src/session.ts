// One open report and its one writer: the panes ask for edits through the intents here (setText,
// setUnitField, setParagraphs, setSignOff, setYear, editCells…); the session applies them to a new
// frozen snapshot, records undo/redo, autosaves (debounced, one transaction each) and keeps the
// findings the backend returns and the rejected cells.
import { computed, reactive, ref, shallowRef } from "vue";
import { errorMessage, type Backend, type Edition } from "./api";
import type {
  CellEditDto,
  CheckedReportDto,
  Finding,
  ParagraphDto,
  ReportDto,
  ReportKeyDto,
  ReportStatus,
  SignOffDto,
  UnitDto,
} from "./bindings";

export type SaveState = "saved" | "pending" | "saving" | "error";

export interface SessionOptions {
  /** Quiet time after the last edit before saving. */
  debounceMs?: number;
  /** Edits closer together than this are one undo step (a burst of typing). */
  coalesceMs?: number;
  /** After a failed save, try again this much later (the clerk's text is kept meanwhile). */
  retryMs?: number;
  now?: () => number;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Freezes a report and every part of it not frozen yet (the parts it shares with the
 * snapshot before it already are): a component that tried to change it in place would fail. */
function frozen<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const part of Object.values(v)) frozen(part);
  }
  return v;
}

export function createSession(backend: Backend, opened: CheckedReportDto, options: SessionOptions = {}) {
  const debounceMs = options.debounceMs ?? 600;
  const coalesceMs = options.coalesceMs ?? 1000;
  const retryMs = options.retryMs ?? 5000;
  const now = options.now ?? (() => Date.now());

  const state = shallowRef<ReportDto>(frozen(clone(opened.report)));
  /** The open report: read it, never write it (it is frozen); change it through the intents below. */
  const report = computed<Readonly<ReportDto>>(() => state.value);
  const key = ref<ReportKeyDto>({ unit_name: opened.report.unit.name, year: opened.report.year });
  const findings = shallowRef<Finding[]>(opened.findings);
  const status = ref<ReportStatus>(opened.status);
  const saveState = ref<SaveState>("saved");
  const savedAt = ref<Date | null>(null);
  const saveError = ref("");
  /** Cell key → why the typed text was refused (cleared when the cell is accepted). */
  const rejected = reactive<Record<string, string>>({});
  const cellError = ref("");

  // ---- the one place the report changes: undo / redo over snapshots, then a save scheduled
  const undoStack = shallowRef<ReportDto[]>([]);
  const redoStack = shallowRef<ReportDto[]>([]);
  let currentJson = JSON.stringify(state.value);
  let lastPush = 0;
  let forceNewStep = false;
  /** Counts undo/redo: an answer asked for before one is about a report no longer shown. */
  let restores = 0;

  /** Makes `next` the report: one undo step (edits close together share one), then a save. */
  function change(next: ReportDto, step: "coalesce" | "own" = "coalesce") {
    const json = JSON.stringify(next);
    if (json === currentJson) return;
    if (step === "own") forceNewStep = true;
    const t = now();
    if (forceNewStep || undoStack.value.length === 0 || t - lastPush > coalesceMs) {
      undoStack.value = [...undoStack.value.slice(-199), state.value];
    }
    lastPush = t;
    forceNewStep = step === "own";
    redoStack.value = [];
    state.value = frozen(next);
    currentJson = json;
    scheduleSave();
  }

  function restore(snapshot: ReportDto) {
    restores++;
    state.value = snapshot;
    currentJson = JSON.stringify(snapshot);
    forceNewStep = true;
    scheduleSave();
  }

  function undo() {
    const prev = undoStack.value[undoStack.value.length - 1];
    if (prev === undefined) return;
    undoStack.value = undoStack.value.slice(0, -1);
    redoStack.value = [...redoStack.value, state.value];
    restore(prev);
  }

  function redo() {
    const next = redoStack.value[redoStack.value.length - 1];
    if (next === undefined) return;
    redoStack.value = redoStack.value.slice(0, -1);
    undoStack.value = [...undoStack.value, state.value];
    restore(next);
  }

  /** The next edit starts a new undo step. */
  function breakUndoStep() {
    forceNewStep = true;
  }

  // ---- intents: what the panes ask for
  const r = () => state.value;

  function setText(field: "title" | "opening", text: string) {
    change({ ...r(), [field]: text });
  }

  function setUnitField<K extends keyof UnitDto>(field: K, value: UnitDto[K]) {
    change({ ...r(), unit: { ...r().unit, [field]: value } });
  }

  /** A section's paragraphs after an edit; a `structural` one (paragraphs added, removed, moved,
   * split, a level changed) starts a new undo step, the typing after it joins that step. */
  function setParagraphs(section: string, paragraphs: ParagraphDto[], structural = false) {
    if (structural) breakUndoStep();
    const sections = r().sections.map((s) => (s.key === section ? { ...s, paragraphs } : s));
    change({ ...r(), sections });
  }

  function setSignOff(signOff: SignOffDto | null) {
    change({ ...r(), sign_off: signOff }, r().sign_off === null || signOff === null ? "own" : "coalesce");
  }

  /** Another year; when it calls for another edition the backend moves the figures over
   * (rejects with the backend's error, the report unchanged). */
  async function setYear(year: number, edition: Edition): Promise<void> {
    const before = r();
    if (year === before.year) return;
    if (edition === before.edition) {
      change({ ...before, year });
      return;
    }
    const asked = restores;
    const changed = await backend.changeEdition(clone({ ...before, year }), edition);
    if (asked !== restores) return;
    change(changed.report, "own");
    findings.value = changed.findings;
    status.value = changed.status;
  }

  /** Replaces the title or the opening with the one the format suggests (undo restores). */
  async function applyDefaultText(field: "title" | "opening"): Promise<void> {
    const asked = restores;
    const texts = await backend.defaultTexts(clone(r()));
    if (asked === restores) change({ ...r(), [field]: texts[field] }, "own");
  }

  // ---- saving
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let dirty = false;

  function scheduleSave() {
    dirty = true;
    if (saveState.value !== "saving") saveState.value = "pending";
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void save();
    }, debounceMs);
  }

  async function save(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (inFlight) {
      await inFlight;
      if (dirty) return save();
      return;
    }
    if (!dirty) return;
    dirty = false;
    saveState.value = "saving";
    const snapshot = clone(state.value);
    inFlight = (async () => {
      try {
        const saved = await backend.saveReport(key.value, snapshot);
        key.value = saved.key;
        findings.value = saved.findings;
        status.value = saved.status;
        savedAt.value = new Date(now());
        saveError.value = "";
        saveState.value = dirty ? "pending" : "saved";
      } catch (e) {
        // Keep the clerk's text: the report stays as typed and is saved again on the next edit
        // or on 保存 (Ctrl+S).
        dirty = true;
        saveError.value = errorMessage(e);
        saveState.value = "error";
        if (!timer) timer = setTimeout(() => { timer = null; void save(); }, retryMs);
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
    if (dirty && (saveState.value as SaveState) !== "error") return save();
  }

  /** Saves now whatever is pending (Ctrl+S, leaving the editor, window blur). */
  async function flush(): Promise<void> {
    if (!dirty && !inFlight && saveState.value === "saved") {
      // Nothing to write: the store already holds exactly this report.
      savedAt.value = new Date(now());
      return;
    }
    await save();
  }

  // ---- cells
  // Cell edits run one after another, each on the figures the previous one returned: a clerk
  // typing fast through a grid must not have one cell's answer overwrite another's.
  let cellQueue: Promise<void> = Promise.resolve();
  function editCells(edits: CellEditDto[]): Promise<void> {
    if (edits.length === 0) return cellQueue;
    cellQueue = cellQueue.then(() => applyCells(edits));
    return cellQueue;
  }

  /** Fills every total from the figures it sums (a published report may have been imported
   * with wrong totals, which the clerk cannot type over). */
  function refillTotals(): Promise<void> {
    cellQueue = cellQueue.then(() => applyCells([]));
    return cellQueue;
  }

  async function applyCells(edits: CellEditDto[]): Promise<void> {
    try {
      const result = await backend.editCells(clone(state.value), edits);
      for (const e of edits) delete rejected[e.key];
      for (const r of result.rejected) rejected[r.key] = r.message;
      cellError.value = "";
      // Only the figures change in a cell edit: prose typed meanwhile stays as it is.
      breakUndoStep();
      change({ ...r(), figures: result.checked.report.figures }, "own");
      findings.value = result.checked.findings;
      status.value = result.checked.status;
    } catch (e) {
      cellError.value = errorMessage(e);
    }
  }

  const errors = computed(() => findings.value.filter((f) => f.severity === "error"));
  const warnings = computed(() => findings.value.filter((f) => f.severity === "warning"));
  const canUndo = computed(() => undoStack.value.length > 0);
  const canRedo = computed(() => redoStack.value.length > 0);
  const hasPendingSave = () => dirty || inFlight !== null;

  return {
    report,
    key,
    findings,
    status,
    errors,
    warnings,
    saveState,
    savedAt,
    saveError,
    rejected,
    cellError,
    canUndo,
    canRedo,
    undo,
    redo,
    setText,
    setUnitField,
    setParagraphs,
    setSignOff,
    setYear,
    applyDefaultText,
    editCells,
    refillTotals,
    save,
    flush,
    hasPendingSave,
  };
}

export type Session = ReturnType<typeof createSession>;
