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
  previewStatus: id('preview-status'),
  reportStatus: id('report-status'),
  reportTitle: '.editor-header h1',
  paragraphFirst: id('paragraph-first'),
  outputError: id('output-error'),
  backToList: id('back-to-list'),
  reportRowOf: (unit, year) => `${id('report-row')}[data-unit="${unit}"][data-year="${year}"]`,
  // Its 打开 button (WebKitWebDriver finds a table row itself not interactable).
  openReport: (unit, year) => `${id('report-row')}[data-unit="${unit}"][data-year="${year}"] ${id('open-report')}`,
  // 预览与导出: the other formats (xlsx, html, docx, exchange) and 复制网页版.
  exportAs: (format) => id(`export-${format}`),
  copyWebPage: id('copy-web-page'),
  copyResult: id('copy-result'),
  // 报告列表: 导入 and what it says.
  importReports: id('import-reports'),
  listNotice: id('list-notice'),
  listError: id('list-error'),
  // 导入结果: one line per file, with its outcome (data-outcome) and the answers to a question.
  importResults: id('import-results'),
  importSummary: id('import-summary'),
  importFile: (name) => `${id('import-file')}[data-file="${name}"]`,
  importFileOutcome: (name, outcome) => `${id('import-file')}[data-file="${name}"][data-outcome="${outcome}"]`,
  importDifference: id('import-difference'),
  takeFile: id('take-file'),
  addUnit: id('add-unit'),
  closeImportResults: id('close-import-results'),
  sendReport: (unit, year) => `${id('report-row')}[data-unit="${unit}"][data-year="${year}"] ${id('send-report')}`,
  // 预览与导出: 字体 (a <details>: its summary says the face of each role; open it for the selects).
  fonts: id('fonts'),
  fontsSummary: `${id('fonts')} summary`,
  fontUsed: (role) => id(`font-used-${role}`),
  fontChoice: (role) => id(`font-choice-${role}`),
  fontNote: id('font-note'),
  printResult: id('print-result'),
  // 读入已发布的报告 (a published report dropped or pasted): the confirmation screen.
  publishedSource: id('published-source'),
  publishedSourceName: id('published-source-name'),
  publishedUnit: id('published-unit'),
  publishedStatus: id('published-status'),
  publishedDoubtful: id('published-doubtful'),
  publishedAllRead: id('published-all-read'),
  publishedSave: id('published-save'),
  publishedCancel: id('published-cancel'),
  publishedError: id('published-error'),
  doubtfulCell: '[data-doubtful="true"]',
  replaceText: id('replace-text'),
});
