// Typed messages shared by the extension and its counterparts (webviews, renderers, server, tests).
// Imports nothing: browser code (media/) may import this folder.
export * from './testEvents';
export * from './exqLanguage';
export * from './timeline';
export * from './notebook';
export * from './notebookValues';
