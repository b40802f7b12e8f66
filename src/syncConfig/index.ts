/** PingDataSync configuration text built from a PingOne app (no VS Code dependency). */
export { buildDsconfig, shellQuote, validateDsconfigInput, SECRET_VARIABLE, type DsconfigInput, type SyncDirection } from './dsconfig';
