/**
 * node:http as CommonJS code sees it. Imported as an ES module instead, Node builds a namespace of
 * every export, which reads its lazy `WebSocket`, `MessageEvent` and `CloseEvent` properties and so
 * loads Node's whole fetch implementation (undici): about 13 MB of memory per process, measured,
 * for a server that may never call fetch. Types still come from `import type … from 'node:http'`.
 */
export const http = process.getBuiltinModule('node:http');
