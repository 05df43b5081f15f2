// A small annotation as the background answers it (one organisation, mentioned once), for the tests
// of the request port's two parts on both sides of it.

import type { DatasetInfo } from '../../../src/shared/messages';
import type { Entity, Mention } from '../../../src/shared/types';

export const DATASET_INFO: DatasetInfo = {
  version: 'v1',
  date: '2026-11-27',
  entityCount: 1,
  counts: { treaty: 0, event: 0, organization: 1 },
  source: 'bundled',
  seededAt: '2026-12-01T00:00:00.000Z',
};

export const NATO_MENTIONS = [
  { entityId: 'nato', start: 0, end: 4, surface: 'NATO', type: 'organization' },
] as unknown as Mention[];

export const NATO = { id: 'nato', type: 'organization' } as unknown as Entity;
