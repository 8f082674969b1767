// esbuild bundles CSS imported from the webview entry into a sibling .css file.
declare module '*.css';
