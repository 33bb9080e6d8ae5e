// Every selector the e2e tests use, in one place. When the UI changes, fix it here.
// Prefer [data-testid=…] hooks over classes or text, which designers change.

const id = (name) => `[data-testid="${name}"]`;

export const S = Object.freeze({
  root: '#app',
  // "The UI has rendered": any element inside #app (the mount point is empty until Vue mounts).
  rendered: '#app > *',
  heading: '#app h1',

  // Hooks present in ui/src at the time of writing, for the flow test (not yet exercised here).
  newReport: id('new-report'),
  newUnitName: id('new-unit-name'),
  newUnitKind: id('new-unit-kind'),
  newYear: id('new-year'),
  newEdition: id('new-edition'),
  confirm: id('confirm'),
  reportRow: id('report-row'),
  tab: (t) => id(`tab-${t}`),
  grid: (table) => id(`grid-${table}`),
  cell: (key) => `[data-cell="${key}"] input`,
  cellMessage: id('cell-message'),
  finding: id('finding'),
  findingRule: (rule) => `${id('finding')}[data-rule="${rule}"]`,
  saveState: id('save-state'),
  exportPdf: id('export-pdf'),
  exportResult: id('export-result'),
  previewPage: id('preview-page'),
  reportStatus: id('report-status'),
  reportTitle: '.editor-header h1',
  paragraphFirst: id('paragraph-first'),
  outputError: id('output-error'),
});
