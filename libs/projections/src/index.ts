export * from './application/projection';
export * from './application/keyed-row-projection';
export * from './application/projection-engine';
export { CheckpointMoved, checkpoints } from './infrastructure/checkpoint-store';
export * from './infrastructure/read-model-data-source';
export * from './infrastructure/pglite-typeorm-driver';
export * from './read-models';
export * from './application/rebuild-beside';
