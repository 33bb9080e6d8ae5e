// One open report: the clerk's edits, autosave (debounced, one transaction each), the findings
// the backend returns, rejected cells and undo/redo over report snapshots.
import { computed, reactive, ref, shallowRef, watch } from "vue";
import { errorMessage, type Backend } from "./api";
import type {
  CellEditDto,
  CheckedReportDto,
  Finding,
  ReportDto,
  ReportKeyDto,
  ReportStatus,
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

export function createSession(backend: Backend, opened: CheckedReportDto, options: SessionOptions = {}) {
  const debounceMs = options.debounceMs ?? 600;
  const coalesceMs = options.coalesceMs ?? 1000;
  const retryMs = options.retryMs ?? 5000;
  const now = options.now ?? (() => Date.now());

  const report = ref<ReportDto>(clone(opened.report));
  const key = ref<ReportKeyDto>({ unit_name: opened.report.unit.name, year: opened.report.year });
  const findings = shallowRef<Finding[]>(opened.findings);
  const status = ref<ReportStatus>(opened.status);
  const saveState = ref<SaveState>("saved");
  const savedAt = ref<Date | null>(null);
  const saveError = ref("");
  /** Cell key → why the typed text was refused (cleared when the cell is accepted). */
  const rejected = reactive<Record<string, string>>({});
  const cellError = ref("");

  // ---- undo / redo over snapshots
  const undoStack = ref<string[]>([]);
  const redoStack = ref<string[]>([]);
  let current = JSON.stringify(report.value);
  let lastPush = 0;
  let restoring = false;
  let forceNewStep = false;

  watch(
    report,
    () => {
      const next = JSON.stringify(report.value);
      if (next === current) return;
      if (!restoring) {
        const t = now();
        if (forceNewStep || undoStack.value.length === 0 || t - lastPush > coalesceMs) {
          undoStack.value.push(current);
          if (undoStack.value.length > 200) undoStack.value.shift();
        }
        lastPush = t;
        forceNewStep = false;
        redoStack.value = [];
      }
      current = next;
      scheduleSave();
    },
    { deep: true, flush: "sync" },
  );

  function restore(snapshot: string) {
    restoring = true;
    try {
      report.value = JSON.parse(snapshot) as ReportDto;
    } finally {
      restoring = false;
    }
    forceNewStep = true;
  }

  function undo() {
    const prev = undoStack.value.pop();
    if (prev === undefined) return;
    redoStack.value.push(current);
    restore(prev);
  }

  function redo() {
    const next = redoStack.value.pop();
    if (next === undefined) return;
    undoStack.value.push(current);
    restore(next);
  }

  /** The next edit starts a new undo step (e.g. after a structural change). */
  function breakUndoStep() {
    forceNewStep = true;
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
    const snapshot = clone(report.value);
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
      const result = await backend.editCells(clone(report.value), edits);
      for (const e of edits) delete rejected[e.key];
      for (const r of result.rejected) rejected[r.key] = r.message;
      cellError.value = "";
      breakUndoStep();
      // Only the figures change in a cell edit: prose typed meanwhile stays as it is.
      report.value.figures = result.checked.report.figures;
      breakUndoStep();
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
    breakUndoStep,
    editCells,
    refillTotals,
    save,
    flush,
    hasPendingSave,
  };
}

export type Session = ReturnType<typeof createSession>;
