/**
 * What an activity's failure says, however it ran: an activity task's failure reaches the workflow
 * wrapped in an ActivityFailure, a local activity's as the ApplicationFailure itself.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** Whether `err` is an activity's failure (task or local), as opposed to a bug in the workflow. */
export const isActivityFailure = (err: unknown): err is ActivityFailure | ApplicationFailure => err instanceof ActivityFailure || err instanceof ApplicationFailure;

/** The failure the activity raised: the wrapped cause of an activity task's, or a local activity's own. */
export const activityFailureCause = (err: unknown): unknown => (err instanceof ActivityFailure ? err.cause : err);
