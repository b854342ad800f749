import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import type { Flag } from './flag';

/** A rule: a pure function of a child's projected timeline, the settings and the evaluation instant. */
export type Detector = (timeline: ChildTimeline, settings: DetectionSettings, asOf: string) => Flag[];
