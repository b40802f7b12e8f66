export * from './icon';
export * from './workflowError';
export * from './createWorkerApp';
export * from './createPlan';
export * from './configureForSync';
export * from './readiness';
export * from './secretRotation';
