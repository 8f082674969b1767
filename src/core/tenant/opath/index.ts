export * from './ast';
export * from './errors';
export * from './lexer';
export * from './parser';
export * from './properties';
export * from './evaluate';
