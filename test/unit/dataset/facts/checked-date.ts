import type { StepKind } from '../../../../src/shared/types';

/** [entity id, step kind, ISO date, where the date was checked by hand] */
export type CheckedDate = [string, StepKind, string, string];
